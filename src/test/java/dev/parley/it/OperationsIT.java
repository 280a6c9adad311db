package dev.parley.it;

import dev.parley.testing.ParleyIT;
import dev.parley.testing.ServerMetrics;
import dev.parley.testing.TestRooms;

import dev.parley.testing.Api;
import dev.parley.testing.EventReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** What operators rely on: health checks, metrics, the OpenAPI document, and logs without secrets. */
@ParleyIT("operations")
class OperationsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Map<String, JsonObject> checks(HttpResponse<String> health) {
        return Api.object(health).getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(check -> check.getString("name"), check -> check));
    }

    @Test
    void reportsLiveReadyAndStartedWithChecksThatMeanSomething(Api api, TestRooms rooms) {
        HttpResponse<String> ready = api.getServer("health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        Map<String, JsonObject> readiness = checks(ready);
        assertEquals("UP", readiness.get("backplane").getString("status"));
        assertEquals("memory", readiness.get("backplane").getJsonObject("data").getString("kind"));
        assertEquals("UP", readiness.get("streams").getString("status"));
        // parley.streams.max, unless the descriptor limit (the server inherits this process's) caps it below
        long descriptors = ((com.sun.management.UnixOperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        assertEquals(Math.min(20000, descriptors - 1024), readiness.get("streams").getJsonObject("data").getInt("max"));
        assertEquals("UP", checks(api.getServer("health/live")).get("writers").getString("status"));
        assertEquals("UP", checks(api.getServer("health/started")).get("started").getString("status"));
        assertEquals("UP", Api.object(api.getServer("health")).getString("status"));
    }

    @Test
    void exportsStreamMemberMessageDeliveryAndLatencyMetrics(Api api, TestRooms rooms, ServerMetrics metrics) {
        String room = "o-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Member bob = api.join(room, "bob");
        long posted = metrics.count("parley_messages_posted_total");
        long delivered = metrics.count("parley_events_delivered_total");
        try (EventReader stream = EventReader.open(api.uri("api/rooms/" + room + "/events?token=" + bob.token()))) {
            stream.await(e -> e.type().equals("userconnect"), WAIT, "userconnect");
            assertTrue(metrics.count("parley_streams_open") >= 1);
            assertTrue(metrics.count("parley_members_connected") >= 1);
            // one write each: latency is timed on every sixteenth write of live events (two posters, as each
            // may post ten messages in ten seconds)
            Api.Member carol = api.join(room, "carol");
            for (int i = 0; i < 16; i++) {
                String text = "counted " + i;
                api.say(i % 2 == 0 ? bob : carol, text);
                stream.await(e -> e.data().contains(text), WAIT, "message " + i);
            }
            Awaitility.await().atMost(WAIT).until(() -> metrics.count("parley_events_delivered_total") >= delivered + 17);
            assertEquals(posted + 16, metrics.count("parley_messages_posted_total"));
            assertTrue(metrics.count("parley_delivery_latency_seconds_count") >= 1);
            assertTrue(metrics.text().contains("parley_streams_dropped_slow_total"));
        }
    }

    @Test
    void documentsTheContractIncludingTheEventStreamInOpenApi(Api api, TestRooms rooms) {
        HttpResponse<String> document = api.getServer("openapi");
        assertEquals(200, document.statusCode());
        String yaml = document.body();
        for (String path : List.of("/api/rooms:", "/api/rooms/{room}/members:", "/api/rooms/{room}/members/me:",
                "/api/rooms/{room}/messages:", "/api/rooms/{room}/messages/{id}:", "/api/rooms/{room}/typing:",
                "/api/rooms/{room}/events:")) {
            assertTrue(yaml.contains(path), path);
        }
        String message = yaml.substring(yaml.indexOf("/api/rooms/{room}/messages/{id}:"));
        assertTrue(message.contains("patch:") && message.contains("delete:"), "edit and delete");
        String events = yaml.substring(yaml.indexOf("/api/rooms/{room}/events:"));
        assertTrue(events.contains("text/event-stream"));
        for (String event : List.of("userconnect", "usermessage", "userdisconnect", "messageedit", "messagedelete",
                "usertyping", "resync")) {
            assertTrue(events.contains("event: " + event), "the " + event + " event is documented");
        }
        assertTrue(yaml.contains("application/problem+json"));
        assertEquals(200, api.getServer("openapi/ui/").statusCode());
    }

    @Test
    void servesTheBrowserClientWithAStrictContentSecurityPolicyAndNoInlineScript(Api api, TestRooms rooms) {
        HttpResponse<String> page = api.get("");
        assertEquals(200, page.statusCode());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.startsWith("default-src 'self'"), policy);
        assertFalse(policy.contains("unsafe-inline"));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        java.util.regex.Matcher scripts = java.util.regex.Pattern.compile("<script([^>]*)>").matcher(page.body());
        int count = 0;
        while (scripts.find()) {
            count++;
            assertTrue(scripts.group(1).contains("src="), "only scripts from files: " + scripts.group());
        }
        assertTrue(count > 0);
        assertFalse(page.body().matches("(?s).*\\son[a-z]+=.*"), "no inline event handlers");
        HttpResponse<String> module = api.get("js/app.js");
        assertTrue(module.headers().firstValue("Content-Type").orElse("").contains("javascript"));
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "nothing from another origin");
    }

    @Test
    void noLogTheServerWritesContainsAToken(Api api, TestRooms rooms) throws IOException {
        String room = "secret-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Member bob = api.join(room, "bob");
        Api.Member other = api.join(room + "-x", "bob");
        // the token in every place a request can carry it, on paths that succeed and paths that fail
        try (EventReader ok = EventReader.open(api.uri("api/rooms/" + room + "/events?token=" + bob.token()))) {
            ok.awaitRetry(WAIT);
        }
        assertEquals(401, EventReader.open(api.uri("api/rooms/" + room + "/events?token=" + other.token())).status());
        assertEquals(400, EventReader.open(api.uri("api/rooms/BAD/events?token=" + bob.token())).status());
        assertEquals(404, api.get("api/rooms/" + room + "/nothing?token=" + bob.token()).statusCode());
        assertEquals(401, api.send(api.request("api/rooms/" + room + "/messages")
                .header("Authorization", "Bearer " + other.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}"))).statusCode());
        assertEquals(400, api.send(api.request("api/rooms/" + room + "/messages")
                .header("Authorization", "Bearer " + bob.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":"))).statusCode());
        assertEquals(204, api.leave(bob).statusCode());

        Path logs = Path.of(System.getProperty("liberty.wlp.home"), "usr", "servers",
                System.getProperty("liberty.server.name"), "logs");
        // the access log records these requests (so the scan below is not vacuous), by path only
        Awaitility.await().atMost(WAIT).until(() -> read(logs.resolve("http_access.log")).contains("/api/rooms/" + room + "/nothing"));
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = read(file);
                assertFalse(text.contains(bob.token()), "a token in " + file);
                assertFalse(text.contains(other.token()), "a token in " + file);
            }
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void recordsNoTracesByDefault(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        String traceId = TelemetryIT.newTraceId();
        try (dev.parley.testing.EventReader stream = dev.parley.testing.EventReader.open(api.uri("api/rooms/" + room + "/events"))) {
            TelemetryIT.postTraced(api, bob, traceId, "untraced");
            stream.await(e -> e.data().contains("\"untraced\""), Duration.ofSeconds(20), "the message");
        }
        // the logging exporter of the one deployment that records traces would write a span within its 100 ms
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> TelemetryIT.spansOf(traceId).isEmpty());
    }
}
