package dev.parley.backplane;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.backplane.control.History;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventIds;
import dev.parley.chat.Member;
import dev.parley.testing.TestBackplane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every guarantee of {@link History}, on every implementation. */
public abstract class HistoryContract extends BackplaneContract {

    protected HistoryContract(Store store) {
        super(store);
    }

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static List<String> texts(List<ChatEvent> events) {
        return events.stream().map(ChatEvent::text).toList();
    }

    private ChatEvent say(TestBackplane backplane, String text) {
        return backplane.say(room, "bob", text, NOW);
    }

    private ChatEvent connect(TestBackplane backplane, int i) {
        Member member = Member.of(room, "u" + i);
        backplane.seats.take(member, "token-" + room + i, CLIENT, 100, NOW);
        return backplane.attendance.connect(member, NOW).orElseThrow();
    }

    /** 25 events in the room, every fifth a userconnect and the others messages "m" + i, as appended. */
    private List<ChatEvent> appendMixed(TestBackplane backplane) {
        List<ChatEvent> appended = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            appended.add(i % 5 == 0 ? connect(backplane, i) : say(backplane, "m" + i));
        }
        return appended;
    }

    @Test
    void idsIncreaseInAppendOrderOnEveryServerEvenWhenTheClockStepsBack() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        List<ChatEvent> appended = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            TestBackplane server = i % 2 == 0 ? a : b;
            appended.add(server.say(room, "bob", "m" + i, NOW.minusMillis(i)));
        }
        for (int i = 1; i < appended.size(); i++) {
            assertTrue(EventIds.compare(appended.get(i - 1).id(), appended.get(i).id()) < 0, appended.get(i).id());
        }
        assertEquals(appended, a.history.latest(room, 50));
    }

    @Test
    void keepsTheNewestRetainedEventsAndReplaysWhatCameAfterARetainedId() {
        TestBackplane a = backplane(20, 1000);
        List<ChatEvent> appended = appendMixed(a);
        History other = otherServer(a).history;
        assertEquals(appended.subList(5, 25), other.latest(room, 100), "trimmed to the 20 retained");
        assertEquals(appended.subList(22, 25), other.latest(room, 3));
        assertEquals(appended.subList(11, 25), other.after(room, appended.get(10).id()).orElseThrow());
        assertEquals(List.of(), other.after(room, appended.get(24).id()).orElseThrow());
        assertEquals(Optional.empty(), other.after(room, appended.get(2).id()), "trimmed");
        assertEquals(Optional.empty(), other.after(room, "1"));
        assertEquals(Optional.empty(), other.after(room, "junk"));
        assertEquals(List.of(), other.latest(room + "-none", 5));
    }

    @Test
    void pagesBackThroughMessagesOnlyOldestFirst() {
        TestBackplane a = backplane(20, 1000);
        List<ChatEvent> appended = appendMixed(a);
        History history = otherServer(a).history;
        List<ChatEvent> newest = history.messagesBefore(room, null, 3).orElseThrow();
        assertEquals(List.of("m22", "m23", "m24"), texts(newest));
        assertEquals(List.of("m18", "m19", "m21"), texts(history.messagesBefore(room, newest.get(0).id(), 3).orElseThrow()));
        assertEquals(List.of("m6", "m7", "m8", "m9", "m11"), texts(history.messagesBefore(room, appended.get(12).id(), 50)
                .orElseThrow()), "down to what is retained");
        assertEquals(Optional.empty(), history.messagesBefore(room, "1", 3), "an id not in history");
        assertEquals(Optional.of(List.of()), history.messagesBefore(room + "-none", null, 3));
    }

    @Test
    void deliversEveryEventOfAFollowedRoomOnceInOrderToEveryServer() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        a.history.follow(room);
        if (b != a) {
            b.history.follow(room);
        }
        List<ChatEvent> appended = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            appended.add(say(i % 2 == 0 ? a : b, "m" + i));
        }
        await().atMost(WAIT).until(() -> inRoom(a).size() >= 15 && inRoom(b).size() >= 15);
        assertEquals(appended, inRoom(a));
        assertEquals(appended, inRoom(b));
        assertTrue(a.gaps.isEmpty() && b.gaps.isEmpty());
    }

    @Test
    void aRoomFollowedLaterIsDeliveredFromTheNewestEventAtThatMoment() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        say(a, "before");
        b.history.follow(room);
        ChatEvent after = say(a, "after");
        await().atMost(WAIT).until(() -> inRoom(b).contains(after));
        assertTrue(inRoom(b).stream().noneMatch(event -> event.text().equals("before")) || b == a,
                "nothing older than the follow is delivered to a server that was not following");
    }

    @Test
    void deliveryIsCountedByFollowerAndStopsAfterTheLastUnfollow() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        b.history.follow(room);
        b.history.follow(room);
        b.history.unfollow(room);
        ChatEvent stillFollowed = say(a, "still followed");
        await().atMost(WAIT).until(() -> inRoom(b).contains(stillFollowed));
        b.history.unfollow(room);
        say(a, "unfollowed");
        a.history.follow(room);
        ChatEvent marker = say(a, "marker");
        await().atMost(WAIT).until(() -> inRoom(a).contains(marker));
        if (b != a) {
            assertEquals(List.of(stillFollowed), inRoom(b), "nothing for a room no longer followed");
        }
    }

    @Test
    void deliversOutsideAnyLockOfTheStore() throws Exception {
        List<ChatEvent> appendedDuringDelivery = new CopyOnWriteArrayList<>();
        TestBackplane[] made = new TestBackplane[1];
        TestBackplane a = backplaneDelivering(event -> {
            if (event.text() != null && event.text().equals("first")) {
                // another thread appends to the same room while this delivery runs: under a lock it would wait forever
                Thread other = new Thread(() -> appendedDuringDelivery.add(say(made[0], "second")));
                other.start();
                try {
                    other.join(WAIT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        made[0] = a;
        a.history.follow(room);
        say(a, "first");
        await().atMost(WAIT).until(() -> appendedDuringDelivery.size() == 1);
        await().atMost(WAIT).until(() -> texts(inRoom(a)).equals(List.of("first", "second")));
    }

    private List<ChatEvent> inRoom(TestBackplane backplane) {
        return backplane.delivered.stream().filter(event -> event.room().equals(room)).toList();
    }
}
