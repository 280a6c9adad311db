package dev.parley.backplane.memory;

import dev.parley.backplane.control.RateWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link RateWindows} in this process. */
@ApplicationScoped
@Typed(MemoryRateWindows.class)
public class MemoryRateWindows implements RateWindows {

    // every so many admissions, the windows nobody used for a whole window are dropped
    private static final int SWEEP_EVERY = 4096;

    private final Map<String, Entry> windows = new ConcurrentHashMap<>();
    private final AtomicLong admissions = new AtomicLong();

    private static final class Entry {
        final SlidingWindow window = new SlidingWindow();
        final Duration length;
        // guarded by the entry: set when the sweep drops it, so a caller that got it just before retries
        boolean dropped;

        Entry(Duration length) {
            this.length = length;
        }
    }

    @Override
    public Duration admit(String name, int limit, Duration window, Instant now) {
        if (admissions.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        while (true) {
            Entry entry = windows.computeIfAbsent(name, n -> new Entry(window));
            synchronized (entry) {
                if (!entry.dropped) {
                    return entry.window.admit(now, limit, window);
                }
            }
        }
    }

    private void sweep(Instant now) {
        windows.values().removeIf(entry -> {
            synchronized (entry) {
                entry.dropped = entry.window.emptyAt(now, entry.length);
                return entry.dropped;
            }
        });
    }

    /** The window's capacity, for the test that a generous limit costs nothing up front. */
    int capacity(String name) {
        Entry entry = windows.get(name);
        return entry == null ? 0 : entry.window.capacity();
    }
}
