package dev.parley.it;

import dev.parley.testing.Api;
import dev.parley.testing.Deployments;
import dev.parley.testing.EventReader;

import static dev.parley.testing.EventReader.texts;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.EventReader.Event;
import dev.parley.testing.LibertyServer;
import dev.parley.testing.RedisServer;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two Parley servers sharing rooms through one Redis (docs/API.md, "Several servers"): real servers from the packaged
 * WAR, a real redis-server, and failures made the hard way (SIGKILL).
 */
@Tag("slow")
class ScaleOutIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Lettuce's reconnect delay is capped at a second; a few attempts must do, however long Redis was away. */
    private static final Duration RECONNECT = Duration.ofSeconds(5);

    private static final Api.Login MODERATOR = new Api.Login("scale-moderator", "scale-moderator-secret");
    private static final Api.Login ADMIN = new Api.Login("scale-admin", "scale-admin-secret");
    private static RedisServer redis;
    private static LibertyServer a;
    private static LibertyServer b;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        // every client is 127.0.0.1: the limits per client are lifted
        Map<String, String> settings = new HashMap<>(Deployments.environment(Deployments.UNLIMITED_CLIENT));
        settings.putAll(Map.of(
                "PARLEY_BACKPLANE", "redis",
                "PARLEY_REDIS_URL", redis.url(),
                "PARLEY_KEEPALIVE_SECONDS", "1",
                "PARLEY_PRESENCE_GRACE_SECONDS", "2",
                "PARLEY_PRESENCE_HEARTBEAT_SECONDS", "1",
                "PARLEY_RATE_MESSAGES", "100000"));
        // the README's way: the registry's moderator and admin from the environment
        settings.putAll(Map.of("PARLEY_MODERATOR_USER", MODERATOR.user(), "PARLEY_MODERATOR_PASSWORD", MODERATOR.password(),
                "PARLEY_ADMIN_USER", ADMIN.user(), "PARLEY_ADMIN_PASSWORD", ADMIN.password()));
        a = LibertyServer.create("parleyA", settings);
        b = LibertyServer.create("parleyB", settings);
        a.start();
        b.start();
        a.awaitReady(START);
        b.awaitReady(START);
    }

    @AfterAll
    static void stop() {
        Stream.of(a, b).filter(java.util.Objects::nonNull).forEach(LibertyServer::close);
        if (redis != null) {
            redis.close();
        }
    }

    /** Each test starts from two ready servers, whatever the one before it did to them or to Redis. */
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

    private static String room() {
        return "x-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static EventReader watch(LibertyServer server, String room, Map<String, String> headers) {
        EventReader reader = api(server).watch(room, headers);
        reader.awaitRetry(WAIT);
        return reader;
    }

    private static long streamsOpen(Api api) {
        for (String line : api.getServer("metrics?scope=application").body().split("\n")) {
            if (line.startsWith("parley_streams_open")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    @Test
    void aMessagePostedOnOneServerReachesEveryServerInOrderWithTheSameIds() {
        String room = room();
        Api onA = api(a);
        Api onB = api(b);
        Api.Member bob = onA.join(room, "bob");
        try (EventReader streamA = watch(a, room, Map.of()); EventReader streamB = watch(b, room, Map.of())) {
            List<String> said = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                // the token bob got from server A works on B too
                (i % 2 == 0 ? onA : onB).say(bob, "m" + i);
                said.add("m" + i);
            }
            List<Event> seenOnA = streamA.awaitCount(20, WAIT);
            List<Event> seenOnB = streamB.awaitCount(20, WAIT);
            assertEquals(said, texts(seenOnA));
            assertEquals(seenOnA.stream().map(Event::id).toList(), seenOnB.stream().map(Event::id).toList());
        }
        HttpResponse<String> clash = onB.send(onB.request("api/rooms/" + room + "/members")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"BOB\"}")));
        assertEquals(409, clash.statusCode(), "names are unique across servers");
    }

    @Test
    void anEditOnOneServerIsSeenOnTheOtherAndAResumeOnEitherShowsTheMessageAsItIsNow() {
        String room = room();
        Api onA = api(a);
        Api onB = api(b);
        Api.Member bob = onA.join(room, "bob");
        JsonObject said = onA.say(bob, "helo");
        String id = said.getString("id");
        String key = "\"" + UUID.randomUUID() + "\"";
        try (EventReader streamB = watch(b, room, Map.of("Last-Event-ID", id))) {
            assertEquals(200, onA.edit(bob, id, "hello").statusCode());
            Event edit = streamB.await(e -> e.type().equals("messageedit"), WAIT, "the edit made on A, on B");
            assertEquals("hello", ((JsonObject) Api.parse(edit.data())).getString("text"));
            assertEquals(202, onA.typing(bob).statusCode());
            Event typing = streamB.await(e -> e.type().equals("usertyping"), WAIT, "typing on A, on B");
            assertEquals(null, typing.id());
            // the same key through either server is one post
            HttpResponse<String> first = onA.post(bob, "once", key);
            HttpResponse<String> retry = onB.post(bob, "once", key);
            assertEquals(first.body(), retry.body());
            String onceId = Api.object(first).getString("id");
            assertEquals(204, onB.delete(bob, onceId).statusCode());
            streamB.await(e -> e.type().equals("messagedelete"), WAIT, "the delete made on B");
            assertEquals(1, streamB.events().stream().filter(e -> e.data().contains("\"once\"")).count());
            for (LibertyServer server : List.of(a, b)) {
                try (EventReader resumed = watch(server, room, Map.of("Last-Event-ID", edit.id()))) {
                    Event delete = resumed.await(e -> e.type().equals("messagedelete"), WAIT, "resumed on " + server);
                    assertEquals(onceId, ((JsonObject) Api.parse(delete.data())).getString("message"));
                    assertFalse(resumed.raw().contains("\"text\":\"once\""), "the deleted text is not replayed");
                }
            }
        }
        JsonObject listed = Api.array(onB.get("api/rooms/" + room + "/messages")).getJsonObject(0);
        assertEquals("hello", listed.getString("text"));
        assertTrue(listed.containsKey("edited"));
    }

    @Test
    void moderationOnOneServerHoldsOnTheOtherAndBothWriteOneAuditTrail() {
        String room = room();
        Api onA = api(a);
        Api onB = api(b);
        Api.Member bob = onA.join(room, "bob");
        Api.Member carol = onA.join(room, "carol");
        try (EventReader watcher = watch(a, room, Map.of()); EventReader bobOnB = api(b).stream(bob)) {
            watcher.await(e -> e.type().equals("userconnect"), WAIT, "bob's userconnect");
            assertEquals(204, onA.send(onA.as(MODERATOR, "api/rooms/" + room + "/members/bob").DELETE()).statusCode());
            bobOnB.awaitEnd(WAIT);
            watcher.await(e -> e.type().equals("userdisconnect"), WAIT, "bob's userdisconnect");
            assertEquals(1, watcher.count("userdisconnect", "bob"));
        }
        HttpResponse<String> banned = onB.send(onB.as(MODERATOR, "api/rooms/" + room + "/bans")
                .header("Content-Type", "application/json")
                .POST(Api.json("{\"username\":\"bob\",\"seconds\":600,\"reason\":\"spam\"}")));
        assertEquals(201, banned.statusCode(), banned.body());
        HttpResponse<String> rejoin = onA.send(onA.request("api/rooms/" + room + "/members")
                .header("Content-Type", "application/json").POST(Api.json("{\"username\":\"bob\"}")));
        assertEquals(403, rejoin.statusCode(), "banned on B, refused on A: " + rejoin.body());
        String id = onA.say(carol, "rude").getString("id");
        assertEquals(204, onB.send(onB.as(MODERATOR, "api/rooms/" + room + "/messages/" + id).DELETE()).statusCode());
        JsonObject tombstone = Api.array(onA.get("api/rooms/" + room + "/messages")).getJsonObject(0);
        assertEquals("moderator", tombstone.getString("by"));
        String audit = onA.send(onA.as(ADMIN, "api/audit?limit=20").GET()).body();
        for (String action : List.of("\"kick\"", "\"ban\"", "\"delete\"")) {
            assertTrue(audit.contains(action), action + " in the one audit trail: " + audit);
        }
        HttpResponse<String> wrong = onA.send(onA.as(new Api.Login(MODERATOR.user(), "guess"), "api/audit").GET());
        assertEquals(401, wrong.statusCode());
    }

    @Test
    void aMemberWithStreamsOnTwoServersIsOneMemberThatComesAndGoesOnce() {
        String room = room();
        Api onA = api(a);
        Api.Member carol = onA.join(room, "carol");
        try (EventReader watcher = watch(b, room, Map.of())) {
            EventReader viaA = api(a).stream(carol);
            EventReader viaB = api(b).stream(carol);
            watcher.await(e -> e.type().equals("userconnect"), WAIT, "carol's userconnect");
            long openOnA = streamsOpen(onA);
            viaA.close();
            await().atMost(WAIT).until(() -> streamsOpen(onA) == openOnA - 1);
            // A has let carol go, but B still holds her: past A's grace period she stays, and nothing is said
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() ->
                    watcher.count("userdisconnect", "carol") == 0
                            && Api.array(api(b).get("api/rooms/" + room + "/members")).size() == 1);
            viaB.close();
            watcher.await(e -> e.type().equals("userdisconnect"), WAIT, "carol's userdisconnect");
            assertEquals(1, watcher.count("userconnect", "carol"));
            assertEquals(1, watcher.count("userdisconnect", "carol"));
        }
    }

    @Test
    void whenAServerIsKilledItsClientsResumeOnTheOtherWithNothingLostAndItsMembersExpire() throws Exception {
        String room = room();
        Api onB = api(b);
        Api.Member poster = onB.join(room, "poster");
        Api.Member dave = api(a).join(room, "dave");
        int total = 300;
        EventReader davesStream = api(a).stream(dave);
        try (EventReader watcher = watch(b, room, Map.of())) {
            watcher.await(e -> e.type().equals("userconnect"), WAIT, "dave's userconnect");
            EventReader reader = watch(a, room, Map.of());
            CompletableFuture<Void> posting = CompletableFuture.runAsync(() -> {
                for (int i = 1; i <= total; i++) {
                    onB.say(poster, "n" + i);
                }
            });
            List<String> received = new ArrayList<>();
            String lastId = null;
            while (received.size() < 60) {
                Event event = reader.next(WAIT);
                received.addAll(texts(List.of(event)));
                lastId = event.lastEventId();
            }
            long killed = System.nanoTime();
            a.kill();
            davesStream.close();
            reader.awaitEnd(WAIT);
            // everything the reader had taken from the socket before the cut counts, and it resumes after the last
            List<Event> beforeTheCut = reader.events();
            received.clear();
            received.addAll(texts(beforeTheCut));
            lastId = beforeTheCut.get(beforeTheCut.size() - 1).lastEventId();
            reader.close();

            try (EventReader resumed = watch(b, room, Map.of("Last-Event-ID", lastId))) {
                int missing = total - received.size();
                // the messages, whatever presence events come between them
                await().atMost(Duration.ofSeconds(60)).until(() -> texts(resumed.events()).size() >= missing);
                List<Event> rest = resumed.events();
                assertFalse(rest.stream().anyMatch(e -> e.type().equals("resync")), "the id was still in history");
                received.addAll(texts(rest));
            }
            posting.get(60, TimeUnit.SECONDS);
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= total; i++) {
                expected.add("n" + i);
            }
            assertEquals(expected, received, "every message once, in order, across the kill");

            watcher.await(e -> e.type().equals("userdisconnect"), WAIT, "dave's userdisconnect, from the survivor");
            System.out.printf("scale-out: after a SIGKILL, the survivor announced the dead server's member gone after %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
        } finally {
            a.start();
            a.awaitReady(START);
        }
    }

    @Test
    void whileRedisIsAwayReadinessIsDownAndPostsAre503ThenEverythingRecoversWithNoGap() {
        String room = room();
        Api onA = api(a);
        Api onB = api(b);
        Api.Member erin = onA.join(room, "erin");
        try (EventReader stream = watch(a, room, Map.of())) {
            onA.say(erin, "before");
            stream.await(e -> e.data().contains("\"before\""), WAIT, "the first message");

            long down = System.nanoTime();
            redis.kill();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> !a.ready() && !b.ready());
            long downAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down);
            HttpResponse<String> refused = onB.post(erin, "during");
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            int keepalives = stream.comments().size();
            stream.awaitComment("keepalive", WAIT);
            await().atMost(WAIT).until(() -> stream.comments().size() > keepalives + 1);
            assertFalse(stream.ended(), "open streams stay open");

            long up = System.nanoTime();
            redis.restart();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> a.ready() && b.ready());
            long upAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - up);
            await().atMost(WAIT).until(() -> onB.post(erin, "after").statusCode() == 201);
            stream.await(e -> e.data().contains("\"after\""), WAIT, "a message after the outage");
            assertEquals(List.of("before", "after"), texts(stream.events()));
            assertEquals(List.of("before", "after"), Api.array(onA.get("api/rooms/" + room + "/messages")).stream()
                    .map(v -> v.asJsonObject().getString("text")).toList(), "acknowledged messages survived");
            System.out.printf("scale-out: Redis killed, readiness DOWN on both servers after %d ms; Redis back, "
                    + "readiness UP after %d ms%n", downAfter, upAfter);
        }
    }

    @Test
    void aServerStartedWhileRedisIsAwayStartsNotReadyAndBecomesReadyByItself() {
        b.stop();
        redis.kill();
        try {
            b.start();
            await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> b.status("health/started") == 200);
            assertEquals(503, b.status("health/ready"));
        } finally {
            redis.restart();
        }
        b.awaitReady(WAIT);
        assertEquals(201, api(b).post(api(b).join(room(), "gina"), "hello").statusCode());
        // and the server that ran through the whole outage reconnects by itself, not after a long backoff
        a.awaitReady(RECONNECT);
        assertEquals(201, api(a).post(api(a).join(room(), "hana"), "hello").statusCode());
    }

    @Test
    void historyIdsAndMembershipSurviveARestartOfEveryServer() {
        String room = room();
        Api onA = api(a);
        Api.Member frank = onA.join(room, "frank");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(onA.say(frank, "kept" + i).getString("id"));
        }
        a.kill();
        b.stop();
        a.start();
        b.start();
        a.awaitReady(START);
        b.awaitReady(START);
        List<String> after = Api.array(api(b).get("api/rooms/" + room + "/messages")).stream()
                .map(v -> v.asJsonObject().getString("id")).toList();
        assertEquals(ids, after);
        assertEquals(201, api(b).post(frank, "still me").statusCode(), "the token outlived both servers");
        HttpResponse<String> clash = api(a).send(api(a).request("api/rooms/" + room + "/members")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"frank\"}")));
        assertEquals(409, clash.statusCode(), "and so did the name");
    }
}
