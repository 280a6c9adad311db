package dev.parley.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Api;
import dev.parley.testing.EachBackplane;
import dev.parley.testing.EventReader;
import dev.parley.testing.ParleyIT;
import dev.parley.testing.TestRooms;
import dev.parley.testing.TestedBackplane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Traces with MicroProfile Telemetry, switched on for this deployment with OpenTelemetry's logging exporter (spans
 * written to the server log): a post's spans follow it through the backplane (the Redis hop included) to the
 * fan-out, all in the trace the client started.
 */
@ParleyIT(value = "telemetry", backplanes = {TestedBackplane.MEMORY, TestedBackplane.REDIS}, settings = {
        "otel.sdk.disabled=false", "otel.traces.exporter=logging", "otel.metrics.exporter=none",
        "otel.logs.exporter=none", "otel.service.name=parley-telemetry-test"})
class TelemetryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    static Path serverLog() {
        return Path.of(System.getProperty("liberty.wlp.home"), "usr", "servers", System.getProperty("liberty.server.name"),
                "logs", "messages.log");
    }

    /** The exporter's lines of one trace: {@code 'name' : traceId spanId KIND …}. */
    static List<String> spansOf(String traceId) {
        try {
            return Files.readAllLines(serverLog()).stream().filter(line -> line.contains(" : " + traceId + " ")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String newTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** Posts with a {@code traceparent}, so the server's spans join the client's trace. */
    static void postTraced(Api api, Api.Member member, String traceId, String text) {
        String traceparent = "00-" + traceId + "-" + "00f067aa0ba902b7" + "-01";
        int status = api.send(api.request("api/rooms/" + member.room() + "/messages")
                .header("Authorization", "Bearer " + member.token()).header("Content-Type", "application/json")
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}"))).statusCode();
        assertEquals(201, status);
    }

    @EachBackplane
    void aPostsSpansFollowItThroughTheBackplaneToTheFanOut(Api api, TestRooms rooms) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        String traceId = newTraceId();
        try (EventReader stream = EventReader.open(api.uri("api/rooms/" + room + "/events"))) {
            postTraced(api, bob, traceId, "traced");
            stream.await(e -> e.data().contains("\"traced\""), WAIT, "the traced message");
        }
        boolean redis = api.base().getPath().contains("redis");
        await("the post's spans in the server log").atMost(WAIT).until(() -> {
            List<String> spans = spansOf(traceId);
            return spans.stream().anyMatch(line -> line.contains("'parley.fanout'"))
                    && spans.stream().anyMatch(line -> line.contains(" SERVER "))
                    && (!redis || spans.stream().anyMatch(line -> line.contains("'parley.redis.post'")));
        });
    }
}
