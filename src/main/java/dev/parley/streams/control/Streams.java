package dev.parley.streams.control;

import dev.parley.backplane.control.Directory;
import dev.parley.chat.Member;
import dev.parley.problems.Problems;
import dev.parley.rooms.control.ChatRooms;
import dev.parley.rooms.entity.Replay;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.ws.rs.sse.Sse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;

/**
 * This server's open streams: opening one (the whole sequence, in {@link #open}), how many may be open, their
 * keepalives and probes (docs/streams.md), and their end when the server stops.
 */
@ApplicationScoped
public class Streams {

    private static final Logger LOG = Logger.getLogger(Streams.class.getName());
    private static final int LATENCY_SAMPLING = 16;
    // rooms with streams here are held this long, renewed a sixth as often: a server that dies lets go of them soon
    private static final Duration ROOM_HOLD = Duration.ofSeconds(30);

    private final ChatRooms rooms;
    private final Directory directory;
    private final Clock clock;
    private final Fanout fanout;
    private final Frames frames;
    private final ScheduledExecutorService scheduler;
    private final Writers writers;
    // capped to the descriptor limit at startup, then only read
    private volatile StreamSettings settings;
    private final MetricRegistry metrics;
    private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger watchers = new AtomicInteger();
    private final Map<String, AtomicInteger> byClient = new ConcurrentHashMap<>();
    private final LongAdder undelivered = new LongAdder();
    private final AtomicLong liveWrites = new AtomicLong();
    private final List<ScheduledFuture<?>> upkeep = new ArrayList<>();
    private volatile boolean stopping;
    private Meter meter = Meter.NONE;

    @Inject
    public Streams(ChatRooms rooms, Directory directory, Clock clock, Fanout fanout, Frames frames,
                   ScheduledExecutorService scheduler, ThreadFactory threads, MetricRegistry metrics,
                   StreamSettings settings) {
        this.rooms = rooms;
        this.directory = directory;
        this.clock = clock;
        this.fanout = fanout;
        this.frames = frames;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.settings = settings;
        this.writers = settings == null ? null : new Writers(threads, settings.writers(), settings.maxWriters());
    }

    protected Streams() {
        // for the CDI client proxy only
        this(null, null, null, null, null, null, null, null, null);
    }

    /** At startup, so keepalives and writers run before the first stream, and metrics exist from the start. */
    void started(@Observes Startup startup) {
        settings = settings.capped(Descriptors.streamsBelowLimit(settings.maxStreams()));
        writers.start();
        upkeep.add(scheduler.scheduleWithFixedDelay(writers::watch, 100, 100, TimeUnit.MILLISECONDS));
        // a fifth of the probe period: a closed stream is noticed within two probe periods and a tick
        long tick = Math.max(20, Math.min(200, settings.probe().toMillis() / 5));
        upkeep.add(scheduler.scheduleWithFixedDelay(this::idle, tick, tick, TimeUnit.MILLISECONDS));
        long holdEvery = ROOM_HOLD.toMillis() / 6;
        upkeep.add(scheduler.scheduleWithFixedDelay(this::holdRooms, 0, holdEvery, TimeUnit.MILLISECONDS));
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
     * Opens a stream on the suspended request: authenticates the credential (none: a watcher), registers the stream
     * with its room, reads the replay, starts the stream with it, then marks its member present. Register before
     * replay, so no event falls between the two (the stream drops live events its replay already holds).
     */
    public void open(String room, Optional<String> credential, String lastEventId, String client, AsyncContext async,
                     Sse sse) {
        Optional<Member> member = credential.map(token -> rooms.authenticate(room, Optional.of(token)));
        rooms.refuseBanned(room, member, client);
        EventStream stream = register(room, member.isEmpty(), client, async, sse);
        try {
            Replay replay = rooms.replay(room, lastEventId);
            stream.start(settings.retryMillis(), replay.truncated(), replay.after(), frames.of(replay.events()));
        } catch (RuntimeException e) {
            // the failed request answers the client
            stream.abandon();
            throw e;
        }
        member.ifPresent(present -> {
            if (rooms.streamOpened(present, stream)) {
                stream.onClose(() -> rooms.streamClosed(present, stream));
            } else {
                stream.close();
            }
        });
    }

    /**
     * A stream of the room that writes nothing until it is started, counted against the server's, the watchers' and
     * its client's limits; each count is given back when the stream closes.
     */
    private EventStream register(String room, boolean watcher, String client, AsyncContext async, Sse sse) {
        if (stopping) {
            throw Problems.unavailable("stopping", "Server stopping", "This server is stopping; connect again.",
                    settings.retryAfterSeconds());
        }
        List<Runnable> release = new ArrayList<>(3);
        try {
            take(count, settings.maxStreams(), release, () -> Problems.unavailable("server-full", "Server full",
                    "This server holds as many streams as it may (" + settings.maxStreams() + ").",
                    settings.retryAfterSeconds()));
            if (watcher) {
                take(watchers, settings.maxWatchers(), release, () -> Problems.unavailable("watchers-full",
                        "Too many watchers", "This server holds as many streams without a member as it may ("
                                + settings.maxWatchers() + "); join the room to follow it.", settings.retryAfterSeconds()));
            }
            AtomicInteger mine = byClient.computeIfAbsent(client, c -> new AtomicInteger());
            take(mine, settings.maxPerClient(), release, () -> Problems.clientLimit(settings.maxPerClient()
                    + " event streams open already", settings.retryAfterSeconds()));
            release.add(() -> byClient.computeIfPresent(client, (c, open) -> open.get() <= 0 ? null : open));
            ServletOutput output = ServletOutput.of(async);
            EventStream stream = new EventStream(output, writers, settings.maxBacklog(), meter);
            fanout.subscribe(room, stream, sse);
            open.add(stream);
            stream.onClose(() -> {
                open.remove(stream);
                release.forEach(Runnable::run);
                fanout.unsubscribe(room, stream);
            });
            output.closeOnContainerError(stream);
            return stream;
        } catch (IOException e) {
            release.forEach(Runnable::run);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            release.forEach(Runnable::run);
            throw e;
        }
    }

    /** Counts one more against a limit, and how to give it back; over the limit, the refusal. */
    private static void take(AtomicInteger counter, int limit, List<Runnable> release,
                             java.util.function.Supplier<RuntimeException> refusal) {
        if (counter.incrementAndGet() > limit) {
            counter.decrementAndGet();
            throw refusal.get();
        }
        release.add(counter::decrementAndGet);
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

    /** A room with streams here is in use, even when nobody in it has a name: it is not freed. */
    private void holdRooms() {
        try {
            Instant now = clock.instant();
            directory.hold(fanout.rooms(), now, now.plus(ROOM_HOLD));
        } catch (RuntimeException e) {
            // the backplane is away; the next run holds them again, long before the holds lapse
            LOG.log(Level.FINE, "holding rooms failed", e);
        }
    }

    private void idle() {
        long now = System.nanoTime();
        long keepalive = settings.keepalive().toNanos();
        long probe = settings.probe().toNanos();
        for (EventStream stream : open) {
            stream.idle(now, keepalive, probe);
        }
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
