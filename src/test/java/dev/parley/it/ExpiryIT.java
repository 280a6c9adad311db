package dev.parley.it;

import dev.parley.testing.ParleyIT;
import dev.parley.testing.TestRooms;

import dev.parley.testing.Api;
import dev.parley.testing.EventReader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A name with no open stream and no activity is released after the idle time, here 2 s instead of 10 min. */
@ParleyIT(value = "expiry", settings = {"parley.member.idle-seconds=2", "parley.presence.grace-seconds=1", "parley.keepalive-seconds=1"})
class ExpiryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anIdleNameIsReleasedAndItsTokenStopsWorking(Api api, TestRooms rooms) {
        String room = "e-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Member bob = api.join(room, "bob");
        // a refused join of the same name is no activity of bob's: the name keeps ageing until it is free
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> joinable(api, room, "Bob"));
        assertEquals(401, api.post(bob, "too late").statusCode());
    }

    @Test
    void aNameWithAnOpenStreamDoesNotExpire(Api api, TestRooms rooms) {
        String room = "e-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Member alice = api.join(room, "alice");
        try (EventReader stream = EventReader.open(api.uri("api/rooms/" + room + "/events?token=" + alice.token()))) {
            stream.await(e -> e.type().equals("userconnect"), WAIT, "userconnect");
            // a member without a stream is the clock: once it has expired, twice, alice has been idle long enough
            for (int i = 0; i < 2; i++) {
                Api.Member clock = api.join(room, "clock" + i);
                Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                        .until(() -> joinable(api, room, clock.username()));
            }
            assertEquals(201, api.post(alice, "still here").statusCode());
        }
    }

    /** Whether the name is free; a successful probe is left to expire in turn. */
    private static boolean joinable(Api api, String room, String username) {
        return api.send(api.request("api/rooms/" + room + "/members").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\"}")))
                .statusCode() == 201;
    }
}
