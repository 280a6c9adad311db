package dev.parley.backplane.redis;

import dev.parley.backplane.control.BackplaneSettings;
import dev.parley.backplane.control.BackplaneUnavailableException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
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
 * reads (a single Redis only) and one for Pub/Sub. Redis unreachable: every command fails at once with {@link
 * BackplaneUnavailableException} (commands are never queued to be sent later, so nothing is lost silently) and {@link
 * #available} is false; reconnection is tried at least once a second, however long the outage.
 *
 * <p>{@code redis-cluster://host:port[,host:port…]} names a Redis Cluster by seed nodes: commands go through Lettuce's
 * cluster client, which routes each to its slot's primary and follows the topology (refreshed every few seconds, and
 * at once on a redirection or a lost connection, so a failover is followed within seconds). The seams see the
 * commands both kinds share ({@link RedisClusterCommands}); every script keeps to one slot ({@link RedisKeys}).
 */
@ApplicationScoped
public class RedisConnection {

    private static final Logger LOG = Logger.getLogger(RedisConnection.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RECONNECT_DELAY_MAX = Duration.ofSeconds(1);
    private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(2);
    private static final long LOCK_MILLIS = 10_000;

    private final String server = UUID.randomUUID().toString();
    private final Map<String, String> shas = new ConcurrentHashMap<>();
    private final AbstractRedisClient client;
    private final ClientResources resources;
    private final ScheduledFuture<?> watch;
    private final boolean cluster;
    private final int replicaAcks;
    private final long replicaTimeoutMillis;
    private volatile StatefulConnection<String, String> commands;
    private volatile RedisClusterCommands<String, String> sync;
    private volatile StatefulRedisConnection<String, String> reads;
    private volatile StatefulRedisPubSubConnection<String, String> subscriptions;
    private final Map<String, Consumer<String>> listeners = new ConcurrentHashMap<>();
    /** In a cluster: the shard channels subscribed, each to the id of the primary it was subscribed on. */
    private final Map<String, String> shardChannels = new ConcurrentHashMap<>();
    private volatile Consumer<String> shardListener = channel -> { };
    private volatile boolean available;
    // the store's epoch as this server first saw it: a different one means Redis lost its data meanwhile
    private final Map<String, String> epochs = new ConcurrentHashMap<>();
    private final java.util.List<Runnable> onLost = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Connects (or keeps trying to, in the background): without Redis, it starts anyway and reports unavailable. */
    @Inject
    public RedisConnection(BackplaneSettings settings, ScheduledExecutorService scheduler) {
        if (settings == null) {
            // the CDI client proxy
            client = null;
            resources = null;
            watch = null;
            cluster = false;
            replicaAcks = 0;
            replicaTimeoutMillis = 0;
            return;
        }
        cluster = settings.cluster();
        replicaAcks = settings.replicaAcks();
        replicaTimeoutMillis = settings.replicaTimeout().toMillis();
        // Lettuce's default backoff grows to 30 s between attempts, so a server could stay unready that long after
        // Redis is back; a second between attempts is cheap and keeps recovery prompt
        resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), RECONNECT_DELAY_MAX, 2, TimeUnit.MILLISECONDS))
                .build();
        SocketOptions socket = SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).keepAlive(true).build();
        if (cluster) {
            RedisClusterClient clusterClient = RedisClusterClient.create(resources, seeds(settings.redisUrl()));
            clusterClient.setOptions(ClusterClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(socket)
                    .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                    // periodic, and at once on MOVED/ASK or a node's lost connection: a promoted replica is found
                    // within seconds, without waiting for the next period
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                            .enableAllAdaptiveRefreshTriggers()
                            .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
                            .refreshTriggersReconnectAttempts(1)
                            .closeStaleConnections(true)
                            .build())
                    .build());
            client = clusterClient;
        } else {
            RedisURI uri = RedisURI.create(settings.redisUrl());
            uri.setTimeout(COMMAND_TIMEOUT);
            RedisClient single = RedisClient.create(resources, uri);
            single.setOptions(ClientOptions.builder()
                    .autoReconnect(true)
                    // while Redis is away, fail at once rather than queue: a post must not be acknowledged and lost
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(socket)
                    .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                    .build());
            client = single;
        }
        // one attempt now, so a healthy start serves at once
        check();
        watch = scheduler.scheduleWithFixedDelay(this::check, 500, 500, TimeUnit.MILLISECONDS);
    }

    protected RedisConnection() {
        this(null, null);
    }

    /** The seed nodes of {@code redis-cluster://host:port[,host:port…]}. */
    static List<RedisURI> seeds(String url) {
        String nodes = url.substring(BackplaneSettings.CLUSTER_SCHEME.length());
        int path = nodes.indexOf('/');
        if (path >= 0) {
            nodes = nodes.substring(0, path);
        }
        return Arrays.stream(nodes.split(",")).map(String::strip).filter(node -> !node.isEmpty())
                .map(node -> {
                    RedisURI uri = RedisURI.create("redis://" + node);
                    uri.setTimeout(COMMAND_TIMEOUT);
                    return uri;
                })
                .toList();
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
                connect();
                LOG.info(cluster ? "Connected to the Redis Cluster for the backplane" : "Connected to Redis for the backplane");
            }
            available = cluster ? everyPrimaryAnswers() : "PONG".equals(sync.ping());
            if (available) {
                checkEpoch();
                keepListening();
            }
        } catch (RuntimeException e) {
            if (available) {
                LOG.log(Level.WARNING, "Redis is unreachable: {0}", e.toString());
            }
            available = false;
        }
    }

    private void connect() {
        if (client instanceof RedisClusterClient clusterClient) {
            StatefulRedisClusterConnection<String, String> connection = clusterClient.connect();
            StatefulRedisClusterPubSubConnection<String, String> pubSub = clusterClient.connectPubSub();
            // what a node's own connection receives (a shard channel's messages) reaches the listeners too
            pubSub.setNodeMessagePropagation(true);
            sync = connection.sync();
            subscriptions = subscribe(pubSub);
            commands = connection;
        } else {
            RedisClient single = (RedisClient) client;
            StatefulRedisConnection<String, String> connection = single.connect();
            reads = single.connect();
            sync = connection.sync();
            subscriptions = subscribe(single.connectPubSub());
            commands = connection;
        }
    }

    /**
     * In a cluster, this server listens for signals on one node; were that node gone for good (its replica promoted,
     * it not back), signals would stop. So once the cluster answers again, a subscription connection still down is
     * replaced by one to a node that answers, with every channel subscribed again.
     */
    private void keepListening() {
        StatefulRedisPubSubConnection<String, String> current = subscriptions;
        if (!cluster || current == null || current.isOpen()) {
            return;
        }
        StatefulRedisClusterPubSubConnection<String, String> fresh = ((RedisClusterClient) client).connectPubSub();
        fresh.setNodeMessagePropagation(true);
        subscriptions = subscribe(fresh);
        List<String> channels = List.copyOf(shardChannels.keySet());
        shardChannels.clear();
        channels.forEach(this::subscribeShard);
        current.closeAsync();
        LOG.info("Listening for signals on another node of the Redis Cluster");
    }

    /**
     * A cluster is available when its slots all have a primary and every primary answers; one that does not makes
     * the topology be read again at once (its replica may have been promoted), so the outage lasts as long as the
     * failover, not until the next periodic refresh.
     */
    private boolean everyPrimaryAnswers() {
        RedisClusterClient clusterClient = (RedisClusterClient) client;
        StatefulRedisClusterConnection<String, String> connection = clusterConnection();
        int covered = 0;
        for (RedisClusterNode node : clusterClient.getPartitions()) {
            if (!node.is(RedisClusterNode.NodeFlag.UPSTREAM) || node.getSlots().isEmpty()) {
                continue;
            }
            try {
                if (!"PONG".equals(connection.getConnection(node.getNodeId()).sync().ping())) {
                    clusterClient.refreshPartitions();
                    return false;
                }
            } catch (RuntimeException e) {
                clusterClient.refreshPartitions();
                return false;
            }
            covered += node.getSlots().size();
        }
        if (covered < SlotHash.SLOT_COUNT) {
            clusterClient.refreshPartitions();
            return false;
        }
        return true;
    }

    private StatefulRedisClusterConnection<String, String> clusterConnection() {
        @SuppressWarnings("unchecked")
        StatefulRedisClusterConnection<String, String> connection = (StatefulRedisClusterConnection<String, String>) commands;
        return connection;
    }

    public boolean available() {
        return available;
    }

    /** Whether this is a Redis Cluster, whose feed cannot block on the streams of several slots at once. */
    boolean cluster() {
        return cluster;
    }

    /**
     * Redis keeps a random epoch for as long as it keeps its data; every server remembers the one it found. A
     * different epoch (or none) means Redis came back empty: whatever this server's streams showed is gone. A
     * cluster keeps one epoch per shard ({@link #epochKeys}), as each shard can lose its data on its own; a promoted
     * replica has its primary's.
     */
    private void checkEpoch() {
        RedisClusterCommands<String, String> redis = sync;
        boolean lost = false;
        for (String key : epochKeys()) {
            redis.set(key, UUID.randomUUID().toString(), SetArgs.Builder.nx());
            String now = redis.get(key);
            String before = now == null ? epochs.get(key) : epochs.put(key, now);
            lost |= before != null && !before.equals(now);
        }
        if (lost) {
            LOG.warning("Redis lost its data (its epoch changed): every stream here starts over, names are joined again");
            onLost.forEach(Runnable::run);
        }
    }

    /**
     * The epoch's key: in a cluster, one on each primary, {@code parley:epoch:{<n>}} with the least n whose slot the
     * primary holds (the same on every server, as they see the same topology).
     */
    private List<String> epochKeys() {
        if (!cluster) {
            return List.of(RedisKeys.EPOCH);
        }
        List<String> keys = new java.util.ArrayList<>();
        for (RedisClusterNode node : ((RedisClusterClient) client).getPartitions()) {
            if (!node.is(RedisClusterNode.NodeFlag.UPSTREAM) || node.getSlots().isEmpty()) {
                continue;
            }
            // bounded: with 16384 slots, some n below a few hundred thousand lands in any non-empty slot range
            for (int n = 0; n < 1_000_000; n++) {
                String key = RedisKeys.EPOCH + ":{" + n + "}";
                if (node.hasSlot(SlotHash.getSlot(key))) {
                    keys.add(key);
                    break;
                }
            }
        }
        return keys;
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

    /**
     * In a cluster: hands the name of every shard channel on which a message arrives to the listener, on Lettuce's
     * I/O thread (so it must not block).
     */
    void listenShards(Consumer<String> listener) {
        shardListener = listener;
    }

    /**
     * Subscribes to a shard channel on the primary that owns its slot now (Lettuce does not route {@code
     * SSUBSCRIBE}); {@link #resubscribeMoved} follows the slot when it moves. Best effort: a channel not subscribed
     * only costs latency, as the feed also reads every room it follows periodically.
     */
    void subscribeShard(String channel) {
        try {
            String node = primaryOf(channel);
            if (node != null) {
                pubSub().getConnection(node).async().ssubscribe(channel);
                shardChannels.put(channel, node);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not subscribe to " + channel, e);
        }
    }

    void unsubscribeShard(String channel) {
        String node = shardChannels.remove(channel);
        if (node != null) {
            try {
                pubSub().getConnection(node).async().sunsubscribe(channel);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not unsubscribe from " + channel, e);
            }
        }
    }

    /** Subscribes again each shard channel whose slot has a primary other than the one it was subscribed on. */
    void resubscribeMoved() {
        shardChannels.forEach((channel, node) -> {
            if (!node.equals(primaryOf(channel))) {
                subscribeShard(channel);
            }
        });
    }

    private String primaryOf(String channel) {
        RedisClusterNode node = ((RedisClusterClient) client).getPartitions().getMasterBySlot(SlotHash.getSlot(channel));
        return node == null ? null : node.getNodeId();
    }

    private StatefulRedisClusterPubSubConnection<String, String> pubSub() {
        return (StatefulRedisClusterPubSubConnection<String, String>) subscriptions;
    }

    private StatefulRedisPubSubConnection<String, String> subscribe(StatefulRedisPubSubConnection<String, String> connection) {
        if (connection instanceof StatefulRedisClusterPubSubConnection<String, String> clustered) {
            clustered.addListener(new RedisClusterPubSubAdapter<>() {
                @Override
                public void message(RedisClusterNode node, String channel, String message) {
                    received(channel, message);
                }

                @Override
                public void smessage(RedisClusterNode node, String channel, String message) {
                    shardListener.accept(channel);
                }
            });
        } else {
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    received(channel, message);
                }
            });
        }
        if (!listeners.isEmpty()) {
            connection.sync().subscribe(listeners.keySet().toArray(String[]::new));
        }
        return connection;
    }

    private void received(String channel, String message) {
        Consumer<String> listener = listeners.get(channel);
        if (listener != null) {
            listener.accept(message);
        }
    }

    /** This server's id among those sharing the Redis. */
    String server() {
        return server;
    }

    /** Runs commands; Redis unreachable is reported as {@link BackplaneUnavailableException}. */
    <T> T call(Function<RedisClusterCommands<String, String>, T> command) {
        RedisClusterCommands<String, String> current = sync;
        if (current == null) {
            throw new BackplaneUnavailableException();
        }
        try {
            return command.apply(current);
        } catch (RedisException e) {
            available = false;
            throw new BackplaneUnavailableException();
        }
    }

    /** Runs a script by its digest, loading it again when Redis has forgotten it (after a restart). */
    @SuppressWarnings("unchecked")
    <T> T script(String script, ScriptOutputType type, String[] keys, String... args) {
        return call(redis -> run(redis, script, type, keys, args));
    }

    @SuppressWarnings("unchecked")
    private <T> T run(RedisClusterCommands<String, String> redis, String script, ScriptOutputType type, String[] keys,
                      String... args) {
        String sha = shas.computeIfAbsent(script, RedisConnection::sha1);
        try {
            return (T) redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            return (T) redis.eval(script, type, keys, args);
        }
    }

    /**
     * Runs a script that appends to the room's stream: in a cluster, it also announces the append on
     * the room's shard channel ({@link RedisKeys#appended}, passed as the last argument, which {@link
     * RedisScripts#PRELUDE}'s {@code append} publishes on). With {@code parley.redis.replica-acks} above 0 it returns
     * only once that many replicas hold the append ({@code WAIT}, on the connection that ran the script: WAIT counts
     * that connection's writes); otherwise it throws {@link BackplaneUnavailableException}, so that what is
     * acknowledged survives a replica's promotion. The append may then still be kept: the caller cannot tell, as
     * with any timeout, and retries with its idempotency key.
     */
    <T> T append(String room, String script, ScriptOutputType type, String[] keys, String... args) {
        String[] withChannel = Arrays.copyOf(args, args.length + 1);
        withChannel[args.length] = cluster ? RedisKeys.appended(room) : "";
        if (replicaAcks == 0) {
            return script(script, type, keys, withChannel);
        }
        if (!cluster) {
            return call(redis -> {
                // one connection, shared: the WAIT covers this script's write (and any other's sent before it)
                T result = run(redis, script, type, keys, withChannel);
                confirm(redis.waitForReplication(replicaAcks, replicaTimeoutMillis), replicaAcks);
                return result;
            });
        }
        StatefulRedisClusterConnection<String, String> connection = clusterConnection();
        if (connection == null) {
            throw new BackplaneUnavailableException();
        }
        String node = primaryOf(RedisKeys.events(room));
        if (node == null) {
            throw new BackplaneUnavailableException();
        }
        int required = Math.min(replicaAcks, replicasOf(node));
        try {
            // the slot's primary's own connection, for both: were the slot to have moved meanwhile, the script is
            // refused (MOVED), rather than WAIT being asked of a node that did not run it
            RedisClusterCommands<String, String> primary = connection.getConnection(node).sync();
            T result = run(primary, script, type, keys, withChannel);
            if (required > 0) {
                confirm(primary.waitForReplication(required, replicaTimeoutMillis), required);
            }
            return result;
        } catch (RedisException e) {
            ((RedisClusterClient) client).refreshPartitions();
            throw new BackplaneUnavailableException();
        }
    }

    private void confirm(Long replicas, int required) {
        if (replicas == null || replicas < required) {
            LOG.log(Level.WARNING, "An append was held by {0} replicas of the {1} required within {2} ms: refused",
                    new Object[] {replicas, required, replicaTimeoutMillis});
            if (cluster) {
                // a replica gone since the topology was read is then no longer waited for
                ((RedisClusterClient) client).refreshPartitions();
            }
            throw new BackplaneUnavailableException();
        }
    }

    /**
     * The replicas of a primary that could be promoted in its place, as the topology says: a write is at risk in a
     * failover only if one of them lacks it. A primary left with none (its replica promoted, the old primary not
     * back yet) is waited for by no one: no replica can take over from it with less than it has, and it keeps
     * serving rather than refusing every append until a replica returns.
     */
    private int replicasOf(String primary) {
        int replicas = 0;
        for (RedisClusterNode node : ((RedisClusterClient) client).getPartitions()) {
            if ((node.is(RedisClusterNode.NodeFlag.REPLICA) || node.is(RedisClusterNode.NodeFlag.SLAVE))
                    && primary.equals(node.getSlaveOf()) && node.isConnected()
                    && !node.is(RedisClusterNode.NodeFlag.FAIL) && !node.is(RedisClusterNode.NodeFlag.EVENTUAL_FAIL)
                    && !node.is(RedisClusterNode.NodeFlag.HANDSHAKE) && !node.is(RedisClusterNode.NodeFlag.NOADDR)) {
                replicas++;
            }
        }
        return replicas;
    }

    /** The connection for the feed's blocking reads (a single Redis only), or null while not connected. */
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
