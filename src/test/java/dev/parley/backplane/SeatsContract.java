package dev.parley.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.backplane.control.Seats;
import dev.parley.backplane.control.Seats.Outcome;
import dev.parley.chat.Member;
import dev.parley.testing.TestBackplane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Every guarantee of {@link Seats}, on every implementation. */
public abstract class SeatsContract extends BackplaneContract {

    protected SeatsContract(Store store) {
        super(store);
    }

    @Test
    void aNameIsTakenOncePerRoomIgnoringCaseCompatibilityFormsAndLookAlikes() {
        Seats seats = backplane().seats;
        assertEquals(Outcome.TAKEN, seats.take(Member.of(room, "Bill"), "h1", CLIENT, 100, NOW));
        for (String clash : List.of("bill", "BILL", "Ｂｉｌｌ", "BiII", "B\u0456ll")) {
            assertEquals(Outcome.NAME_TAKEN, seats.take(Member.of(room, clash), "h-" + clash, CLIENT, 100, NOW), clash);
        }
        assertEquals(Outcome.TAKEN, seats.take(Member.of(room, "Billy"), "h2", CLIENT, 100, NOW));
        assertEquals(Outcome.TAKEN, seats.take(Member.of(room + "x", "bill"), "h3", CLIENT, 100, NOW), "rooms are independent");
    }

    @Test
    void ofConcurrentTakesOfOneNameOnAnyServerExactlyOneSucceeds() throws Exception {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Outcome>> takes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Seats seats = i % 2 == 0 ? a.seats : b.seats;
                String name = i % 3 == 0 ? "racer" : "RACER";
                String hash = "h" + i;
                takes.add(() -> seats.take(Member.of(room, name), hash, CLIENT, 100, NOW));
            }
            long taken = 0;
            for (Future<Outcome> outcome : pool.invokeAll(takes)) {
                taken += outcome.get() == Outcome.TAKEN ? 1 : 0;
            }
            assertEquals(1, taken);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTokensHashFindsItsMemberOnEveryServer() {
        TestBackplane a = backplane();
        Member bob = Member.of(room, "Bob");
        a.seats.take(bob, "hash-bob", CLIENT, 100, NOW);
        assertEquals(Optional.of(bob), otherServer(a).seats.holder(room, "hash-bob"));
        assertEquals(Optional.empty(), a.seats.holder(room, "hash-nobody"));
    }

    @Test
    void freeingReleasesTheNameAndItsTokenOnlyForItsHolder() {
        TestBackplane a = backplane();
        Member bob = Member.of(room, "bob");
        a.seats.take(bob, "h1", CLIENT, 100, NOW);
        assertFalse(a.seats.free(Member.of(room, "Bob")), "another spelling is another member");
        assertTrue(otherServer(a).seats.free(bob));
        assertFalse(a.seats.free(bob));
        assertEquals(Optional.empty(), a.seats.holder(room, "h1"));
        assertEquals(Outcome.TAKEN, a.seats.take(Member.of(room, "B\u0456ll"), "h2", CLIENT, 100, NOW));
        assertEquals(Outcome.TAKEN, a.seats.take(Member.of(room, "BOB"), "h3", CLIENT, 100, NOW), "free for everyone at once");
    }

    @Test
    void freesIdleNamesButNotActiveOnes() {
        Seats seats = backplane().seats;
        Member idle = Member.of(room, "idle");
        Member busy = Member.of(room, "busy");
        seats.take(idle, "h-idle", CLIENT, 100, NOW);
        seats.take(busy, "h-busy", CLIENT, 100, NOW);
        seats.touch(busy, NOW.plus(Duration.ofMinutes(5)));
        List<Member> freed = seats.freeIdle(NOW.plus(Duration.ofMinutes(1)));
        assertTrue(freed.contains(idle) && !freed.contains(busy), freed.toString());
        assertEquals(Optional.empty(), seats.holder(room, "h-idle"));
        assertEquals(Optional.of(busy), seats.holder(room, "h-busy"));
        assertEquals(Outcome.TAKEN, seats.take(Member.of(room, "Idle"), "h-again", CLIENT, 100, NOW));
    }

    @Test
    void refusesNewRoomsBeyondTheLimitButNotExistingOnes() {
        emptyStore();
        Seats seats = backplane(100, 2).seats;
        assertEquals(Outcome.TAKEN, seats.take(Member.of(room + "-a", "x"), "h1", CLIENT, 100, NOW));
        assertEquals(Outcome.TAKEN, seats.take(Member.of(room + "-b", "x"), "h2", CLIENT, 100, NOW));
        assertEquals(Outcome.TOO_MANY_ROOMS, seats.take(Member.of(room + "-c", "x"), "h3", CLIENT, 100, NOW));
        assertEquals(Outcome.TAKEN, seats.take(Member.of(room + "-a", "y"), "h4", CLIENT, 100, NOW), "an existing room");
    }

    @Test
    void aClientHoldsAtMostItsNamesAcrossRoomsAndServersAndFreeingOneMakesRoom() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        String client = "198.51.100." + (int) (Math.random() * 250);
        Member first = Member.of(room, "first");
        assertEquals(Outcome.TAKEN, a.seats.take(first, "c1", client, 2, NOW));
        assertEquals(Outcome.TAKEN, b.seats.take(Member.of(room + "-b", "second"), "c2", client, 2, NOW));
        assertEquals(Outcome.CLIENT_FULL, a.seats.take(Member.of(room + "-c", "third"), "c3", client, 2, NOW));
        assertEquals(Outcome.TAKEN, a.seats.take(Member.of(room + "-c", "third"), "c4", client + "0", 2, NOW),
                "another client");
        assertTrue(b.seats.free(first));
        assertEquals(Outcome.TAKEN, a.seats.take(Member.of(room + "-c", "fourth"), "c5", client, 2, NOW));
    }

    @Test
    void theLobbyCanAlwaysBeJoinedWhateverTheNumberOfRooms() {
        emptyStore();
        Seats seats = backplane(100, 1).seats;
        assertEquals(Outcome.TAKEN, seats.take(Member.of(room, "x"), "h1", CLIENT, 100, NOW));
        assertEquals(Outcome.TOO_MANY_ROOMS, seats.take(Member.of(room + "-b", "x"), "h2", CLIENT, 100, NOW));
        assertEquals(Outcome.TAKEN, seats.take(Member.of(dev.parley.chat.Names.LOBBY, "x"), "h3", CLIENT, 100, NOW));
    }
}
