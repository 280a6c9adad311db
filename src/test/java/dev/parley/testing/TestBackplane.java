package dev.parley.testing;

import dev.parley.backplane.control.Attendance;
import dev.parley.backplane.redis.RedisAuditLog;
import dev.parley.backplane.redis.RedisRoomRules;
import dev.parley.backplane.memory.MemoryAuditLog;
import dev.parley.backplane.memory.MemoryRoomRules;
import dev.parley.backplane.control.AuditLog;
import dev.parley.backplane.control.RoomRules;
import dev.parley.backplane.control.BackplaneSettings;
import dev.parley.backplane.control.BackplaneStatus;
import dev.parley.backplane.control.Delivery;
import dev.parley.backplane.control.Directory;
import dev.parley.backplane.control.History;
import dev.parley.backplane.control.Messages;
import dev.parley.backplane.control.RateWindows;
import dev.parley.backplane.control.Seats;
import dev.parley.backplane.control.Signals;
import dev.parley.backplane.memory.MemoryAttendance;
import dev.parley.backplane.memory.MemoryDirectory;
import dev.parley.backplane.memory.MemoryHistory;
import dev.parley.backplane.memory.MemoryMessages;
import dev.parley.backplane.memory.MemoryRateWindows;
import dev.parley.backplane.memory.MemoryRooms;
import dev.parley.backplane.memory.MemorySeats;
import dev.parley.backplane.memory.MemorySignals;
import dev.parley.backplane.memory.MemoryStatus;
import dev.parley.backplane.redis.RedisAttendance;
import dev.parley.backplane.redis.RedisConnection;
import dev.parley.backplane.redis.RedisDirectory;
import dev.parley.backplane.redis.RedisFeed;
import dev.parley.backplane.redis.RedisHistory;
import dev.parley.backplane.redis.RedisMessages;
import dev.parley.backplane.redis.RedisRateWindows;
import dev.parley.backplane.redis.RedisSeats;
import dev.parley.backplane.redis.RedisSignals;
import dev.parley.backplane.redis.RedisStatus;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.HistoryGap;
import dev.parley.chat.StoreLost;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * One server's view of a backplane, built without a container: its seams and what it delivered. Two built on one
 * Redis are two servers; the memory backplane is one server, so its {@link #sameStore} is itself.
 */
public final class TestBackplane implements AutoCloseable {

    public final Seats seats;
    public final Attendance attendance;
    public final History history;
    public final Messages messages;
    public final Signals signals;
    public final RoomRules rules;
    public final AuditLog audit;
    public final RateWindows windows;
    public final Directory directory;
    public final BackplaneStatus status;
    /** The memory backplane's state, for checks of what it keeps; null for Redis. */
    public final MemoryRooms memoryRooms;
    public final List<ChatEvent> delivered = new CopyOnWriteArrayList<>();
    public final List<HistoryGap> gaps = new CopyOnWriteArrayList<>();
    public final List<StoreLost> losses = new CopyOnWriteArrayList<>();
    private final BackplaneSettings settings;
    private final AutoCloseable resources;

    private TestBackplane(BackplaneSettings settings, Consumer<ChatEvent> onDelivery, Kind kind) {
        this.settings = settings;
        Delivery delivery = new Delivery() {
            @Override
            public void deliver(ChatEvent event) {
                delivered.add(event);
                onDelivery.accept(event);
            }

            @Override
            public void gap(HistoryGap gap) {
                gaps.add(gap);
            }

            @Override
            public void lost(StoreLost lost) {
                losses.add(lost);
            }
        };
        if (kind == Kind.MEMORY) {
            MemoryRooms rooms = new MemoryRooms(settings, delivery);
            memoryRooms = rooms;
            seats = new MemorySeats(rooms);
            attendance = new MemoryAttendance(rooms);
            history = new MemoryHistory(rooms);
            messages = new MemoryMessages(rooms);
            signals = new MemorySignals(delivery);
            rules = new MemoryRoomRules(rooms);
            audit = new MemoryAuditLog(settings);
            windows = new MemoryRateWindows();
            directory = new MemoryDirectory(rooms);
            status = new MemoryStatus();
            resources = () -> { };
        } else {
            memoryRooms = null;
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
            RedisConnection connection = new RedisConnection(settings, scheduler);
            RedisFeed feed = new RedisFeed(connection, delivery, Executors.defaultThreadFactory());
            seats = new RedisSeats(connection, settings);
            attendance = new RedisAttendance(connection, settings);
            history = new RedisHistory(connection, feed, settings);
            messages = new RedisMessages(connection, settings,
                    io.opentelemetry.api.OpenTelemetry.noop().getTracer("parley-test"));
            RedisSignals redisSignals = new RedisSignals(connection, delivery);
            redisSignals.listen();
            signals = redisSignals;
            rules = new RedisRoomRules(connection);
            audit = new RedisAuditLog(connection, settings);
            windows = new RedisRateWindows(connection);
            directory = new RedisDirectory(connection, settings);
            status = new RedisStatus(connection);
            resources = () -> {
                Lifecycle.stop(feed);
                Lifecycle.stop(connection);
                scheduler.shutdownNow();
            };
        }
    }

    private enum Kind { MEMORY, REDIS }

    /** Posts a message as the given name, with an author tag of that name's, and no idempotency key. */
    public ChatEvent say(String room, String username, String text, java.time.Instant now) {
        return messages.post(room, username, "tag-" + username, text, null, java.time.Duration.ofMinutes(5), now)
                .message();
    }

    /** How long Redis keeps a freed room's history here. */
    public static final java.time.Duration HISTORY_TTL = java.time.Duration.ofMinutes(10);

    public static TestBackplane memory(int retain, int maxRooms) {
        return memory(retain, maxRooms, event -> { });
    }

    /** A memory backplane whose deliveries also go to the given consumer, on the appending thread. */
    public static TestBackplane memory(int retain, int maxRooms, Consumer<ChatEvent> onDelivery) {
        return new TestBackplane(new BackplaneSettings(false, "", retain, maxRooms, HISTORY_TTL, 100), onDelivery, Kind.MEMORY);
    }

    public static TestBackplane redis(String url, int retain, int maxRooms) {
        return redis(url, retain, maxRooms, event -> { });
    }

    /** A Redis backplane whose deliveries also go to the given consumer, on the feed's thread. */
    public static TestBackplane redis(String url, int retain, int maxRooms, Consumer<ChatEvent> onDelivery) {
        return new TestBackplane(new BackplaneSettings(true, url, retain, maxRooms, HISTORY_TTL, 100), onDelivery, Kind.REDIS);
    }

    /** Another server on the same store: a second Redis backplane, or this memory one again. */
    public TestBackplane sameStore() {
        return settings.redis() ? redis(settings.redisUrl(), settings.retain(), settings.maxRooms()) : this;
    }

    public boolean isRedis() {
        return settings.redis();
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("stopping a test backplane failed", e);
        }
    }
}
