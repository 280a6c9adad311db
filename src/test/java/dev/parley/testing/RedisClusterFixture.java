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
 * A real Redis Cluster (three primaries, three replicas) for a test class ({@code @RegisterExtension static}), and
 * the Redis backplanes its tests build on it, each stopped after its test: {@link RedisFixture}'s twin, so that each
 * seam's contract runs on a cluster as {@code RedisCluster…IT}.
 */
public final class RedisClusterFixture implements BeforeAllCallback, AfterAllCallback, AfterEachCallback,
        BackplaneContract.Store {

    private RedisCluster cluster;
    private final List<TestBackplane> made = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = RedisCluster.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (TestBackplane backplane : made) {
            backplane.close();
        }
        made.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
        }
    }

    public RedisCluster cluster() {
        return cluster;
    }

    public TestBackplane backplane(int retain, int maxRooms) {
        return connected(TestBackplane.redis(cluster.url(), retain, maxRooms));
    }

    @Override
    public TestBackplane backplane(int retain, int maxRooms, Consumer<ChatEvent> onDelivery) {
        return connected(TestBackplane.redis(cluster.url(), retain, maxRooms, onDelivery));
    }

    @Override
    public TestBackplane otherServer(TestBackplane backplane) {
        return connected(backplane.sameStore());
    }

    @Override
    public void empty() {
        cluster.flushAll();
    }

    @Override
    public boolean holds(TestBackplane backplane, String text) {
        return cluster.holdsAnywhere(text);
    }

    /** Keeps a backplane made elsewhere to be stopped after the test. */
    public TestBackplane connected(TestBackplane backplane) {
        made.add(backplane);
        Awaitility.await("Redis Cluster connected").atMost(java.time.Duration.ofSeconds(20))
                .until(backplane.status::available);
        return backplane;
    }
}
