package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.Api.Login;
import dev.parley.testing.EachBackplane;
import dev.parley.testing.EventReader;
import dev.parley.testing.EventReader.Event;
import dev.parley.testing.ParleyIT;
import dev.parley.testing.TestRooms;
import dev.parley.testing.TestedBackplane;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Moderators and admins (docs/API.md, "Moderation") against a real Open Liberty whose registry has the build's test
 * moderator and admin: every endpoint refused without its role, kick, ban, moderator delete, slow mode and the audit
 * trail, on each backplane.
 */
@ParleyIT(value = "moderation", backplanes = {TestedBackplane.MEMORY, TestedBackplane.REDIS}, settings = {
        "parley.rate.messages=1000", "parley.presence.grace-seconds=1"})
class ModerationIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Login MODERATOR = Login.moderator();
    private static final Login ADMIN = Login.admin();

    private static void assertProblem(HttpResponse<String> response, int status, String what) {
        assertEquals(status, response.statusCode(), what + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                what + ": " + response.headers().map());
        assertEquals(status, Api.object(response).getInt("status"), what);
        assertFalse(response.body().contains("Exception"), what + ": " + response.body());
    }

    private static HttpResponse<String> ban(Api api, Login login, String room, String body) {
        return api.send(api.as(login, "api/rooms/" + room + "/bans").header("Content-Type", "application/json")
                .POST(Api.json(body)));
    }

    /** Every endpoint of a role, as a request built for given credentials (null: none). */
    private static Map<String, Function<String, HttpRequest.Builder>> moderatorEndpoints(Api api, String room, String id) {
        return Map.of(
                "kick", auth -> with(api.request("api/rooms/" + room + "/members/bob"), auth).DELETE(),
                "ban", auth -> with(api.request("api/rooms/" + room + "/bans"), auth)
                        .header("Content-Type", "application/json")
                        .POST(Api.json("{\"username\":\"bob\",\"seconds\":60,\"reason\":\"spam\"}")),
                "list bans", auth -> with(api.request("api/rooms/" + room + "/bans"), auth).GET(),
                "lift", auth -> with(api.request("api/rooms/" + room + "/bans/bob"), auth).DELETE(),
                "slow mode", auth -> with(api.request("api/rooms/" + room + "/slow-mode"), auth)
                        .header("Content-Type", "application/json").PUT(Api.json("{\"seconds\":0}")),
                "delete a message", auth -> with(api.request("api/rooms/" + room + "/messages/" + id), auth).DELETE(),
                "audit", auth -> with(api.request("api/audit?limit=5"), auth).GET());
    }

    private static HttpRequest.Builder with(HttpRequest.Builder request, String authorization) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    @EachBackplane
    void everyEndpointIsRefusedWithoutItsRoleAsAProblem(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        String id = api.say(bob, "hi").getString("id");
        Map<String, Function<String, HttpRequest.Builder>> endpoints = moderatorEndpoints(api, room, id);
        for (var endpoint : endpoints.entrySet()) {
            String what = endpoint.getKey();
            HttpResponse<String> anonymous = api.send(endpoint.getValue().apply(null));
            if (!what.equals("delete a message")) {
                assertProblem(anonymous, 401, what + " without credentials");
                assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="),
                        what + ": a challenge");
                assertProblem(api.send(endpoint.getValue().apply("Bearer " + bob.token())), 403, what + " with a member's token");
            }
            assertProblem(api.send(endpoint.getValue().apply(new Login(MODERATOR.user(), "wrong").basic())), 401,
                    what + " with a wrong password");
            assertProblem(api.send(endpoint.getValue().apply(new Login("", "").basic())), 401, what + " as nobody");
            assertProblem(api.send(endpoint.getValue().apply("Basic !!!")), 401, what + " with garbage");
        }
        assertProblem(api.send(endpoints.get("audit").apply(MODERATOR.basic())), 403, "the audit, for a moderator");
        assertEquals(200, api.send(endpoints.get("audit").apply(ADMIN.basic())).statusCode(), "the audit, for an admin");
        assertProblem(api.delete(bob, "1"), 404, "a member's delete of an unknown id is still the member's");
    }

    @EachBackplane
    void aScriptsOwnRequestIsRefusedWithoutTheChallengeThatWouldPopTheBrowsersLoginDialog(Api api, TestRooms rooms) {
        String room = rooms.next();
        String wrong = new Login(MODERATOR.user(), "wrong").basic();
        for (String authorization : Arrays.asList(null, wrong, "Basic !!!")) {
            String what = authorization == null ? "no credentials" : authorization.equals(wrong) ? "a wrong password" : "garbage";
            HttpResponse<String> refused = api.send(with(api.request("api/rooms/" + room + "/bans"), authorization)
                    .header("X-Requested-With", "XMLHttpRequest").GET());
            assertProblem(refused, 401, what + " from the console");
            assertTrue(refused.headers().firstValue("WWW-Authenticate").isEmpty(), what + ": no challenge for a script");
            HttpResponse<String> other = api.send(with(api.request("api/rooms/" + room + "/bans"), authorization).GET());
            assertTrue(other.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="),
                    what + ": every other client is still challenged");
        }
        assertEquals(200, api.send(api.as(MODERATOR, "api/rooms/" + room + "/bans")
                .header("X-Requested-With", "XMLHttpRequest").GET()).statusCode(), "the right password still works");
    }

    @EachBackplane
    void aKickClosesTheMembersStreamsSaysUserdisconnectOnceAndFreesTheName(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        try (EventReader watcher = api.watch(room); EventReader bobs = api.stream(bob)) {
            watcher.await(e -> e.type().equals("userconnect"), WAIT, "bob's userconnect");
            HttpResponse<String> kicked = api.send(api.as(MODERATOR, "api/rooms/" + room + "/members/BOB").DELETE());
            assertEquals(204, kicked.statusCode(), kicked.body());
            bobs.awaitEnd(WAIT);
            watcher.await(e -> e.type().equals("userdisconnect"), WAIT, "bob's userdisconnect");
            assertProblem(api.post(bob, "still here?"), 401, "the kicked token");
            assertEquals("bob", api.join(room, "bob").username(), "the name is free");
            assertEquals(1, watcher.events().stream().filter(e -> e.type().equals("userdisconnect")).count());
        }
        assertProblem(api.send(api.as(MODERATOR, "api/rooms/" + room + "/members/nobody").DELETE()), 404, "nobody");
    }

    @EachBackplane
    void aBanKicksAndRefusesTheNameAndItsLookAlikesUntilItIsLifted(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        try (EventReader bobs = api.stream(bob)) {
            HttpResponse<String> banned = ban(api, MODERATOR, room, "{\"username\":\"Bob\",\"seconds\":600,\"reason\":\"spam\"}");
            assertEquals(201, banned.statusCode(), banned.body());
            JsonObject ban = Api.object(banned);
            assertEquals("bob", ban.getString("username"));
            assertEquals("spam", ban.getString("reason"));
            assertFalse(ban.getBoolean("address"));
            assertEquals(MODERATOR.user(), ban.getString("by"));
            bobs.awaitEnd(WAIT);
        }
        for (String name : List.of("bob", "BOB", "b0b")) {
            HttpResponse<String> refused = api.send(api.request("api/rooms/" + room + "/members")
                    .header("Content-Type", "application/json").POST(Api.json("{\"username\":\"" + name + "\"}")));
            assertProblem(refused, 403, name);
            JsonObject problem = Api.object(refused);
            assertEquals("spam", problem.getString("reason"));
            assertTrue(Instant.parse(problem.getString("until")).isAfter(Instant.now().plusSeconds(500)));
        }
        assertEquals("alice", api.join(room, "alice").username(), "others may join");
        JsonArray bans = Api.array(api.send(api.as(MODERATOR, "api/rooms/" + room + "/bans").GET()));
        assertEquals(1, bans.size());
        assertEquals(204, api.send(api.as(MODERATOR, "api/rooms/" + room + "/bans/bob").DELETE()).statusCode());
        assertEquals("bob", api.join(room, "bob").username(), "lifted");
        assertProblem(api.send(api.as(MODERATOR, "api/rooms/" + room + "/bans/bob").DELETE()), 404, "lifted already");
        for (String body : List.of("{\"username\":\"a b\",\"seconds\":60,\"reason\":\"x\"}",
                "{\"username\":\"bob\",\"seconds\":0,\"reason\":\"x\"}",
                "{\"username\":\"bob\",\"seconds\":99999999,\"reason\":\"x\"}",
                "{\"username\":\"bob\",\"seconds\":60,\"reason\":\"\"}",
                "{\"username\":\"bob\",\"seconds\":60,\"reason\":\"a\\nb\"}",
                "{\"username\":\"bob\",\"seconds\":\"60\",\"reason\":\"x\"}",
                "{\"username\":\"bob\",\"seconds\":60}")) {
            assertProblem(ban(api, MODERATOR, room, body), 400, body);
        }
    }

    @EachBackplane
    void anAddressBanRefusesThatClientUnderAnyNameAndItsStreams(Api api, TestRooms rooms) {
        String room = rooms.next();
        api.join(room, "mallory");
        HttpResponse<String> banned = ban(api, MODERATOR, room,
                "{\"username\":\"mallory\",\"seconds\":600,\"reason\":\"ban evasion\",\"address\":true}");
        assertEquals(201, banned.statusCode(), banned.body());
        assertTrue(Api.object(banned).getBoolean("address"));
        assertFalse(banned.body().contains("127.0.0.1"), "an address is never shown");
        HttpResponse<String> anotherName = api.send(api.request("api/rooms/" + room + "/members")
                .header("Content-Type", "application/json").POST(Api.json("{\"username\":\"innocent\"}")));
        assertProblem(anotherName, 403, "another name from the same address");
        try (EventReader watcher = EventReader.open(api.uri("api/rooms/" + room + "/events"))) {
            assertEquals(403, watcher.status(), "a stream from the address");
            assertTrue(watcher.errorBody().contains("ban evasion"), watcher.errorBody());
        }
        assertProblem(ban(api, MODERATOR, room,
                "{\"username\":\"nobody\",\"seconds\":60,\"reason\":\"x\",\"address\":true}"), 409, "no address to ban");
        api.send(api.as(MODERATOR, "api/rooms/" + room + "/bans/mallory").DELETE());
        assertEquals("innocent", api.join(room, "innocent").username(), "lifting the name lifts its address");
    }

    @EachBackplane
    void aModeratorDeletesAnyMessageAndTheDeleteSaysByModerator(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        String id = api.say(bob, "offensive-0xBAD").getString("id");
        try (EventReader watcher = EventReader.open(api.uri("api/rooms/" + room + "/events"),
                Map.of("Last-Event-ID", id))) {
            HttpResponse<String> deleted = api.send(api.as(MODERATOR, "api/rooms/" + room + "/messages/" + id).DELETE());
            assertEquals(204, deleted.statusCode(), deleted.body());
            Event delete = watcher.await(e -> e.type().equals("messagedelete"), WAIT, "the moderator's delete");
            assertEquals("moderator", ((JsonObject) Api.parse(delete.data())).getString("by"));
        }
        JsonObject tombstone = Api.array(api.get("api/rooms/" + room + "/messages")).getJsonObject(0);
        assertEquals("moderator", tombstone.getString("by"));
        assertFalse(tombstone.containsKey("text"));
        assertProblem(api.send(api.as(MODERATOR, "api/rooms/" + room + "/messages/1").DELETE()), 404, "unknown id");
    }

    @EachBackplane
    void slowModeLimitsEachMembersPostsAndEveryoneCanReadIt(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        Api.Member alice = api.join(room, "alice");
        HttpResponse<String> set = api.send(api.as(MODERATOR, "api/rooms/" + room + "/slow-mode")
                .header("Content-Type", "application/json").PUT(Api.json("{\"seconds\":30}")));
        assertEquals(200, set.statusCode(), set.body());
        assertEquals(30, Api.object(api.get("api/rooms/" + room + "/slow-mode")).getInt("seconds"));
        assertEquals(201, api.post(bob, "first").statusCode());
        HttpResponse<String> second = api.post(bob, "second");
        assertProblem(second, 429, "a second message within the slow mode");
        assertTrue(Integer.parseInt(second.headers().firstValue("Retry-After").orElse("0")) > 0);
        assertEquals(201, api.post(alice, "mine").statusCode(), "each member has their own interval");
        assertProblem(api.send(api.as(MODERATOR, "api/rooms/" + room + "/slow-mode")
                .header("Content-Type", "application/json").PUT(Api.json("{\"seconds\":-1}"))), 400, "negative");
        api.send(api.as(MODERATOR, "api/rooms/" + room + "/slow-mode").header("Content-Type", "application/json")
                .PUT(Api.json("{\"seconds\":0}")));
        assertEquals(201, api.post(bob, "third").statusCode(), "slow mode off");
    }

    @EachBackplane
    void everyActionIsInTheAuditTrailAndTheServerLogWithoutASecret(Api api, TestRooms rooms) throws IOException {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        ban(api, MODERATOR, room, "{\"username\":\"bob\",\"seconds\":60,\"reason\":\"audited\"}");
        api.send(api.as(MODERATOR, "api/rooms/" + room + "/bans/bob").DELETE());
        JsonArray audit = Api.array(api.send(api.as(ADMIN, "api/audit?limit=50").GET()));
        List<JsonObject> mine = audit.stream().map(value -> value.asJsonObject())
                .filter(entry -> entry.getString("room").equals(room)).toList();
        assertEquals(List.of("unban", "ban"), mine.stream().map(entry -> entry.getString("action")).toList(),
                "newest first");
        JsonObject banned = mine.get(1);
        assertEquals(MODERATOR.user(), banned.getString("actor"));
        assertEquals("bob", banned.getString("target"));
        assertEquals("audited", banned.getString("reason"));
        assertTrue(banned.containsKey("time"));
        for (String limit : List.of("0", "501", "x")) {
            assertProblem(api.send(api.as(ADMIN, "api/audit?limit=" + limit).GET()), 400, "limit " + limit);
        }
        Path log = Path.of(System.getProperty("liberty.wlp.home"), "usr", "servers",
                System.getProperty("liberty.server.name"), "logs", "messages.log");
        String written = Files.readString(log);
        assertTrue(written.contains("Moderation: " + MODERATOR.user() + " ban in " + room + ": bob"), "logged");
        assertFalse(written.contains(MODERATOR.password()) || written.contains(ADMIN.password()), "no password logged");
        assertFalse(written.contains(bob.token()), "no token logged");
    }
}
