package dev.parley.it;

import dev.parley.testing.EachBackplane;
import dev.parley.testing.ParleyIT;
import dev.parley.testing.ServerMetrics;
import dev.parley.testing.TestRooms;
import dev.parley.testing.TestedBackplane;

import dev.parley.testing.Api;
import dev.parley.testing.EventReader;

import static dev.parley.testing.EventReader.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.EventReader.Event;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The event stream of docs/API.md: format, replay and resume, resync, presence with its grace period, keepalive, on
 * each backplane.
 */
@ParleyIT(value = "event-stream", backplanes = {TestedBackplane.MEMORY, TestedBackplane.REDIS}, settings = {
        "parley.history.replay=5", "parley.history.retain=200", "parley.keepalive-seconds=1",
        "parley.presence.grace-seconds=2", "parley.rate.messages=100000"})
class EventStreamIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @EachBackplane
    void startsWithRetryAndTheEventStreamHeaders(Api api, TestRooms rooms) {
        try (EventReader stream = api.watch(rooms.next())) {
            assertEquals("text/event-stream", stream.headers().firstValue("Content-Type").orElse(""));
            assertEquals("no-cache", stream.headers().firstValue("Cache-Control").orElse(""));
            assertEquals("no", stream.headers().firstValue("X-Accel-Buffering").orElse(""));
            assertTrue(stream.headers().firstValue("Content-Encoding").isEmpty());
            stream.awaitComment("keepalive", WAIT);
            assertTrue(stream.raw().startsWith("retry: 3000\n\n"), stream.raw());
            assertEquals(List.of(3000L), stream.retries());
        }
    }

    @EachBackplane
    void eachEventHasItsIdTypeAndOneLineOfJsonDataWithNoRawLineBreakFromInput(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        try (EventReader stream = api.stream(bob)) {
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

    @EachBackplane
    void replaysTheLatestEventsOnAFreshConnectThenLiveOnes(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        api.sayMany(bob, 8);
        try (EventReader stream = api.watch(room)) {
            assertEquals(List.of("m4", "m5", "m6", "m7", "m8"), texts(stream.awaitCount(5, WAIT)));
            api.say(bob, "live");
            stream.await(e -> e.data().contains("\"live\""), WAIT, "the live message");
            assertEquals(List.of("m4", "m5", "m6", "m7", "m8", "live"), texts(stream.events()));
        }
    }

    @EachBackplane
    void resumesAfterLastEventIdWithNoGapAndNoDuplicateWhilePostsKeepComing(Api api, TestRooms rooms) throws Exception {
        String room = rooms.next();
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
            try (EventReader stream = lastId == null ? api.watch(room) : api.watch(room, Map.of("Last-Event-ID", lastId))) {
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

    @EachBackplane
    void resumesFromTheLastEventIdQueryParameterOnAFirstConnect(Api api, TestRooms rooms) {
        String room = rooms.next();
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

    @EachBackplane
    void resyncsThenReplaysTheLatestWhenTheIdIsUnknownOrNoLongerRetained(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        String oldest = api.say(bob, "first").getString("id");
        api.sayMany(bob, 205);
        for (String lastId : List.of(oldest, "1", "not-an-id")) {
            try (EventReader stream = api.watch(room, Map.of("Last-Event-ID", lastId))) {
                List<Event> events = stream.awaitCount(6, WAIT);
                assertEquals("resync", events.get(0).type());
                assertEquals("{\"reason\":\"history-truncated\"}", events.get(0).data());
                assertNull(events.get(0).id());
                assertEquals(List.of("m201", "m202", "m203", "m204", "m205"), texts(events.subList(1, 6)));
            }
        }
    }

    @EachBackplane
    void aMembersOwnStreamSeesItsOwnUserconnectAndAWatcherCountsForNoPresence(Api api, TestRooms rooms) {
        String room = rooms.next();
        try (EventReader watcher = api.watch(room)) {
            Api.Member bob = api.join(room, "bob");
            watcher.awaitComment("keepalive", WAIT);
            assertEquals(0, Api.array(api.get("api/rooms/" + room + "/members")).size());
            try (EventReader own = api.stream(bob)) {
                Event connect = own.await(e -> e.type().equals("userconnect"), WAIT, "bob's own userconnect");
                assertEquals("bob", ((JsonObject) Api.parse(connect.data())).getString("username"));
                assertEquals(connect.id(), watcher.await(e -> e.type().equals("userconnect"), WAIT, "userconnect").id());
            }
        }
    }

    @EachBackplane
    void refusesATokenOfAnotherRoomAForgedOneAndABadRoom(Api api, TestRooms rooms) {
        Api.Member elsewhere = api.join(rooms.next(), "eve");
        String room = rooms.next();
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

    @EachBackplane
    void aReloadWithinTheGracePeriodEmitsNothingAndALastCloseEmitsOneUserdisconnect(Api api, TestRooms rooms, ServerMetrics metrics) throws Exception {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        // the streams of earlier tests are gone (the server notices a closed one within two probe periods)
        metrics.awaitStreamsOpen(0, WAIT);
        try (EventReader watcher = api.watch(room)) {
            EventReader first = api.stream(bob);
            watcher.await(e -> e.type().equals("userconnect"), WAIT, "userconnect");
            first.close();
            // reconnect as soon as the server has noticed the closed stream: within the 2 s grace period
            metrics.awaitStreamsOpen(1, WAIT);
            try (EventReader second = api.stream(bob)) {
                second.await(e -> e.type().equals("userconnect"), WAIT, "the replayed userconnect");
                Api.Member alice = api.join(room, "alice");
                api.say(alice, "marker");
                watcher.await(e -> e.data().contains("marker"), WAIT, "the marker");
            }
            watcher.await(e -> e.type().equals("userdisconnect"), WAIT, "bob's userdisconnect after the grace period");
            assertEquals(1, watcher.count("userconnect", "bob"), "the reload emitted no second userconnect");
            assertEquals(1, watcher.count("userdisconnect", "bob"));
            assertEquals(0, Api.array(api.get("api/rooms/" + room + "/members")).size());
        }
    }

    @EachBackplane
    void leavingEmitsOneUserdisconnectAtOnceAndClosesTheMembersStreams(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        Api.Member alice = api.join(room, "alice");
        try (EventReader watcher = api.watch(room); EventReader bobs = api.stream(bob); EventReader bobsOther = api.stream(bob)) {
            watcher.await(e -> e.type().equals("userconnect"), WAIT, "userconnect");
            assertEquals(204, api.leave(bob).statusCode());
            watcher.await(e -> e.type().equals("userdisconnect"), WAIT, "userdisconnect");
            bobs.awaitEnd(WAIT);
            bobsOther.awaitEnd(WAIT);
            api.say(alice, "after");
            watcher.await(e -> e.data().contains("after"), WAIT, "a later message");
            assertEquals(1, watcher.count("userdisconnect", "bob"));
            assertEquals(401, member401(api, bob));
        }
    }

    private static int member401(Api api, Api.Member member) {
        return EventReader.open(api.uri("api/rooms/" + member.room() + "/events?token=" + member.token())).status();
    }

    @EachBackplane
    void sendsAKeepaliveCommentWhenIdle(Api api, TestRooms rooms) {
        try (EventReader stream = api.watch(rooms.next())) {
            stream.awaitComment("keepalive", WAIT);
            assertTrue(stream.raw().contains("\n: keepalive\n"));
            assertTrue(stream.events().isEmpty(), "a comment dispatches no event");
        }
    }

    @EachBackplane
    void aSpecFollowingClientReceivesTheNamedEvents(Api api, TestRooms rooms) throws Exception {
        String room = rooms.next();
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
}
