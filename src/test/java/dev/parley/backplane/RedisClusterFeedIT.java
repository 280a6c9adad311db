package dev.parley.backplane;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.backplane.control.BackplaneUnavailableException;
import dev.parley.chat.ChatEvent;
import dev.parley.testing.RedisClusterFixture;
import dev.parley.testing.RedisServer;
import dev.parley.testing.TestBackplane;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What only a Redis Cluster has to get right: a feed over rooms on every shard (no read may span slots), and a
 * primary's death (its replica promoted) losing nothing that was acknowledged.
 */
class RedisClusterFeedIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Generous: the node timeout is a second, the promotion and Lettuce's topology refresh a few more. */
    private static final Duration OUTAGE_BOUND = Duration.ofSeconds(15);

    @RegisterExtension
    static final RedisClusterFixture CLUSTER = new RedisClusterFixture();

    private static List<String> texts(List<ChatEvent> events, String room) {
        return events.stream().filter(event -> event.room().equals(room)).map(ChatEvent::text).toList();
    }

    @Test
    void deliversTheEventsOfRoomsOnEveryShardToEveryServerInOrderOnce() throws Exception {
        List<String> rooms = CLUSTER.cluster().roomOnEachShard("feed");
        TestBackplane a = CLUSTER.backplane(1000, 1000);
        TestBackplane b = CLUSTER.backplane(1000, 1000);
        for (String room : rooms) {
            a.history.follow(room);
            b.history.follow(room);
        }
        ExecutorService posters = Executors.newFixedThreadPool(rooms.size());
        try {
            List<Future<List<String>>> posted = new ArrayList<>();
            for (String room : rooms) {
                posted.add(posters.submit(() -> {
                    List<String> said = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        // from both servers, in turn: the order is the appends' order, whoever appended
                        (i % 2 == 0 ? a : b).say(room, "bob", room + "-m" + i, Instant.now());
                        said.add(room + "-m" + i);
                    }
                    return said;
                }));
            }
            for (int i = 0; i < rooms.size(); i++) {
                String room = rooms.get(i);
                List<String> said = posted.get(i).get();
                for (TestBackplane server : List.of(a, b)) {
                    await("room " + room + " delivered").atMost(WAIT).until(() -> texts(server.delivered, room).size() >= said.size());
                    assertEquals(said, texts(server.delivered, room), "every event of " + room + ", in order, once");
                }
                assertEquals(a.delivered.stream().filter(event -> event.room().equals(room)).map(ChatEvent::id).toList(),
                        b.delivered.stream().filter(event -> event.room().equals(room)).map(ChatEvent::id).toList(),
                        "the same ids on every server");
            }
        } finally {
            posters.shutdownNow();
        }
    }

    @Test
    void aRoomFollowedLaterIsDeliveredFromThenOnAndAnUnfollowedOneNoMore() {
        String room = "later-" + UUID.randomUUID().toString().substring(0, 8);
        TestBackplane a = CLUSTER.backplane(100, 1000);
        a.say(room, "bob", "before", Instant.now());
        a.history.follow(room);
        a.say(room, "bob", "after", Instant.now());
        await().atMost(WAIT).until(() -> texts(a.delivered, room).contains("after"));
        a.history.unfollow(room);
        a.say(room, "bob", "gone", Instant.now());
        a.history.follow(room);
        a.say(room, "bob", "back", Instant.now());
        await().atMost(WAIT).until(() -> texts(a.delivered, room).contains("back"));
        assertEquals(List.of("after", "back"), texts(a.delivered, room));
    }

    @Test
    void aServerWhoseShardLostItsDataTellsItsStreamsToStartOverOnce() {
        TestBackplane a = CLUSTER.backplane(100, 1000);
        List<String> rooms = CLUSTER.cluster().roomOnEachShard("lost");
        rooms.forEach(a.history::follow);
        rooms.forEach(room -> a.say(room, "bob", "before", Instant.now()));
        // the last shard, whichever holds the lowest epoch key: each shard's loss is noticed
        CLUSTER.cluster().shards().get(2).primary().flushAll();
        await("the loss noticed").atMost(WAIT).until(() -> a.losses.size() == 1);
        ChatEvent after = await().atMost(WAIT).ignoreExceptions().until(() -> a.say(rooms.get(0), "bob", "after",
                Instant.now()), event -> true);
        await().atMost(WAIT).until(() -> a.delivered.contains(after));
        assertEquals(1, a.losses.size(), "once, not on every check");
    }

    @Test
    void aPrimarysDeathLosesNoAcknowledgedMessageAndTheBackplaneRecoversByItself() throws Exception {
        String room = "failover-" + UUID.randomUUID().toString().substring(0, 8);
        TestBackplane follower = CLUSTER.backplane(100_000, 1000);
        TestBackplane poster = CLUSTER.backplane(100_000, 1000);
        follower.history.follow(room);
        RedisServer primary = CLUSTER.cluster().primaryOf("parley:{" + room + "}:events");

        List<ChatEvent> acknowledged = new CopyOnWriteArrayList<>();
        Map<String, Integer> refused = new ConcurrentHashMap<>();
        long[] firstRefusal = {0};
        long[] recovered = {0};
        int[] acknowledgedAtRecovery = {0};
        long killedAt;
        ExecutorService posting = Executors.newSingleThreadExecutor();
        try {
            Future<?> posts = posting.submit(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                // bounded in count and time: until 40 acknowledged after the recovery
                for (int i = 0; i < 100_000 && System.nanoTime() < deadline; i++) {
                    try {
                        acknowledged.add(poster.say(room, "bob", "m" + i, Instant.now()));
                        if (firstRefusal[0] != 0 && recovered[0] == 0) {
                            recovered[0] = System.nanoTime();
                            acknowledgedAtRecovery[0] = acknowledged.size();
                        }
                        if (recovered[0] != 0 && acknowledged.size() - acknowledgedAtRecovery[0] >= 40) {
                            return;
                        }
                    } catch (BackplaneUnavailableException e) {
                        refused.merge("m" + i, 1, Integer::sum);
                        if (firstRefusal[0] == 0) {
                            firstRefusal[0] = System.nanoTime();
                        }
                        pause();
                    }
                }
            });
            await("posts acknowledged before the kill").atMost(WAIT).until(() -> acknowledged.size() >= 50);
            killedAt = System.nanoTime();
            primary.kill();
            posts.get(120, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            posting.shutdownNow();
            // back as its old replica's replica, whatever the outcome: the next test has a whole cluster
            if (!primary.alive()) {
                primary.restart();
            }
            CLUSTER.cluster().awaitHealthy();
        }
        assertTrue(recovered[0] != 0, "posts were acknowledged again after the failover");
        Duration outage = Duration.ofNanos(recovered[0] - killedAt);
        System.out.printf("Redis Cluster failover: %d acknowledged, %d refused, posts refused for %d ms after the kill%n",
                acknowledged.size(), refused.size(), outage.toMillis());
        assertTrue(outage.compareTo(OUTAGE_BOUND) < 0, "recovered within " + OUTAGE_BOUND + ", not " + outage);
        await("available again").atMost(WAIT).until(() -> follower.status.available() && poster.status.available());

        Set<String> kept = new HashSet<>(follower.history.latest(room, 100_000).stream().map(ChatEvent::id).toList());
        List<String> lost = acknowledged.stream().map(ChatEvent::id).filter(id -> !kept.contains(id)).toList();
        assertEquals(List.of(), lost, "every acknowledged message is in history after the failover");

        List<String> acknowledgedIds = acknowledged.stream().map(ChatEvent::id).toList();
        await("every acknowledged message delivered").atMost(WAIT).until(() -> follower.delivered.stream()
                .map(ChatEvent::id).collect(java.util.stream.Collectors.toSet()).containsAll(acknowledgedIds));
        List<String> delivered = follower.delivered.stream().filter(event -> event.room().equals(room))
                .map(ChatEvent::id).toList();
        assertEquals(delivered.size(), new HashSet<>(delivered).size(), "nothing delivered twice");
        assertEquals(acknowledgedIds, delivered.stream().filter(acknowledgedIds::contains).toList(),
                "the acknowledged messages delivered in order");

        // signals too reach the other server after the failover, whichever node it listened on
        ChatEvent typing = ChatEvent.typing(room, "bob", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        await("a signal after the failover").atMost(WAIT).untilAsserted(() -> {
            poster.signals.send(typing);
            await().atMost(Duration.ofSeconds(1)).until(() -> follower.delivered.contains(typing));
        });
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
