package dev.parley.backplane.control;

import dev.parley.rooms.entity.ChatEvent;
import dev.parley.rooms.entity.EventType;
import dev.parley.rooms.entity.Member;
import dev.parley.rooms.entity.MemberSummary;
import dev.parley.rooms.entity.RoomSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Room state, shared by every server that uses the same backplane. Each new event is delivered to this
 * server's listeners as a CDI {@code ChatEvent} event, in id order within its room.
 *
 * <p>Presence across servers: a server holds each member it has a stream of, until a given time; heartbeats
 * extend the hold, the last stream closing shortens it to the grace period. A member is disconnected once no
 * server holds it, so a server that dies without a word loses its members when their holds lapse.
 *
 * <p>Every operation may throw {@link BackplaneUnavailableException} while the shared store is unreachable.
 */
public interface Backplane {

    enum JoinOutcome { JOINED, NAME_TAKEN, TOO_MANY_ROOMS }

    /** Reserves the member's name in its room for the holder of the token with this hash. */
    JoinOutcome join(Member member, String tokenHash, Instant now);

    Optional<Member> member(String tokenHash);

    /** Records activity, so the name does not expire. */
    void touch(Member member, Instant now);

    /** Frees the name and its token; false when it was no longer held. */
    boolean leave(Member member);

    /** Frees every name with no activity since the cutoff and returns them. */
    List<Member> expire(Instant idleSince);

    /**
     * Counts one post in the member's sliding window, unless it is full.
     *
     * @return zero when admitted, otherwise how long until the window has room
     */
    Duration admit(Member member, int messages, Duration window, Instant now);

    /**
     * This server holds these members (each has a stream open here) until the given time, and they are active.
     *
     * @return the members that are no longer joined (left, or expired)
     */
    Set<Member> hold(Collection<Member> members, Instant now, Instant until);

    /** Marks the member connected and publishes {@code userconnect}: once, whichever server asks first. */
    Optional<ChatEvent> connect(Member member, Instant now);

    /**
     * Marks the member disconnected and publishes {@code userdisconnect}, once, unless some server still holds
     * it (or regardless, when it leaves or expires).
     */
    Optional<ChatEvent> disconnect(Member member, Instant now, boolean evenIfHeld);

    /** Disconnects every connected member no server holds any more: the members of a server that died. */
    List<ChatEvent> disconnectUnheld(Instant now);

    List<MemberSummary> connected(String room);

    List<RoomSummary> rooms();

    /** Appends to the room's history under the next id, then delivers it. */
    ChatEvent publish(String room, EventType type, String username, String text);

    /** The newest events, oldest first. */
    List<ChatEvent> latest(String room, int count);

    /** Every retained event after the one with this id; empty when that id is not in history. */
    Optional<List<ChatEvent>> after(String room, String id);

    /** Up to {@code count} messages before the event with this id (or the newest), oldest first; empty for an unknown id. */
    Optional<List<ChatEvent>> messages(String room, String beforeId, int count);

    /**
     * This server has streams in the room: deliver the room's events from now on, at the latest from the newest
     * event at this call (so a replay read after it misses nothing).
     */
    void follow(String room);

    /** This server's last stream in the room closed. */
    void unfollow(String room);

    /** Whether room state can be read and written now. */
    boolean available();
}
