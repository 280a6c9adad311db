package dev.parley.backplane.control;

import java.time.Duration;
import java.time.Instant;

/**
 * Sliding windows that count uses, by name ("post:lobby:bob", "join:203.0.113.7"), shared by every server, so that
 * posting through several servers does not multiply a limit.
 *
 * <p>Guarantees: {@link #admit} counts and checks in one atomic step; a window holds only the uses still inside
 * it, so a generous limit costs nothing until it is used, and a window nobody uses any more is dropped.
 */
public interface RateWindows {

    /**
     * Counts one use of the named window unless it already holds {@code limit} uses in the {@code window} before
     * {@code now}.
     *
     * @return zero when admitted (and counted), otherwise how long until the window has room again
     */
    Duration admit(String name, int limit, Duration window, Instant now);
}
