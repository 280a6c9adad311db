package dev.parley.it;

import dev.parley.testing.ParleyIT;
import dev.parley.testing.ServerMetrics;
import dev.parley.testing.TestRooms;

import dev.parley.testing.Api;
import dev.parley.testing.EventReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.EventReader.Event;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One client stops reading: the others keep receiving every event promptly, and the stuck one is closed once
 * its backlog passes the bound. Without the writer isolation, the stuck client's blocked socket write would hold
 * up delivery to everyone for Liberty's 30 s write timeout.
 */
@ParleyIT(value = "slow-reader", settings = {"parley.streams.max-backlog=" + SlowReaderIT.BACKLOG, "parley.history.retain=40",
        "parley.rate.messages=1000000", "parley.history.replay=0"})
@Tag("slow")
class SlowReaderIT {

    private static final int READERS = 5;
    private static final int MESSAGES = 2500;
    static final int BACKLOG = 50;

    @Test
    void aClientThatStopsReadingDelaysNoOneAndIsDroppedOverItsBound(Api api, TestRooms rooms, ServerMetrics metrics) throws Exception {
        String room = "slow";
        Api.Member poster = api.join(room, "poster");
        long droppedBefore = metrics.count("parley_streams_dropped_slow_total");

        List<EventReader> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            readers.add(EventReader.open(api.uri("api/rooms/" + room + "/events")));
        }
        try (Socket stuck = stuckClient(api, "/" + api.base().getPath().replaceAll("^/|/$", "") + "/api/rooms/" + room + "/events")) {
            readers.forEach(r -> r.awaitRetry(Duration.ofSeconds(30)));

            // ~2 KB messages: the stuck client's socket buffers fill, then its backlog passes the bound
            String text = "x".repeat(1990);
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                JsonObject event = api.say(poster, text + i);
                sentAt.put(event.getString("id"), System.nanoTime());
                ids.add(event.getString("id"));
            }
            List<Long> lateness = new ArrayList<>();
            for (EventReader reader : readers) {
                List<Event> received = reader.awaitCount(MESSAGES, Duration.ofSeconds(60));
                assertEquals(ids, received.stream().map(Event::id).toList(), "every event, once, in order");
            }
            // how long after its post each reader had each event: the reader threads stamp arrival
            for (EventReader reader : readers) {
                Map<String, Long> arrived = reader.arrivals();
                for (String id : ids) {
                    lateness.add(Math.max(0, arrived.get(id) - sentAt.get(id)));
                }
            }
            Collections.sort(lateness);
            long p50 = lateness.get(lateness.size() / 2) / 1_000_000;
            long p99 = lateness.get(lateness.size() * 99 / 100) / 1_000_000;
            long max = lateness.get(lateness.size() - 1) / 1_000_000;
            System.out.printf("slow reader: %d readers x %d messages; after-post lateness p50 %d ms, p99 %d ms, max %d ms%n",
                    READERS, MESSAGES, p50, p99, max);
            // a stall behind the stuck socket would last Liberty's 30 s write timeout
            assertTrue(max < 5_000, "max lateness " + max + " ms");
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> metrics.count("parley_streams_dropped_slow_total") == droppedBefore + 1);
            // once it reads again, the dropped client finds its response ended
            assertTrue(readToEnd(stuck).endsWith("0\r\n\r\n"), "the chunked response was completed");
            assertTrue(readers.stream().noneMatch(EventReader::ended), "the healthy readers were not dropped");
        } finally {
            readers.forEach(EventReader::close);
        }
    }

    /** A client that sends its request and never reads, with as small a receive buffer as the OS allows. */
    private static Socket stuckClient(Api api, String path) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        URL url = api.uri("").toURL();
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()));
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static String readToEnd(Socket socket) throws IOException {
        socket.setSoTimeout(60_000);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            tail.write(buffer, 0, n);
            String end = tail.size() > 16 ? new String(tail.toByteArray(), tail.size() - 16, 16, StandardCharsets.US_ASCII) : "";
            if (end.endsWith("0\r\n\r\n")) {
                break;
            }
            if (tail.size() > 1 << 20) {
                byte[] keep = tail.toByteArray();
                tail.reset();
                tail.write(keep, keep.length - 16, 16);
            }
        }
        return tail.toString(StandardCharsets.US_ASCII);
    }
}
