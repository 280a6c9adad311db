package dev.parley.testing;

import dev.parley.backplane.BackplaneContract;
import dev.parley.chat.ChatEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real redis-server for a test class ({@code @RegisterExtension static}), and the Redis backplanes its tests
 * build on it, each stopped after its test.
 */
public final class RedisFixture implements BeforeAllCallback, AfterAllCallback, AfterEachCallback,
        BackplaneContract.Store {

    private RedisServer redis;
    private final List<TestBackplane> made = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = RedisServer.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (TestBackplane backplane : made) {
            backplane.close();
        }
        made.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (redis != null) {
            redis.close();
        }
    }

    public RedisServer server() {
        return redis;
    }

    /** A server's backplane on this Redis, connected. */
    public TestBackplane backplane(int retain, int maxRooms) {
        return connected(TestBackplane.redis(redis.url(), retain, maxRooms));
    }

    /** A server's backplane on this Redis whose deliveries also reach the given consumer. */
    @Override
    public TestBackplane backplane(int retain, int maxRooms, Consumer<ChatEvent> onDelivery) {
        return connected(TestBackplane.redis(redis.url(), retain, maxRooms, onDelivery));
    }

    @Override
    public TestBackplane otherServer(TestBackplane backplane) {
        return connected(backplane.sameStore());
    }

    @Override
    public void empty() {
        redis.flushAll();
    }

    @Override
    public boolean holds(TestBackplane backplane, String text) {
        return redis.holdsAnywhere(text);
    }

    /** Keeps a backplane made elsewhere (another server on this Redis) to be stopped after the test. */
    public TestBackplane connected(TestBackplane backplane) {
        made.add(backplane);
        Awaitility.await("Redis connected").atMost(java.time.Duration.ofSeconds(20)).until(backplane.status::available);
        return backplane;
    }
}
