package dev.parley.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.backplane.control.RateWindows;
import dev.parley.testing.TestBackplane;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every guarantee of {@link RateWindows}, on every implementation. */
public abstract class RateWindowsContract extends BackplaneContract {

    protected RateWindowsContract(Store store) {
        super(store);
    }

    private static final Duration WINDOW = Duration.ofSeconds(10);

    @Test
    void admitsTheLimitPerSlidingWindowAcrossServersThenSaysHowLongToWait() {
        TestBackplane a = backplane();
        RateWindows here = a.windows;
        RateWindows there = otherServer(a).windows;
        String name = "post:" + room;
        assertEquals(Duration.ZERO, here.admit(name, 2, WINDOW, NOW));
        assertEquals(Duration.ZERO, there.admit(name, 2, WINDOW, NOW.plusSeconds(1)));
        assertEquals(Duration.ofSeconds(9), here.admit(name, 2, WINDOW, NOW.plusSeconds(1)), "the first leaves in 9 s");
        assertEquals(Duration.ofSeconds(1), there.admit(name, 2, WINDOW, NOW.plusSeconds(9)));
        assertEquals(Duration.ZERO, there.admit(name, 2, WINDOW, NOW.plusSeconds(10)), "the window slid");
    }

    @Test
    void countsEachNameOnItsOwn() {
        RateWindows windows = backplane().windows;
        assertEquals(Duration.ZERO, windows.admit("a:" + room, 1, WINDOW, NOW));
        assertEquals(Duration.ZERO, windows.admit("b:" + room, 1, WINDOW, NOW));
        assertEquals(WINDOW, windows.admit("a:" + room, 1, WINDOW, NOW));
    }

    @Test
    void aRefusedUseIsNotCounted() {
        RateWindows windows = backplane().windows;
        String name = "refused:" + room;
        windows.admit(name, 1, WINDOW, NOW);
        for (int i = 1; i < 9; i++) {
            windows.admit(name, 1, WINDOW, NOW.plusSeconds(i));
        }
        assertEquals(Duration.ZERO, windows.admit(name, 1, WINDOW, NOW.plusSeconds(10)));
    }
}
