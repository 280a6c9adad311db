package dev.parley.it;

import dev.parley.testing.RedisServer;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;

/** The same JSON endpoints' contract with the Redis backplane, against a real redis-server. */
class RedisRoomsApiIT extends RoomsApiContract {

    private static RedisServer redis;

    @Deployment(testable = false)
    static WebArchive deployment() {
        redis = RedisServer.start();
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put("parley.backplane", "redis");
        settings.put("parley.redis.url", redis.url());
        return Deployments.parley("rooms-api-redis", settings);
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }
}
