package dev.parley.rooms.control;

import static dev.parley.platform.Settings.atLeast;

import dev.parley.backplane.control.Backplane;
import dev.parley.problems.Problems;
import dev.parley.rooms.entity.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At most {@code parley.rate.messages} posts per member in any window of {@code parley.rate.window-seconds},
 * counted in the backplane, so posting through several servers does not multiply the rate.
 */
@ApplicationScoped
public class RateLimiter {

    private final Backplane backplane;
    private final int messages;
    private final Duration window;
    private final Clock clock;

    @Inject
    public RateLimiter(Backplane backplane,
                       @ConfigProperty(name = "parley.rate.messages") int messages,
                       @ConfigProperty(name = "parley.rate.window-seconds") int windowSeconds) {
        this(backplane, atLeast("parley.rate.messages", messages, 1),
                Duration.ofSeconds(atLeast("parley.rate.window-seconds", windowSeconds, 1)), Clock.systemUTC());
    }

    public RateLimiter(Backplane backplane, int messages, Duration window, Clock clock) {
        this.backplane = backplane;
        this.messages = messages;
        this.window = window;
        this.clock = clock;
    }

    protected RateLimiter() {
        // for the CDI client proxy only
        this(null, 0, null, null);
    }

    /** Counts one post, or refuses it with 429 and the seconds until the oldest post leaves the window. */
    public void acquire(Member member) {
        Duration wait = backplane.admit(member, messages, window, clock.instant());
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw Problems.rateLimited(seconds, messages, (int) window.toSeconds());
        }
    }
}
