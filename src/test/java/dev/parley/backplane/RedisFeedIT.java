package dev.parley.backplane;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.backplane.control.BackplaneUnavailableException;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.HistoryGap;
import dev.parley.testing.RedisFixture;
import dev.parley.testing.TestBackplane;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only the Redis backplane has to get right: falling behind a room, and Redis going away and coming back. */
class RedisFeedIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final RedisFixture REDIS = new RedisFixture();

    private final String room = "r-" + UUID.randomUUID().toString().substring(0, 8);

    private ChatEvent say(TestBackplane backplane, String text) {
        return backplane.say(room, "bob", text, Instant.now());
    }

    @Test
    void aServerThatFellBehindFurtherThanHistoryReportsTheGapInsteadOfSkippingSilently() {
        CountDownLatch stuck = new CountDownLatch(1);
        List<ChatEvent> slow = new CopyOnWriteArrayList<>();
        TestBackplane lagging = REDIS.backplane(20, 1000, event -> {
            slow.add(event);
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        TestBackplane poster = REDIS.backplane(20, 1000);
        lagging.history.follow(room);
        say(poster, "first");
        await().atMost(WAIT).until(() -> slow.size() == 1);
        // the lagging server's reader is busy with "first" while 30 more go by a history of 20
        for (int i = 0; i < 30; i++) {
            say(poster, "m" + i);
        }
        stuck.countDown();
        await().atMost(WAIT).until(() -> lagging.gaps.size() == 1);
        assertEquals(new HistoryGap(room), lagging.gaps.get(0));
        await().atMost(WAIT).until(() -> slow.size() == 21);
        assertEquals("m10", slow.get(1).text(), "delivery goes on from what history still holds");
    }

    @Test
    void failsFastWhileRedisIsAwayAndCatchesUpWhenItReturns() {
        TestBackplane a = REDIS.backplane(100, 1000);
        TestBackplane b = REDIS.backplane(100, 1000);
        a.history.follow(room);
        ChatEvent before = say(b, "before");
        await().atMost(WAIT).until(() -> a.delivered.contains(before));

        REDIS.server().kill();
        assertThrows(BackplaneUnavailableException.class, () -> say(b, "lost?"));
        await().atMost(WAIT).until(() -> !a.status.available() && !b.status.available());

        REDIS.server().restart();
        await().atMost(WAIT).until(() -> a.status.available() && b.status.available());
        ChatEvent after = await().atMost(WAIT).ignoreExceptions().until(() -> say(b, "after"), event -> true);
        await().atMost(WAIT).until(() -> a.delivered.contains(after));
        assertEquals(List.of("before", "after"), a.delivered.stream().map(ChatEvent::text).toList());
        assertEquals(List.of(before, after), a.history.latest(room, 10), "history survived the restart, nothing half-written");
        assertFalse(a.history.latest(room, 10).stream().anyMatch(e -> "lost?".equals(e.text())));
    }

    @Test
    void aServerWhoseRedisLostItsDataTellsItsStreamsToStartOverOnce() {
        TestBackplane a = REDIS.backplane(100, 1000);
        a.history.follow(room);
        say(a, "before");
        REDIS.server().flushAll();
        await().atMost(WAIT).until(() -> a.losses.size() == 1);
        ChatEvent after = await().atMost(WAIT).ignoreExceptions().until(() -> say(a, "after"), event -> true);
        await().atMost(WAIT).until(() -> a.delivered.contains(after));
        assertEquals(1, a.losses.size(), "once, not on every check");
    }
}
