package dev.parley.backplane.redis;

import dev.parley.backplane.control.BackplaneStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

/** Available while Redis answers this server's connection (in a cluster: while every slot's primary answers). */
@ApplicationScoped
@Typed(RedisStatus.class)
public class RedisStatus implements BackplaneStatus {

    private final RedisConnection redis;

    @Inject
    public RedisStatus(RedisConnection redis) {
        this.redis = redis;
    }

    protected RedisStatus() {
        // for the CDI client proxy only
        this(null);
    }

    @Override
    public boolean available() {
        return redis.available();
    }
}
