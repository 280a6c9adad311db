package dev.parley.backplane.redis;

import dev.parley.backplane.control.BackplaneSettings;
import dev.parley.backplane.control.BackplaneUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server's connections to Redis, shared by the Redis seams: one for commands, one for the feed's blocking
 * reads and one for Pub/Sub. Redis unreachable: every command fails at once with {@link BackplaneUnavailableException} (commands are
 * never queued to be sent later, so nothing is lost silently) and {@link #available} is false; reconnection is tried
 * at least once a second, however long the outage.
 */
@ApplicationScoped
public class RedisConnection {

    private static final Logger LOG = Logger.getLogger(RedisConnection.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RECONNECT_DELAY_MAX = Duration.ofSeconds(1);
    private static final long LOCK_MILLIS = 10_000;

    private final String server = UUID.randomUUID().toString();
    private final Map<String, String> shas = new ConcurrentHashMap<>();
    private final RedisClient client;
    private final ClientResources resources;
    private final ScheduledFuture<?> watch;
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisConnection<String, String> reads;
    private volatile StatefulRedisPubSubConnection<String, String> subscriptions;
    private final Map<String, Consumer<String>> listeners = new ConcurrentHashMap<>();
    private volatile boolean available;
    // the store's epoch as this server first saw it: a different one means Redis lost its data meanwhile
    private volatile String epoch;
    private final java.util.List<Runnable> onLost = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Connects (or keeps trying to, in the background): without Redis, it starts anyway and reports unavailable. */
    @Inject
    public RedisConnection(BackplaneSettings settings, ScheduledExecutorService scheduler) {
        if (settings == null) {
            // the CDI client proxy
            client = null;
            resources = null;
            watch = null;
            return;
        }
        RedisURI uri = RedisURI.create(settings.redisUrl());
        uri.setTimeout(COMMAND_TIMEOUT);
        // Lettuce's default backoff grows to 30 s between attempts, so a server could stay unready that long after
        // Redis is back; a second between attempts is cheap and keeps recovery prompt
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
        // one attempt now, so a healthy start serves at once
        check();
        watch = scheduler.scheduleWithFixedDelay(this::check, 500, 500, TimeUnit.MILLISECONDS);
    }

    protected RedisConnection() {
        this(null, null);
    }

    @PreDestroy
    void stop() {
        if (watch != null) {
            watch.cancel(false);
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    /** Connects if not connected yet, and checks that Redis answers: what readiness reports. */
    private void check() {
        try {
            if (commands == null) {
                commands = client.connect();
                reads = client.connect();
                subscriptions = subscribe(client.connectPubSub());
                LOG.info("Connected to Redis for the backplane");
            }
            available = "PONG".equals(commands.sync().ping());
            checkEpoch();
        } catch (RuntimeException e) {
            if (available) {
                LOG.log(Level.WARNING, "Redis is unreachable: {0}", e.toString());
            }
            available = false;
        }
    }

    public boolean available() {
        return available;
    }

    /**
     * Redis keeps a random epoch for as long as it keeps its data; every server remembers the one it found. A
     * different epoch (or none) means Redis came back empty: whatever this server's streams showed is gone.
     */
    private void checkEpoch() {
        RedisCommands<String, String> redis = commands.sync();
        redis.set(RedisKeys.EPOCH, UUID.randomUUID().toString(), SetArgs.Builder.nx());
        String now = redis.get(RedisKeys.EPOCH);
        String before = epoch;
        epoch = now;
        if (before != null && !before.equals(now)) {
            LOG.warning("Redis lost its data (its epoch changed): every stream here starts over, names are joined again");
            onLost.forEach(Runnable::run);
        }
    }

    /** Runs the action whenever Redis is found to have lost its data. */
    void whenLost(Runnable action) {
        onLost.add(action);
    }

    /**
     * Hands every message published on the channel to the listener, on Lettuce's I/O thread (so it must not block),
     * from the connection on; Lettuce subscribes again after a reconnection.
     */
    void listen(String channel, Consumer<String> listener) {
        listeners.put(channel, listener);
        StatefulRedisPubSubConnection<String, String> connection = subscriptions;
        if (connection != null) {
            connection.async().subscribe(channel);
        }
    }

    private StatefulRedisPubSubConnection<String, String> subscribe(StatefulRedisPubSubConnection<String, String> connection) {
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                Consumer<String> listener = listeners.get(channel);
                if (listener != null) {
                    listener.accept(message);
                }
            }
        });
        if (!listeners.isEmpty()) {
            connection.sync().subscribe(listeners.keySet().toArray(String[]::new));
        }
        return connection;
    }

    /** This server's id among those sharing the Redis. */
    String server() {
        return server;
    }

    /** Runs commands; Redis unreachable is reported as {@link BackplaneUnavailableException}. */
    <T> T call(Function<RedisCommands<String, String>, T> command) {
        StatefulRedisConnection<String, String> current = commands;
        if (current == null) {
            throw new BackplaneUnavailableException();
        }
        try {
            return command.apply(current.sync());
        } catch (RedisException e) {
            available = false;
            throw new BackplaneUnavailableException();
        }
    }

    /** Runs a script by its digest, loading it again when Redis has forgotten it (after a restart). */
    @SuppressWarnings("unchecked")
    <T> T script(String script, ScriptOutputType type, String[] keys, String... args) {
        String sha = shas.computeIfAbsent(script, RedisConnection::sha1);
        return call(redis -> {
            try {
                return (T) redis.evalsha(sha, type, keys, args);
            } catch (RedisNoScriptException e) {
                return (T) redis.eval(script, type, keys, args);
            }
        });
    }

    /** The connection for the feed's blocking reads, or null while not connected. */
    StatefulRedisConnection<String, String> reads() {
        return reads;
    }

    void unavailable() {
        available = false;
    }

    /** Whether this server does a sweep this round: one server does it for all, and may repeat it. */
    boolean lock(String name) {
        String key = RedisKeys.LOCK + name;
        String ok = call(redis -> redis.set(key, server, SetArgs.Builder.nx().px(LOCK_MILLIS)));
        return "OK".equals(ok) || server.equals(call(redis -> redis.get(key)));
    }

    static String[] keys(String... keys) {
        return keys;
    }

    static String millis(java.time.Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
