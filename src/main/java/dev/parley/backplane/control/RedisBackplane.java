package dev.parley.backplane.control;

import static dev.parley.platform.Settings.atLeast;

import dev.parley.backplane.entity.HistoryGap;
import dev.parley.rooms.entity.ChatEvent;
import dev.parley.rooms.entity.EventIds;
import dev.parley.rooms.entity.EventType;
import dev.parley.rooms.entity.Member;
import dev.parley.rooms.entity.MemberSummary;
import dev.parley.rooms.entity.RoomSummary;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rooms shared by any number of servers through one Redis: a Stream per room is its ordered, retained history
 * (the entry id is the SSE id), hashes and sorted sets hold names, tokens, presence and post windows, and Lua
 * scripts ({@link RedisScripts}) make each check-then-change atomic across servers.
 *
 * <p>One reader thread per server follows, with a blocking {@code XREAD}, the rooms this server has streams in,
 * and delivers their new entries in order. Redis unreachable: every operation fails at once with
 * {@link BackplaneUnavailableException} (commands are never queued to be sent later, so nothing is lost silently),
 * readiness goes down, and the reader resumes from where it was when Redis returns.
 */
@ApplicationScoped
@Typed(RedisBackplane.class)
public class RedisBackplane implements Backplane {

    private static final Logger LOG = Logger.getLogger(RedisBackplane.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RECONNECT_DELAY_MAX = Duration.ofSeconds(1);
    private static final Duration READ_BLOCK = Duration.ofSeconds(1);
    private static final int READ_BATCH = 1000;
    private static final String ROOMS = "parley:rooms";
    private static final String TOKEN = "parley:token:";
    private static final String EMPTY_STREAM = "0-0";
    private static final long LOCK_MILLIS = 10_000;

    private final Consumer<ChatEvent> delivery;
    private final Consumer<HistoryGap> gaps;
    private final String url;
    private final int retain;
    private final int maxRooms;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ThreadFactory threads;
    private final String server = UUID.randomUUID().toString();
    private final String wake = "parley:wake:" + server;
    /** The rooms followed here, each with the last entry delivered. */
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    private final Map<String, String> shas = new ConcurrentHashMap<>();

    private volatile RedisClient client;
    private volatile ClientResources resources;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisConnection<String, String> readerConnection;
    private volatile boolean available;
    private volatile boolean running;
    private ScheduledFuture<?> watch;
    private Thread reader;

    /** Where a followed room was read to: an entry's id and its sequence number (0: none read yet). */
    private record Cursor(String id, long sequence) {
    }

    @Inject
    public RedisBackplane(Event<ChatEvent> delivery, Event<HistoryGap> gaps, ScheduledExecutorService scheduler,
                          ThreadFactory threads, @ConfigProperty(name = "parley.redis.url") String url,
                          @ConfigProperty(name = "parley.history.retain") int retain,
                          @ConfigProperty(name = "parley.rooms.max") int maxRooms) {
        this(delivery::fire, gaps::fire, scheduler, threads, url, atLeast("parley.history.retain", retain, 1),
                atLeast("parley.rooms.max", maxRooms, 1), Clock.systemUTC());
    }

    public RedisBackplane(Consumer<ChatEvent> delivery, Consumer<HistoryGap> gaps, ScheduledExecutorService scheduler,
                          ThreadFactory threads, String url, int retain, int maxRooms, Clock clock) {
        this.delivery = delivery;
        this.gaps = gaps;
        this.scheduler = scheduler;
        this.threads = threads;
        this.url = url;
        this.retain = retain;
        this.maxRooms = maxRooms;
        this.clock = clock;
    }

    protected RedisBackplane() {
        // for the CDI client proxy only
        this(null, null, null, null, null, 0, 0, null);
    }

    /** Connects (or keeps trying to, in the background) and starts the reader. */
    @PostConstruct
    public void start() {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(COMMAND_TIMEOUT);
        // Lettuce's default backoff grows to 30 s between attempts, so a server could stay unready that long
        // after Redis is back; a second between attempts is cheap and keeps recovery prompt
        resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), RECONNECT_DELAY_MAX, 2, TimeUnit.MILLISECONDS))
                .build();
        client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // while Redis is away, fail at once rather than queue: a post must not be acknowledged and lost
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        running = true;
        // one attempt now, so a healthy start serves at once; without Redis, start anyway (readiness says DOWN)
        check();
        watch = scheduler.scheduleWithFixedDelay(this::check, 500, 500, TimeUnit.MILLISECONDS);
        reader = threads.newThread(this::read);
        reader.setName("parley-redis-reader");
        reader.start();
    }

    @PreDestroy
    public void stop() {
        running = false;
        if (watch != null) {
            watch.cancel(false);
        }
        if (reader != null) {
            reader.interrupt();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (resources != null) {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    /** Connects if not connected yet, and checks Redis answers: what readiness reports. */
    private void check() {
        try {
            if (connection == null) {
                connection = client.connect();
                readerConnection = client.connect();
                LOG.info("Connected to Redis for the backplane");
            }
            available = "PONG".equals(connection.sync().ping());
        } catch (RuntimeException e) {
            if (available) {
                LOG.log(Level.WARNING, "Redis is unreachable: {0}", e.toString());
            }
            available = false;
        }
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public JoinOutcome join(Member member, String tokenHash, Instant now) {
        String outcome = call(() -> script(RedisScripts.JOIN, ScriptOutputType.VALUE,
                keys(ROOMS, room(member.room(), "seats"), room(member.room(), "active"), TOKEN + tokenHash),
                member.room(), member.key(), tokenHash, member.username(), millis(now), Integer.toString(maxRooms)));
        return JoinOutcome.valueOf(outcome);
    }

    @Override
    public Optional<Member> member(String tokenHash) {
        String value = call(() -> redis().get(TOKEN + tokenHash));
        if (value == null) {
            return Optional.empty();
        }
        // room, username, then the key last: a compatibility form may fold into a space
        String[] parts = value.split(" ", 3);
        return Optional.of(new Member(parts[0], parts[1], parts[2]));
    }

    @Override
    public void touch(Member member, Instant now) {
        call(() -> redis().zadd(room(member.room(), "active"), ZAddArgs.Builder.xx(),
                (double) now.toEpochMilli(), member.key()));
    }

    @Override
    public boolean leave(Member member) {
        return freeName(member, "");
    }

    @Override
    public List<Member> expire(Instant idleSince) {
        List<Member> expired = new ArrayList<>();
        if (!lock("parley:lock:expire")) {
            return expired;
        }
        for (String name : call(() -> redis().smembers(ROOMS))) {
            List<String> idle = call(() -> redis().zrangebyscore(room(name, "active"),
                    Range.create(Double.NEGATIVE_INFINITY, (double) idleSince.toEpochMilli() - 1)));
            for (String key : idle) {
                String seat = call(() -> redis().hget(room(name, "seats"), key));
                if (seat == null) {
                    continue;
                }
                Member member = new Member(name, seat.substring(seat.indexOf(' ') + 1), key);
                if (freeName(member, millis(idleSince))) {
                    expired.add(member);
                }
            }
        }
        return expired;
    }

    private boolean freeName(Member member, String idleCutoff) {
        Long freed = call(() -> script(RedisScripts.LEAVE, ScriptOutputType.INTEGER,
                keys(room(member.room(), "seats"), room(member.room(), "active"), posts(member)),
                member.key(), member.username(), TOKEN, idleCutoff));
        return freed == 1L;
    }

    @Override
    public Duration admit(Member member, int messages, Duration window, Instant now) {
        Long waitMillis = call(() -> script(RedisScripts.ADMIT, ScriptOutputType.INTEGER, keys(posts(member)),
                millis(now), Long.toString(window.toMillis()), Integer.toString(messages),
                millis(now) + "-" + UUID.randomUUID()));
        return Duration.ofMillis(waitMillis);
    }

    @Override
    public Set<Member> hold(Collection<Member> members, Instant now, Instant until) {
        Set<Member> gone = new HashSet<>();
        for (Member member : members) {
            Long held = call(() -> script(RedisScripts.HOLD, ScriptOutputType.INTEGER,
                    keys(room(member.room(), "seats"), room(member.room(), "active"), hold(member)),
                    member.key(), member.username(), server, millis(until), millis(now)));
            if (held == 0L) {
                gone.add(member);
            }
        }
        return gone;
    }

    @Override
    public Optional<ChatEvent> connect(Member member, Instant now) {
        String id = call(() -> script(RedisScripts.CONNECT, ScriptOutputType.VALUE,
                keys(room(member.room(), "connected"), events(member.room()), sequence(member.room())),
                member.key(), millis(now), member.username(), Integer.toString(retain)));
        return Optional.ofNullable(id).map(entry ->
                new ChatEvent(member.room(), entry, EventType.USERCONNECT, member.username(), millisecond(now), null));
    }

    @Override
    public Optional<ChatEvent> disconnect(Member member, Instant now, boolean evenIfHeld) {
        return disconnect(member.room(), member.key(), now, evenIfHeld);
    }

    private Optional<ChatEvent> disconnect(String name, String key, Instant now, boolean evenIfHeld) {
        List<Object> result = call(() -> script(RedisScripts.DISCONNECT, ScriptOutputType.MULTI,
                keys(room(name, "connected"), room(name, "hold:" + key), events(name), sequence(name)),
                key, millis(now), evenIfHeld ? "1" : "0", Integer.toString(retain)));
        if (result == null || result.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChatEvent(name, (String) result.get(0), EventType.USERDISCONNECT,
                (String) result.get(1), millisecond(now), null));
    }

    @Override
    public List<ChatEvent> disconnectUnheld(Instant now) {
        List<ChatEvent> events = new ArrayList<>();
        if (!lock("parley:lock:unheld")) {
            return events;
        }
        for (String name : call(() -> redis().smembers(ROOMS))) {
            for (String key : call(() -> redis().hkeys(room(name, "connected")))) {
                disconnect(name, key, now, false).ifPresent(events::add);
            }
        }
        return events;
    }

    @Override
    public List<MemberSummary> connected(String name) {
        Map<String, String> connected = call(() -> redis().hgetall(room(name, "connected")));
        List<MemberSummary> members = new ArrayList<>();
        for (String value : connected.values()) {
            int space = value.indexOf(' ');
            members.add(new MemberSummary(value.substring(space + 1),
                    Instant.ofEpochMilli(Long.parseLong(value.substring(0, space)))));
        }
        members.sort(Comparator.comparing(MemberSummary::since).thenComparing(MemberSummary::username));
        return members;
    }

    @Override
    public List<RoomSummary> rooms() {
        List<RoomSummary> rooms = new ArrayList<>();
        for (String name : call(() -> redis().smembers(ROOMS))) {
            rooms.add(new RoomSummary(name, call(() -> redis().hlen(room(name, "connected"))).intValue()));
        }
        rooms.sort(Comparator.comparing(RoomSummary::name));
        return rooms;
    }

    @Override
    public ChatEvent publish(String name, EventType type, String username, String text) {
        Instant now = clock.instant();
        String id = call(() -> script(RedisScripts.PUBLISH, ScriptOutputType.VALUE, keys(events(name), sequence(name)),
                Integer.toString(retain), type.wireName(), username, millis(now), text == null ? "" : text));
        return new ChatEvent(name, id, type, username, millisecond(now), text);
    }

    @Override
    public List<ChatEvent> latest(String name, int count) {
        if (count <= 0) {
            return List.of();
        }
        List<StreamMessage<String, String>> newest = call(() -> redis().xrevrange(events(name),
                Range.create("-", "+"), Limit.from(count)));
        List<ChatEvent> events = new ArrayList<>(newest.size());
        for (StreamMessage<String, String> message : newest) {
            events.add(event(name, message));
        }
        Collections.reverse(events);
        return events;
    }

    @Override
    public Optional<List<ChatEvent>> after(String name, String id) {
        if (!retained(name, id)) {
            return Optional.empty();
        }
        List<StreamMessage<String, String>> after = call(() -> redis().xrange(events(name),
                Range.from(Range.Boundary.excluding(id), Range.Boundary.unbounded()), Limit.from(retain)));
        return Optional.of(after.stream().map(message -> event(name, message)).toList());
    }

    @Override
    public Optional<List<ChatEvent>> messages(String name, String beforeId, int count) {
        if (beforeId != null && !retained(name, beforeId)) {
            return Optional.empty();
        }
        List<ChatEvent> found = new ArrayList<>();
        Range.Boundary<String> upper = beforeId == null ? Range.Boundary.unbounded() : Range.Boundary.excluding(beforeId);
        int page = Math.max(count * 2, 50);
        while (found.size() < count) {
            Range.Boundary<String> end = upper;
            List<StreamMessage<String, String>> older = call(() -> redis().xrevrange(events(name),
                    Range.from(Range.Boundary.unbounded(), end), Limit.from(page)));
            for (StreamMessage<String, String> message : older) {
                if ("usermessage".equals(message.getBody().get("t")) && found.size() < count) {
                    found.add(event(name, message));
                }
            }
            if (older.size() < page) {
                break;
            }
            upper = Range.Boundary.excluding(older.get(older.size() - 1).getId());
        }
        Collections.reverse(found);
        return Optional.of(found);
    }

    /** Whether an entry with exactly this id is still in the room's stream. */
    private boolean retained(String name, String id) {
        if (!EventIds.isWellFormed(id)) {
            return false;
        }
        List<StreamMessage<String, String>> entry = call(() -> redis().xrange(events(name), Range.create(id, id),
                Limit.from(1)));
        return !entry.isEmpty() && entry.get(0).getId().equals(id);
    }

    @Override
    public void follow(String name) {
        if (cursors.containsKey(name)) {
            return;
        }
        List<StreamMessage<String, String>> newest = call(() -> redis().xrevrange(events(name),
                Range.create("-", "+"), Limit.from(1)));
        cursors.putIfAbsent(name, newest.isEmpty() ? new Cursor(EMPTY_STREAM, 0)
                : new Cursor(newest.get(0).getId(), sequenceOf(newest.get(0))));
        // the reader is blocked on the rooms it had: a word on its own stream makes it read this one too
        call(() -> redis().xadd(wake, XAddArgs.Builder.maxlen(1), Map.of("w", name)));
    }

    @Override
    public void unfollow(String name) {
        cursors.remove(name);
    }

    /** Delivers what the followed rooms append, in order, from where each was last read; outlives outages. */
    private void read() {
        String woken = EMPTY_STREAM;
        while (running) {
            try {
                StatefulRedisConnection<String, String> blocking = readerConnection;
                if (blocking == null || !available) {
                    Thread.sleep(200);
                    continue;
                }
                Map<String, Cursor> rooms = new HashMap<>(cursors);
                List<StreamOffset<String>> offsets = new ArrayList<>(rooms.size() + 1);
                offsets.add(StreamOffset.from(wake, woken));
                rooms.forEach((name, cursor) -> offsets.add(StreamOffset.from(events(name), cursor.id())));
                @SuppressWarnings("unchecked")
                StreamOffset<String>[] streams = offsets.toArray(new StreamOffset[0]);
                List<StreamMessage<String, String>> read = blocking.sync()
                        .xread(XReadArgs.Builder.block(READ_BLOCK).count(READ_BATCH), streams);
                for (StreamMessage<String, String> message : read) {
                    if (message.getStream().equals(wake)) {
                        woken = message.getId();
                        continue;
                    }
                    deliver(roomOf(message.getStream()), message);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.FINE, "Reading room events failed; retrying", e);
                    available = false;
                    pause();
                }
            }
        }
    }

    /** Delivers an entry of a followed room that is newer than what was delivered, noticing trimmed gaps. */
    private void deliver(String name, StreamMessage<String, String> message) {
        Cursor before = cursors.get(name);
        if (before == null || EventIds.compare(message.getId(), before.id()) <= 0) {
            return;
        }
        long sequence = sequenceOf(message);
        if (cursors.replace(name, before, new Cursor(message.getId(), sequence))) {
            if (before.sequence() > 0 && sequence > before.sequence() + 1) {
                LOG.log(Level.WARNING, "Fell {0} events behind room {1}; its streams here start over",
                        new Object[] {sequence - before.sequence() - 1, name});
                gaps.accept(new HistoryGap(name));
            }
            delivery.accept(event(name, message));
        }
    }

    private static long sequenceOf(StreamMessage<String, String> message) {
        String n = message.getBody().get("n");
        return n == null ? 0 : Long.parseLong(n);
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this server does a sweep this round: one server does it for all, and may repeat it. */
    private boolean lock(String name) {
        String ok = call(() -> redis().set(name, server, SetArgs.Builder.nx().px(LOCK_MILLIS)));
        return "OK".equals(ok) || server.equals(call(() -> redis().get(name)));
    }

    private RedisCommands<String, String> redis() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            throw new BackplaneUnavailableException();
        }
        return current.sync();
    }

    /** Runs a command; Redis unreachable is reported as {@link BackplaneUnavailableException}. */
    private <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            available = false;
            throw new BackplaneUnavailableException();
        }
    }

    /** Runs a script by its digest, loading it again when Redis has forgotten it (after a restart). */
    @SuppressWarnings("unchecked")
    private <T> T script(String script, ScriptOutputType type, String[] keys, String... args) {
        String sha = shas.computeIfAbsent(script, RedisBackplane::sha1);
        try {
            return (T) redis().evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            return (T) redis().eval(script, type, keys, args);
        }
    }

    private ChatEvent event(String name, StreamMessage<String, String> message) {
        Map<String, String> body = message.getBody();
        return new ChatEvent(name, message.getId(), EventType.ofWireName(body.get("t")), body.get("u"),
                Instant.ofEpochMilli(Long.parseLong(body.get("m"))), body.get("x"));
    }

    private static String[] keys(String... keys) {
        return keys;
    }

    private static String room(String name, String part) {
        return "parley:room:" + name + ":" + part;
    }

    private static String events(String name) {
        return room(name, "events");
    }

    private static String sequence(String name) {
        return room(name, "sequence");
    }

    private static String roomOf(String eventsKey) {
        return eventsKey.substring("parley:room:".length(), eventsKey.length() - ":events".length());
    }

    private static String hold(Member member) {
        return room(member.room(), "hold:" + member.key());
    }

    private static String posts(Member member) {
        return room(member.room(), "posts:" + member.key());
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    private static Instant millisecond(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
