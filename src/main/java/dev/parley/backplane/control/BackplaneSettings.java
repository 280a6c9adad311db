package dev.parley.backplane.control;

import dev.parley.platform.Settings;
import java.time.Duration;

/**
 * The backplane's configuration.
 *
 * @param redis    {@code parley.backplane}: {@code redis} to share rooms through Redis, {@code memory} for one server
 * @param redisUrl {@code parley.redis.url}, a Lettuce URI
 * @param retain   {@code parley.history.retain}: events kept per room
 * @param maxRooms {@code parley.rooms.max}: rooms there may be (the lobby apart)
 * @param historyTtl {@code parley.rooms.history-ttl-seconds}: with Redis, how long a freed room's history is kept
 * @param auditRetain {@code parley.audit.retain}: moderation actions kept in the audit log
 * @param replicaAcks {@code parley.redis.replica-acks}: replicas that must hold an append before it is acknowledged
 *                    ({@code auto}: 1 for a Redis Cluster, 0 for a single Redis)
 * @param replicaTimeout {@code parley.redis.replica-timeout-millis}: how long an append waits for them, then 503
 */
public record BackplaneSettings(boolean redis, String redisUrl, int retain, int maxRooms, Duration historyTtl,
                                int auditRetain, int replicaAcks, Duration replicaTimeout) {

    /** The scheme of {@code parley.redis.url} that names a Redis Cluster by seed nodes. */
    public static final String CLUSTER_SCHEME = "redis-cluster://";

    /** For tests and tools: no replica acknowledgements beyond what the URL's kind asks by default. */
    public BackplaneSettings(boolean redis, String redisUrl, int retain, int maxRooms, Duration historyTtl,
                             int auditRetain) {
        this(redis, redisUrl, retain, maxRooms, historyTtl, auditRetain, defaultReplicaAcks(redisUrl),
                Duration.ofSeconds(1));
    }

    public static BackplaneSettings from(Settings settings) {
        String kind = settings.string("parley.backplane");
        if (!kind.equals("memory") && !kind.equals("redis")) {
            throw new IllegalArgumentException("parley.backplane must be 'memory' or 'redis', not '" + kind + "'");
        }
        String url = settings.string("parley.redis.url");
        String acks = settings.string("parley.redis.replica-acks");
        int replicaAcks;
        if (acks.equals("auto")) {
            replicaAcks = defaultReplicaAcks(url);
        } else {
            try {
                replicaAcks = Integer.parseInt(acks);
            } catch (NumberFormatException e) {
                replicaAcks = -1;
            }
            if (replicaAcks < 0) {
                throw new IllegalArgumentException("parley.redis.replica-acks must be 'auto' or a count of replicas, not '"
                        + acks + "'");
            }
        }
        return new BackplaneSettings(kind.equals("redis"), url,
                settings.atLeast("parley.history.retain", 1), settings.atLeast("parley.rooms.max", 1),
                settings.seconds("parley.rooms.history-ttl-seconds", 1), settings.atLeast("parley.audit.retain", 1),
                replicaAcks, settings.millis("parley.redis.replica-timeout-millis", 1));
    }

    /** Whether {@link #redisUrl} names a Redis Cluster. */
    public boolean cluster() {
        return isCluster(redisUrl);
    }

    private static boolean isCluster(String url) {
        return url != null && url.startsWith(CLUSTER_SCHEME);
    }

    /**
     * A cluster's replicas are there to take over, so an append waits for one (or a failover may lose what was
     * acknowledged); a single Redis usually has none to wait for.
     */
    private static int defaultReplicaAcks(String url) {
        return isCluster(url) ? 1 : 0;
    }

    public String kind() {
        return redis ? "redis" : "memory";
    }
}
