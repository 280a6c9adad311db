package dev.parley.streams.control;

import dev.parley.backplane.control.History;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.HistoryGap;
import dev.parley.chat.StoreLost;
import dev.parley.platform.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link SseBroadcaster} per room with streams here. Each chat event is encoded once and broadcast to the
 * room's sinks, which are {@link EventStream}s: their {@code send} only queues, so a broadcast costs no I/O and
 * one client that stops reading holds up nobody (JAX-RS's own sinks write on the broadcasting thread).
 *
 * <p>A copy-on-write array in place of the broadcaster was measured too (docs/benchmarks.md, run B): a profile
 * had put the broadcaster at about a tenth of the CPU at high fan-out rates, yet the latencies with the array were
 * within run-to-run noise, so the standard API stays.
 */
@ApplicationScoped
public class Fanout {

    private final Frames frames;
    private final History history;
    private final Tracer tracer;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    private static final class Channel {
        final Sse sse;
        // used, replaced (after a history gap) and counted only inside the channels map's entry for the room
        SseBroadcaster broadcaster;
        int streams;

        Channel(Sse sse) {
            this.sse = sse;
            this.broadcaster = sse.newBroadcaster();
        }
    }

    @Inject
    public Fanout(Frames frames, History history, Tracer tracer) {
        this.frames = frames;
        this.history = history;
        this.tracer = tracer;
    }

    protected Fanout() {
        // for the CDI client proxy only
        this(null, null, null);
    }

    /**
     * Registers the stream with its room's broadcaster. Each stream first follows the room in history (counted, and
     * outside the map: following may be a round trip to Redis), so delivery of the room has begun before any stream
     * of it can read its replay.
     */
    void subscribe(String room, EventStream stream, Sse sse) {
        history.follow(room);
        try {
            channels.compute(room, (name, channel) -> {
                Channel joined = channel == null ? new Channel(sse) : channel;
                joined.broadcaster.register(stream);
                joined.streams++;
                return joined;
            });
        } catch (RuntimeException e) {
            history.unfollow(room);
            throw e;
        }
    }

    /**
     * Called once the stream has closed. JAX-RS has no way to unregister a sink: the broadcaster lets go of a
     * closed one at its next broadcast, when its {@code send} refuses (a closed stream has let go of its
     * response by then). The last stream of a room here closes the room's broadcaster.
     */
    void unsubscribe(String room, EventStream stream) {
        channels.computeIfPresent(room, (name, channel) -> {
            if (--channel.streams > 0) {
                return channel;
            }
            channel.broadcaster.close();
            return null;
        });
        history.unfollow(room);
    }

    /**
     * Called in id order within a room, by the backplane. The broadcast runs inside the room's entry, as the
     * subscription changes do, so it never meets a broadcaster that its last stream's unsubscribe or a history gap
     * is closing (a closed broadcaster refuses to broadcast); it only queues, so the entry is not held for long.
     */
    void deliver(@Observes ChatEvent event) {
        // a message that carries its post's trace gets its fan-out span on every server, as a child of that post
        Span span = event.trace() == null ? null : tracer.spanBuilder("parley.fanout")
                .setParent(Traces.parent(event.trace())).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("parley.room", event.room()).setAttribute("parley.event", event.id()).startSpan();
        try {
            channels.computeIfPresent(event.room(), (name, channel) -> {
                channel.broadcaster.broadcast(frames.of(event));
                if (span != null) {
                    span.setAttribute("parley.streams", channel.streams);
                }
                return channel;
            });
        } finally {
            if (span != null) {
                span.end();
            }
        }
    }

    /** Events this server never delivered are gone from history: its streams in the room start over. */
    void gap(@Observes HistoryGap gap) {
        SseBroadcaster[] replaced = new SseBroadcaster[1];
        channels.computeIfPresent(gap.room(), (name, channel) -> {
            replaced[0] = channel.broadcaster;
            channel.broadcaster = channel.sse.newBroadcaster();
            return channel;
        });
        if (replaced[0] != null) {
            // closes every stream registered so far; each one unsubscribes as it ends
            replaced[0].close();
        }
    }

    /**
     * The store lost its data: every stream here is told to start over (a {@code resync}, which keeps the stream
     * open; what it shows next is what the store has now).
     */
    void lost(@Observes StoreLost lost) {
        for (String room : rooms()) {
            channels.computeIfPresent(room, (name, channel) -> {
                channel.broadcaster.broadcast(Frame.STORE_LOST);
                return channel;
            });
        }
    }

    /** The rooms with streams here. */
    Set<String> rooms() {
        return Set.copyOf(channels.keySet());
    }
}
