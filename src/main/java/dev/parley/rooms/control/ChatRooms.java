package dev.parley.rooms.control;

import dev.parley.backplane.control.Attendance;
import dev.parley.backplane.control.History;
import dev.parley.backplane.control.Seats;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventType;
import dev.parley.chat.Member;
import dev.parley.chat.MemberSummary;
import dev.parley.chat.Names;
import dev.parley.chat.RoomSummary;
import dev.parley.problems.Problems;
import dev.parley.rooms.entity.Joined;
import dev.parley.rooms.entity.Replay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * The rooms: joining and leaving, saying something, reading history. What a request may do is decided here;
 * the backplane stores the result and delivers the events.
 */
@ApplicationScoped
public class ChatRooms {

    private final Seats seats;
    private final History history;
    private final Attendance attendance;
    private final Presence presence;
    private final RateLimiter rateLimiter;
    private final RoomSettings settings;
    private final Clock clock;
    private final Counter posted;

    @Inject
    public ChatRooms(Seats seats, History history, Attendance attendance, Presence presence, RateLimiter rateLimiter,
                     RoomSettings settings, Clock clock,
                     @Metric(name = "parley.messages.posted", absolute = true) Counter posted) {
        this.seats = seats;
        this.history = history;
        this.attendance = attendance;
        this.presence = presence;
        this.rateLimiter = rateLimiter;
        this.settings = settings;
        this.clock = clock;
        this.posted = posted;
    }

    protected ChatRooms() {
        // for the CDI client proxy only
        this(null, null, null, null, null, null, null, null);
    }

    public List<RoomSummary> rooms() {
        return attendance.rooms();
    }

    public Joined join(String room, String requestedName, String client) {
        rateLimiter.acquireJoin(client);
        String username = Names.username(requestedName)
                .orElseThrow(() -> Problems.badRequest("invalid-username", "username must be 1 to 32 letters, "
                        + "digits, '_', '-' or '.', with no spaces, invisible or control characters"));
        String token = Tokens.issue();
        int maxNames = rateLimiter.maxNamesPerClient();
        return switch (seats.take(Member.of(room, username), Tokens.hash(token), client, maxNames, clock.instant())) {
            case TAKEN -> new Joined(room, username, token);
            case NAME_TAKEN -> throw Problems.nameTaken(username, room);
            // a name is freed when it leaves, or when it has been idle for parley.member.idle-seconds
            case CLIENT_FULL -> throw Problems.clientLimit(maxNames + " names already; leave one first", 60);
            case TOO_MANY_ROOMS -> throw Problems.unavailable("too-many-rooms", "Too many rooms",
                    "This server holds as many rooms as it may; join an existing room.", 60);
        };
    }

    /** The member the token speaks for, in this room only. */
    public Member authenticate(String room, Optional<String> token) {
        return token.filter(t -> !t.isEmpty())
                .flatMap(t -> seats.holder(Tokens.hash(t)))
                .filter(member -> member.room().equals(room))
                .orElseThrow(() -> Problems.unauthorized(token.isEmpty()
                        ? "This request needs the token returned by joining the room."
                        : "The token is not valid for this room; join again."));
    }

    public void leave(String room, Optional<String> token) {
        if (!presence.leave(authenticate(room, token))) {
            throw Problems.unauthorized("The token is not valid for this room; join again.");
        }
    }

    public ChatEvent post(String room, Optional<String> token, String rawText, String client) {
        Member member = authenticate(room, token);
        String text = Texts.message(rawText, settings.maxTextLength());
        rateLimiter.acquirePost(member, client);
        seats.touch(member, clock.instant());
        ChatEvent event = history.append(room, EventType.USERMESSAGE, member.username(), text, clock.instant());
        posted.inc();
        return event;
    }

    public List<MemberSummary> members(String room) {
        return attendance.connected(room);
    }

    public List<ChatEvent> messages(String room, String before, String limit) {
        int count = pageSize(limit);
        return history.messagesBefore(room, before, count)
                .orElseThrow(() -> Problems.badRequest("unknown-id",
                        "There is no event with that id in this room's retained history."));
    }

    private int pageSize(String limit) {
        if (limit == null) {
            return settings.pageSize();
        }
        try {
            int count = Integer.parseInt(limit);
            if (count >= 1 && count <= settings.maxPageSize()) {
                return count;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problems.badRequest("invalid-limit", "limit must be a whole number from 1 to " + settings.maxPageSize() + ".");
    }

    /** What a stream opening now receives first: everything after the id it has, or the latest events. */
    public Replay replay(String room, String lastEventId) {
        if (lastEventId == null || lastEventId.isEmpty()) {
            return new Replay(false, null, history.latest(room, settings.replay()));
        }
        return history.after(room, lastEventId)
                .map(events -> new Replay(false, lastEventId, events))
                .orElseGet(() -> new Replay(true, null, history.latest(room, settings.replay())));
    }

    /** A member's stream opened; false when the member has left meanwhile and the stream must close. */
    public boolean streamOpened(Member member, AutoCloseable stream) {
        return presence.opened(member, stream);
    }

    public void streamClosed(Member member, AutoCloseable stream) {
        presence.closed(member, stream);
    }
}
