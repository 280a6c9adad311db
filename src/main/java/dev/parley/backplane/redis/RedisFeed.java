package dev.parley.backplane.redis;

import dev.parley.backplane.control.Delivery;
import dev.parley.chat.EventIds;
import dev.parley.chat.HistoryGap;
import dev.parley.chat.StoreLost;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers what the rooms followed here append, in order, from where each was last read, whichever server appended
 * it. It outlives outages and resumes where it was when Redis returns.
 *
 * <p>A single Redis: one reader thread per server blocks on {@code XREAD} over the followed rooms' streams (and this
 * server's wake stream), so one round trip delivers whatever any room appended.
 *
 * <p>A Redis Cluster refuses a command over keys of several slots, so that {@code XREAD} cannot be. There, each
 * append script announces its entry on the room's shard channel ({@code SPUBLISH}, in the room's slot), and the
 * reader thread reads the announced rooms ({@code XREAD} without blocking, from where each was read). Pub/Sub may
 * lose a message (a subscription is gone with its node until it is made again), so the reader also reads every
 * followed room once a {@link #CATCH_UP} period: nothing is lost, the worst case is that much latency; a room the
 * catch-up found news in is subscribed again, and subscriptions follow their slots when the topology changes.
 * Reading from a position makes a notice carry no data and any number of notices harmless.
 */
@ApplicationScoped
public class RedisFeed {

    private static final Logger LOG = Logger.getLogger(RedisFeed.class.getName());
    private static final Duration READ_BLOCK = Duration.ofSeconds(1);
    private static final int READ_BATCH = 1000;
    private static final String EMPTY_STREAM = "0-0";
    /** In a cluster, how often every followed room is read whether or not it was announced. */
    static final Duration CATCH_UP = Duration.ofSeconds(1);

    private final RedisConnection redis;
    private final Delivery delivery;
    private final String wake;
    /** The rooms followed here: how many streams follow each, and where it was read to. */
    private final Map<String, Follower> followers = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running;
    /** In a cluster: the rooms announced since the reader last read them. */
    private final Set<String> announced = ConcurrentHashMap.newKeySet();

    /** Where a followed room was read to (an entry's id and sequence number, 0 when none was read), and by how many. */
    private record Follower(int streams, String id, long sequence) {

        Follower plusOne() {
            return new Follower(streams + 1, id, sequence);
        }

        Follower at(String entry, long number) {
            return new Follower(streams, entry, number);
        }
    }

    @Inject
    public RedisFeed(RedisConnection redis, Delivery delivery, ThreadFactory threads) {
        this.redis = redis;
        this.delivery = delivery;
        if (redis == null) {
            // the CDI client proxy
            wake = null;
            reader = null;
            return;
        }
        wake = RedisKeys.wake(redis.server());
        redis.whenLost(() -> delivery.lost(new StoreLost()));
        running = true;
        reader = threads.newThread(redis.cluster() ? this::readAnnounced : this::read);
        reader.setName("parley-redis-reader");
        if (redis.cluster()) {
            Thread woken = reader;
            redis.listenShards(channel -> {
                announced.add(RedisKeys.roomOfAppended(channel));
                LockSupport.unpark(woken);
            });
        }
        reader.start();
    }

    protected RedisFeed() {
        this(null, null, null);
    }

    @PreDestroy
    void stop() {
        running = false;
        if (reader != null) {
            reader.interrupt();
        }
    }

    /** Counted; the first follower of a room reads where the room's stream ends now, outside any lock. */
    void follow(String room) {
        while (followers.computeIfPresent(room, (name, follower) -> follower.plusOne()) == null) {
            List<StreamMessage<String, String>> newest = redis.call(commands -> commands.xrevrange(
                    RedisKeys.events(room), Range.create("-", "+"), Limit.from(1)));
            Follower first = newest.isEmpty() ? new Follower(1, EMPTY_STREAM, 0)
                    : new Follower(1, newest.get(0).getId(), RedisEvents.sequenceOf(newest.get(0)));
            if (followers.putIfAbsent(room, first) == null) {
                if (redis.cluster()) {
                    redis.subscribeShard(RedisKeys.appended(room));
                } else {
                    // the reader is blocked on the rooms it had: a word on its own stream makes it read this one too
                    redis.call(commands -> commands.xadd(wake, XAddArgs.Builder.maxlen(1), Map.of("w", room)));
                }
                return;
            }
        }
    }

    void unfollow(String room) {
        Follower left = followers.computeIfPresent(room, (name, follower) ->
                follower.streams() > 1 ? new Follower(follower.streams() - 1, follower.id(), follower.sequence()) : null);
        if (left == null && redis.cluster()) {
            redis.unsubscribeShard(RedisKeys.appended(room));
        }
    }

    /** In a cluster: reads the announced rooms as they are announced, and every followed room once a catch-up period. */
    private void readAnnounced() {
        long nextCatchUp = System.nanoTime() + CATCH_UP.toNanos();
        while (running) {
            try {
                if (!redis.available()) {
                    Thread.sleep(200);
                    continue;
                }
                boolean catchUp = System.nanoTime() - nextCatchUp >= 0;
                Set<String> rooms = new LinkedHashSet<>();
                if (catchUp) {
                    rooms.addAll(followers.keySet());
                    announced.clear();
                    nextCatchUp = System.nanoTime() + CATCH_UP.toNanos();
                } else {
                    for (var names = announced.iterator(); names.hasNext(); ) {
                        rooms.add(names.next());
                        names.remove();
                    }
                }
                if (rooms.isEmpty()) {
                    LockSupport.parkNanos(this, Math.max(0, nextCatchUp - System.nanoTime()));
                    continue;
                }
                for (String room : rooms) {
                    boolean news = readRoom(room);
                    if (news && catchUp) {
                        // news that no notice brought: the room's subscription may be gone with a node
                        redis.subscribeShard(RedisKeys.appended(room));
                    }
                }
                if (catchUp) {
                    redis.resubscribeMoved();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.FINE, "Reading room events failed; retrying", e);
                    pause();
                }
            }
        }
    }

    /** Reads and delivers what the room appended since it was read; true if there was anything. */
    private boolean readRoom(String room) {
        Follower follower = followers.get(room);
        if (follower == null) {
            return false;
        }
        List<StreamMessage<String, String>> read = redis.call(commands -> commands.xread(
                XReadArgs.Builder.count(READ_BATCH), StreamOffset.from(RedisKeys.events(room), follower.id())));
        if (read.isEmpty()) {
            return false;
        }
        deliver(room, read);
        if (read.size() == READ_BATCH) {
            // more than one batch behind: the next round reads on
            announced.add(room);
        }
        return true;
    }

    private void read() {
        String woken = EMPTY_STREAM;
        while (running) {
            try {
                StatefulRedisConnection<String, String> blocking = redis.reads();
                if (blocking == null || !redis.available()) {
                    Thread.sleep(200);
                    continue;
                }
                List<StreamOffset<String>> offsets = new ArrayList<>(followers.size() + 1);
                offsets.add(StreamOffset.from(wake, woken));
                followers.forEach((room, follower) -> offsets.add(StreamOffset.from(RedisKeys.events(room), follower.id())));
                @SuppressWarnings({"unchecked", "rawtypes"})
                StreamOffset<String>[] streams = offsets.toArray(new StreamOffset[0]);
                List<StreamMessage<String, String>> read = blocking.sync()
                        .xread(XReadArgs.Builder.block(READ_BLOCK).count(READ_BATCH), streams);
                Map<String, List<StreamMessage<String, String>>> byRoom = new LinkedHashMap<>();
                for (StreamMessage<String, String> message : read) {
                    if (message.getStream().equals(wake)) {
                        woken = message.getId();
                    } else {
                        byRoom.computeIfAbsent(RedisKeys.roomOfEvents(message.getStream()), room -> new ArrayList<>())
                                .add(message);
                    }
                }
                byRoom.forEach(this::deliver);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.FINE, "Reading room events failed; retrying", e);
                    redis.unavailable();
                    pause();
                }
            }
        }
    }

    /**
     * Delivers a room's entries read in one batch, with their texts read first: should that fail, nothing was
     * delivered, and the next read starts from the same place.
     */
    private void deliver(String room, List<StreamMessage<String, String>> entries) {
        Map<String, String> texts = RedisEvents.texts(redis, room, entries);
        for (StreamMessage<String, String> entry : entries) {
            deliver(room, entry, texts);
        }
    }

    /** Delivers an entry newer than what was delivered for its room, noticing entries trimmed before they were read. */
    private void deliver(String room, StreamMessage<String, String> message, Map<String, String> texts) {
        long sequence = RedisEvents.sequenceOf(message);
        Follower[] before = new Follower[1];
        followers.computeIfPresent(room, (name, follower) -> {
            if (EventIds.compare(message.getId(), follower.id()) <= 0) {
                return follower;
            }
            before[0] = follower;
            return follower.at(message.getId(), sequence);
        });
        if (before[0] == null) {
            return;
        }
        if (before[0].sequence() > 0 && sequence > before[0].sequence() + 1) {
            LOG.log(Level.WARNING, "Fell {0} events behind room {1}; its streams here start over",
                    new Object[] {sequence - before[0].sequence() - 1, room});
            delivery.gap(new HistoryGap(room));
        }
        RedisEvents.event(room, message, texts).ifPresent(delivery::deliver);
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
