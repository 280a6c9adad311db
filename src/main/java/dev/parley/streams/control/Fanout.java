package dev.parley.streams.control;

import dev.parley.backplane.control.Backplane;
import dev.parley.backplane.entity.HistoryGap;
import dev.parley.rooms.entity.ChatEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams of each room with streams here. Each chat event is encoded once and queued on the room's streams,
 * which only queue, so publishing costs no I/O. (JAX-RS's {@code SseBroadcaster} did this job first: measured at
 * 2 000 streams, its walk of a linked queue and a future per sink took a tenth of the server's CPU; see
 * docs/benchmarks.md. An array of the room's streams, replaced when one joins or leaves, costs a lock per stream.)
 */
@ApplicationScoped
public class Fanout {

    private static final EventStream[] NONE = new EventStream[0];

    private final Frames frames;
    private final Backplane backplane;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    private static final class Channel {
        // replaced, never changed, under the channels map's entry for the room; read freely by deliver()
        volatile EventStream[] streams = NONE;
    }

    @Inject
    public Fanout(Frames frames, Backplane backplane) {
        this.frames = frames;
        this.backplane = backplane;
    }

    protected Fanout() {
        // for the CDI client proxy only
        this(null, null);
    }

    /**
     * Adds the stream to its room. The first stream of a room here also asks the backplane to deliver the room's
     * events from now on; that happens inside the room's entry, so no other stream of the room can read its
     * replay before delivery has started.
     */
    void subscribe(String room, EventStream stream) {
        channels.compute(room, (name, channel) -> {
            Channel joined = channel;
            if (joined == null) {
                backplane.follow(name);
                joined = new Channel();
            }
            EventStream[] streams = Arrays.copyOf(joined.streams, joined.streams.length + 1);
            streams[streams.length - 1] = stream;
            joined.streams = streams;
            return joined;
        });
    }

    void unsubscribe(String room, EventStream stream) {
        channels.computeIfPresent(room, (name, channel) -> {
            EventStream[] streams = channel.streams;
            int at = Arrays.asList(streams).indexOf(stream);
            if (at < 0) {
                return channel;
            }
            EventStream[] left = new EventStream[streams.length - 1];
            System.arraycopy(streams, 0, left, 0, at);
            System.arraycopy(streams, at + 1, left, at, streams.length - at - 1);
            if (left.length > 0) {
                channel.streams = left;
                return channel;
            }
            backplane.unfollow(name);
            return null;
        });
    }

    /** Called in id order within a room, by the backplane. */
    void deliver(@Observes ChatEvent event) {
        Channel channel = channels.get(event.room());
        if (channel != null) {
            EventStream.offerAll(frames.of(event), channel.streams);
        }
    }

    /** Events this server never delivered are gone from history: its streams in the room start over. */
    void gap(@Observes HistoryGap gap) {
        Channel channel = channels.get(gap.room());
        if (channel != null) {
            for (EventStream stream : channel.streams) {
                stream.close();
            }
        }
    }

    int rooms() {
        return channels.size();
    }
}
