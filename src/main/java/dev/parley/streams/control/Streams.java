package dev.parley.streams.control;

import static dev.parley.platform.Settings.atLeast;

import dev.parley.problems.Problems;
import dev.parley.rooms.entity.Replay;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.ws.rs.sse.Sse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;

/**
 * This server's open streams: how many may open, their keepalives and probes (docs/streams.md), and their end when
 * the server stops.
 */
@ApplicationScoped
public class Streams {

    private static final int LATENCY_SAMPLING = 16;

    private final Fanout fanout;
    private final Frames frames;
    private final ScheduledExecutorService scheduler;
    private final Writers writers;
    private final Settings settings;
    private final MetricRegistry metrics;
    private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final LongAdder undelivered = new LongAdder();
    private final AtomicLong liveWrites = new AtomicLong();
    private final List<ScheduledFuture<?>> upkeep = new ArrayList<>();
    private volatile boolean stopping;
    private Meter meter = Meter.NONE;

    /** How streams are run, from configuration. */
    public record Settings(int maxStreams, int maxBacklog, Duration keepalive, Duration probe, long retryMillis,
                           int writers, int maxWriters) {
    }

    @Inject
    public Streams(Fanout fanout, Frames frames, ScheduledExecutorService scheduler, ThreadFactory threads,
                   MetricRegistry metrics,
                   @ConfigProperty(name = "parley.streams.max") int maxStreams,
                   @ConfigProperty(name = "parley.streams.max-backlog") int maxBacklog,
                   @ConfigProperty(name = "parley.keepalive-seconds") int keepaliveSeconds,
                   @ConfigProperty(name = "parley.streams.probe-millis") int probeMillis,
                   @ConfigProperty(name = "parley.streams.retry-millis") long retryMillis,
                   @ConfigProperty(name = "parley.streams.writers") int writers,
                   @ConfigProperty(name = "parley.streams.writers-max") int maxWriters) {
        this.fanout = fanout;
        this.frames = frames;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.settings = new Settings(atLeast("parley.streams.max", maxStreams, 1),
                atLeast("parley.streams.max-backlog", maxBacklog, 1),
                Duration.ofSeconds(atLeast("parley.keepalive-seconds", keepaliveSeconds, 1)),
                Duration.ofMillis(atLeast("parley.streams.probe-millis", probeMillis, 100)),
                atLeast("parley.streams.retry-millis", retryMillis, 0), atLeast("parley.streams.writers", writers, 1),
                atLeast("parley.streams.writers-max", maxWriters, writers));
        this.writers = new Writers(threads, writers, maxWriters);
    }

    protected Streams() {
        // for the CDI client proxy only
        this.fanout = null;
        this.frames = null;
        this.scheduler = null;
        this.writers = null;
        this.settings = null;
        this.metrics = null;
    }

    /** At startup, so keepalives and writers run before the first stream, and metrics exist from the start. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        start();
    }

    void start() {
        writers.start();
        upkeep.add(scheduler.scheduleWithFixedDelay(writers::watch, 100, 100, TimeUnit.MILLISECONDS));
        // a fifth of the probe period: a closed stream is noticed within two probe periods and a tick
        long tick = Math.max(20, Math.min(200, settings.probe().toMillis() / 5));
        upkeep.add(scheduler.scheduleWithFixedDelay(this::idle, tick, tick, TimeUnit.MILLISECONDS));
        metrics.gauge("parley.streams.open", count, AtomicInteger::get);
        metrics.gauge("parley.streams.writers", writers, Writers::size);
        Counter delivered = metrics.counter("parley.events.delivered");
        upkeep.add(scheduler.scheduleWithFixedDelay(() -> delivered.inc(undelivered.sumThenReset()), 1, 1,
                TimeUnit.SECONDS));
        Counter droppedSlow = metrics.counter("parley.streams.dropped.slow");
        Timer latency = metrics.timer("parley.delivery.latency");
        meter = new Meter() {
            @Override
            public void delivered(int events, long oldestLiveEpochMillis) {
                // counted here on every write, published to the metric once a second
                undelivered.add(events);
                // every sixteenth write of live events keeps the quantiles honest at a sixteenth of the cost
                if (oldestLiveEpochMillis > 0 && liveWrites.getAndIncrement() % LATENCY_SAMPLING == 0) {
                    latency.update(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - oldestLiveEpochMillis)));
                }
            }

            @Override
            public void droppedSlow() {
                droppedSlow.inc();
            }
        };
    }

    /**
     * Registers a stream with its room. It writes nothing until {@link #start}: register first,
     * then read the replay, so no event falls between the two.
     */
    public EventStream open(String room, AsyncContext async, Sse sse) {
        if (stopping) {
            throw Problems.unavailable("stopping", "Server stopping", "This server is stopping; connect again.",
                    retryAfterSeconds());
        }
        if (count.incrementAndGet() > settings.maxStreams()) {
            count.decrementAndGet();
            throw Problems.unavailable("server-full", "Server full",
                    "This server holds as many streams as it may (" + settings.maxStreams() + ").", retryAfterSeconds());
        }
        ServletOutput output;
        try {
            output = ServletOutput.of(async);
        } catch (IOException e) {
            count.decrementAndGet();
            throw new UncheckedIOException(e);
        }
        EventStream stream = new EventStream(output, writers, settings.maxBacklog(), meter);
        try {
            fanout.subscribe(room, stream, sse);
        } catch (RuntimeException e) {
            count.decrementAndGet();
            throw e;
        }
        open.add(stream);
        stream.onClose(() -> {
            open.remove(stream);
            count.decrementAndGet();
            fanout.unsubscribe(room, stream);
        });
        output.closeOnContainerError(stream);
        return stream;
    }

    /** Sends the stream what it missed, then lets live events through. */
    public void start(EventStream stream, Replay replay) {
        stream.start(settings.retryMillis(), replay.truncated(), replay.after(), frames.of(replay.events()));
    }

    /** Forgets a stream whose opening failed after {@link #open}; the failed request answers the client. */
    public void abandon(EventStream stream) {
        stream.abandon();
    }

    /** Runs the action once the stream has closed. */
    public void onClose(EventStream stream, Runnable action) {
        stream.onClose(action);
    }

    public int count() {
        return count.get();
    }

    public int max() {
        return settings.maxStreams();
    }

    public boolean stopping() {
        return stopping;
    }

    public boolean writersWedged(Duration quiet) {
        return writers.wedged(quiet.toNanos());
    }

    private void idle() {
        long now = System.nanoTime();
        long keepalive = settings.keepalive().toNanos();
        long probe = settings.probe().toNanos();
        for (EventStream stream : open) {
            stream.idle(now, keepalive, probe);
        }
    }

    private long retryAfterSeconds() {
        return Math.max(1, (settings.retryMillis() + 999) / 1000);
    }

    /**
     * Ends every stream cleanly (their clients reconnect, to another server if there is one) and gives the
     * writers a moment to complete the responses before the threads go.
     */
    @PreDestroy
    void stop() {
        stopping = true;
        upkeep.forEach(task -> task.cancel(false));
        open.forEach(EventStream::close);
        writers.stop(Duration.ofSeconds(2));
    }
}
