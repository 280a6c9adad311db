package dev.parley.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * A real Redis Cluster for tests: six redis-server processes (three primaries, three replicas) on free loopback
 * ports, each with its own data directory and append-only file, joined by {@code redis-cli --cluster create}. A
 * primary can be killed without warning (its replica is promoted within the node timeout, a second) and started
 * again, when it comes back as a replica.
 */
public final class RedisCluster implements AutoCloseable {

    private static final String CLI = System.getProperty("redis.cli", "redis-cli");
    private static final Duration READY = Duration.ofSeconds(60);
    private static final int NODES = 6;

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    public static RedisCluster start() {
        return start(List.of());
    }

    /** One whose nodes take more options of redis-server's (the benchmark's keep nothing on disk). */
    public static RedisCluster start(List<String> options) {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < NODES; i++) {
                // relative to the node's --dir, where its append-only file is too: a restart finds both
                List<String> all = new ArrayList<>(List.of("--cluster-enabled", "yes", "--cluster-config-file",
                        "nodes.conf", "--cluster-node-timeout", "1000"));
                all.addAll(options);
                nodes.add(RedisServer.start(all));
            }
            RedisCluster cluster = new RedisCluster(nodes);
            cluster.create();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    private void create() {
        List<String> command = new ArrayList<>(List.of(CLI, "--cluster", "create"));
        nodes.forEach(node -> command.add("127.0.0.1:" + node.port()));
        command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        try {
            Path log = Files.createTempFile("parley-cluster-create-", ".log");
            Process create = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
                create.destroyForcibly();
                throw new IllegalStateException("redis-cli --cluster create failed: " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + CLI + " (install the redis-tools package)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        awaitHealthy();
    }

    /**
     * Waits until every running node says {@code cluster_state:ok}, every slot has a primary, and each primary's
     * replica is attached and in sync (so a write can be acknowledged by it).
     */
    public void awaitHealthy() {
        Awaitility.await("the Redis Cluster healthy").atMost(READY).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(this::healthy);
    }

    private boolean healthy() {
        List<RedisServer> running = nodes.stream().filter(RedisServer::alive).toList();
        for (RedisServer node : running) {
            if (!ask(node, commands -> commands.clusterInfo()).contains("cluster_state:ok")) {
                return false;
            }
        }
        List<Shard> shards = shards();
        return shards.size() == 3 && shards.stream().allMatch(shard -> shard.replicasOnline() == 1
                && running.contains(shard.primary()));
    }

    /** A primary and what it holds, as it says itself. */
    public record Shard(RedisServer primary, List<int[]> slots, int replicasOnline) {

        boolean owns(int slot) {
            return slots.stream().anyMatch(range -> slot >= range[0] && slot <= range[1]);
        }
    }

    /** The primaries, with their slots as a running node sees them. */
    public List<Shard> shards() {
        RedisServer asked = nodes.stream().filter(RedisServer::alive).findFirst().orElseThrow();
        List<Shard> shards = new ArrayList<>();
        for (String line : ask(asked, commands -> commands.clusterNodes()).split("\n")) {
            String[] fields = line.strip().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            int port = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
            Optional<RedisServer> node = nodes.stream().filter(server -> server.port() == port).findFirst();
            List<int[]> slots = new ArrayList<>();
            for (int i = 8; i < fields.length; i++) {
                if (fields[i].startsWith("[")) {
                    continue;
                }
                String[] range = fields[i].split("-");
                slots.add(new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1])});
            }
            if (node.isPresent() && !slots.isEmpty()) {
                shards.add(new Shard(node.get(), slots, node.get().alive() ? replicasOnline(node.get()) : 0));
            }
        }
        return shards;
    }

    private int replicasOnline(RedisServer primary) {
        String replication = ask(primary, commands -> commands.info("replication"));
        return (int) replication.lines().filter(line -> line.startsWith("slave") && line.contains("state=online")).count();
    }

    /** The primary that holds a key's slot now. */
    public RedisServer primaryOf(String key) {
        int slot = SlotHash.getSlot(key);
        return shards().stream().filter(shard -> shard.owns(slot)).map(Shard::primary).findFirst()
                .orElseThrow(() -> new IllegalStateException("no primary holds slot " + slot));
    }

    /**
     * One room name per shard, each with the prefix: the rooms' keys (all under the room's hash tag, {@code
     * parley:{<room>}:…}) land on three different primaries.
     */
    public List<String> roomOnEachShard(String prefix) {
        List<String> rooms = new ArrayList<>();
        List<RedisServer> covered = new ArrayList<>();
        for (int i = 0; i < 10_000 && covered.size() < 3; i++) {
            String room = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
            RedisServer primary = primaryOf("parley:{" + room + "}:events");
            if (!covered.contains(primary)) {
                covered.add(primary);
                rooms.add(room);
            }
        }
        if (rooms.size() < 3) {
            throw new IllegalStateException("no room name found for every shard");
        }
        return rooms;
    }

    /** The URL Parley is configured with: every node a seed. */
    public String url() {
        return "redis-cluster://" + nodes.stream().map(node -> "127.0.0.1:" + node.port()).collect(Collectors.joining(","));
    }

    /** Empties every primary (their replicas follow), as a cluster that lost its data would be. */
    public void flushAll() {
        for (Shard shard : shards()) {
            shard.primary().flushAll();
        }
        Awaitility.await("replicas emptied").atMost(READY).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> nodes.stream().filter(RedisServer::alive)
                        .allMatch(node -> ask(node, commands -> commands.dbsize()) == 0));
    }

    /** Whether any node holds the text in any key or value. */
    public boolean holdsAnywhere(String text) {
        // a replica holds what its primary does
        return shards().stream().anyMatch(shard -> shard.primary().holdsAnywhere(text));
    }

    public List<RedisServer> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }

    private static <T> T ask(RedisServer node, Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> question) {
        RedisURI uri = RedisURI.create("redis://127.0.0.1:" + node.port());
        uri.setTimeout(Duration.ofSeconds(2));
        RedisClient client = RedisClient.create(uri);
        try (var connection = client.connect()) {
            return question.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }
}
