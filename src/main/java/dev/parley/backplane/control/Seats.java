package dev.parley.backplane.control;

import dev.parley.chat.Member;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Names and tokens: which member holds which name in which room, and which token speaks for it.
 *
 * <p>Guarantees, on every implementation and across every server sharing it:
 * <ul>
 *   <li>{@link #take} is atomic: of any number of concurrent takes of clashing names in one room, exactly one
 *       succeeds. Two names clash when their {@link Member#key() keys} or their {@link Member#lookAlikeKey()
 *       look-alike keys} are equal.</li>
 *   <li>A token's member is found by the room and the token's hash only; the token itself is never stored.</li>
 *   <li>A freed name (left or idle) is free at once for everyone, and its token speaks for no one any more; it no
 *       longer counts among its client's names.</li>
 *   <li>Memory: nothing survives a restart. Redis: names and tokens survive a restart of every server.</li>
 * </ul>
 */
public interface Seats {

    enum Outcome { TAKEN, NAME_TAKEN, TOO_MANY_ROOMS, CLIENT_FULL }

    /**
     * Reserves the member's name in its room for the holder of the token with this hash, active now, on behalf of a
     * client that may hold at most {@code maxNamesOfClient} names at once in all rooms. A room is made by its first
     * name; beyond {@code BackplaneSettings#maxRooms()} rooms a new one is refused, except {@link
     * dev.parley.chat.Names#LOBBY}, which can always be joined.
     */
    Outcome take(Member member, String tokenHash, String client, int maxNamesOfClient, Instant now);

    /** Who holds a name now, and for which client. */
    record Seat(Member member, String client) {
    }

    /** The seat of the name with this {@link Member#key() key} in the room, if it is taken. */
    Optional<Seat> seat(String room, String key);

    /**
     * The member the token with this hash speaks for in the room. A token is asked of the room it was issued for (a
     * request's path names it), so each room keeps its own tokens, and a token of another room finds no one.
     */
    Optional<Member> holder(String room, String tokenHash);

    /** The member is active now: its name does not expire for a while. */
    void touch(Member member, Instant now);

    /** Frees the name and its token; false when this member did not hold it (any more). */
    boolean free(Member member);

    /** Frees every name with no activity since the cutoff, and returns their members. */
    List<Member> freeIdle(Instant idleSince);
}
