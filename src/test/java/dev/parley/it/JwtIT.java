package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.EventReader;
import dev.parley.testing.ParleyIT;
import dev.parley.testing.TestJwts;
import dev.parley.testing.TestRooms;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/**
 * {@code parley.auth=jwt} (docs/API.md, "Your own login"): a host application's signed JWT is the member's identity,
 * as bearer token and as the events endpoint's cookie; its groups are the roles; every bad token is a 401 problem.
 */
@ParleyIT(value = "jwt", settings = {"parley.auth=jwt", "mp.jwt.verify.issuer=" + TestJwts.ISSUER,
        "mp.jwt.verify.publickey=" + TestJwts.PUBLIC_KEY, "parley.rate.messages=1000"})
class JwtIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static HttpResponse<String> join(Api api, String room, String jwt, String body) {
        HttpRequest.Builder request = api.request("api/rooms/" + room + "/members").header("Content-Type", "application/json");
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        return api.send(request.POST(Api.json(body)));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String what) {
        assertEquals(status, response.statusCode(), what + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), what);
        assertEquals(status, Api.object(response).getInt("status"), what);
        assertFalse(response.body().contains("Exception") || response.body().contains("jose4j"), what + ": " + response.body());
    }

    private static String subject() {
        return "user-" + UUID.randomUUID();
    }

    @Test
    void theJwtIsTheMemberForJoiningPostingAndStreaming(Api api, TestRooms rooms) {
        String room = rooms.next();
        String jwt = TestJwts.token(subject(), "bob");
        HttpResponse<String> joined = join(api, room, jwt, "{}");
        assertEquals(201, joined.statusCode(), joined.body());
        JsonObject body = Api.object(joined);
        assertEquals("bob", body.getString("username"));
        assertFalse(body.containsKey("token"), "the JWT is the token: none is issued");
        String cookie = joined.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie.startsWith("parley_token=" + jwt + ";") && cookie.contains("HttpOnly"), cookie);
        assertEquals(201, join(api, room, jwt, "{\"username\":\"bob\"}").statusCode(), "joining again is no clash");

        Api.Member bob = new Api.Member(room, "bob", jwt);
        try (EventReader stream = EventReader.open(api.uri("api/rooms/" + room + "/events"),
                Map.of("Cookie", "parley_token=" + jwt))) {
            assertEquals(200, stream.status(), stream::errorBody);
            stream.await(e -> e.type().equals("userconnect"), WAIT, "bob's own userconnect, by the cookie");
            assertEquals("bob", api.say(bob, "hello").getString("username"));
            stream.await(e -> e.type().equals("usermessage"), WAIT, "the message");
        }
        assertProblem(join(api, room, TestJwts.token(subject(), "BOB"), "{}"), 409, "another user with a clashing name");
        assertProblem(join(api, room, TestJwts.token(subject(), "carol"), "{\"username\":\"dave\"}"), 400,
                "a name other than the login's");
        assertProblem(join(api, room, TestJwts.token(subject(), "me"), "{}"), 400, "a login name that breaks the rules");
        assertProblem(join(api, room, null, "{\"username\":\"eve\"}"), 401, "no JWT");
        assertProblem(api.post(new Api.Member(room, "bob", "an-opaque-token"), "x"), 401, "a token that is no JWT");
        assertProblem(api.post(new Api.Member(room, "zed", TestJwts.token(subject(), "zed")), "x"), 401,
                "a valid JWT of someone who has not joined");
    }

    @Test
    void upnNamesTheUserWhenThereIsNoPreferredUsername(Api api, TestRooms rooms) {
        JwtClaims claims = TestJwts.claims(subject(), "ignored", List.of());
        claims.unsetClaim("preferred_username");
        claims.setClaim("upn", "ursula");
        HttpResponse<String> joined = join(api, rooms.next(), TestJwts.sign(claims), "{}");
        assertEquals(201, joined.statusCode(), joined.body());
        assertEquals("ursula", Api.object(joined).getString("username"));
    }

    @Test
    void everyBadTokenIsA401ProblemNeverA500(Api api, TestRooms rooms) {
        String room = rooms.next();
        JwtClaims expired = TestJwts.claims(subject(), "old", List.of());
        expired.setExpirationTime(NumericDate.fromSeconds(Instant.now().minusSeconds(3600).getEpochSecond()));
        JwtClaims wrongIssuer = TestJwts.claims(subject(), "wrong", List.of());
        wrongIssuer.setIssuer("https://elsewhere.example");
        JwtClaims noSubject = TestJwts.claims(subject(), "nosub", List.of());
        noSubject.unsetClaim("sub");
        JwtClaims noName = TestJwts.claims(subject(), "noname", List.of());
        noName.unsetClaim("preferred_username");
        JwtClaims noExpiry = TestJwts.claims(subject(), "forever", List.of());
        noExpiry.unsetClaim("exp");
        Map<String, String> bad = Map.of(
                "a bad signature", TestJwts.signWithAnotherKey(TestJwts.claims(subject(), "forged", List.of())),
                "a wrong issuer", TestJwts.sign(wrongIssuer),
                "expired", TestJwts.sign(expired),
                "no subject", TestJwts.sign(noSubject),
                "no name", TestJwts.sign(noName),
                "no expiry", TestJwts.sign(noExpiry),
                "alg none", TestJwts.unsigned(TestJwts.claims(subject(), "none", List.of())),
                "garbage", "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln");
        for (var token : bad.entrySet()) {
            String what = token.getKey();
            HttpResponse<String> joined = join(api, room, token.getValue(), "{}");
            assertProblem(joined, 401, what + ": join");
            assertTrue(joined.headers().firstValue("WWW-Authenticate").orElse("").contains("Bearer"), what);
            assertProblem(api.post(new Api.Member(room, "x", token.getValue()), "x"), 401, what + ": post");
            assertProblem(api.send(api.request("api/rooms/" + room + "/members/x")
                    .header("Authorization", "Bearer " + token.getValue()).DELETE()), 401, what + ": kick");
            try (EventReader stream = EventReader.open(api.uri("api/rooms/" + room + "/events"),
                    Map.of("Cookie", "parley_token=" + token.getValue()))) {
                assertEquals(401, stream.status(), what + ": stream");
            }
        }
    }

    @Test
    void theJwtsGroupsAreTheRoles(Api api, TestRooms rooms) {
        String room = rooms.next();
        String member = TestJwts.token(subject(), "troll");
        join(api, room, member, "{}");
        String moderator = TestJwts.token(subject(), "mod", "moderator");
        String admin = TestJwts.token(subject(), "boss", "admin");
        assertProblem(api.send(api.request("api/rooms/" + room + "/members/troll")
                .header("Authorization", "Bearer " + member).DELETE()), 403, "a member's JWT without the group");
        assertProblem(api.send(api.request("api/audit").header("Authorization", "Bearer " + moderator).GET()), 403,
                "a moderator is no admin");
        HttpResponse<String> kicked = api.send(api.request("api/rooms/" + room + "/members/troll")
                .header("Authorization", "Bearer " + moderator).DELETE());
        assertEquals(204, kicked.statusCode(), kicked.body());
        HttpResponse<String> audit = api.send(api.request("api/audit?limit=5").header("Authorization", "Bearer " + admin).GET());
        assertEquals(200, audit.statusCode(), audit.body());
        assertTrue(audit.body().contains("\"actor\":\"mod\"") && audit.body().contains("\"target\":\"troll\""), audit.body());
    }
}
