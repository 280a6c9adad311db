package dev.parley.it;

import dev.parley.testing.Api;
import dev.parley.testing.EachBackplane;
import dev.parley.testing.EventReader;
import dev.parley.testing.ParleyIT;
import dev.parley.testing.TestRooms;
import dev.parley.testing.TestedBackplane;
import dev.parley.testing.EventReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON endpoints of docs/API.md against a real Open Liberty: rooms, members, messages and their errors, on each
 * backplane.
 */
@ParleyIT(value = "rooms-api", settings = {"parley.rate.messages=1000", "parley.message.max-length=2000"},
        backplanes = {TestedBackplane.MEMORY, TestedBackplane.REDIS})
class RoomsApiIT {

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = Api.object(response);
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("type").isEmpty());
        assertFalse(problem.getString("title").isEmpty());
        assertFalse(problem.getString("detail").isEmpty());
        assertFalse(response.body().contains("Exception"), "no exception text: " + response.body());
    }

    private static HttpResponse<String> postRaw(Api api, Api.Member member, String body) {
        return api.send(api.request("api/rooms/" + member.room() + "/messages")
                .header("Authorization", "Bearer " + member.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> joinRaw(Api api, String room, String contentType, String body) {
        return api.send(api.request("api/rooms/" + room + "/members").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @EachBackplane
    void joinReturnsTheMemberAndASecretTokenOnce(Api api, TestRooms rooms) {
        String room = rooms.next();
        HttpResponse<String> response = joinRaw(api, room, "application/json", "{\"username\":\"  bobby \"}");
        assertEquals(201, response.statusCode());
        assertTrue(response.headers().firstValue("Cache-Control").orElse("").startsWith("no-store"),
                "the token is never cached");
        JsonObject joined = Api.object(response);
        assertEquals(room, joined.getString("room"));
        assertEquals("bobby", joined.getString("username"));
        assertTrue(joined.getString("token").length() >= 22, "at least 128 bits");
    }

    @EachBackplane
    void rejectsANameTakenCaseInsensitivelyOrByLookAlikeWith409(Api api, TestRooms rooms) {
        String room = rooms.next();
        api.join(room, "Bob");
        for (String clash : List.of("bob", "BOB", "Ｂｏｂ")) {
            assertProblem(joinRaw(api, room, "application/json", "{\"username\":\"" + clash + "\"}"), 409);
        }
        assertEquals("bob", api.join(rooms.next(), "bob").username(), "other rooms are independent");
    }

    @EachBackplane
    void rejectsBadNamesAndBodiesWith400(Api api, TestRooms rooms) {
        String room = rooms.next();
        for (String body : List.of("{\"username\":\"a b\"}", "{\"username\":\"\"}", "{\"username\":\"x\\u0000y\"}",
                "{\"username\":\"" + "a".repeat(33) + "\"}", "{}", "{\"username\":", "not json", "[]")) {
            assertProblem(joinRaw(api, room, "application/json", body), 400);
        }
        assertProblem(joinRaw(api, "Bad_Room", "application/json", "{\"username\":\"bob\"}"), 400);
    }

    @EachBackplane
    void refusesEveryNonStringWhereAStringIsExpectedAndEveryMissingFieldNamingTheField(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        for (String value : List.of("42", "true", "[\"bob\"]", "{\"name\":\"bob\"}", "null")) {
            HttpResponse<String> join = joinRaw(api, room, "application/json", "{\"username\":" + value + "}");
            assertProblem(join, 400);
            assertTrue(Api.object(join).getString("detail").contains("username"), value + ": " + join.body());
            HttpResponse<String> post = postRaw(api, bob, "{\"text\":" + value + "}");
            assertProblem(post, 400);
            assertTrue(Api.object(post).getString("detail").contains("text"), value + ": " + post.body());
        }
        HttpResponse<String> missing = postRaw(api, bob, "{}");
        assertProblem(missing, 400);
        assertTrue(Api.object(missing).getString("detail").contains("text"), missing.body());
        assertProblem(postRaw(api, bob, "{\"text\":\"hi\",\"colour\":\"red\"}"), 400);
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, Api.array(api.get("api/rooms/" + room + "/messages")),
                "no refused post was stored");
        assertProblem(joinRaw(api, room, "application/json", "{\"username\":\"carol\",\"admin\":true}"), 400);
        assertEquals("carol", api.join(room, "carol").username(), "the refused join took no name");
    }

    @EachBackplane
    void answersTruncatedBodiesWith400AtOnceInsteadOfHanging(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        // each of these wedged a thread forever when JSON-B skipped the unknown property (eclipse-ee4j/parsson#23)
        for (String body : List.of("{\"a\":{", "{\"x\":[", "{\"username\":\"x\",\"z\":[[{", "{\"text\":\"hi\",\"z\":[[{")) {
            HttpResponse<String> join = api.send(api.request("api/rooms/" + room + "/members")
                    .timeout(java.time.Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertProblem(join, 400);
            HttpResponse<String> post = api.send(api.request("api/rooms/" + room + "/messages")
                    .timeout(java.time.Duration.ofSeconds(10)).header("Authorization", "Bearer " + bob.token())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertProblem(post, 400);
        }
        assertEquals(200, api.getServer("health/ready").statusCode(), "no thread was lost to them");
    }

    @EachBackplane
    void refusesOtherMediaTypesWith415(Api api, TestRooms rooms) {
        assertProblem(joinRaw(api, rooms.next(), "text/plain", "{\"username\":\"bob\"}"), 415);
    }

    @EachBackplane
    void refusesBodiesOver16KiBWith413AndChunkedBodiesWith411(Api api, TestRooms rooms) {
        String big = "{\"username\":\"" + "a".repeat(17 * 1024) + "\"}";
        assertProblem(joinRaw(api, rooms.next(), "application/json", big), 413);
        // a chunked body cannot be framed unambiguously behind a proxy: every body must declare its length
        HttpResponse<String> chunked = api.send(api.request("api/rooms/" + rooms.next() + "/members")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream("{\"username\":\"bob\"}".getBytes()))));
        assertProblem(chunked, 411);
    }

    @EachBackplane
    void answersUnknownPathsAndWrongMethodsWithProblems(Api api, TestRooms rooms) {
        assertProblem(api.get("api/nothing/here"), 404);
        assertProblem(api.get("api/rooms/lobby/members/me"), 405);
        HttpResponse<String> wrongMethod = api.send(api.request("api/rooms").PUT(HttpRequest.BodyPublishers.noBody()));
        assertProblem(wrongMethod, 405);
        assertTrue(wrongMethod.headers().firstValue("Allow").orElse("").contains("GET"));
        assertProblem(api.send(api.request("api/rooms/lobby/messages").DELETE()), 405);
    }

    @EachBackplane
    void postsAsTheTokensOwnMemberOnlyAndAnswersWithTheEvent(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        Api.Member alice = api.join(room, "alice");
        HttpRequest.Builder impersonation = api.request("api/rooms/" + room + "/messages")
                .header("Authorization", "Bearer " + bob.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\",\"username\":\"alice\"}"));
        assertProblem(api.send(impersonation), 400);
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, Api.array(api.get("api/rooms/" + room + "/messages")),
                "the body cannot choose who speaks: a username in it is refused, and nothing is posted");
        JsonObject event = api.say(bob, "hi");
        assertEquals("bob", event.getString("username"));
        assertEquals("hi", event.getString("text"));
        assertFalse(event.getString("id").isEmpty());
        Instant.parse(event.getString("time"));
        assertTrue(event.getString("time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals("alice", api.say(alice, "hello").getString("username"));
    }

    @EachBackplane
    void refusesMissingForgedAndOtherRoomTokensWith401(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        Api.Member elsewhere = api.join(rooms.next(), "eve");
        assertProblem(api.send(api.request("api/rooms/" + room + "/messages").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}"))), 401);
        assertProblem(api.post(new Api.Member(room, "bob", "forged" + bob.token()), "hi"), 401);
        HttpResponse<String> otherRoom = api.post(new Api.Member(room, "eve", elsewhere.token()), "hi");
        assertProblem(otherRoom, 401);
        assertTrue(otherRoom.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertFalse(otherRoom.body().contains(elsewhere.token()), "a token is never echoed");
    }

    @EachBackplane
    void refusesEmptyTooLongAndMalformedMessagesWith400(Api api, TestRooms rooms) {
        Api.Member bob = api.join(rooms.next(), "bob");
        assertProblem(api.post(bob, "   "), 400);
        assertProblem(api.post(bob, "x".repeat(2001)), 400);
        assertEquals(201, api.post(bob, "x".repeat(2000)).statusCode());
        assertProblem(api.post(bob, "bell\u0007"), 400);
        assertProblem(api.send(api.request("api/rooms/" + bob.room() + "/messages")
                .header("Authorization", "Bearer " + bob.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":"))), 400);
    }

    @EachBackplane
    void aJoinSetsAnHttpOnlyStreamCookieThatOnlyTheEventsEndpointAccepts(Api api, TestRooms rooms) {
        String room = rooms.next();
        HttpResponse<String> joined = joinRaw(api, room, "application/json", "{\"username\":\"bob\"}");
        assertEquals(201, joined.statusCode());
        String token = Api.object(joined).getString("token");
        String cookie = joined.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("parley_token=" + token + ";"), cookie);
        String path = api.uri("api/rooms/" + room).getPath();
        for (String attribute : List.of("HttpOnly", "SameSite=Strict", "Path=" + path)) {
            assertTrue(cookie.contains(attribute), attribute + " in " + cookie);
        }
        assertFalse(cookie.contains("Secure"), "not over plain HTTP");

        try (EventReader stream = EventReader.open(api.uri("api/rooms/" + room + "/events"),
                Map.of("Cookie", "parley_token=" + token))) {
            assertEquals(200, stream.status());
            stream.await(e -> e.type().equals("userconnect"), java.time.Duration.ofSeconds(20),
                    "the cookie's member connected");
        }
        // a state-changing call never rides on the cookie alone
        assertProblem(api.send(api.request("api/rooms/" + room + "/messages").header("Cookie", "parley_token=" + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}"))),
                401);
        assertProblem(api.send(api.request("api/rooms/" + room + "/members/me/cookie").header("Cookie", "parley_token="
                + token).POST(HttpRequest.BodyPublishers.noBody())), 401);
        assertProblem(api.send(api.request("api/rooms/" + room + "/members/me").header("Cookie", "parley_token=" + token)
                .DELETE()), 401);

        HttpResponse<String> again = api.send(api.request("api/rooms/" + room + "/members/me/cookie")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, again.statusCode(), again.body());
        assertTrue(again.headers().firstValue("Set-Cookie").orElse("").startsWith("parley_token=" + token + ";"));
        HttpResponse<String> left = api.leave(new Api.Member(room, "bob", token));
        assertEquals(204, left.statusCode());
        String cleared = left.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cleared.startsWith("parley_token=;") && cleared.contains("Max-Age=0"), cleared);
    }

    @EachBackplane
    void leavingFreesTheNameAndEndsTheToken(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        assertEquals(204, api.leave(bob).statusCode());
        assertProblem(api.leave(bob), 401);
        assertProblem(api.post(bob, "still here?"), 401);
        assertEquals("bob", api.join(room, "bob").username());
    }

    @EachBackplane
    void pagesBackThroughRetainedMessagesOldestFirst(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        api.sayMany(bob, 7);
        JsonArray newest = Api.array(api.get("api/rooms/" + room + "/messages?limit=3"));
        assertEquals(List.of("m5", "m6", "m7"), texts(newest));
        String before = newest.getJsonObject(0).getString("id");
        assertEquals(List.of("m2", "m3", "m4"), texts(Api.array(api.get("api/rooms/" + room + "/messages?before=" + before + "&limit=3"))));
        assertEquals(7, Api.array(api.get("api/rooms/" + room + "/messages")).size());
        assertProblem(api.get("api/rooms/" + room + "/messages?limit=201"), 400);
        assertProblem(api.get("api/rooms/" + room + "/messages?limit=abc"), 400);
        assertProblem(api.get("api/rooms/" + room + "/messages?before=12345"), 400);
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, Api.array(api.get("api/rooms/" + rooms.next() + "/messages")));
    }

    @EachBackplane
    void listsRoomsOnceSomeoneJoinedAndWhoIsConnected(Api api, TestRooms rooms) {
        String room = rooms.next();
        assertTrue(Api.array(api.get("api/rooms")).stream().noneMatch(r -> r.asJsonObject().getString("name").equals(room)));
        Api.Member bob = api.join(room, "bob");
        JsonObject listed = Api.array(api.get("api/rooms")).stream().map(JsonValue::asJsonObject)
                .filter(r -> r.getString("name").equals(room)).findFirst().orElseThrow();
        assertEquals(0, listed.getInt("members"), "joined but no stream open: not connected yet");
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, Api.array(api.get("api/rooms/" + room + "/members")));
        try (EventReader stream = EventReader.open(api.uri("api/rooms/" + room + "/events?token=" + bob.token()))) {
            stream.await(e -> e.type().equals("userconnect"), java.time.Duration.ofSeconds(10), "userconnect");
            JsonArray members = Api.array(api.get("api/rooms/" + room + "/members"));
            assertEquals(1, members.size());
            assertEquals("bob", members.getJsonObject(0).getString("username"));
            Instant.parse(members.getJsonObject(0).getString("since"));
            assertEquals(1, Api.array(api.get("api/rooms")).stream().map(JsonValue::asJsonObject)
                    .filter(r -> r.getString("name").equals(room)).findFirst().orElseThrow().getInt("members"));
        }
        assertProblem(api.get("api/rooms/No_Room/members"), 400);
    }

    private static List<String> texts(JsonArray events) {
        return events.stream().map(e -> e.asJsonObject().getString("text")).toList();
    }
}
