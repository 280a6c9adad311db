package dev.parley.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.Member;
import dev.parley.testing.ManualScheduler;
import dev.parley.testing.MutableClock;
import dev.parley.testing.TestBackplane;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PresenceTest {

    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration IDLE = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler();
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private final TestBackplane backplane = TestBackplane.memory(100, 100);
    private final List<ChatEvent> published = backplane.delivered;
    private final Presence presence = new Presence(backplane.seats, backplane.attendance, backplane.directory, scheduler,
            new PresenceSettings(GRACE, IDLE, HEARTBEAT, Duration.ofHours(1)), clock);
    private static final String CLIENT = "203.0.113.7";
    private final Member bob = Member.of("lobby", "bob");

    /** A stream handle that counts how often it is closed. */
    private static final class Handle implements AutoCloseable {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @BeforeEach
    void join() {
        backplane.seats.take(bob, "token-hash", CLIENT, 100, clock.instant());
        presence.start();
    }

    private List<String> events() {
        return published.stream().map(e -> e.type().wireName() + ":" + e.username()).toList();
    }

    /** A stream of bob's, opened. */
    private Handle opened() {
        Handle stream = new Handle();
        presence.opened(bob, stream);
        return stream;
    }

    private void advance(Duration duration) {
        clock.advance(duration);
        scheduler.advance(duration);
    }

    @Test
    void connectsOnTheFirstStreamOnly() {
        assertTrue(presence.opened(bob, new Handle()));
        assertTrue(presence.opened(bob, new Handle()));
        assertEquals(List.of("userconnect:bob"), events());
    }

    @Test
    void aReloadWithinTheGracePeriodPublishesNothing() {
        Handle first = opened();
        presence.closed(bob, first);
        advance(GRACE.minusSeconds(1));
        presence.opened(bob, new Handle());
        advance(GRACE.multipliedBy(3));
        assertEquals(List.of("userconnect:bob"), events());
    }

    @Test
    void disconnectsOnceWhenTheLastStreamStaysClosedForTheGracePeriod() {
        Handle a = opened();
        Handle b = opened();
        presence.closed(bob, a);
        advance(GRACE.multipliedBy(2));
        assertEquals(List.of("userconnect:bob"), events());
        presence.closed(bob, b);
        presence.closed(bob, b);
        advance(GRACE.minusMillis(1));
        assertEquals(List.of("userconnect:bob"), events());
        advance(Duration.ofMillis(1));
        assertEquals(List.of("userconnect:bob", "userdisconnect:bob"), events());
        advance(GRACE.multipliedBy(3));
        assertEquals(2, published.size());
    }

    @Test
    void leavingDisconnectsAtOnceClosesTheStreamsAndFreesTheName() {
        Handle a = opened();
        Handle b = opened();
        assertTrue(presence.leave(bob));
        assertEquals(List.of("userconnect:bob", "userdisconnect:bob"), events());
        assertEquals(1, a.closed.get());
        assertEquals(1, b.closed.get());
        assertTrue(backplane.seats.holder("lobby", "token-hash").isEmpty());
        // the streams' own close notifications come after and change nothing
        presence.closed(bob, a);
        advance(GRACE.multipliedBy(2));
        assertEquals(2, published.size());
        assertFalse(presence.leave(bob));
    }

    @Test
    void startsNoTimerOnceStoppedAsTheApplicationGoes() {
        Handle stream = opened();
        presence.stop();
        presence.closed(bob, stream);
        assertEquals(0, scheduler.pending(), "a timer left behind would fire into a stopped application");
        assertFalse(presence.opened(bob, new Handle()));
    }

    @Test
    void aStreamOfAMemberWhoLeftIsRefused() {
        presence.leave(bob);
        assertFalse(presence.opened(bob, new Handle()));
        assertTrue(events().isEmpty());
    }

    @Test
    void openStreamsKeepTheNameAliveAndIdleNamesExpire() {
        Member alice = Member.of("lobby", "alice");
        backplane.seats.take(alice, "alice-hash", CLIENT, 100, clock.instant());
        Handle open = opened();
        advance(IDLE.plusMinutes(5));
        assertTrue(backplane.seats.holder("lobby", "token-hash").isPresent(), "a member with an open stream never expires");
        assertTrue(backplane.seats.holder("lobby", "alice-hash").isEmpty(), "an idle member expires");

        presence.closed(bob, open);
        advance(IDLE.plus(GRACE).plusMinutes(1));
        assertTrue(backplane.seats.holder("lobby", "token-hash").isEmpty());
        assertEquals(List.of("userconnect:bob", "userdisconnect:bob"), events());
    }
}
