package dev.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real redis-server (the OS package) for one test class, on a free loopback port, with its own data directory.
 * It writes every command to its append-only file before answering, so a kill loses nothing acknowledged, and it
 * can be killed and started again on the same data.
 */
public final class RedisServer implements AutoCloseable {

    private static final String BINARY = System.getProperty("redis.binary", "redis-server");

    private final int port;
    private final Path directory;
    private final List<String> options;
    private Process process;

    private RedisServer(int port, Path directory, List<String> options) {
        this.port = port;
        this.directory = directory;
        this.options = options;
    }

    public static RedisServer start() {
        return start(List.of());
    }

    /** One with more options of redis-server's ({@code --name value} each) after the usual ones. */
    static RedisServer start(List<String> options) {
        try {
            RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("parley-redis-"), options);
            server.restart();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path directory() {
        return directory;
    }

    /** The running process's id. */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts it (again, after {@link #kill}) on the same port and data. */
    public void restart() {
        try {
            List<String> command = new java.util.ArrayList<>(List.of(BINARY, "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--dir", directory.toString(), "--appendonly", "yes", "--appendfsync", "always",
                    "--save", "", "--daemonize", "no", "--logfile", directory.resolve("redis.log").toString()));
            command.addAll(options);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + BINARY + " (install the redis-server package)", e);
        }
        Awaitility.await("redis-server on port " + port).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50)).until(() -> answers() || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server did not start on port " + port + "; see " + directory);
        }
    }

    /** Ends it without warning, like a crash. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Empties every database, as a Redis that lost its data would be. */
    public void flushAll() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("FLUSHALL\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = socket.getInputStream().readNBytes(5);
            if (!new String(reply, StandardCharsets.US_ASCII).equals("+OK\r\n")) {
                throw new IllegalStateException("FLUSHALL answered " + new String(reply, StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether any key's value (a string, or any field or member of a hash, set, sorted set, list or stream) holds it. */
    public boolean holdsAnywhere(String needle) {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(url());
        try (var connection = client.connect()) {
            var redis = connection.sync();
            for (String key : redis.keys("*")) {
                List<String> values = switch (redis.type(key)) {
                    case "string" -> List.of(redis.get(key));
                    case "hash" -> redis.hgetall(key).entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue())).toList();
                    case "set" -> List.copyOf(redis.smembers(key));
                    case "zset" -> redis.zrange(key, 0, -1);
                    case "list" -> redis.lrange(key, 0, -1);
                    case "stream" -> redis.xrange(key, io.lettuce.core.Range.create("-", "+")).stream()
                            .flatMap(entry -> entry.getBody().values().stream()).toList();
                    default -> List.of();
                };
                if (key.contains(needle) || values.stream().anyMatch(value -> value != null && value.contains(needle))) {
                    return true;
                }
            }
            return false;
        } finally {
            client.shutdown();
        }
    }

    public boolean answers() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        kill();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
