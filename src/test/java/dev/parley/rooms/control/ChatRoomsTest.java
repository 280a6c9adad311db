package dev.parley.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.problems.ProblemException;
import dev.parley.security.control.AuthSettings;
import dev.parley.security.control.JwtVerifier;
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
    private final RoomSettings settings = new RoomSettings(20, 3, 2, 5, 100, Duration.ofSeconds(1),
            Duration.ofMinutes(15), Duration.ofMinutes(5), 16, Duration.ofSeconds(2));
    private final AtomicLong posted = new AtomicLong();
    private final ChatRooms rooms = new ChatRooms(backplane.seats, backplane.history, backplane.messages,
            backplane.signals, backplane.rules, backplane.attendance,
            new Presence(backplane.seats, backplane.attendance, backplane.directory, new ManualScheduler(),
                    new PresenceSettings(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofHours(1)), clock),
            new RateLimiter(backplane.windows, backplane.rules, settings, new ClientLimits(1000, 1000, 1000, Duration.ofSeconds(1)), clock),
            new JwtVerifier(new AuthSettings(false, "", Optional.empty(), Optional.empty(), java.util.Set.of(),
                    Duration.ofSeconds(60), "moderator", "admin")),
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

    private ChatEvent say(Joined member, String text) {
        return rooms.post(member.room(), Optional.of(member.token()), text, CLIENT, null).message();
    }

    private static int status(Runnable action) {
        return assertThrows(ProblemException.class, action::run).problem().status();
    }

    @Test
    void joinsTrimsTheNameAndRefusesATakenOne() {
        Joined joined = rooms.join("lobby", "  Bob ", CLIENT, Optional.empty());
        assertEquals("Bob", joined.username());
        assertEquals(409, status(() -> rooms.join("lobby", "bob", CLIENT, Optional.empty())));
        assertEquals(400, status(() -> rooms.join("lobby", "b o b", CLIENT, Optional.empty())));
    }

    @Test
    void aTokenActsOnlyAsItsOwnMemberInItsOwnRoom() {
        Joined bob = rooms.join("lobby", "bob", CLIENT, Optional.empty());
        rooms.join("other", "alice", CLIENT, Optional.empty());
        assertEquals("bob", say(bob, "hi").username());
        assertEquals(401, status(() -> rooms.post("other", Optional.of(bob.token()), "hi", CLIENT, null)));
        assertEquals(401, status(() -> rooms.post("lobby", Optional.of("forged"), "hi", CLIENT, null)));
        assertEquals(401, status(() -> rooms.post("lobby", Optional.empty(), "hi", CLIENT, null)));
        assertEquals(1, posted.get());
    }

    @Test
    void leavingEndsTheToken() {
        Joined bob = rooms.join("lobby", "bob", CLIENT, Optional.empty());
        rooms.leave("lobby", Optional.of(bob.token()));
        assertEquals(401, status(() -> rooms.post("lobby", Optional.of(bob.token()), "hi", CLIENT, null)));
        assertEquals(401, status(() -> rooms.leave("lobby", Optional.of(bob.token()))));
        assertEquals("bob", rooms.join("lobby", "bob", CLIENT, Optional.empty()).username());
    }

    @Test
    void replaysTheLatestOrWhatCameAfterAKnownIdOrResyncs() {
        Joined bob = rooms.join("lobby", "bob", CLIENT, Optional.empty());
        List<ChatEvent> said = List.of(
                say(bob, "1"), say(bob, "2"), say(bob, "3"), say(bob, "4"));

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
        Joined bob = rooms.join("lobby", "bob", CLIENT, Optional.empty());
        for (int i = 1; i <= 4; i++) {
            say(bob, "m" + i);
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
        Joined bob = rooms.join("lobby", "bob", CLIENT, Optional.empty());
        assertEquals(400, status(() -> rooms.post("lobby", Optional.of(bob.token()), "x".repeat(21), CLIENT, null)));
        assertEquals("x".repeat(20), say(bob, "x".repeat(20)).text());
    }

    @Test
    void onlyTheAuthorEditsWithinTheWindowAndNothingChangesOnARefusal() {
        Joined bob = rooms.join("lobby", "bob", CLIENT, Optional.empty());
        Joined alice = rooms.join("lobby", "alice", CLIENT, Optional.empty());
        ChatEvent said = say(bob, "helo");
        String connectId = rooms.replay("lobby", null).events().stream().filter(e -> !e.isMessage()).findFirst()
                .map(ChatEvent::id).orElse("1");
        List<ChatEvent> before = rooms.replay("lobby", null).events();

        assertEquals(403, status(() -> rooms.edit("lobby", Optional.of(alice.token()), said.id(), "hello", CLIENT)));
        assertEquals(404, status(() -> rooms.edit("lobby", Optional.of(bob.token()), "12345", "hello", CLIENT)));
        assertEquals(404, status(() -> rooms.edit("lobby", Optional.of(bob.token()), "../x", "hello", CLIENT)));
        assertEquals(404, status(() -> rooms.edit("lobby", Optional.of(bob.token()), connectId, "hello", CLIENT)));
        assertEquals(400, status(() -> rooms.edit("lobby", Optional.of(bob.token()), said.id(), " ", CLIENT)));
        assertEquals(401, status(() -> rooms.edit("lobby", Optional.empty(), said.id(), "hello", CLIENT)));
        assertEquals(before, rooms.replay("lobby", null).events(), "a refused edit changes nothing");

        clock.advance(Duration.ofMinutes(1));
        ChatEvent edited = rooms.edit("lobby", Optional.of(bob.token()), said.id(), "hello", CLIENT);
        assertEquals("hello", edited.text());
        assertEquals(clock.instant(), edited.edited());
        assertEquals(said.time(), edited.time(), "an edit keeps the message's own time");
        assertEquals(List.of(edited), rooms.messages("lobby", null, null));

        clock.advance(Duration.ofMinutes(15));
        assertEquals(409, status(() -> rooms.edit("lobby", Optional.of(bob.token()), said.id(), "late", CLIENT)));
        assertEquals("hello", rooms.messages("lobby", null, null).get(0).text());
    }

    @Test
    void theAuthorDeletesLeavingATombstoneAndDeletingAgainIsNoError() {
        Joined bob = rooms.join("lobby", "bob", CLIENT, Optional.empty());
        Joined alice = rooms.join("lobby", "alice", CLIENT, Optional.empty());
        ChatEvent said = say(bob, "oops");
        rooms.edit("lobby", Optional.of(bob.token()), said.id(), "oops, secret", CLIENT);
        assertEquals(403, status(() -> rooms.delete("lobby", Optional.of(alice.token()), said.id(), CLIENT)));
        assertEquals(404, status(() -> rooms.delete("lobby", Optional.of(bob.token()), "1", CLIENT)));

        rooms.delete("lobby", Optional.of(bob.token()), said.id(), CLIENT);
        ChatEvent tombstone = rooms.messages("lobby", null, null).get(0);
        assertEquals(said.id(), tombstone.id());
        assertEquals(null, tombstone.text());
        assertEquals(clock.instant(), tombstone.deleted());
        int events = rooms.replay("lobby", null).events().size();
        rooms.delete("lobby", Optional.of(bob.token()), said.id(), CLIENT);
        assertEquals(events, rooms.replay("lobby", null).events().size(), "deleting again says nothing");
        assertEquals(409, status(() -> rooms.edit("lobby", Optional.of(bob.token()), said.id(), "back", CLIENT)));
        assertTrue(rooms.replay("lobby", null).events().stream().noneMatch(e -> e.text() != null
                && e.text().contains("oops")), "the text is in no event read back");
    }

    @Test
    void aNameTakenAgainByAnotherSeatIsNotTheAuthor() {
        Joined bob = rooms.join("lobby", "bob", CLIENT, Optional.empty());
        ChatEvent said = say(bob, "mine");
        rooms.leave("lobby", Optional.of(bob.token()));
        Joined newBob = rooms.join("lobby", "bob", CLIENT, Optional.empty());
        assertEquals(403, status(() -> rooms.edit("lobby", Optional.of(newBob.token()), said.id(), "yours", CLIENT)));
        assertEquals(403, status(() -> rooms.delete("lobby", Optional.of(newBob.token()), said.id(), CLIENT)));
    }

    @Test
    void theSameIdempotencyKeyAnswersTheFirstPostAndAnotherTextWithItIsRefused() {
        Joined bob = rooms.join("lobby", "bob", CLIENT, Optional.empty());
        Joined alice = rooms.join("lobby", "alice", CLIENT, Optional.empty());
        var first = rooms.post("lobby", Optional.of(bob.token()), "once", CLIENT, "\"k-1\"");
        var again = rooms.post("lobby", Optional.of(bob.token()), "once", CLIENT, "k-1");
        assertFalse(first.repeated());
        assertTrue(again.repeated());
        assertEquals(first.message(), again.message());
        assertEquals(1, posted.get(), "a repeat is not counted as a message");
        assertEquals(1, rooms.messages("lobby", null, null).size());
        assertEquals(422, status(() -> rooms.post("lobby", Optional.of(bob.token()), "twice", CLIENT, "k-1")));
        assertFalse(rooms.post("lobby", Optional.of(alice.token()), "once", CLIENT, "k-1").repeated(),
                "a key is the member's own");
        for (String bad : List.of("", "\"\"", "\"open", "two words", "\"a\\x\"", "x".repeat(17), "\"é\"")) {
            assertEquals(400, status(() -> rooms.post("lobby", Optional.of(bob.token()), "k", CLIENT, bad)), bad);
        }
        assertEquals(2, rooms.messages("lobby", null, null).size());

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertFalse(rooms.post("lobby", Optional.of(bob.token()), "twice", CLIENT, "k-1").repeated(),
                "a key is forgotten after its lifetime");
    }

    @Test
    void typingIsForwardedAtMostOncePerIntervalAndNeverStored() {
        Joined bob = rooms.join("lobby", "bob", CLIENT, Optional.empty());
        int stored = rooms.replay("lobby", null).events().size();
        for (int i = 0; i < 5; i++) {
            rooms.typing("lobby", Optional.of(bob.token()));
        }
        clock.advance(Duration.ofSeconds(2));
        rooms.typing("lobby", Optional.of(bob.token()));
        List<ChatEvent> typing = backplane.delivered.stream()
                .filter(event -> event.type() == dev.parley.chat.EventType.USERTYPING).toList();
        assertEquals(2, typing.size());
        assertEquals(null, typing.get(0).id());
        assertEquals("bob", typing.get(0).username());
        assertEquals(stored, rooms.replay("lobby", null).events().size());
        assertEquals(401, status(() -> rooms.typing("lobby", Optional.of("forged"))));
    }
}
