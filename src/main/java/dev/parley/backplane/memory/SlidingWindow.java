package dev.parley.backplane.memory;

import java.time.Duration;
import java.time.Instant;

/**
 * The times of a member's posts within the window, to admit at most so many per window. It holds only the posts
 * still inside the window, so a generous limit costs nothing until it is used. Not thread-safe.
 */
final class SlidingWindow {

    private long[] times = new long[4];
    private int head;
    private int size;

    /** Zero when the post is admitted (and counted), else the wait until the oldest post leaves the window. */
    Duration admit(Instant now, int messages, Duration window) {
        long nowMillis = now.toEpochMilli();
        long windowMillis = window.toMillis();
        while (size > 0 && nowMillis - times[head] >= windowMillis) {
            head = (head + 1) % times.length;
            size--;
        }
        if (size >= messages) {
            return Duration.ofMillis(times[head] + windowMillis - nowMillis);
        }
        if (size == times.length) {
            long[] grown = new long[times.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = times[(head + i) % times.length];
            }
            times = grown;
            head = 0;
        }
        times[(head + size) % times.length] = nowMillis;
        size++;
        return Duration.ZERO;
    }

    /** Whether no use is left inside the window at this time: the window may be dropped. */
    boolean emptyAt(Instant now, Duration window) {
        return size == 0 || now.toEpochMilli() - times[(head + size - 1) % times.length] >= window.toMillis();
    }

    /** How many uses it has room for without growing, for the test that a big limit costs nothing up front. */
    int capacity() {
        return times.length;
    }
}
