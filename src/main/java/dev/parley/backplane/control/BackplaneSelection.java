package dev.parley.backplane.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Picks the backplane named by {@code parley.backplane}. */
@ApplicationScoped
public class BackplaneSelection {

    @Produces
    @ApplicationScoped
    Backplane backplane(@ConfigProperty(name = "parley.backplane") String kind, Instance<MemoryBackplane> memory,
                        Instance<RedisBackplane> redis) {
        return switch (kind) {
            case "memory" -> memory.get();
            case "redis" -> redis.get();
            default -> throw new IllegalStateException(
                    "parley.backplane must be 'memory' or 'redis', not '" + kind + "'");
        };
    }
}
