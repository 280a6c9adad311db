package dev.parley.rooms.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.backplane.control.MemoryBackplane;
import dev.parley.problems.ProblemException;
import dev.parley.rooms.entity.Member;
import dev.parley.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final MemoryBackplane backplane = new MemoryBackplane(event -> { }, 10, 10, clock);
    private final RateLimiter limiter = new RateLimiter(backplane, 3, Duration.ofSeconds(10), clock);
    private final Member bob = Member.of("lobby", "bob");

    @BeforeEach
    void join() {
        backplane.join(bob, "bob", clock.instant());
    }

    @Test
    void allowsTheConfiguredMessagesPerWindowThenAnswers429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire(bob);
            clock.advance(Duration.ofSeconds(1));
        }
        ProblemException refused = assertThrows(ProblemException.class, () -> limiter.acquire(bob));
        assertEquals(429, refused.problem().status());
        // the first post was 3 s ago: it leaves the 10 s window in 7 s
        assertEquals("7", refused.headers().get("Retry-After"));
    }

    @Test
    void slidesTheWindow() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire(bob);
        }
        clock.advance(Duration.ofSeconds(10));
        assertDoesNotThrow(() -> limiter.acquire(bob));
    }

    @Test
    void aHugeLimitCostsNoMemoryUpFront() {
        RateLimiter generous = new RateLimiter(backplane, 1_000_000_000, Duration.ofSeconds(10), clock);
        for (int i = 0; i < 1000; i++) {
            generous.acquire(bob);
        }
    }

    @Test
    void countsEachMemberSeparately() {
        Member alice = Member.of("lobby", "alice");
        Member otherBob = Member.of("other", "bob");
        backplane.join(alice, "alice", clock.instant());
        backplane.join(otherBob, "other-bob", clock.instant());
        for (int i = 0; i < 3; i++) {
            limiter.acquire(bob);
        }
        assertDoesNotThrow(() -> limiter.acquire(alice));
        assertDoesNotThrow(() -> limiter.acquire(otherBob));
    }
}
