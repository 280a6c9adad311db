package dev.parley.backplane.control;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.Member;
import dev.parley.chat.MemberSummary;
import dev.parley.chat.RoomSummary;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is connected, across servers. Each server holds the members it has streams of, until a given time; the
 * member is connected while it is marked connected, and it is marked so, or not, once for all servers.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@link #connect} and the {@code disconnect…} methods change the mark and append the matching
 *       {@code userconnect} / {@code userdisconnect} to the room's {@link History} in one atomic step, so each change
 *       is published exactly once, whichever server asks first.</li>
 *   <li>A hold lapses at its time: a server that dies without a word loses its members once their holds lapse
 *       ({@link #disconnectUnheld}).</li>
 *   <li>Members are listed in {@link MemberSummary#ORDER}, rooms in {@link RoomSummary#ORDER}.</li>
 *   <li>Memory: nothing survives a restart. Redis: marks and holds survive (a restarted server's members go when
 *       their holds lapse).</li>
 * </ul>
 */
public interface Attendance {

    /**
     * This server holds these members (each has a stream open here) until the given time, and they are active now.
     *
     * @return the members that no longer hold their names (left, or expired)
     */
    Set<Member> hold(Collection<Member> members, Instant now, Instant until);

    /** Marks the member connected and appends {@code userconnect}, unless it is marked connected already. */
    Optional<ChatEvent> connect(Member member, Instant now);

    /** Marks the member disconnected and appends {@code userdisconnect}, unless some server still holds it. */
    Optional<ChatEvent> disconnectUnlessHeld(Member member, Instant now);

    /** Marks the member disconnected and appends {@code userdisconnect}, held or not (it left, or its name expired). */
    Optional<ChatEvent> disconnect(Member member, Instant now);

    /** Disconnects every connected member no server holds any more: the members of a server that died. */
    List<ChatEvent> disconnectUnheld(Instant now);

    List<MemberSummary> connected(String room);

    /** Every room with a name taken in it, with its connected members. */
    List<RoomSummary> rooms();
}
