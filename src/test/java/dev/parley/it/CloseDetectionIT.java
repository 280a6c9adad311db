package dev.parley.it;

import dev.parley.testing.ParleyIT;
import dev.parley.testing.TestRooms;

import dev.parley.testing.ServerMetrics;

import dev.parley.testing.Api;
import dev.parley.testing.EventReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A client that just closes its connection (a tab closed, a process killed) is noticed within 2 s, whatever the
 * client: here a raw socket that sends its request, reads the start of the stream and closes, with a FIN or a reset.
 * Then {@code userdisconnect} follows within the grace period plus 2 s, and the member list and
 * {@code parley_streams_open} agree. Each bound is a deadline; the measured times are printed for docs/streams.md.
 */
// keepalives far apart: only the probe can notice the closes
@ParleyIT(value = "close-detection", settings = {"parley.presence.grace-seconds=" + CloseDetectionIT.GRACE_SECONDS,
        "parley.keepalive-seconds=60"})
class CloseDetectionIT {

    private static final Duration NOTICED = Duration.ofSeconds(2);
    static final int GRACE_SECONDS = 1;
    private static final Duration GRACE = Duration.ofSeconds(GRACE_SECONDS);
    private static final int CLOSES = 10;

    @Test
    void aClosedStreamIsNoticedWithinTwoSecondsAndItsMemberLeavesAfterTheGracePeriod(Api api, TestRooms rooms) {
        String room = "c-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> noticedMillis = new ArrayList<>();
        try (EventReader watcher = EventReader.open(api.uri("api/rooms/" + room + "/events"))) {
            watcher.awaitRetry(Duration.ofSeconds(20));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> streamsOpen(api) == 1);
            for (int i = 0; i < CLOSES; i++) {
                Api.Member member = api.join(room, "leaver" + i);
                boolean reset = i % 2 == 1;
                Socket socket = openStream(api, member);
                Awaitility.await("leaver" + i + " connected").atMost(Duration.ofSeconds(20))
                        .until(() -> members(api, room).contains(member.username()) && streamsOpen(api) == 2);

                long closed = System.nanoTime();
                close(socket, reset);
                Awaitility.await("the server notices leaver" + i + "'s closed stream (" + (reset ? "reset" : "FIN") + ")")
                        .atMost(NOTICED).pollInterval(Duration.ofMillis(20)).until(() -> streamsOpen(api) == 1);
                noticedMillis.add((System.nanoTime() - closed) / 1_000_000);
                String username = member.username();
                Awaitility.await(username + "'s userdisconnect").atMost(GRACE.plus(NOTICED))
                        .pollInterval(Duration.ofMillis(20)).until(() -> watcher.events().stream().anyMatch(e ->
                                e.type().equals("userdisconnect") && e.data().contains("\"" + username + "\"")));
                assertTrue(!members(api, room).contains(username), "the member list agrees with the stream");
            }
        }
        List<Long> sorted = new ArrayList<>(noticedMillis);
        Collections.sort(sorted);
        System.out.printf("close detection over %d closes: min %d ms, median %d ms, max %d ms (%s)%n", CLOSES,
                sorted.get(0), (sorted.get(CLOSES / 2 - 1) + sorted.get(CLOSES / 2)) / 2, sorted.get(CLOSES - 1),
                noticedMillis);
        assertEquals(CLOSES, noticedMillis.size());
    }

    /** Sends the request and reads until the stream has begun, then leaves the socket open. */
    private static Socket openStream(Api api, Api.Member member) {
        try {
            var uri = api.uri("api/rooms/" + member.room() + "/events");
            Socket socket = new Socket(uri.getHost(), uri.getPort());
            socket.setSoTimeout(20_000);
            String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + member.token() + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            while (seen.indexOf("retry:") < 0) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("the stream ended before it began: " + seen);
                }
                seen.append((char) b);
            }
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes with a reset (linger 0), or with a FIN: everything that arrived is read first, as a kernel answers a
     * close with unread data in its buffer by a reset.
     */
    private static void close(Socket socket, boolean reset) {
        try {
            if (reset) {
                socket.setSoLinger(true, 0);
            } else {
                InputStream in = socket.getInputStream();
                in.skipNBytes(in.available());
            }
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> members(Api api, String room) {
        return Api.array(api.get("api/rooms/" + room + "/members")).stream()
                .map(member -> member.asJsonObject().getString("username")).toList();
    }

    private static int streamsOpen(Api api) {
        return new ServerMetrics(api, "close-detection").streamsOpen();
    }
}
