package dev.parley.it;

import static dev.parley.testing.EventReader.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.Deployments;
import dev.parley.testing.EventReader;
import dev.parley.testing.EventReader.Event;
import dev.parley.testing.LibertyServer;
import dev.parley.testing.RedisCluster;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two Parley servers sharing rooms through a Redis Cluster (README, "Scale out"): real servers from the packaged WAR
 * configured with {@code PARLEY_REDIS_URL=redis-cluster://…}, and a real cluster of three primaries and three
 * replicas, with the test's rooms on every shard.
 */
@Tag("slow")
class ClusterScaleOutIT {

    // two servers starting at once on a small, busy machine take their time
    private static final Duration START = Duration.ofSeconds(240);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static RedisCluster cluster;
    private static LibertyServer a;
    private static LibertyServer b;

    @BeforeAll
    static void start() {
        cluster = RedisCluster.start();
        // every client is 127.0.0.1: the limits per client are lifted
        Map<String, String> settings = new HashMap<>(Deployments.environment(Deployments.UNLIMITED_CLIENT));
        settings.putAll(Map.of(
                "PARLEY_BACKPLANE", "redis",
                "PARLEY_REDIS_URL", cluster.url(),
                "PARLEY_RATE_MESSAGES", "100000"));
        a = LibertyServer.create("parleyClusterA", settings);
        b = LibertyServer.create("parleyClusterB", settings);
        a.start();
        b.start();
        a.awaitReady(START);
        b.awaitReady(START);
    }

    @AfterAll
    static void stop() {
        Stream.of(a, b).filter(java.util.Objects::nonNull).forEach(LibertyServer::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void bothReady() {
        a.awaitReady(START);
        b.awaitReady(START);
    }

    private static Api api(LibertyServer server) {
        try {
            return new Api(server.url().toURL());
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EventReader watch(LibertyServer server, String room) {
        EventReader reader = api(server).watch(room, Map.of());
        reader.awaitRetry(WAIT);
        return reader;
    }

    @Test
    void aMessagePostedOnOneServerReachesTheOthersStreamInOrderWithTheSameIdsInRoomsOnEveryShard() {
        Api onA = api(a);
        Api onB = api(b);
        List<String> rooms = cluster.roomOnEachShard("c");
        for (String room : rooms) {
            Api.Member bob = onA.join(room, "bob");
            List<String> said = new ArrayList<>();
            try (EventReader streamA = watch(a, room); EventReader streamB = watch(b, room)) {
                for (int i = 0; i < 10; i++) {
                    // the token bob got from server A works on B too
                    (i % 2 == 0 ? onA : onB).say(bob, "m" + i);
                    said.add("m" + i);
                }
                List<Event> seenOnA = streamA.awaitCount(10, WAIT);
                List<Event> seenOnB = streamB.awaitCount(10, WAIT);
                assertEquals(said, texts(seenOnA), "room " + room + " on A");
                assertEquals(said, texts(seenOnB), "room " + room + " on B");
                assertEquals(seenOnA.stream().map(Event::id).toList(), seenOnB.stream().map(Event::id).toList(),
                        "the same ids on both servers");
            }
            HttpResponse<String> clash = onB.send(onB.request("api/rooms/" + room + "/members")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"BOB\"}")));
            assertEquals(409, clash.statusCode(), "names are unique across servers: " + clash.body());
            assertEquals(said, Api.array(onB.get("api/rooms/" + room + "/messages")).stream()
                    .map(message -> ((JsonObject) message).getString("text")).toList(), "history read back on the other server");
        }
        HttpResponse<String> listed = onA.get("api/rooms");
        assertEquals(200, listed.statusCode());
        for (String room : rooms) {
            assertTrue(listed.body().contains("\"" + room + "\""), "room " + room + " listed: " + listed.body());
        }
    }

    @Test
    void badInputIsStillAProblemAndNotAServerError() {
        Api onA = api(a);
        String room = cluster.roomOnEachShard("p").get(0);
        Api.Member bob = onA.join(room, "bob");
        HttpResponse<String> empty = onA.post(bob, "");
        assertEquals(4, empty.statusCode() / 100, empty.body());
        assertTrue(empty.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        HttpResponse<String> unknown = onA.edit(bob, "1-0", "edited");
        assertEquals(4, unknown.statusCode() / 100, unknown.body());
        HttpResponse<String> badRoom = onA.get("api/rooms/%7Bx%7D/messages");
        assertEquals(4, badRoom.statusCode() / 100, "a room name with braces: " + badRoom.body());
        HttpResponse<String> stranger = onA.send(onA.request("api/rooms/" + room + "/messages")
                .header("Authorization", "Bearer not-a-token").header("Content-Type", "application/json")
                .POST(Api.json("{\"text\":\"hi\"}")));
        assertEquals(401, stranger.statusCode(), stranger.body());
    }
}
