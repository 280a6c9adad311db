package dev.parley.backplane.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.backplane.control.Backplane.JoinOutcome;
import dev.parley.rooms.entity.ChatEvent;
import dev.parley.rooms.entity.EventIds;
import dev.parley.rooms.entity.EventType;
import dev.parley.rooms.entity.Member;
import dev.parley.rooms.entity.RoomSummary;
import dev.parley.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MemoryBackplaneTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final List<ChatEvent> delivered = new CopyOnWriteArrayList<>();
    private final MemoryBackplane backplane = new MemoryBackplane(delivered::add, 100, 2, clock);
    private final Member bob = Member.of("lobby", "Bob");

    @Test
    void reservesANameOncePerRoomCaseInsensitively() {
        assertEquals(JoinOutcome.JOINED, backplane.join(bob, "h1", clock.instant()));
        assertEquals(JoinOutcome.NAME_TAKEN, backplane.join(Member.of("lobby", "bob"), "h2", clock.instant()));
        assertEquals(JoinOutcome.NAME_TAKEN, backplane.join(Member.of("lobby", "ＢＯＢ"), "h3", clock.instant()));
        assertEquals(JoinOutcome.JOINED, backplane.join(Member.of("other", "bob"), "h4", clock.instant()));
        assertEquals(Optional.of(bob), backplane.member("h1"));
        assertEquals(Optional.empty(), backplane.member("h2"));
    }

    @Test
    void refusesNewRoomsBeyondTheLimitButNotExistingOnes() {
        backplane.join(Member.of("a", "x"), "1", clock.instant());
        backplane.join(Member.of("b", "x"), "2", clock.instant());
        assertEquals(JoinOutcome.TOO_MANY_ROOMS, backplane.join(Member.of("c", "x"), "3", clock.instant()));
        assertEquals(JoinOutcome.JOINED, backplane.join(Member.of("a", "y"), "4", clock.instant()));
    }

    @Test
    void issuesStrictlyIncreasingIdsEvenWithinOneMicrosecond() {
        for (int i = 0; i < 100; i++) {
            backplane.publish("lobby", EventType.USERMESSAGE, "bob", "m" + i);
        }
        for (int i = 1; i < delivered.size(); i++) {
            assertTrue(EventIds.compare(delivered.get(i - 1).id(), delivered.get(i).id()) < 0);
            // and as plain strings, for clients that compare them so
            assertTrue(delivered.get(i - 1).id().compareTo(delivered.get(i).id()) < 0);
        }
        assertEquals(delivered, backplane.latest("lobby", 100));
    }

    @Test
    void keepsIdsAheadOfTheClockWhenTheClockStepsBack() {
        String before = backplane.publish("lobby", EventType.USERMESSAGE, "bob", "a").id();
        clock.advance(Duration.ofSeconds(-5));
        String after = backplane.publish("lobby", EventType.USERMESSAGE, "bob", "b").id();
        assertTrue(EventIds.compare(before, after) < 0);
    }

    @Test
    void connectsAndDisconnectsOncePublishingEachChange() {
        backplane.join(bob, "h1", clock.instant());
        assertEquals(EventType.USERCONNECT, backplane.connect(bob, clock.instant()).orElseThrow().type());
        assertTrue(backplane.connect(bob, clock.instant()).isEmpty());
        assertEquals(List.of(new RoomSummary("lobby", 1)), backplane.rooms());
        assertEquals("Bob", backplane.connected("lobby").get(0).username());
        assertEquals(EventType.USERDISCONNECT, backplane.disconnect(bob, clock.instant(), true).orElseThrow().type());
        assertTrue(backplane.disconnect(bob, clock.instant(), true).isEmpty());
        assertEquals(List.of(new RoomSummary("lobby", 0)), backplane.rooms());
        assertEquals(List.of(EventType.USERCONNECT, EventType.USERDISCONNECT),
                delivered.stream().map(ChatEvent::type).toList());
    }

    @Test
    void aHeldMemberStaysConnectedUntilTheHoldLapses() {
        backplane.join(bob, "h1", clock.instant());
        backplane.connect(bob, clock.instant());
        backplane.hold(List.of(bob), clock.instant(), clock.instant().plusSeconds(15));
        assertTrue(backplane.disconnect(bob, clock.instant(), false).isEmpty());
        assertTrue(backplane.disconnectUnheld(clock.instant()).isEmpty());
        clock.advance(Duration.ofSeconds(16));
        assertEquals(1, backplane.disconnectUnheld(clock.instant()).size());
        assertTrue(backplane.connected("lobby").isEmpty());
    }

    @Test
    void expiresIdleNamesAndTheirTokens() {
        backplane.join(bob, "h1", clock.instant());
        Member alice = Member.of("lobby", "alice");
        backplane.join(alice, "h2", clock.instant());
        clock.advance(Duration.ofMinutes(5));
        backplane.touch(alice, clock.instant());
        clock.advance(Duration.ofMinutes(6));
        assertEquals(List.of(bob), backplane.expire(clock.instant().minus(Duration.ofMinutes(10))));
        assertEquals(Optional.empty(), backplane.member("h1"));
        assertEquals(Optional.of(alice), backplane.member("h2"));
        assertEquals(java.util.Set.of(bob), backplane.hold(List.of(bob), clock.instant(), clock.instant()));
        assertEquals(JoinOutcome.JOINED, backplane.join(Member.of("lobby", "bob"), "h3", clock.instant()));
    }

    @Test
    void leaveFreesTheNameOnlyForItsHolder() {
        backplane.join(bob, "h1", clock.instant());
        assertFalse(backplane.leave(Member.of("lobby", "bob")));
        assertTrue(backplane.leave(bob));
        assertFalse(backplane.leave(bob));
        assertEquals(Optional.empty(), backplane.member("h1"));
    }
}
