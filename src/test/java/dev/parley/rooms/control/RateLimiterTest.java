package dev.parley.rooms.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.chat.Member;
import dev.parley.problems.ProblemException;
import dev.parley.testing.MutableClock;
import dev.parley.testing.TestBackplane;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final TestBackplane backplane = TestBackplane.memory(10, 10);
    private final RateLimiter limiter = limiter(3);
    private final Member bob = Member.of("lobby", "bob");

    private RateLimiter limiter(int posts) {
        return new RateLimiter(backplane.windows, new RoomSettings(2000, 50, 50, 200, posts, Duration.ofSeconds(10)),
                clock);
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
    void countsEachMemberOfEachRoomSeparately() {
        Member alice = Member.of("lobby", "alice");
        Member otherBob = Member.of("other", "bob");
        for (int i = 0; i < 3; i++) {
            limiter.acquire(bob);
        }
        assertDoesNotThrow(() -> limiter.acquire(alice));
        assertDoesNotThrow(() -> limiter.acquire(otherBob));
        assertThrows(ProblemException.class, () -> limiter.acquire(Member.of("lobby", "BOB")), "the same name");
    }
}
