package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.EventReader;
import dev.parley.testing.ParleyIT;
import dev.parley.testing.TestRooms;
import jakarta.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What one client (an address) may do to everyone else is bounded, each bound a configuration key (set low here):
 * joins per minute, names held, posts through all its names, open streams, watchers. Behind a trusted proxy the
 * client is the address the proxy forwards; an untrusted X-Forwarded-For changes nothing.
 */
@ParleyIT(value = "client-limits", settings = {"parley.clients.trusted-proxies=127.0.0.1/32",
        "parley.clients.joins-per-minute=6", "parley.clients.max-names=3", "parley.clients.posts=4",
        "parley.clients.posts-window-seconds=60", "parley.rate.messages=100", "parley.clients.max-streams=2",
        "parley.streams.max-watchers=3", "parley.keepalive-seconds=1"}, clientLimits = true)
class ClientLimitsIT {

    private static HttpResponse<String> join(Api api, String room, String username, String client) {
        return api.send(api.request("api/rooms/" + room + "/members").header("X-Forwarded-For", client)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("username", username).build()
                        .toString())));
    }

    private static HttpResponse<String> post(Api api, Api.Member member, String client) {
        return api.send(api.request("api/rooms/" + member.room() + "/messages").header("X-Forwarded-For", client)
                .header("Authorization", "Bearer " + member.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}")));
    }

    private static Api.Member member(HttpResponse<String> joined) {
        assertEquals(201, joined.statusCode(), joined.body());
        var body = Api.object(joined);
        return new Api.Member(body.getString("room"), body.getString("username"), body.getString("token"));
    }

    private static void assertLimited(HttpResponse<String> response, String what) {
        assertEquals(429, response.statusCode(), what + ": " + response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()) >= 1, what);
    }

    @Test
    void aClientHoldsAtMostItsNamesInAllRoomsAndPostsAtMostItsShareThroughAllOfThem(Api api, TestRooms rooms) {
        String client = "203.0.113.10";
        List<Api.Member> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            names.add(member(join(api, rooms.next(), "name" + i, client)));
        }
        assertLimited(join(api, rooms.next(), "name3", client), "a fourth name");
        assertEquals(201, join(api, rooms.next(), "other", "203.0.113.11").statusCode(), "another client is not limited");

        int posted = 0;
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = post(api, names.get(i % 3), client);
            if (response.statusCode() == 201) {
                posted++;
            } else {
                assertLimited(response, "post " + i);
            }
        }
        assertEquals(4, posted, "four posts in all, though each name may post a hundred");
        assertEquals(204, api.leave(names.get(0)).statusCode());
        assertEquals(201, join(api, rooms.next(), "name4", client).statusCode(), "leaving a name makes room");
    }

    @Test
    void joinAttemptsArePerClientPerMinuteTakenOrNot(Api api, TestRooms rooms) {
        String client = "203.0.113.20";
        String room = rooms.next();
        api.join(room, "taken");
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> response = join(api, room, "taken", client);
            if (response.statusCode() == 429) {
                refused++;
            } else {
                assertEquals(409, response.statusCode());
            }
        }
        assertEquals(2, refused, "six attempts a minute, whatever their outcome");
    }

    @Test
    void aClientOpensAtMostItsStreamsAndWatchersCannotFillTheServerForMembers(Api api, TestRooms rooms) {
        String room = rooms.next();
        List<EventReader> open = new ArrayList<>();
        try {
            open.addAll(api.watchers(room, 2, Map.of("X-Forwarded-For", "203.0.113.30")));
            EventReader third = EventReader.open(api.uri("api/rooms/" + room + "/events"),
                    Map.of("X-Forwarded-For", "203.0.113.30"));
            assertEquals(429, third.status(), "a third stream of one client");
            third.close();

            open.add(EventReader.open(api.uri("api/rooms/" + room + "/events"), Map.of("X-Forwarded-For", "203.0.113.31")));
            EventReader fourth = EventReader.open(api.uri("api/rooms/" + room + "/events"),
                    Map.of("X-Forwarded-For", "203.0.113.32"));
            assertEquals(503, fourth.status(), "a fourth watcher, of another client: the watchers' share is full");
            assertTrue(fourth.errorBody().contains("watchers-full"));
            Api.Member member = api.join(room, "member");
            EventReader members = EventReader.open(api.uri("api/rooms/" + room + "/events?token=" + member.token()),
                    Map.of("X-Forwarded-For", "203.0.113.33"));
            open.add(members);
            assertEquals(200, members.status(), "a member still gets a stream");
        } finally {
            open.forEach(EventReader::close);
        }
    }

    @Test
    void anXForwardedForCountsOnlyFromATrustedProxy(Api api, TestRooms rooms) {
        String client = "203.0.113.40";
        for (int i = 0; i < 3; i++) {
            member(join(api, rooms.next(), "trusted" + i, client));
        }
        assertLimited(join(api, rooms.next(), "trusted3", client), "the forwarded client is full");
        // the proxy's own hop is not the client: the address before it is
        assertEquals(201, join(api, rooms.next(), "chain", "198.51.100.1, 203.0.113.41").statusCode());
        HttpResponse<String> garbage = join(api, rooms.next(), "garbage", "not-an-address");
        assertEquals(400, garbage.statusCode(), "a trusted proxy forwarding garbage: " + garbage.body());
    }
}
