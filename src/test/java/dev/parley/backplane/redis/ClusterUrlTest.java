package dev.parley.backplane.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.backplane.control.BackplaneSettings;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code parley.redis.url} names a Redis Cluster, and what it asks of replicas by default. */
class ClusterUrlTest {

    @Test
    void aClusterUrlNamesItsSeedNodes() {
        List<RedisURI> seeds = RedisConnection.seeds("redis-cluster://10.0.0.1:7001, 10.0.0.2:7002,10.0.0.3");
        assertEquals(List.of("10.0.0.1:7001", "10.0.0.2:7002", "10.0.0.3:6379"),
                seeds.stream().map(uri -> uri.getHost() + ":" + uri.getPort()).toList(), "every seed, 6379 by default");
    }

    @Test
    void aClusterWaitsForOneReplicaByDefaultAndASingleRedisForNone() {
        BackplaneSettings cluster = new BackplaneSettings(true, "redis-cluster://127.0.0.1:7001", 10, 10,
                Duration.ofMinutes(1), 10);
        BackplaneSettings single = new BackplaneSettings(true, "redis://127.0.0.1:6379", 10, 10, Duration.ofMinutes(1), 10);
        assertTrue(cluster.cluster(), "redis-cluster:// is a cluster");
        assertEquals(1, cluster.replicaAcks(), "a cluster's appends wait for a replica");
        assertFalse(single.cluster(), "redis:// is one Redis");
        assertEquals(0, single.replicaAcks(), "one Redis's appends wait for none");
    }

    @Test
    void everyKeyOfARoomIsInTheRoomsSlot() {
        String room = "lobby";
        int slot = io.lettuce.core.cluster.SlotHash.getSlot(RedisKeys.events(room));
        for (String key : List.of(RedisKeys.sequence(room), RedisKeys.texts(room), RedisKeys.seats(room),
                RedisKeys.tokens(room), RedisKeys.listed(room), RedisKeys.hold(room, "bob"),
                RedisKeys.keyed(room, "tag", "digest"), RedisKeys.appended(room))) {
            assertEquals(slot, io.lettuce.core.cluster.SlotHash.getSlot(key), key + " in the room's slot");
        }
        assertEquals(room, RedisKeys.roomOfEvents(RedisKeys.events(room)));
        assertEquals(room, RedisKeys.roomOfAppended(RedisKeys.appended(room)));
    }
}
