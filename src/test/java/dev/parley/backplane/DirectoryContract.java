package dev.parley.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.backplane.control.Directory;
import dev.parley.backplane.control.Seats.Outcome;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.Member;
import dev.parley.chat.RoomSummary;
import dev.parley.testing.TestBackplane;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every guarantee of {@link Directory}, on every implementation. */
public abstract class DirectoryContract extends BackplaneContract {

    private static final Duration IDLE = Duration.ofMinutes(10);

    protected DirectoryContract(Store store) {
        super(store);
    }

    private static boolean listed(TestBackplane backplane, String room) {
        return backplane.attendance.rooms().stream().map(RoomSummary::name).anyMatch(room::equals);
    }

    /** A backplane on an empty store, where bob took a name in the room and gave it up again. */
    private TestBackplane roomBobLeft() {
        emptyStore();
        TestBackplane a = backplane();
        Member bob = Member.of(room, "bob");
        a.seats.take(bob, "h1", CLIENT, 100, NOW);
        a.seats.free(bob);
        return a;
    }

    @Test
    void anIdleRoomWithNoNameAndNoStreamIsFreedSoRoomsCanBeMadeAgain() {
        emptyStore();
        TestBackplane a = backplane(100, 1);
        Member bob = Member.of(room, "bob");
        assertEquals(Outcome.TAKEN, a.seats.take(bob, "h1", CLIENT, 100, NOW));
        assertEquals(Outcome.TOO_MANY_ROOMS, a.seats.take(Member.of(room + "-b", "x"), "h2", CLIENT, 100, NOW));
        a.seats.free(bob);
        assertTrue(a.directory.freeIdle(NOW.plus(Duration.ofMinutes(5)), IDLE).isEmpty(), "not idle long enough");
        // one server sweeps for all (with Redis, the one that took the sweep's lock): here, a
        assertEquals(List.of(room), a.directory.freeIdle(NOW.plus(Duration.ofMinutes(11)), IDLE));
        assertFalse(listed(a, room));
        assertEquals(Outcome.TAKEN, a.seats.take(Member.of(room + "-b", "x"), "h3", CLIENT, 100, NOW), "room for one more");
    }

    @Test
    void aRoomWithANameTakenIsNeverFreed() {
        // with Redis, one server sweeps at a time (a lock of 10 s): an earlier test's server may hold it
        emptyStore();
        TestBackplane a = backplane();
        a.seats.take(Member.of(room, "stays"), "h1", CLIENT, 100, NOW);
        assertFalse(a.directory.freeIdle(NOW.plus(Duration.ofDays(2)), IDLE).contains(room));
        assertTrue(listed(a, room));
    }

    @Test
    void aRoomAServerHoldsForItsStreamsIsNotFreedUntilTheHoldLapses() {
        TestBackplane a = roomBobLeft();
        Duration later = Duration.ofMinutes(20);
        otherServer(a).directory.hold(List.of(room), NOW, NOW.plus(later).plusSeconds(30));
        assertFalse(a.directory.freeIdle(NOW.plus(later), IDLE).contains(room), "held by a server");
        assertTrue(a.directory.freeIdle(NOW.plus(later).plus(Duration.ofMinutes(1)), IDLE).contains(room), "the hold lapsed");
    }

    @Test
    void aRoomWhereSomethingWasSaidRecentlyIsNotFreed() {
        TestBackplane a = roomBobLeft();
        // history is written with the time of the moment: Redis ids are Redis's own clock, so now is now
        ChatEvent said = a.say(room, "bob", "still warm", NOW);
        assertFalse(a.directory.freeIdle(NOW.plus(Duration.ofMinutes(5)), IDLE).contains(room));
        assertTrue(said.id() != null);
    }
}
