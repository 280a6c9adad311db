package dev.parley.rooms.control;

import dev.parley.backplane.control.RateWindows;
import dev.parley.chat.Member;
import dev.parley.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;

/**
 * At most {@code parley.rate.messages} posts per member in any window of {@code parley.rate.window-seconds},
 * counted in the backplane, so posting through several servers does not multiply the rate.
 */
@ApplicationScoped
public class RateLimiter {

    private final RateWindows windows;
    private final RoomSettings settings;
    private final Clock clock;

    @Inject
    public RateLimiter(RateWindows windows, RoomSettings settings, Clock clock) {
        this.windows = windows;
        this.settings = settings;
        this.clock = clock;
    }

    protected RateLimiter() {
        // for the CDI client proxy only
        this(null, null, null);
    }

    /** Counts one post, or refuses it with 429 and the seconds until the oldest post leaves the window. */
    public void acquire(Member member) {
        Duration window = settings.postWindow();
        Duration wait = windows.admit(windowOf(member), settings.postsPerWindow(), window, clock.instant());
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw Problems.rateLimited(seconds, settings.postsPerWindow(), (int) window.toSeconds());
        }
    }

    static String windowOf(Member member) {
        return "post:" + member.room() + ":" + member.key();
    }
}
