package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.EachBackplane;
import dev.parley.testing.EventReader;
import dev.parley.testing.EventReader.Event;
import dev.parley.testing.ParleyIT;
import dev.parley.testing.TestRooms;
import dev.parley.testing.TestedBackplane;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Edit, delete, typing and idempotent posts (docs/API.md, "Conversation"), through the same doors a client uses, on
 * each backplane; and the rule that makes them right: a client that folds the events it receives in id order ends
 * with exactly what {@code GET …/messages} shows.
 */
@ParleyIT(value = "conversation", backplanes = {TestedBackplane.MEMORY, TestedBackplane.REDIS}, settings = {
        "parley.history.replay=60", "parley.history.retain=150", "parley.rate.messages=100000",
        "parley.typing.interval-millis=2000"})
class ConversationIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(status, Api.object(response).getInt("status"));
        assertFalse(response.body().contains("Exception"), response.body());
    }

    private static EventReader watch(Api api, String room, String lastEventId) {
        EventReader reader = EventReader.open(api.uri("api/rooms/" + room + "/events"),
                lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId));
        assertEquals(200, reader.status(), reader::errorBody);
        return reader;
    }

    private static JsonObject data(Event event) {
        return (JsonObject) Api.parse(event.data());
    }

    private static List<JsonObject> messages(Api api, String room) {
        return Api.array(api.get("api/rooms/" + room + "/messages?limit=200")).stream()
                .map(JsonValue::asJsonObject).toList();
    }

    @EachBackplane
    void anEditIsAMessageeditWithItsOwnIdAndTheMessageShowsItsCurrentTextAndEditTime(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        JsonObject said = api.say(bob, "helo");
        try (EventReader stream = watch(api, room, said.getString("id"))) {
            HttpResponse<String> edited = api.edit(bob, said.getString("id"), "  hello  ");
            assertEquals(200, edited.statusCode(), edited.body());
            JsonObject now = Api.object(edited);
            assertEquals(said.getString("id"), now.getString("id"));
            assertEquals(said.getString("time"), now.getString("time"));
            assertEquals("hello", now.getString("text"), "validated and trimmed as a post is");
            Event edit = stream.await(e -> e.type().equals("messageedit"), WAIT, "the messageedit");
            JsonObject data = data(edit);
            assertEquals(List.of("id", "username", "time", "message", "text"), List.copyOf(data.keySet()));
            assertEquals(edit.id(), data.getString("id"));
            assertEquals(said.getString("id"), data.getString("message"));
            assertEquals("bob", data.getString("username"));
            assertEquals("hello", data.getString("text"));
            assertEquals(now.getString("edited"), data.getString("time"));
        }
        JsonObject listed = messages(api, room).get(0);
        assertEquals("hello", listed.getString("text"));
        assertTrue(listed.containsKey("edited"));
        try (EventReader replay = watch(api, room, null)) {
            Event message = replay.await(e -> e.type().equals("usermessage"), WAIT, "the replayed message");
            assertEquals(listed, data(message), "replay shows the message as it is now");
        }
    }

    @EachBackplane
    void aDeleteIsAMessagedeleteAndLeavesATombstoneWithoutTheText(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        JsonObject said = api.say(bob, "regret-0xF00D");
        api.edit(bob, said.getString("id"), "more regret-0xF00D");
        try (EventReader stream = watch(api, room, said.getString("id"))) {
            HttpResponse<String> deleted = api.delete(bob, said.getString("id"));
            assertEquals(204, deleted.statusCode(), deleted.body());
            Event delete = stream.await(e -> e.type().equals("messagedelete"), WAIT, "the messagedelete");
            JsonObject data = data(delete);
            assertEquals(List.of("id", "username", "time", "message"), List.copyOf(data.keySet()));
            assertEquals(said.getString("id"), data.getString("message"));
            assertEquals(delete.id(), data.getString("id"));
        }
        JsonObject tombstone = messages(api, room).get(0);
        assertEquals(List.of("id", "username", "time", "deleted"), List.copyOf(tombstone.keySet()));
        assertEquals(204, api.delete(bob, said.getString("id")).statusCode(), "deleting again is no error");
        try (EventReader replay = watch(api, room, null)) {
            replay.await(e -> e.type().equals("messagedelete"), WAIT, "the replayed delete");
            assertFalse(replay.raw().contains("0xF00D"), "the text is in no replay: " + replay.raw());
            assertTrue(replay.events().stream().noneMatch(e -> e.type().equals("messageedit")),
                    "an edit of a deleted message is not replayed");
        }
        assertFalse(api.get("api/rooms/" + room + "/messages").body().contains("0xF00D"));
    }

    @EachBackplane
    void refusalsAreProblemsAndChangeNothing(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        Api.Member alice = api.join(room, "alice");
        String id = api.say(bob, "mine").getString("id");
        String gone = api.say(bob, "gone").getString("id");
        api.delete(bob, gone);
        List<JsonObject> before = messages(api, room);

        assertProblem(api.edit(alice, id, "hijacked"), 403);
        assertProblem(api.delete(alice, id), 403);
        assertProblem(api.edit(bob, "1", "x"), 404);
        assertProblem(api.edit(bob, "not-an-id", "x"), 404);
        assertProblem(api.delete(bob, "99999999999999"), 404);
        assertProblem(api.edit(bob, gone, "back"), 409);
        assertProblem(api.edit(bob, id, ""), 400);
        assertProblem(api.edit(bob, id, "x".repeat(2001)), 400);
        assertProblem(api.send(api.request("api/rooms/" + room + "/messages/" + id)
                .header("Authorization", "Bearer " + bob.token()).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\":1}"))), 400);
        assertProblem(api.edit(new Api.Member(room, "bob", "forged"), id, "x"), 401);
        assertProblem(api.typing(new Api.Member(room, "bob", "forged")), 401);
        assertEquals(before, messages(api, room), "a refused request changes nothing");
    }

    @EachBackplane
    void typingIsAnEventWithoutIdAtMostOncePerIntervalAndNeverReplayed(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        String said = api.say(bob, "hi").getString("id");
        try (EventReader stream = watch(api, room, said)) {
            String before = api.say(bob, "before").getString("id");
            stream.await(e -> before.equals(e.id()), WAIT, "the message before");
            for (int i = 0; i < 5; i++) {
                assertEquals(202, api.typing(bob).statusCode());
            }
            Event typing = stream.await(e -> e.type().equals("usertyping"), WAIT, "usertyping");
            assertNull(typing.id(), "no id: it never moves Last-Event-ID");
            assertEquals(before, typing.lastEventId());
            assertEquals(List.of("username", "time"), List.copyOf(data(typing).keySet()));
            String marker = api.say(bob, "marker").getString("id");
            stream.await(e -> marker.equals(e.id()), WAIT, "the marker");
            assertEquals(1, stream.events().stream().filter(e -> e.type().equals("usertyping")).count(),
                    "five within the interval are one");
        }
        try (EventReader replay = watch(api, room, null)) {
            replay.await(e -> e.type().equals("usermessage") && data(e).getString("text").equals("marker"), WAIT, "replay");
            assertTrue(replay.events().stream().noneMatch(e -> e.type().equals("usertyping")));
        }
    }

    @EachBackplane
    void theSameIdempotencyKeyAnswersTheFirstPostAndSaysNothingAgain(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        String start = api.say(bob, "start").getString("id");
        String key = "\"" + UUID.randomUUID() + "\"";
        try (EventReader stream = watch(api, room, start)) {
            HttpResponse<String> first = api.post(bob, "only once", key);
            HttpResponse<String> retry = api.post(bob, "only once", key);
            assertEquals(201, first.statusCode(), first.body());
            assertEquals(201, retry.statusCode(), retry.body());
            assertEquals(first.body(), retry.body(), "the first post's 201 body again");
            assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElse(""));
            assertProblem(api.post(bob, "another text", key), 422);
            assertProblem(api.post(bob, "bad key", "\"unterminated"), 400);
            String marker = api.say(bob, "marker").getString("id");
            stream.await(e -> marker.equals(e.id()), WAIT, "the marker");
            assertEquals(1, stream.events().stream().filter(e -> e.data().contains("only once")).count());
        }
    }

    /** A client's view: messages by id, folded from the events it received. */
    private static final class View {
        final TreeMap<Long, JsonObject> messages = new TreeMap<>();
        String lastId;

        static long order(String id) {
            // memory ids are decimal; Redis ids are <millis>-<seq>, seq below a million here
            int dash = id.indexOf('-');
            return dash < 0 ? Long.parseLong(id) : Long.parseLong(id.substring(0, dash)) * 1_000_000
                    + Long.parseLong(id.substring(dash + 1));
        }

        void apply(Event event) {
            if (event.id() != null) {
                lastId = event.id();
            }
            switch (event.type()) {
                case "resync" -> messages.clear();
                case "usermessage" -> messages.put(order(data(event).getString("id")), data(event));
                case "messageedit" -> change(data(event), (message, edit) -> copy(message, "edited")
                        .add("text", edit.getString("text")).add("edited", edit.getString("time")));
                case "messagedelete" -> change(data(event), (message, delete) -> {
                    JsonObjectBuilder tombstone = copy(message, "text", "edited").add("deleted", delete.getString("time"));
                    return delete.containsKey("by") ? tombstone.add("by", delete.getString("by")) : tombstone;
                });
                default -> {
                    // presence and typing change no message; unknown names are ignored, as the page does
                }
            }
        }

        private interface Change {
            JsonObjectBuilder apply(JsonObject message, JsonObject event);
        }

        private void change(JsonObject event, Change change) {
            long target = order(event.getString("message"));
            JsonObject message = messages.get(target);
            if (message != null) {
                // an edit or delete of a message outside the window is harmless
                messages.put(target, change.apply(message, event).build());
            }
        }

        private static JsonObjectBuilder copy(JsonObject message, String... without) {
            JsonObjectBuilder copy = Json.createObjectBuilder();
            List<String> dropped = List.of(without);
            message.forEach((name, value) -> {
                if (!dropped.contains(name)) {
                    copy.add(name, value);
                }
            });
            return copy;
        }
    }

    @EachBackplane
    void aClientFoldingTheEventsInIdOrderEndsWithExactlyWhatTheMessagesListShows(Api api, TestRooms rooms) {
        String room = rooms.next();
        Random random = new Random(room.hashCode());
        List<Api.Member> authors = List.of(api.join(room, "bob"), api.join(room, "alice"));
        List<String[]> said = new ArrayList<>();
        View view = new View();
        EventReader stream = watch(api, room, null);
        int consumed = 0;
        try {
            for (int step = 0; step < 160; step++) {
                int op = random.nextInt(100);
                Api.Member who = authors.get(random.nextInt(2));
                if (op < 45 || said.isEmpty()) {
                    said.add(new String[] {api.say(who, "m" + step).getString("id"), who.username()});
                } else if (op < 70) {
                    String[] target = said.get(random.nextInt(said.size()));
                    int status = api.edit(who, target[0], "e" + step).statusCode();
                    assertTrue(List.of(200, 403, 404, 409).contains(status), "edit: " + status);
                } else if (op < 88) {
                    String[] target = said.get(random.nextInt(said.size()));
                    int status = api.delete(who, target[0]).statusCode();
                    assertTrue(List.of(204, 403, 404).contains(status), "delete: " + status);
                } else {
                    // the client drops its connection: it resumes from its last id, or (now and then) with an id
                    // the server does not know, or starts afresh
                    List<Event> events = stream.events();
                    events.subList(consumed, events.size()).forEach(view::apply);
                    stream.close();
                    int how = random.nextInt(10);
                    if (how == 0) {
                        view.messages.clear();
                        stream = watch(api, room, null);
                    } else {
                        stream = watch(api, room, how == 1 ? "1" : view.lastId);
                    }
                    consumed = 0;
                }
            }
            String last = api.say(authors.get(0), "the end").getString("id");
            stream.await(e -> last.equals(e.id()), WAIT, "the last post");
            List<Event> events = stream.events();
            events.subList(consumed, events.size()).forEach(view::apply);
        } finally {
            stream.close();
        }
        List<JsonObject> listed = messages(api, room);
        long from = Math.max(view.messages.firstKey(), View.order(listed.get(0).getString("id")));
        List<JsonObject> folded = List.copyOf(view.messages.tailMap(from, true).values());
        List<JsonObject> expected = listed.stream().filter(m -> View.order(m.getString("id")) >= from).toList();
        assertTrue(expected.size() >= 20, "a window worth comparing: " + expected.size());
        assertEquals(expected, folded);
        assertTrue(expected.stream().anyMatch(m -> m.containsKey("edited")), "edits were made");
        assertTrue(expected.stream().anyMatch(m -> m.containsKey("deleted")), "deletes were made");
    }
}
