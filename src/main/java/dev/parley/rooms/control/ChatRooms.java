package dev.parley.rooms.control;

import dev.parley.backplane.control.Attendance;
import dev.parley.backplane.control.Digests;
import dev.parley.backplane.control.History;
import dev.parley.backplane.control.Messages;
import dev.parley.backplane.control.RoomRules;
import dev.parley.backplane.control.Seats;
import dev.parley.backplane.control.Signals;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventIds;
import dev.parley.chat.Member;
import dev.parley.chat.MemberSummary;
import dev.parley.chat.Names;
import dev.parley.chat.RoomSummary;
import dev.parley.problems.Problems;
import dev.parley.security.control.JwtIdentity;
import dev.parley.security.control.JwtVerifier;
import dev.parley.rooms.entity.Joined;
import dev.parley.rooms.entity.Replay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

/**
 * The rooms: joining and leaving, saying something, editing and deleting it, typing, reading history. What a request
 * may do is decided here; the backplane stores the result and delivers the events.
 */
@ApplicationScoped
public class ChatRooms {

    private final Seats seats;
    private final History history;
    private final Messages messages;
    private final Signals signals;
    private final RoomRules rules;
    private final Attendance attendance;
    private final Presence presence;
    private final RateLimiter rateLimiter;
    private final JwtVerifier jwts;
    private final RoomSettings settings;
    private final Clock clock;
    private final Counter posted;

    @Inject
    public ChatRooms(Seats seats, History history, Messages messages, Signals signals, RoomRules rules,
                     Attendance attendance, Presence presence, RateLimiter rateLimiter, JwtVerifier jwts,
                     RoomSettings settings, Clock clock,
                     @Metric(name = "parley.messages.posted", absolute = true) Counter posted) {
        this.seats = seats;
        this.history = history;
        this.messages = messages;
        this.signals = signals;
        this.rules = rules;
        this.attendance = attendance;
        this.presence = presence;
        this.rateLimiter = rateLimiter;
        this.jwts = jwts;
        this.settings = settings;
        this.clock = clock;
        this.posted = posted;
    }

    protected ChatRooms() {
        // for the CDI client proxy only
        this(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public List<RoomSummary> rooms() {
        return attendance.rooms();
    }

    /**
     * Reserves a name in the room. With Parley's tokens, the name asked for, and a new token; with a host's JWTs
     * ({@code parley.auth=jwt}), the JWT's name, and the JWT itself is the token (joining again is no clash).
     */
    public Joined join(String room, String requestedName, String client, Optional<String> bearer) {
        rateLimiter.acquireJoin(client);
        Optional<JwtIdentity> user = jwts.enabled() ? Optional.of(jwtUser(bearer)) : Optional.empty();
        String asked = user.map(JwtIdentity::username).orElse(requestedName);
        if (asked == null) {
            throw Problems.badRequest("invalid", "username is required");
        }
        String username = Names.username(asked)
                .orElseThrow(() -> Problems.badRequest("invalid-username", (user.isPresent() ? "Your login name" : "username")
                        + " must be 1 to 32 letters, digits, '_', '-' or '.', with no spaces, invisible or control "
                        + "characters, and not 'me'"));
        if (user.isPresent() && requestedName != null && !requestedName.strip().equals(asked)) {
            throw Problems.badRequest("invalid-username", "Your name here is your login name; send none, or that one.");
        }
        Member member = Member.of(room, username);
        refuseBanned(room, Optional.of(member), client);
        String token = user.isPresent() ? bearer.orElseThrow() : Tokens.issue();
        String tag = user.map(identity -> seatTag(identity, room)).orElseGet(() -> Tokens.hash(token));
        int maxNames = rateLimiter.maxNamesPerClient();
        return switch (seats.take(member, tag, client, maxNames, clock.instant())) {
            case TAKEN -> new Joined(room, username, user.isPresent() ? null : token);
            // the same login joining again (another tab, another device) holds the name already
            case NAME_TAKEN -> seats.holder(room, tag)
                    .map(held -> new Joined(room, held.username(), null))
                    .orElseThrow(() -> Problems.nameTaken(username, room));
            // a name is freed when it leaves, or when it has been idle for parley.member.idle-seconds
            case CLIENT_FULL -> throw Problems.clientLimit(maxNames + " names already; leave one first", 60);
            case TOO_MANY_ROOMS -> throw Problems.unavailable("too-many-rooms", "Too many rooms",
                    "This server holds as many rooms as it may; join an existing room.", 60);
        };
    }

    /** The user of a valid JWT; anything else is 401. */
    private JwtIdentity jwtUser(Optional<String> bearer) {
        return bearer.flatMap(jwts::verify).orElseThrow(() -> Problems.unauthorized(
                "This server's members are its host's users: send your login's JWT as the bearer token."));
    }

    /** The seat of a JWT user in a room: by issuer and subject, which stay when a name changes hands. */
    private static String seatTag(JwtIdentity user, String room) {
        return Digests.of("jwt\n" + user.issuer() + "\n" + user.subject() + "\n" + room);
    }

    /**
     * Refuses with 403 (and the ban's reason and end) a member whose name, or a client whose address, a moderator
     * banned from the room.
     */
    public void refuseBanned(String room, Optional<Member> member, String client) {
        rules.find(room, member.map(Member::key).orElse(null), member.map(Member::lookAlikeKey).orElse(null), client,
                clock.instant()).ifPresent(ban -> {
                    throw Problems.banned(room, ban.reason(), ban.until());
                });
    }

    /** The member the token speaks for, in this room only. */
    public Member authenticate(String room, Optional<String> token) {
        return speaker(room, token).member();
    }

    /**
     * Who a request speaks for: its member, and the tag its messages carry as their author's. The tag is the seat's
     * (its token's hash), not the name's: a name freed and taken again by someone else edits nothing of before.
     */
    private record Speaker(Member member, String tag) {
    }

    private Speaker speaker(String room, Optional<String> token) {
        if (jwts.enabled()) {
            String tag = seatTag(jwtUser(token), room);
            return seats.holder(room, tag)
                    .map(member -> new Speaker(member, tag))
                    .orElseThrow(() -> Problems.unauthorized("Join this room first."));
        }
        String hash = token.filter(t -> !t.isEmpty()).map(Tokens::hash).orElse(null);
        return Optional.ofNullable(hash)
                .flatMap(tokenHash -> seats.holder(room, tokenHash))
                .map(member -> new Speaker(member, hash))
                .orElseThrow(() -> Problems.unauthorized(token.isEmpty()
                        ? "This request needs the token returned by joining the room."
                        : "The token is not valid for this room; join again."));
    }

    public void leave(String room, Optional<String> token) {
        if (!presence.leave(authenticate(room, token))) {
            throw Problems.unauthorized("The token is not valid for this room; join again.");
        }
    }

    /**
     * Says something. With an idempotency key, the same key and text again within its lifetime answers the first
     * post (marked {@link Messages.Posted#repeated()}) and says nothing; another text with it is refused with 422.
     */
    public Messages.Posted post(String room, Optional<String> token, String rawText, String client,
                                String idempotencyKey) {
        Speaker speaker = speaker(room, token);
        String text = Texts.message(rawText, settings.maxTextLength());
        String key = IdempotencyKeys.parse(idempotencyKey, settings.maxKeyLength()).orElse(null);
        rateLimiter.acquireMessage(speaker.member(), client);
        Instant now = clock.instant();
        seats.touch(speaker.member(), now);
        Messages.Posted posted = messages.post(room, speaker.member().username(), speaker.tag(), text, key,
                settings.keyLifetime(), now);
        if (posted.mismatch()) {
            throw Problems.unprocessable("idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was sent with another message in the last "
                            + settings.keyLifetime().toSeconds() + " s; a new message needs a new key.");
        }
        if (!posted.repeated()) {
            this.posted.inc();
        }
        return posted;
    }

    /** The author replaces the text of a message of theirs, within the edit window; the answer is the message now. */
    public ChatEvent edit(String room, Optional<String> token, String messageId, String rawText, String client) {
        Speaker speaker = speaker(room, token);
        String text = Texts.message(rawText, settings.maxTextLength());
        requireWellFormed(messageId);
        rateLimiter.acquirePost(speaker.member(), client);
        Instant now = clock.instant();
        seats.touch(speaker.member(), now);
        Instant editableSince = settings.editWindow().isZero() ? Instant.MAX : now.minus(settings.editWindow());
        return changed(messages.edit(room, messageId, speaker.tag(), text, editableSince, now)).message();
    }

    /** The author deletes a message of theirs; deleting it again changes nothing, and is no error. */
    public void delete(String room, Optional<String> token, String messageId, String client) {
        Speaker speaker = speaker(room, token);
        requireWellFormed(messageId);
        rateLimiter.acquirePost(speaker.member(), client);
        Instant now = clock.instant();
        seats.touch(speaker.member(), now);
        Messages.Change change = messages.delete(room, messageId, speaker.tag(), now);
        if (change.refusal() != Messages.Refusal.DELETED) {
            changed(change);
        }
    }

    /** The member is typing: told to the room's streams, at most once per member per typing interval. */
    public void typing(String room, Optional<String> token) {
        Member member = authenticate(room, token);
        Instant now = clock.instant();
        if (rateLimiter.admitTyping(member, settings.typingInterval())) {
            signals.send(ChatEvent.typing(room, member.username(), now));
        }
    }

    private static void requireWellFormed(String messageId) {
        if (!EventIds.isWellFormed(messageId)) {
            throw unknownMessage();
        }
    }

    private Messages.Change changed(Messages.Change change) {
        if (change.refusal() == null) {
            return change;
        }
        throw switch (change.refusal()) {
            case UNKNOWN -> unknownMessage();
            case NOT_AUTHOR -> Problems.forbidden("not-author", "Only its author can change this message.");
            case DELETED -> Problems.conflict("message-deleted", "Message deleted", "This message has been deleted.");
            case TOO_OLD -> Problems.conflict("edit-window-closed", "Too late to edit", settings.editWindow().isZero()
                    ? "Messages cannot be edited on this server."
                    : "Messages can be edited for " + settings.editWindow().toSeconds() + " s after they are posted.");
        };
    }

    static RuntimeException unknownMessage() {
        return Problems.notFound("unknown-message", "There is no message with that id in this room's retained history.");
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
