package dev.parley.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.problems.ProblemException;
import dev.parley.chat.ChatEvent;
import dev.parley.rooms.entity.Joined;
import dev.parley.rooms.entity.Replay;
import dev.parley.testing.ManualScheduler;
import dev.parley.testing.MutableClock;
import dev.parley.testing.TestBackplane;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Counter;
import org.junit.jupiter.api.Test;

class ChatRoomsTest {

    private static final String CLIENT = "203.0.113.7";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final TestBackplane backplane = TestBackplane.memory(10, 100);
    private final RoomSettings settings = new RoomSettings(20, 3, 2, 5, 100, Duration.ofSeconds(1));
    private final AtomicLong posted = new AtomicLong();
    private final ChatRooms rooms = new ChatRooms(backplane.seats, backplane.history, backplane.attendance,
            new Presence(backplane.seats, backplane.attendance, backplane.directory, new ManualScheduler(),
                    new PresenceSettings(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofHours(1)), clock),
            new RateLimiter(backplane.windows, settings, new ClientLimits(1000, 1000, 1000, Duration.ofSeconds(1)), clock),
            settings, clock, counter(posted));

    private static Counter counter(AtomicLong count) {
        return new Counter() {
            @Override
            public void inc() {
                count.incrementAndGet();
            }

            @Override
            public void inc(long n) {
                count.addAndGet(n);
            }

            @Override
            public long getCount() {
                return count.get();
            }
        };
    }

    private static int status(Runnable action) {
        return assertThrows(ProblemException.class, action::run).problem().status();
    }

    @Test
    void joinsTrimsTheNameAndRefusesATakenOne() {
        Joined joined = rooms.join("lobby", "  Bob ", CLIENT);
        assertEquals("Bob", joined.username());
        assertEquals(409, status(() -> rooms.join("lobby", "bob", CLIENT)));
        assertEquals(400, status(() -> rooms.join("lobby", "b o b", CLIENT)));
    }

    @Test
    void aTokenActsOnlyAsItsOwnMemberInItsOwnRoom() {
        Joined bob = rooms.join("lobby", "bob", CLIENT);
        rooms.join("other", "alice", CLIENT);
        assertEquals("bob", rooms.post("lobby", Optional.of(bob.token()), "hi", CLIENT).username());
        assertEquals(401, status(() -> rooms.post("other", Optional.of(bob.token()), "hi", CLIENT)));
        assertEquals(401, status(() -> rooms.post("lobby", Optional.of("forged"), "hi", CLIENT)));
        assertEquals(401, status(() -> rooms.post("lobby", Optional.empty(), "hi", CLIENT)));
        assertEquals(1, posted.get());
    }

    @Test
    void leavingEndsTheToken() {
        Joined bob = rooms.join("lobby", "bob", CLIENT);
        rooms.leave("lobby", Optional.of(bob.token()));
        assertEquals(401, status(() -> rooms.post("lobby", Optional.of(bob.token()), "hi", CLIENT)));
        assertEquals(401, status(() -> rooms.leave("lobby", Optional.of(bob.token()))));
        assertEquals("bob", rooms.join("lobby", "bob", CLIENT).username());
    }

    @Test
    void replaysTheLatestOrWhatCameAfterAKnownIdOrResyncs() {
        Joined bob = rooms.join("lobby", "bob", CLIENT);
        List<ChatEvent> said = List.of(
                rooms.post("lobby", Optional.of(bob.token()), "1", CLIENT),
                rooms.post("lobby", Optional.of(bob.token()), "2", CLIENT),
                rooms.post("lobby", Optional.of(bob.token()), "3", CLIENT),
                rooms.post("lobby", Optional.of(bob.token()), "4", CLIENT));

        Replay fresh = rooms.replay("lobby", null);
        assertFalse(fresh.truncated());
        assertEquals(said.subList(1, 4), fresh.events());

        Replay resumed = rooms.replay("lobby", said.get(0).id());
        assertFalse(resumed.truncated());
        assertEquals(said.get(0).id(), resumed.after());
        assertEquals(said.subList(1, 4), resumed.events());

        Replay unknown = rooms.replay("lobby", "12345");
        assertTrue(unknown.truncated());
        assertEquals(said.subList(1, 4), unknown.events());
    }

    @Test
    void pagesMessagesWithinTheConfiguredLimits() {
        Joined bob = rooms.join("lobby", "bob", CLIENT);
        for (int i = 1; i <= 4; i++) {
            rooms.post("lobby", Optional.of(bob.token()), "m" + i, CLIENT);
        }
        assertEquals(List.of("m3", "m4"), rooms.messages("lobby", null, null).stream().map(ChatEvent::text).toList());
        String oldestShown = rooms.messages("lobby", null, "2").get(0).id();
        assertEquals(List.of("m1", "m2"), rooms.messages("lobby", oldestShown, "5").stream().map(ChatEvent::text).toList());
        assertEquals(400, status(() -> rooms.messages("lobby", null, "6")));
        assertEquals(400, status(() -> rooms.messages("lobby", null, "0")));
        assertEquals(400, status(() -> rooms.messages("lobby", null, "ten")));
        assertEquals(400, status(() -> rooms.messages("lobby", "999", null)));
    }

    @Test
    void refusesTextOverTheLimit() {
        Joined bob = rooms.join("lobby", "bob", CLIENT);
        assertEquals(400, status(() -> rooms.post("lobby", Optional.of(bob.token()), "x".repeat(21), CLIENT)));
        assertEquals("x".repeat(20), rooms.post("lobby", Optional.of(bob.token()), "x".repeat(20), CLIENT).text());
    }
}
