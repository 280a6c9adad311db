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
    private static final String CLIENT = "203.0.113.7";
    private final Member bob = Member.of("lobby", "bob");

    private RateLimiter limiter(int posts) {
        return new RateLimiter(backplane.windows, backplane.rules, new RoomSettings(2000, 50, 50, 200, posts, Duration.ofSeconds(10),
                Duration.ofMinutes(15), Duration.ofMinutes(5), 255, Duration.ofSeconds(2)),
                new ClientLimits(5, 3, 10, Duration.ofSeconds(10)), clock);
    }

    @Test
    void allowsTheConfiguredMessagesPerWindowThenAnswers429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            limiter.acquirePost(bob, CLIENT);
            clock.advance(Duration.ofSeconds(1));
        }
        ProblemException refused = assertThrows(ProblemException.class, () -> limiter.acquirePost(bob, CLIENT));
        assertEquals(429, refused.problem().status());
        // the first post was 3 s ago: it leaves the 10 s window in 7 s
        assertEquals("7", refused.headers().get("Retry-After"));
    }

    @Test
    void slidesTheWindow() {
        for (int i = 0; i < 3; i++) {
            limiter.acquirePost(bob, CLIENT);
        }
        clock.advance(Duration.ofSeconds(10));
        assertDoesNotThrow(() -> limiter.acquirePost(bob, CLIENT));
    }

    @Test
    void countsEachMemberOfEachRoomSeparately() {
        Member alice = Member.of("lobby", "alice");
        Member otherBob = Member.of("other", "bob");
        for (int i = 0; i < 3; i++) {
            limiter.acquirePost(bob, CLIENT);
        }
        assertDoesNotThrow(() -> limiter.acquirePost(alice, CLIENT));
        assertDoesNotThrow(() -> limiter.acquirePost(otherBob, CLIENT));
        assertThrows(ProblemException.class, () -> limiter.acquirePost(Member.of("lobby", "BOB"), CLIENT), "the same name");
    }

    @Test
    void countsThePostsOfAllOfAClientsNamesTogether() {
        for (int i = 0; i < 10; i++) {
            limiter.acquirePost(Member.of("lobby", "name" + i), CLIENT);
        }
        ProblemException refused = assertThrows(ProblemException.class,
                () -> limiter.acquirePost(Member.of("lobby", "another"), CLIENT));
        assertEquals(429, refused.problem().status());
        assertEquals("urn:parley:problem:client-limit", refused.problem().type());
        assertDoesNotThrow(() -> limiter.acquirePost(Member.of("lobby", "another"), "198.51.100.1"), "another client");
    }

    @Test
    void countsJoinAttemptsPerClientPerMinute() {
        for (int i = 0; i < 5; i++) {
            limiter.acquireJoin(CLIENT);
        }
        ProblemException refused = assertThrows(ProblemException.class, () -> limiter.acquireJoin(CLIENT));
        assertEquals("60", refused.headers().get("Retry-After"));
        clock.advance(Duration.ofMinutes(1));
        assertDoesNotThrow(() -> limiter.acquireJoin(CLIENT));
    }
}
