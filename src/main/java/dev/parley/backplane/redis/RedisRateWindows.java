package dev.parley.backplane.redis;

import static dev.parley.backplane.redis.RedisConnection.keys;
import static dev.parley.backplane.redis.RedisConnection.millis;

import dev.parley.backplane.control.RateWindows;
import io.lettuce.core.ScriptOutputType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** {@link RateWindows} in Redis: a sorted set of use times per window, expiring with its window. */
@ApplicationScoped
@Typed(RedisRateWindows.class)
public class RedisRateWindows implements RateWindows {

    private final RedisConnection redis;

    @Inject
    public RedisRateWindows(RedisConnection redis) {
        this.redis = redis;
    }

    protected RedisRateWindows() {
        // for the CDI client proxy only
        this(null);
    }

    @Override
    public Duration admit(String name, int limit, Duration window, Instant now) {
        Long waitMillis = redis.script(RedisScripts.ADMIT, ScriptOutputType.INTEGER, keys(RedisKeys.WINDOW + name),
                millis(now), Long.toString(window.toMillis()), Integer.toString(limit), millis(now) + "-" + UUID.randomUUID());
        return Duration.ofMillis(waitMillis);
    }
}
