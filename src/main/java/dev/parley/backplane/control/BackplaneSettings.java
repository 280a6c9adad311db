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
 */
public record BackplaneSettings(boolean redis, String redisUrl, int retain, int maxRooms, Duration historyTtl,
                                int auditRetain) {

    public static BackplaneSettings from(Settings settings) {
        String kind = settings.string("parley.backplane");
        if (!kind.equals("memory") && !kind.equals("redis")) {
            throw new IllegalArgumentException("parley.backplane must be 'memory' or 'redis', not '" + kind + "'");
        }
        return new BackplaneSettings(kind.equals("redis"), settings.string("parley.redis.url"),
                settings.atLeast("parley.history.retain", 1), settings.atLeast("parley.rooms.max", 1),
                settings.seconds("parley.rooms.history-ttl-seconds", 1), settings.atLeast("parley.audit.retain", 1));
    }

    public String kind() {
        return redis ? "redis" : "memory";
    }
}
