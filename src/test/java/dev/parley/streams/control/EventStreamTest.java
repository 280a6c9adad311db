package dev.parley.streams.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventType;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private final Writers writers = new Writers(Executors.defaultThreadFactory(), 1, 8);
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger droppedSlow = new AtomicInteger();
    private final AtomicInteger deliveredEvents = new AtomicInteger();
    private final Meter meter = new Meter() {
        @Override
        public void delivered(int events, long oldestLiveEpochMillis) {
            deliveredEvents.addAndGet(events);
        }

        @Override
        public void droppedSlow() {
            droppedSlow.incrementAndGet();
        }
    };

    EventStreamTest() {
        writers.start();
        watchdog.scheduleWithFixedDelay(writers::watch, 20, 20, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stop() {
        watchdog.shutdownNow();
        writers.stop(Duration.ofSeconds(1));
    }

    /** An output that records what reaches it; it can be made to block like a client that stopped reading. */
    static class RecordingOutput implements Output {
        private final StringBuilder written = new StringBuilder();
        final CountDownLatch unblock;
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger opened = new AtomicInteger();

        RecordingOutput(boolean blocked) {
            unblock = new CountDownLatch(blocked ? 1 : 0);
        }

        @Override
        public void open() {
            opened.incrementAndGet();
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            try {
                unblock.await();
            } catch (InterruptedException e) {
                throw new IOException("interrupted", e);
            }
            synchronized (written) {
                written.append(new String(bytes, StandardCharsets.UTF_8));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }

        String written() {
            synchronized (written) {
                return written.toString();
            }
        }
    }

    private static Frame frame(long id) {
        return Frame.of(new ChatEvent("lobby", Long.toString(id), EventType.USERMESSAGE, "bob",
                Instant.now(), "m" + id), JSONB);
    }

    private static String idsIn(String written) {
        StringBuilder ids = new StringBuilder();
        for (String line : written.split("\n")) {
            if (line.startsWith("id: ")) {
                ids.append(line.substring(4)).append(' ');
            }
        }
        return ids.toString().trim();
    }

    private EventStream stream(RecordingOutput output, int maxBacklog) {
        return new EventStream(output, writers, maxBacklog, meter);
    }

    @Test
    void writesRetryThenReplayThenLiveEventsWithoutDuplicatesOrGaps() {
        RecordingOutput output = new RecordingOutput(false);
        EventStream stream = stream(output, 100);
        // live events arrive between registration and replay; 2 and 3 are also in the replay
        stream.send(frame(2));
        stream.send(frame(3));
        stream.send(frame(4));
        stream.start(3000, false, null, List.of(frame(1), frame(2), frame(3)));
        stream.send(frame(5));

        await().atMost(Duration.ofSeconds(5)).until(() -> idsIn(output.written()).equals("1 2 3 4 5"));
        assertTrue(output.written().startsWith("retry: 3000\n\nid: 1\n"));
        assertEquals(1, output.opened.get(), "the headers are sent by start, on the caller's thread");
        assertEquals(5, deliveredEvents.get());
    }

    @Test
    void dropsLiveEventsUpToTheIdTheClientAlreadyHas() {
        RecordingOutput output = new RecordingOutput(false);
        EventStream stream = stream(output, 100);
        stream.send(frame(7));
        stream.start(3000, false, "7", List.of());
        stream.send(frame(8));
        await().atMost(Duration.ofSeconds(5)).until(() -> idsIn(output.written()).equals("8"));
    }

    @Test
    void announcesAResyncBeforeTheLatestEvents() {
        RecordingOutput output = new RecordingOutput(false);
        Frame latest = frame(9);
        stream(output, 100).start(1500, true, null, List.of(latest));
        await().atMost(Duration.ofSeconds(5)).until(() -> output.written().equals(
                "retry: 1500\n\nevent: resync\ndata: {\"reason\":\"history-truncated\"}\n\n"
                        + new String(latest.bytes(), StandardCharsets.UTF_8)));
    }

    @Test
    void aClientThatStopsReadingDelaysNoOtherStreamAndIsClosedOverItsBound() {
        RecordingOutput stuck = new RecordingOutput(true);
        RecordingOutput healthy = new RecordingOutput(false);
        EventStream slow = stream(stuck, 10);
        // the healthy stream's queue must outlast the moment it takes to notice the stuck writer
        EventStream fast = stream(healthy, 100);
        AtomicInteger closeNotices = new AtomicInteger();
        slow.onClose(closeNotices::incrementAndGet);
        slow.start(3000, false, null, List.of());
        fast.start(3000, false, null, List.of());

        // the slow stream's writer is now stuck in its first write; the single target writer is replaced
        for (long id = 1; id <= 30; id++) {
            if (!slow.isClosed()) {
                slow.send(frame(id));
            }
            fast.send(frame(id));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> idsIn(healthy.written()).split(" ").length == 30);
        assertTrue(slow.isClosed(), "over its backlog bound, the slow stream is closed");
        assertEquals(1, droppedSlow.get());
        assertThrows(IllegalStateException.class, () -> slow.send(frame(99)));

        stuck.unblock.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> stuck.closed.get() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> closeNotices.get() == 1);
        assertEquals(0, healthy.closed.get());
    }

    @Test
    void aReplayTheClientDoesNotReadCountsInItsBacklogBound() {
        RecordingOutput stuck = new RecordingOutput(true);
        EventStream stream = stream(stuck, 10);
        // 20 events of 10 KB: however many the writer takes into its first (64 KiB) write before it blocks, more
        // than ten stay queued
        List<Frame> replay = new java.util.ArrayList<>();
        for (long id = 1; id <= 20; id++) {
            replay.add(Frame.of(new ChatEvent("lobby", Long.toString(id), EventType.USERMESSAGE, "bob",
                    Instant.now(), "m".repeat(10_000)), JSONB));
        }
        stream.start(3000, false, null, replay);
        assertTrue(!stream.isClosed(), "a replay alone closes nothing: the bound is checked as events arrive");
        stream.send(frame(21));
        assertTrue(stream.isClosed(), "one live event behind an unread replay of more than the bound closes it");
        assertEquals(1, droppedSlow.get(), "the stream is dropped as slow");
        stuck.unblock.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> stuck.closed.get() == 1);
    }

    @Test
    void probesAQuietStreamAndSendsAKeepaliveOnlyWhenNoEventWasSentForLong() {
        RecordingOutput output = new RecordingOutput(false);
        EventStream stream = stream(output, 10);
        stream.start(3000, false, null, List.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> output.written().equals("retry: 3000\n\n"));
        long keepalive = TimeUnit.SECONDS.toNanos(15);
        long probe = TimeUnit.MILLISECONDS.toNanos(700);
        long start = System.nanoTime();
        stream.idle(start, keepalive, probe);
        assertEquals("retry: 3000\n\n", output.written(), "not idle long enough for a probe");
        stream.idle(start + TimeUnit.SECONDS.toNanos(1), keepalive, probe);
        await().atMost(Duration.ofSeconds(5)).until(() -> output.written().equals("retry: 3000\n\n:\n"));
        stream.idle(start + TimeUnit.MILLISECONDS.toNanos(1200), keepalive, probe);
        assertEquals("retry: 3000\n\n:\n", output.written(), "a probe counts as output: the next one waits");
        stream.idle(start + TimeUnit.SECONDS.toNanos(20), keepalive, probe);
        await().atMost(Duration.ofSeconds(5)).until(() -> output.written().equals("retry: 3000\n\n:\n: keepalive\n\n"));
        stream.send(frame(1));
        stream.idle(start + TimeUnit.SECONDS.toNanos(20), keepalive, probe);
        await().atMost(Duration.ofSeconds(5)).until(() -> idsIn(output.written()).equals("1"));
        assertTrue(output.written().endsWith("\n\n"), "an event is no time for a probe: " + output.written());
    }

    @Test
    void aProbeThatCannotBeWrittenClosesTheStream() {
        RecordingOutput gone = new RecordingOutput(false) {
            @Override
            public void write(byte[] bytes) throws IOException {
                if (new String(bytes, StandardCharsets.UTF_8).equals(":\n")) {
                    throw new IOException("Broken pipe");
                }
                super.write(bytes);
            }
        };
        EventStream stream = stream(gone, 10);
        AtomicInteger notices = new AtomicInteger();
        stream.onClose(notices::incrementAndGet);
        stream.start(3000, false, null, List.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> gone.written().equals("retry: 3000\n\n"));
        stream.idle(System.nanoTime() + TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(15),
                TimeUnit.MILLISECONDS.toNanos(700));
        await().atMost(Duration.ofSeconds(5)).until(() -> notices.get() == 1);
        assertTrue(stream.isClosed());
        assertEquals(1, gone.closed.get(), "the response is completed");
    }

    @Test
    void closingCompletesTheResponseAndNotifiesOnce() {
        RecordingOutput output = new RecordingOutput(false);
        EventStream stream = stream(output, 10);
        AtomicInteger notices = new AtomicInteger();
        stream.onClose(notices::incrementAndGet);
        stream.start(3000, false, null, List.of());
        stream.close();
        stream.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> notices.get() == 1);
        assertEquals(1, output.closed.get());
        stream.onClose(notices::incrementAndGet);
        assertEquals(2, notices.get(), "a listener added after the close runs at once");
    }

    @Test
    void stoppingCompletesEveryClosedStreamEvenWhenTheWriterThreadsAreGone() {
        // no threads at all: as when Liberty has interrupted its managed threads before the application stops
        Writers gone = new Writers(Executors.defaultThreadFactory(), 0, 0);
        List<RecordingOutput> outputs = List.of(new RecordingOutput(false), new RecordingOutput(false));
        List<EventStream> streams = outputs.stream().map(output -> new EventStream(output, gone, 10, meter)).toList();
        streams.forEach(stream -> stream.start(3000, false, null, List.of()));
        streams.forEach(EventStream::close);
        gone.stop(Duration.ofSeconds(5));
        assertTrue(outputs.stream().allMatch(output -> output.closed.get() == 1));
    }

    @Test
    void anAbandonedStreamLeavesTheResponseToItsRequest() {
        RecordingOutput output = new RecordingOutput(false);
        EventStream stream = stream(output, 10);
        AtomicInteger notices = new AtomicInteger();
        stream.onClose(notices::incrementAndGet);
        stream.abandon();
        assertEquals(1, notices.get());
        assertEquals(0, output.closed.get());
        assertTrue(stream.isClosed());
    }
}
