package dev.parley.backplane.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemoryRateWindowsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final MemoryRateWindows windows = new MemoryRateWindows();

    @Test
    void aHugeLimitCostsOnlyWhatIsUsed() {
        for (int i = 0; i < 1000; i++) {
            assertEquals(Duration.ZERO, windows.admit("generous", 1_000_000_000, Duration.ofSeconds(10), NOW));
        }
        int capacity = windows.capacity("generous");
        assertTrue(capacity >= 1000 && capacity <= 2048, "grown to what 1000 uses need, not to the limit: " + capacity);
    }

    @Test
    void windowsNobodyUsesAnyMoreAreDropped() {
        for (int i = 0; i < 5000; i++) {
            windows.admit("once-" + i, 10, Duration.ofSeconds(1), NOW);
        }
        // the sweep runs every few thousand admissions; a window a full period old is empty by then
        for (int i = 0; i < 5000; i++) {
            windows.admit("later", 1_000_000, Duration.ofSeconds(1), NOW.plusSeconds(5));
        }
        assertEquals(0, windows.capacity("once-1"), "dropped");
        assertTrue(windows.capacity("later") > 0);
    }
}
