package dev.parley.rooms.control;

import static dev.parley.platform.Settings.atLeast;

import dev.parley.backplane.control.Backplane;
import dev.parley.problems.Problems;
import dev.parley.rooms.entity.ChatEvent;
import dev.parley.rooms.entity.EventType;
import dev.parley.rooms.entity.Joined;
import dev.parley.rooms.entity.Member;
import dev.parley.rooms.entity.MemberSummary;
import dev.parley.rooms.entity.Names;
import dev.parley.rooms.entity.Replay;
import dev.parley.rooms.entity.RoomSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The rooms: joining and leaving, saying something, reading history. What a request may do is decided here;
 * the backplane stores the result and delivers the events.
 */
@ApplicationScoped
public class ChatRooms {

    private final Backplane backplane;
    private final Presence presence;
    private final RateLimiter rateLimiter;
    private final Counter posted;
    private final Limits limits;
    private final Clock clock;

    /** The configured limits of what a request may ask for. */
    public record Limits(int maxTextLength, int replay, int pageSize, int maxPageSize) {
    }

    @Inject
    public ChatRooms(Backplane backplane, Presence presence, RateLimiter rateLimiter, MetricRegistry metrics,
                     @ConfigProperty(name = "parley.message.max-length") int maxTextLength,
                     @ConfigProperty(name = "parley.history.replay") int replay,
                     @ConfigProperty(name = "parley.history.page-size") int pageSize,
                     @ConfigProperty(name = "parley.history.page-max") int maxPageSize) {
        this(backplane, presence, rateLimiter, metrics.counter("parley.messages.posted"),
                new Limits(atLeast("parley.message.max-length", maxTextLength, 1), atLeast("parley.history.replay", replay, 0),
                        atLeast("parley.history.page-size", pageSize, 1),
                        atLeast("parley.history.page-max", maxPageSize, pageSize)), Clock.systemUTC());
        metrics.gauge("parley.members.connected", backplane,
                b -> b.rooms().stream().mapToInt(RoomSummary::members).sum());
    }

    public ChatRooms(Backplane backplane, Presence presence, RateLimiter rateLimiter, Counter posted, Limits limits,
                     Clock clock) {
        this.backplane = backplane;
        this.presence = presence;
        this.rateLimiter = rateLimiter;
        this.posted = posted;
        this.limits = limits;
        this.clock = clock;
    }

    protected ChatRooms() {
        // for the CDI client proxy only
        this(null, null, null, null, null, null);
    }

    /** Created at startup, so its metrics exist before the first request. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
    }

    public List<RoomSummary> rooms() {
        return backplane.rooms();
    }

    public Joined join(String room, String requestedName) {
        String username = Names.username(requestedName)
                .orElseThrow(() -> Problems.badRequest("invalid-username", "username must be 1 to 32 letters, "
                        + "digits, '_', '-' or '.', with no spaces or control characters"));
        String token = Tokens.issue();
        return switch (backplane.join(Member.of(room, username), Tokens.hash(token), clock.instant())) {
            case JOINED -> new Joined(room, username, token);
            case NAME_TAKEN -> throw Problems.nameTaken(username, room);
            case TOO_MANY_ROOMS -> throw Problems.unavailable("too-many-rooms", "Too many rooms",
                    "This server holds as many rooms as it may; join an existing room.", 60);
        };
    }

    /** The member the token speaks for, in this room only. */
    public Member authenticate(String room, Optional<String> token) {
        return token.filter(t -> !t.isEmpty())
                .flatMap(t -> backplane.member(Tokens.hash(t)))
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

    public ChatEvent post(String room, Optional<String> token, String rawText) {
        Member member = authenticate(room, token);
        String text = Texts.message(rawText, limits.maxTextLength());
        rateLimiter.acquire(member);
        backplane.touch(member, clock.instant());
        ChatEvent event = backplane.publish(room, EventType.USERMESSAGE, member.username(), text);
        posted.inc();
        return event;
    }

    public List<MemberSummary> members(String room) {
        return backplane.connected(room);
    }

    public List<ChatEvent> messages(String room, String before, String limit) {
        int count = pageSize(limit);
        return backplane.messages(room, before, count)
                .orElseThrow(() -> Problems.badRequest("unknown-id",
                        "There is no event with that id in this room's retained history."));
    }

    private int pageSize(String limit) {
        if (limit == null) {
            return limits.pageSize();
        }
        try {
            int count = Integer.parseInt(limit);
            if (count >= 1 && count <= limits.maxPageSize()) {
                return count;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problems.badRequest("invalid-limit", "limit must be a whole number from 1 to " + limits.maxPageSize() + ".");
    }

    /** What a stream opening now receives first: everything after the id it has, or the latest events. */
    public Replay replay(String room, String lastEventId) {
        if (lastEventId == null || lastEventId.isEmpty()) {
            return new Replay(false, null, backplane.latest(room, limits.replay()));
        }
        return backplane.after(room, lastEventId)
                .map(events -> new Replay(false, lastEventId, events))
                .orElseGet(() -> new Replay(true, null, backplane.latest(room, limits.replay())));
    }

    /** A member's stream opened; false when the member has left meanwhile and the stream must close. */
    public boolean streamOpened(Member member, AutoCloseable stream) {
        return presence.opened(member, stream);
    }

    public void streamClosed(Member member, AutoCloseable stream) {
        presence.closed(member, stream);
    }
}
