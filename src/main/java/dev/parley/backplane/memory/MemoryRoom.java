package dev.parley.backplane.memory;

import dev.parley.backplane.control.Delivery;
import dev.parley.backplane.control.RoomRules;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventType;
import dev.parley.chat.Member;
import dev.parley.chat.MemberSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One room of the embedded backplane: its names, presence marks and history, all guarded by the room itself
 * ({@code synchronized (room)}), so a change and the event that records it happen in one step. Events appended
 * under the lock wait in an outbox and are delivered after it is released, in order, by one thread at a time.
 */
final class MemoryRoom {

    private static final Logger LOG = Logger.getLogger(MemoryRoom.class.getName());

    final String name;
    final EventLog log;
    // guarded by this
    final Map<String, Seat> seats = new HashMap<>();
    final Map<String, String> lookAlikes = new HashMap<>();
    final Map<String, MemberSummary> connected = new HashMap<>();
    final Map<String, Instant> holds = new HashMap<>();
    // guarded by this: the moderators' rules (RoomRules)
    final Map<String, RoomRules.Ban> bans = new HashMap<>();
    Duration slowMode = Duration.ZERO;
    // ids are microseconds since the epoch, nudged forward to stay unique: a restarted server never reuses an id an
    // old client still holds
    private long lastId;
    // guarded by this: the last name taken or event appended, a server's hold, and whether the room was freed (a
    // caller that found it just before must make it again)
    Instant lastActive = Instant.MIN;
    Instant heldUntil = Instant.MIN;
    boolean freed;
    private final List<ChatEvent> outbox = new ArrayList<>();
    // guarded by this: posts made with an idempotency key, by author and key, oldest first
    private final Map<String, Keyed> keyed = new LinkedHashMap<>();
    private boolean delivering;

    MemoryRoom(String name, int retain) {
        this.name = name;
        this.log = new EventLog(retain);
    }

    /** Appends under the next id; the caller holds the room's lock and then calls {@link #deliverPending}. */
    ChatEvent appendLocked(EventType type, String username, String text, Instant now) {
        return appendLocked(new ChatEvent(name, null, type, username, now, text));
    }

    /** Appends the event (whose id is ignored) under the next id, as {@link #appendLocked(EventType, String, String, Instant)}. */
    ChatEvent appendLocked(ChatEvent draft) {
        lastId = Math.max(ChronoUnit.MICROS.between(Instant.EPOCH, draft.time()), lastId + 1);
        ChatEvent event = new ChatEvent(name, Long.toString(lastId), draft.type(), draft.username(), draft.time(),
                draft.message(), draft.text(), draft.edited(), draft.deleted(), draft.by(), draft.author(), draft.trace());
        lastActive = draft.time();
        log.add(event);
        outbox.add(event);
        return event;
    }

    /** Whether a moderator's rule still holds here (a ban not over, a slow mode on): such a room is not freed. */
    boolean ruledLocked(Instant now) {
        return !slowMode.isZero() || bans.values().stream().anyMatch(ban -> ban.until().isAfter(now));
    }

    /** The author's earlier post with this key, if it is still remembered at this time; the caller holds the lock. */
    Optional<Keyed> keyedLocked(String author, String key, Instant now) {
        // entries are added in time order with one lifetime, so the expired ones are at the head
        Iterator<Keyed> oldest = keyed.values().iterator();
        while (oldest.hasNext()) {
            if (oldest.next().expires().isAfter(now)) {
                break;
            }
            oldest.remove();
        }
        return Optional.ofNullable(keyed.get(author + '\n' + key));
    }

    void keyLocked(String author, String key, Keyed post) {
        keyed.put(author + '\n' + key, post);
    }

    /** A post made with an idempotency key: what answers it again, without its text (only a digest). */
    record Keyed(String id, String username, Instant time, String digest, Instant expires) {
    }

    /**
     * Delivers what was appended, outside the room's lock. Whoever finds the outbox busy leaves its events to the
     * thread already delivering, which loops until the outbox is empty: ids stay in order, nothing is left behind.
     */
    void deliverPending(Delivery delivery) {
        while (true) {
            List<ChatEvent> batch;
            synchronized (this) {
                if (delivering || outbox.isEmpty()) {
                    return;
                }
                delivering = true;
                batch = List.copyOf(outbox);
                outbox.clear();
            }
            try {
                for (ChatEvent event : batch) {
                    try {
                        delivery.deliver(event);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "delivering an event failed", e);
                    }
                }
            } finally {
                synchronized (this) {
                    delivering = false;
                }
            }
        }
    }

    /** A taken name. */
    static final class Seat {
        final Member member;
        final String tokenHash;
        final String client;
        Instant lastActive;

        Seat(Member member, String tokenHash, String client, Instant lastActive) {
            this.member = member;
            this.tokenHash = tokenHash;
            this.client = client;
            this.lastActive = lastActive;
        }
    }
}
