package dev.parley.backplane.control;

import dev.parley.chat.ChatEvent;
import java.util.List;
import java.util.Optional;

/**
 * Each room's history: its ordered, retained log of events and their ids, and the delivery of each new event to
 * this server's {@link Delivery}. Events are appended by the seams that make them: {@link Messages} and {@link
 * Attendance}.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Ids are strictly increasing within a room in the order events are appended, on every server (they are
 *       the SSE ids), even when the clock steps back; they are never reused, even after a restart.</li>
 *   <li>The newest {@code parley.history.retain} events of a room are kept; older ones are dropped.</li>
 *   <li>Every event appended to a followed room is delivered here once, in id order, never under a lock of the
 *       store. A server that fell so far behind that events it never delivered were dropped is told so by a
 *       {@link dev.parley.chat.HistoryGap} before delivery goes on from what is retained.</li>
 *   <li>Memory: a restart loses every room's history. Redis: history survives restarts of every server.</li>
 * </ul>
 */
public interface History {

    /** The newest events, oldest first, as they are read back ({@link Messages}: messages as they are now). */
    List<ChatEvent> latest(String room, int count);

    /** Every retained event after the one with this id; empty when that id is not in history. */
    Optional<List<ChatEvent>> after(String room, String id);

    /**
     * Up to {@code count} messages ({@code usermessage} events) before the event with this id, or the newest when
     * the id is null, oldest first; empty for an id not in history.
     */
    Optional<List<ChatEvent>> messagesBefore(String room, String beforeId, int count);

    /**
     * A stream of the room opened here: deliver its events from now on, at the latest from the newest event at
     * this call, so a replay read after it misses nothing. Counted: every call is matched by one {@link #unfollow}.
     */
    void follow(String room);

    /** A stream of the room here closed; when it was the last, delivery of the room stops. */
    void unfollow(String room);
}
