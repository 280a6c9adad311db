package dev.parley.backplane.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The rooms there are. A room is made by its first name ({@link Seats#take}) and counts against
 * {@code parley.rooms.max} until it is freed: once no name is taken in it, no server has a stream in it, and nothing
 * happened in it for the idle time. So rooms can always be made again once old ones are idle.
 *
 * <p>Guarantees: a room with a name taken or held by a server is never freed. Memory: a freed room's history is gone.
 * Redis: a freed room's history is kept for {@code parley.rooms.history-ttl-seconds} and found again if the room is
 * made again within it; then it expires.
 */
public interface Directory {

    /** This server has streams open in these rooms: keep them until the given time at least. */
    void hold(Collection<String> rooms, Instant now, Instant until);

    /** Frees every room with no name taken, no hold, and no name taken or event appended for {@code idle}. */
    List<String> freeIdle(Instant now, Duration idle);
}
