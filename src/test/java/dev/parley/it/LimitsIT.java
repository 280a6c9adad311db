package dev.parley.it;

import dev.parley.testing.ParleyIT;
import dev.parley.testing.TestRooms;

import dev.parley.testing.Api;
import dev.parley.testing.EventReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Every limit is a configuration key: here they are set low and each refusal is checked. */
@ParleyIT(value = "limits", settings = {"parley.rate.messages=3", "parley.rate.window-seconds=2", "parley.streams.max=4", "parley.message.max-length=10", "parley.request.max-bytes=1024", "parley.keepalive-seconds=1"})
class LimitsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void answersPostingTooFastWith429AndRetryAfterThenAcceptsAgain(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        for (int i = 0; i < 3; i++) {
            assertEquals(201, api.post(bob, "m" + i).statusCode());
        }
        HttpResponse<String> refused = api.post(bob, "too fast");
        assertEquals(429, refused.statusCode());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        assertEquals(201, api.post(api.join(room, "alice"), "me too").statusCode(),
                "others may still post");
        Awaitility.await().atMost(Duration.ofSeconds(retryAfter + 5)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.post(bob, "later").statusCode() == 201);
    }

    @Test
    void refusesAStreamOverTheServersLimitWith503AndRetryAfter(Api api, TestRooms rooms) {
        String room = rooms.next();
        List<EventReader> open = new ArrayList<>();
        try {
            open.addAll(api.watchers(room, 4));
            EventReader refused = EventReader.open(api.uri("api/rooms/" + room + "/events"));
            assertEquals(503, refused.status());
            assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
            assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);

            open.remove(0).close();
            // the server notices the closed stream at its next probes; then there is room again
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                EventReader stream = EventReader.open(api.uri("api/rooms/" + room + "/events"));
                if (stream.status() == 200) {
                    open.add(stream);
                    return true;
                }
                return false;
            });
        } finally {
            open.forEach(EventReader::close);
        }
    }

    @Test
    void refusesTextOverTheConfiguredLength(Api api, TestRooms rooms) {
        Api.Member bob = api.join(rooms.next(), "bob");
        assertEquals(201, api.post(bob, "0123456789").statusCode());
        assertEquals(400, api.post(bob, "01234567890").statusCode());
    }

    @Test
    void refusesBodiesOverTheConfiguredSizeWith413AndChunkedOnesWith411(Api api, TestRooms rooms) {
        String body = "{\"username\":\"" + "a".repeat(1100) + "\"}";
        HttpResponse<String> declared = api.send(api.request("api/rooms/" + rooms.next() + "/members")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(413, declared.statusCode());
        HttpResponse<String> chunked = api.send(api.request("api/rooms/" + rooms.next() + "/members")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes()))));
        assertEquals(411, chunked.statusCode(), "a chunked body is refused whatever its size: it must declare its length");
        assertEquals("application/problem+json", chunked.headers().firstValue("Content-Type").orElse(""));
    }
}
