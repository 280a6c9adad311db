package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.it.EventReader.Event;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The event stream of docs/API.md: format, replay and resume, resync, presence with its grace period, keepalive. Run
 * once per backplane by its subclasses.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class EventStreamContract {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** What every run of the contract needs; each subclass adds its backplane. */
    static final Map<String, String> SETTINGS = Map.of(
            "parley.history.replay", "5",
            "parley.history.retain", "200",
            "parley.keepalive-seconds", "1",
            "parley.presence.grace-seconds", "2",
            "parley.rate.messages", "100000");

    @ArquillianResource
    URL base;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(base);
    }

    private static String room() {
        return "s-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private EventReader watch(String room) {
        return open(room, Map.of());
    }

    private EventReader open(String room, Map<String, String> headers) {
        EventReader reader = EventReader.open(api.uri("api/rooms/" + room + "/events"), headers);
        assertEquals(200, reader.status(), reader::errorBody);
        return reader;
    }

    private EventReader member(Api.Member member) {
        EventReader reader = EventReader.open(api.uri("api/rooms/" + member.room() + "/events?token=" + member.token()));
        assertEquals(200, reader.status(), reader::errorBody);
        return reader;
    }

    private static List<String> texts(List<Event> events) {
        return events.stream().filter(e -> e.type().equals("usermessage"))
                .map(e -> ((JsonObject) Api.parse(e.data())).getString("text")).toList();
    }

    private static long count(EventReader reader, String type, String username) {
        return reader.events().stream().filter(e -> e.type().equals(type)
                && ((JsonObject) Api.parse(e.data())).getString("username").equals(username)).count();
    }

    @Test
    void startsWithRetryAndTheEventStreamHeaders() {
        try (EventReader stream = watch(room())) {
            assertEquals("text/event-stream", stream.headers().firstValue("Content-Type").orElse(""));
            assertEquals("no-cache", stream.headers().firstValue("Cache-Control").orElse(""));
            assertEquals("no", stream.headers().firstValue("X-Accel-Buffering").orElse(""));
            assertTrue(stream.headers().firstValue("Content-Encoding").isEmpty());
            stream.awaitComment("keepalive", WAIT);
            assertTrue(stream.raw().startsWith("retry: 3000\n\n"), stream.raw());
            assertEquals(List.of(3000L), stream.retries());
        }
    }

    @Test
    void eachEventHasItsIdTypeAndOneLineOfJsonDataWithNoRawLineBreakFromInput() {
        String room = room();
        Api.Member bob = api.join(room, "bob");
        try (EventReader stream = member(bob)) {
            String text = "line one\nline two\r\nthree\u2028four\ttab <img src=x onerror=alert(1)>";
            JsonObject posted = api.say(bob, text);
            Event event = stream.await(e -> e.type().equals("usermessage"), WAIT, "the message");
            assertEquals(posted.getString("id"), event.id());
            JsonObject data = (JsonObject) Api.parse(event.data());
            assertEquals(posted, data);
            assertEquals(Set.of("id", "username", "time", "text"), data.keySet());
            assertEquals("line one\nline two\nthree\u2028four\ttab <img src=x onerror=alert(1)>", data.getString("text"));
            for (String line : stream.raw().split("\n")) {
                // U+2028 may stay raw inside JSON: only CR and LF end an SSE line
                // ":" alone is the probe of a quiet stream (docs/streams.md)
                assertTrue(line.isEmpty() || line.matches("(?s)(retry|id|event|data): .*|: keepalive|:"), line);
            }
            Event connect = stream.await(e -> e.type().equals("userconnect"), WAIT, "userconnect");
            assertEquals(Set.of("id", "username", "time"), ((JsonObject) Api.parse(connect.data())).keySet());
        }
    }

    @Test
    void replaysTheLatestEventsOnAFreshConnectThenLiveOnes() {
        String room = room();
        Api.Member bob = api.join(room, "bob");
        for (int i = 1; i <= 8; i++) {
            api.say(bob, "m" + i);
        }
        try (EventReader stream = watch(room)) {
            assertEquals(List.of("m4", "m5", "m6", "m7", "m8"), texts(stream.awaitCount(5, WAIT)));
            api.say(bob, "live");
            stream.await(e -> e.data().contains("\"live\""), WAIT, "the live message");
            assertEquals(List.of("m4", "m5", "m6", "m7", "m8", "live"), texts(stream.events()));
        }
    }

    @Test
    void resumesAfterLastEventIdWithNoGapAndNoDuplicateWhilePostsKeepComing() throws Exception {
        String room = room();
        Api.Member bob = api.join(room, "bob");
        int total = 150;
        CompletableFuture<Void> poster = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= total; i++) {
                api.say(bob, "n" + i);
            }
        });
        List<String> received = new ArrayList<>();
        String lastId = null;
        int connections = 0;
        // reconnect every few events, as a flaky network would, always carrying the last id seen
        while (received.isEmpty() || !received.get(received.size() - 1).equals("n" + total)) {
            connections++;
            try (EventReader stream = lastId == null ? watch(room) : open(room, Map.of("Last-Event-ID", lastId))) {
                for (int taken = 0; taken < 7 && !(received.size() > 0 && received.get(received.size() - 1).equals("n" + total)); taken++) {
                    Event event = stream.next(WAIT);
                    assertFalse(event.type().equals("resync"), "the last id was retained: no resync");
                    received.addAll(texts(List.of(event)));
                    lastId = event.lastEventId();
                }
            }
        }
        poster.get(60, TimeUnit.SECONDS);
        int first = Integer.parseInt(received.get(0).substring(1));
        List<String> expected = new ArrayList<>();
        for (int i = first; i < first + received.size(); i++) {
            expected.add("n" + i);
        }
        assertEquals(expected, received, "every message once, in order, across " + connections + " connections");
        assertTrue(connections > 10);
    }

    @Test
    void resumesFromTheLastEventIdQueryParameterOnAFirstConnect() {
        String room = room();
        Api.Member bob = api.join(room, "bob");
        String first = api.say(bob, "one").getString("id");
        api.say(bob, "two");
        api.say(bob, "three");
        try (EventReader stream = EventReader.open(api.uri("api/rooms/" + room + "/events?lastEventId=" + first))) {
            assertEquals(List.of("two", "three"), texts(stream.awaitCount(2, WAIT)));
        }
        try (EventReader stream = EventReader.open(api.uri("api/rooms/" + room + "/events?lastEventId=" + first),
                Map.of("Last-Event-ID", api.say(bob, "four").getString("id")))) {
            api.say(bob, "five");
            assertEquals(List.of("five"), texts(stream.awaitCount(1, WAIT)), "the header wins over the parameter");
        }
    }

    @Test
    void resyncsThenReplaysTheLatestWhenTheIdIsUnknownOrNoLongerRetained() {
        String room = room();
        Api.Member bob = api.join(room, "bob");
        String oldest = api.say(bob, "first").getString("id");
        for (int i = 1; i <= 205; i++) {
            api.say(bob, "m" + i);
        }
        for (String lastId : List.of(oldest, "1", "not-an-id")) {
            try (EventReader stream = open(room, Map.of("Last-Event-ID", lastId))) {
                List<Event> events = stream.awaitCount(6, WAIT);
                assertEquals("resync", events.get(0).type());
                assertEquals("{\"reason\":\"history-truncated\"}", events.get(0).data());
                assertNull(events.get(0).id());
                assertEquals(List.of("m201", "m202", "m203", "m204", "m205"), texts(events.subList(1, 6)));
            }
        }
    }

    @Test
    void aMembersOwnStreamSeesItsOwnUserconnectAndAWatcherCountsForNoPresence() {
        String room = room();
        try (EventReader watcher = watch(room)) {
            Api.Member bob = api.join(room, "bob");
            watcher.awaitComment("keepalive", WAIT);
            assertEquals(0, Api.array(api.get("api/rooms/" + room + "/members")).size());
            try (EventReader own = member(bob)) {
                Event connect = own.await(e -> e.type().equals("userconnect"), WAIT, "bob's own userconnect");
                assertEquals("bob", ((JsonObject) Api.parse(connect.data())).getString("username"));
                assertEquals(connect.id(), watcher.await(e -> e.type().equals("userconnect"), WAIT, "userconnect").id());
            }
        }
    }

    @Test
    void refusesATokenOfAnotherRoomAForgedOneAndABadRoom() {
        Api.Member elsewhere = api.join(room(), "eve");
        String room = room();
        api.join(room, "bob");
        for (EventReader refused : List.of(
                EventReader.open(api.uri("api/rooms/" + room + "/events?token=" + elsewhere.token())),
                EventReader.open(api.uri("api/rooms/" + room + "/events"), Map.of("Authorization", "Bearer forged")))) {
            assertEquals(401, refused.status());
            assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
            assertFalse(refused.errorBody().contains(elsewhere.token()));
        }
        assertEquals(400, EventReader.open(api.uri("api/rooms/Not_A_Room/events")).status());
    }

    @Test
    void aReloadWithinTheGracePeriodEmitsNothingAndALastCloseEmitsOneUserdisconnect() throws Exception {
        String room = room();
        Api.Member bob = api.join(room, "bob");
        // the streams of earlier tests are gone (the server notices a closed one within two probe periods)
        Metrics.awaitStreamsOpen(api, 0, WAIT);
        try (EventReader watcher = watch(room)) {
            EventReader first = member(bob);
            watcher.await(e -> e.type().equals("userconnect"), WAIT, "userconnect");
            first.close();
            // reconnect as soon as the server has noticed the closed stream: within the 2 s grace period
            Metrics.awaitStreamsOpen(api, 1, WAIT);
            try (EventReader second = member(bob)) {
                second.await(e -> e.type().equals("userconnect"), WAIT, "the replayed userconnect");
                Api.Member alice = api.join(room, "alice");
                api.say(alice, "marker");
                watcher.await(e -> e.data().contains("marker"), WAIT, "the marker");
            }
            watcher.await(e -> e.type().equals("userdisconnect"), WAIT, "bob's userdisconnect after the grace period");
            assertEquals(1, count(watcher, "userconnect", "bob"), "the reload emitted no second userconnect");
            assertEquals(1, count(watcher, "userdisconnect", "bob"));
            assertEquals(0, Api.array(api.get("api/rooms/" + room + "/members")).size());
        }
    }

    @Test
    void leavingEmitsOneUserdisconnectAtOnceAndClosesTheMembersStreams() {
        String room = room();
        Api.Member bob = api.join(room, "bob");
        Api.Member alice = api.join(room, "alice");
        try (EventReader watcher = watch(room); EventReader bobs = member(bob); EventReader bobsOther = member(bob)) {
            watcher.await(e -> e.type().equals("userconnect"), WAIT, "userconnect");
            assertEquals(204, api.leave(bob).statusCode());
            watcher.await(e -> e.type().equals("userdisconnect"), WAIT, "userdisconnect");
            bobs.awaitEnd(WAIT);
            bobsOther.awaitEnd(WAIT);
            api.say(alice, "after");
            watcher.await(e -> e.data().contains("after"), WAIT, "a later message");
            assertEquals(1, count(watcher, "userdisconnect", "bob"));
            assertEquals(401, member401(bob));
        }
    }

    private int member401(Api.Member member) {
        return EventReader.open(api.uri("api/rooms/" + member.room() + "/events?token=" + member.token())).status();
    }

    @Test
    void sendsAKeepaliveCommentWhenIdle() {
        try (EventReader stream = watch(room())) {
            stream.awaitComment("keepalive", WAIT);
            assertTrue(stream.raw().contains("\n: keepalive\n"));
            assertTrue(stream.events().isEmpty(), "a comment dispatches no event");
        }
    }

    @Test
    void aSpecFollowingClientReceivesTheNamedEvents() throws Exception {
        String room = room();
        Api.Member bob = api.join(room, "bob");
        List<InboundSseEvent> received = new CopyOnWriteArrayList<>();
        Client client = ClientBuilder.newClient();
        try (SseEventSource source = SseEventSource.target(client.target(api.uri("api/rooms/" + room + "/events")
                .toString()).queryParam("token", bob.token())).build()) {
            source.register(received::add);
            source.open();
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> received.stream()
                    .anyMatch(e -> "userconnect".equals(e.getName())));
            JsonObject posted = api.say(bob, "hello from jersey");
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> received.stream()
                    .anyMatch(e -> "usermessage".equals(e.getName())));
            InboundSseEvent message = received.stream().filter(e -> "usermessage".equals(e.getName())).findFirst().orElseThrow();
            assertEquals(posted.getString("id"), message.getId());
            assertEquals(posted, Api.parse(message.readData()));
        } finally {
            client.close();
        }
        Set<String> names = new LinkedHashSet<>();
        // Jersey hands over comment-only blocks (the keepalive) as unnamed events
        received.stream().filter(e -> e.getName() != null).forEach(e -> names.add(e.getName()));
        assertEquals(Set.of("userconnect", "usermessage"), names);
        // a keepalive block may carry the probes' empty comment lines before it
        assertTrue(received.stream().filter(e -> e.getName() == null).allMatch(e -> e.isReconnectDelaySet()
                || e.getComment() != null && e.getComment().strip().equals("keepalive")
                || e.getComment() != null && e.getComment().isBlank()), "unnamed events are only comments and retry");
    }

    /** The server's own open-stream gauge, read from /metrics. */
    static final class Metrics {
        static int streamsOpen(Api api) {
            HttpResponse<String> metrics = api.getServer("metrics?scope=application");
            for (String line : metrics.body().split("\n")) {
                if (line.startsWith("parley_streams_open")) {
                    return (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            throw new AssertionError("no parley_streams_open in " + metrics.body());
        }

        static void awaitStreamsOpen(Api api, int expected, Duration timeout) {
            org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .until(() -> streamsOpen(api) == expected);
        }
    }
}
