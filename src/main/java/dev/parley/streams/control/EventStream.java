package dev.parley.streams.control;

import dev.parley.chat.EventIds;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's event stream: a sink that never writes on the caller's thread. {@link #send} only queues;
 * a writer thread drains the queue, coalescing what is pending into one flush. A stream whose unsent live
 * backlog passes its bound is closed (its client resumes from history with {@code Last-Event-ID}).
 *
 * <p>It is registered before its replay is read, so no event falls between the two: live events that arrive
 * while it is replaying wait, and after the replay only those newer than its last replayed id are kept.
 *
 * <p>Close listeners run once, on a writer thread and outside any lock of this stream.
 *
 * <p>One file, longer than most: the stream's states (replaying, live, closing, closed), its queue and its
 * backlog bound share one lock, and every method that changes one changes the others; split apart, the locking
 * rule would be spread over several classes.
 */
public final class EventStream implements SseEventSink {

    private static final Logger LOG = Logger.getLogger(EventStream.class.getName());
    private static final CompletionStage<Void> SENT = CompletableFuture.completedFuture(null);
    private static final int BATCH_BYTES = 64 * 1024;
    // created with the class, not on first use: a stream may close while its application is being undeployed,
    // when no more classes can be loaded from it
    private static final Output GONE = new Output() {
        @Override
        public void open() throws IOException {
            throw new IOException("stream closed");
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            throw new IOException("stream closed");
        }

        @Override
        public void flush() throws IOException {
            throw new IOException("stream closed");
        }

        @Override
        public void close() {
            // already closed
        }
    };

    private enum State { REPLAYING, LIVE, CLOSING, CLOSED }

    // let go of once closed: a JAX-RS broadcaster keeps a closed sink until its next broadcast
    private volatile Output output;
    private final Writers writers;
    private final Meter meter;
    private final int maxBacklog;

    private final Object lock = new Object();
    // guarded by lock
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private List<Frame> early = new ArrayList<>(0);
    private List<Runnable> closeListeners = new ArrayList<>(2);
    private State state = State.REPLAYING;
    // frames at the head of the queue that are not live events (retry, replay, keepalive): not backlog
    private int notLive;
    // queued frames that are no chat event (retry, resync, keepalive, probe): what is left is the backlog, the replay
    // included, so a client that does not read its replay is closed as any slow reader is
    private int controls;
    private boolean scheduled;
    // the id of the last event queued, to drop a live event a replay already delivered; null: nothing to compare
    private EventIds.Position last;
    // when anything (a probe included) was last queued: read without the lock by the idle check, which then
    // checks again under it
    private volatile long lastQueuedNanos = System.nanoTime();
    // when an event or a keepalive was last queued: a probe is no keepalive for proxies' idle timers
    private long lastContentNanos = lastQueuedNanos;

    public EventStream(Output output, Writers writers, int maxBacklog, Meter meter) {
        this.output = output;
        this.writers = writers;
        this.maxBacklog = maxBacklog;
        this.meter = meter;
    }

    /** A live event, as any JAX-RS sink takes one. */
    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
        Frame frame = Frame.of(event);
        boolean schedule;
        synchronized (lock) {
            if (state == State.CLOSING || state == State.CLOSED) {
                // thrown, not returned as a failed stage: that is how a broadcaster learns to let go of a sink
                throw new IllegalStateException("stream closed");
            }
            schedule = offer(frame);
        }
        if (schedule) {
            writers.schedule(this);
        }
        return SENT;
    }

    /** Queues a live event on an open stream, under its lock; true when it must now be handed to a writer. */
    private boolean offer(Frame frame) {
        if (state == State.REPLAYING) {
            early.add(frame);
            if (early.size() > maxBacklog) {
                overflow();
            }
            return false;
        }
        queueLive(frame);
        return markScheduled();
    }

    /**
     * Starts the stream: the reconnection delay, a resync notice when the client's id is not in history,
     * the replay, then the live events that arrived meanwhile and are newer than the replay.
     *
     * @param after the id the client already has (live events up to it are duplicates), or null
     * @throws UncheckedIOException when the response cannot be started: the client has gone
     */
    void start(long retryMillis, boolean resync, String after, List<Frame> replay) {
        try {
            output.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean schedule;
        synchronized (lock) {
            if (state == State.REPLAYING) {
                queue.add(Frame.retry(retryMillis));
                controls++;
                if (resync) {
                    queue.add(Frame.RESYNC);
                    controls++;
                }
                queue.addAll(replay);
                last = replay.isEmpty() ? EventIds.Position.of(after) : replay.get(replay.size() - 1).position();
                notLive = queue.size();
                lastQueuedNanos = System.nanoTime();
                lastContentNanos = lastQueuedNanos;
                state = State.LIVE;
                for (Frame frame : early) {
                    queueLive(frame);
                }
                early = List.of();
            }
            schedule = markScheduled();
        }
        if (schedule) {
            writers.schedule(this);
        }
    }

    /**
     * Called often (every {@link Streams} tick) while the stream is open. Once nothing was queued for
     * {@code probeNanos}, queues a probe: a closed connection is noticed only by a write, the second after the close
     * (the first one draws the client's reset), so a stream gone quiet is written to every {@code probeNanos}. Once
     * no event or keepalive was queued for {@code keepaliveNanos}, the write is a keepalive comment instead.
     */
    void idle(long nowNanos, long keepaliveNanos, long probeNanos) {
        if (nowNanos - lastQueuedNanos < probeNanos) {
            return;
        }
        boolean schedule = false;
        synchronized (lock) {
            if (state == State.LIVE && queue.isEmpty() && nowNanos - lastQueuedNanos >= probeNanos) {
                if (nowNanos - lastContentNanos >= keepaliveNanos) {
                    queue.add(Frame.KEEPALIVE);
                    lastContentNanos = nowNanos;
                } else {
                    queue.add(Frame.PROBE);
                }
                notLive++;
                controls++;
                lastQueuedNanos = nowNanos;
                schedule = markScheduled();
            }
        }
        if (schedule) {
            writers.schedule(this);
        }
    }

    /** Ends the stream: what is still queued is dropped, the response is completed by a writer. */
    @Override
    public void close() {
        boolean schedule = false;
        synchronized (lock) {
            if (state == State.LIVE) {
                state = State.CLOSING;
                queue.clear();
            controls = 0;
                schedule = markScheduled();
            } else if (state == State.REPLAYING) {
                // the opening request always goes on to start() or abandon(), which finish the job
                state = State.CLOSING;
                early = List.of();
            }
        }
        if (schedule) {
            writers.schedule(this);
        }
    }

    /**
     * Forgets a stream whose opening failed before it started: the failed request answers the client, so the
     * response is not completed here.
     */
    void abandon() {
        List<Runnable> listeners;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            queue.clear();
            controls = 0;
            listeners = takeListeners();
        }
        run(listeners);
    }

    @Override
    public boolean isClosed() {
        synchronized (lock) {
            return state == State.CLOSING || state == State.CLOSED;
        }
    }

    /** Runs the action once the stream has closed (at once if it has). */
    void onClose(Runnable action) {
        synchronized (lock) {
            if (state != State.CLOSED) {
                closeListeners.add(action);
                return;
            }
        }
        run(List.of(action));
    }

    /** Writes one batch of what is queued. Called by one writer thread at a time. */
    void drain() {
        Batch batch;
        synchronized (lock) {
            if (state == State.CLOSING) {
                batch = null;
            } else if (queue.isEmpty()) {
                scheduled = false;
                return;
            } else {
                batch = takeBatch();
            }
        }
        if (batch == null) {
            finish();
            return;
        }
        try {
            for (Frame frame : batch.frames()) {
                output.write(frame.bytes());
            }
            output.flush();
        } catch (IOException | RuntimeException e) {
            // the client has gone (or the write timed out): nothing more can be written
            LOG.log(Level.FINE, "stream ended by a failed write", e);
            synchronized (lock) {
                state = State.CLOSING;
                queue.clear();
            controls = 0;
            }
            finish();
            return;
        }
        meter.delivered(batch.events(), batch.oldestLiveEpochMillis());
        boolean again;
        synchronized (lock) {
            again = state == State.CLOSING || !queue.isEmpty();
            if (!again) {
                scheduled = false;
            }
        }
        if (again) {
            // back of the line: one busy stream does not hold a writer while others wait
            writers.schedule(this);
        }
    }

    private record Batch(List<Frame> frames, int events, long oldestLiveEpochMillis) {
    }

    /** Up to {@link #BATCH_BYTES} of the queue (at least one frame), in order. */
    private Batch takeBatch() {
        List<Frame> frames = new ArrayList<>(Math.min(queue.size(), 64));
        int bytes = 0;
        int events = 0;
        long oldestLive = 0;
        while (!queue.isEmpty() && (frames.isEmpty() || bytes + queue.peek().bytes().length <= BATCH_BYTES)) {
            Frame frame = queue.poll();
            bytes += frame.bytes().length;
            frames.add(frame);
            boolean live = notLive == 0;
            if (!live) {
                notLive--;
            }
            if (frame.epochMillis() == 0) {
                controls--;
            }
            if (frame.epochMillis() > 0) {
                events++;
                if (live && oldestLive == 0) {
                    oldestLive = frame.epochMillis();
                }
            }
        }
        return new Batch(frames, events, oldestLive);
    }

    private void finish() {
        try {
            output.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "completing a closed stream failed", e);
        }
        output = GONE;
        List<Runnable> listeners;
        synchronized (lock) {
            state = State.CLOSED;
            listeners = takeListeners();
        }
        run(listeners);
    }

    /** Queues a live event unless the client already has it; the caller schedules the stream. */
    private void queueLive(Frame frame) {
        EventIds.Position position = frame.position();
        if (position != null && last != null && !position.isAfter(last)) {
            return;
        }
        queue.add(frame);
        if (frame.getId() != null) {
            last = position;
        }
        lastQueuedNanos = System.nanoTime();
        lastContentNanos = lastQueuedNanos;
        if (frame.epochMillis() == 0) {
            // a live frame that is no chat event: the resync a lost store sends (a signal, which has no id, is one)
            controls++;
        }
        if (queue.size() - controls > maxBacklog) {
            overflow();
        }
    }

    private void overflow() {
        state = State.CLOSING;
        queue.clear();
        controls = 0;
        early = List.of();
        meter.droppedSlow();
    }

    private boolean markScheduled() {
        if (scheduled) {
            return false;
        }
        scheduled = true;
        return true;
    }

    private List<Runnable> takeListeners() {
        List<Runnable> listeners = closeListeners;
        closeListeners = List.of();
        return listeners;
    }

    private static void run(List<Runnable> listeners) {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a stream close listener failed", e);
            }
        }
    }
}
