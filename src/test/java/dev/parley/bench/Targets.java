package dev.parley.bench;

import dev.parley.testing.LibertyServer;
import dev.parley.testing.ServerMetrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The servers under test: how to start them, subscribe, publish, and read their memory. Both servers in one file,
 * longer than most, so that what each is asked to do can be compared line by line.
 */
final class Targets {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Targets() {
    }

    interface Target extends AutoCloseable {
        String name();

        InetSocketAddress address();

        String subscribePath(String room);

        /** One publishing format per poster, ready to post into the room. */
        List<Posters.Format> posters(String room, int count);

        /**
         * A chat-shaped crowd: {@code perRoom} members in each room, each with the request that opens their own
         * stream and the format their posts take, ordered member by member ({@code member * rooms + room}).
         */
        List<Seat> seats(List<String> rooms, int perRoom);

        /** Where the posters connect: the subscribers' server, but for a pair the other one. */
        default InetSocketAddress postAddress() {
            return address();
        }

        /** Two servers sharing a Redis: subscribers on one, posters on the other. */
        default boolean pair() {
            return false;
        }

        /** Writes a class histogram of the live heap, where the server has one. */
        default void histogram(Path file) {
        }

        ProcessStats processes();

        /** Live heap after a full collection, in bytes; 0 where there is no garbage-collected heap. */
        long liveHeap();

        /** Streams the server itself closed for being too slow, so far; -1 where it does not say. */
        long droppedSlow();

        /** Streams the server holds open now; -1 where it does not say. */
        long openStreams();

        @Override
        void close();
    }

    /** One member of a crowd: the request that opens their stream, and how their posts are sent. */
    record Seat(byte[] subscribe, Posters.Format post) {
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static void run(List<String> command, Path log) {
        run(command, log, true);
    }

    static void run(List<String> command, Path log, boolean mustSucceed) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || mustSucceed && process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Parley as the README runs it (the project's server.xml and the packaged WAR on the build's Open Liberty, started
     * by {@link LibertyServer} as the integration tests start theirs), with a fixed heap, touched up front so resident
     * memory measures what streams add, and the rate limit lifted through its configuration key.
     */
    static final class Parley implements Target {
        static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");

        private final LibertyServer server;

        Parley(LibertyServer.Installation installation) {
            this(installation, "parleyBench", Map.of());
        }

        Parley(LibertyServer.Installation installation, String name, Map<String, String> settings) {
            // the driver is one client of thousands of streams: the limits per client are lifted with the rate limit
            Map<String, String> environment = new java.util.HashMap<>(Map.of(
                    "PARLEY_RATE_MESSAGES", "1000000000",
                    "PARLEY_STREAMS_MAX", "25000",
                    "PARLEY_STREAMS_MAX_WATCHERS", "25000",
                    "PARLEY_CLIENTS_MAX_STREAMS", "25000",
                    "PARLEY_CLIENTS_MAX_REQUESTS", "100000",
                    "PARLEY_CLIENTS_JOINS_PER_MINUTE", "100000",
                    "PARLEY_CLIENTS_MAX_NAMES", "100000",
                    "PARLEY_CLIENTS_POSTS", "1000000000"));
            environment.putAll(settings);
            server = LibertyServer.create(installation, name, environment, JVM_OPTIONS);
            server.start();
            server.awaitReady(Duration.ofMinutes(3));
        }

        private URI uri(String path) {
            return server.url().resolve(path.substring(1));
        }

        @Override
        public String name() {
            return "parley";
        }

        @Override
        public InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", server.port());
        }

        @Override
        public String subscribePath(String room) {
            return "/api/rooms/" + room + "/events";
        }

        @Override
        public List<Posters.Format> posters(String room, int count) {
            List<Posters.Format> formats = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                formats.add(post(room, join(room, "poster" + i)));
            }
            return formats;
        }

        /** Joins every member (on a few threads: ten thousand joins one by one take a while), then seats them. */
        @Override
        public List<Seat> seats(List<String> rooms, int perRoom) {
            Seat[] seats = new Seat[rooms.size() * perRoom];
            java.util.concurrent.ExecutorService joins = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                List<java.util.concurrent.Future<?>> done = new ArrayList<>();
                for (int i = 0; i < seats.length; i++) {
                    int seat = i;
                    done.add(joins.submit(() -> {
                        String room = rooms.get(seat % rooms.size());
                        String token = join(room, "m" + seat / rooms.size());
                        seats[seat] = new Seat(Subscribers.request(address(), subscribePath(room),
                                List.of("Authorization: Bearer " + token)), post(room, token));
                    }));
                }
                for (java.util.concurrent.Future<?> join : done) {
                    join.get();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                joins.shutdown();
            }
            return List.of(seats);
        }

        private String join(String room, String username) {
            String joined;
            try {
                joined = HTTP.send(HttpRequest.newBuilder(uri("/api/rooms/" + room + "/members"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(joined);
            if (!token.find()) {
                throw new IllegalStateException("could not join: " + joined);
            }
            return token.group(1);
        }

        private Posters.Format post(String room, String token) {
            return Posters.format("POST", "/api/rooms/" + room + "/messages", "127.0.0.1:" + server.port(),
                    List.of("Authorization: Bearer " + token, "Content-Type: application/json"),
                    payload -> "{\"text\":\"" + payload + "\"}");
        }

        @Override
        public void histogram(Path file) {
            try {
                Process histogram = new ProcessBuilder("jcmd", Long.toString(server.pid()), "GC.class_histogram")
                        .redirectErrorStream(true).redirectOutput(file.toFile()).start();
                histogram.waitFor(120, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public ProcessStats processes() {
            return ProcessStats.ofTree(server.pid());
        }

        @Override
        public long liveHeap() {
            long pid = server.pid();
            try {
                Process gc = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true).start();
                gc.getInputStream().readAllBytes();
                gc.waitFor(60, TimeUnit.SECONDS);
                Process info = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true)
                        .start();
                String text = new String(info.getInputStream().readAllBytes());
                info.waitFor(60, TimeUnit.SECONDS);
                Matcher used = Pattern.compile("used (\\d+)K").matcher(text);
                return used.find() ? Long.parseLong(used.group(1)) * 1024 : 0;
            } catch (IOException e) {
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }

        @Override
        public long droppedSlow() {
            return metric("parley_streams_dropped_slow_total");
        }

        @Override
        public long openStreams() {
            return metric("parley_streams_open");
        }

        private long metric(String name) {
            Double value = ServerMetrics.value(get(uri("/metrics?scope=application")), name, null);
            return value == null ? -1 : value.longValue();
        }

        @Override
        public void close() {
            server.stop();
        }
    }

    /** nchan, the nginx pub/sub module, on its own loopback port with a configuration written here. */
    static final class Nchan implements Target {
        private final Path directory;
        private final int port = freePort();
        private final long pid;

        Nchan(Path directory) {
            this(directory, null);
        }

        /** With Redis servers, its channels live there (nchan_redis_pass), shared with any nchan using them. */
        Nchan(Path directory, List<String> redisServers) {
            this.directory = directory;
            String upstream = redisServers == null ? "" : redisServers.stream()
                    .map(server -> "nchan_redis_server " + server + ";").collect(java.util.stream.Collectors.joining(" ",
                            "upstream redis { ", " }"));
            String pass = redisServers == null ? "" : "nchan_redis_pass redis;";
            try {
                Files.createDirectories(directory.resolve("tmp"));
                Files.writeString(directory.resolve("nginx.conf"), """
                        load_module /usr/lib/nginx/modules/ngx_nchan_module.so;
                        worker_processes auto;
                        worker_rlimit_nofile 19500;
                        pid %1$s/nginx.pid;
                        error_log %1$s/error.log warn;
                        events {
                            worker_connections 19000;
                            multi_accept on;
                        }
                        http {
                            access_log off;
                            # a poster keeps one connection for all its messages (nginx closes it after 1 000)
                            keepalive_requests 10000000;
                            keepalive_timeout 300s;
                            client_body_temp_path %1$s/tmp/body;
                            proxy_temp_path %1$s/tmp/proxy;
                            fastcgi_temp_path %1$s/tmp/fastcgi;
                            uwsgi_temp_path %1$s/tmp/uwsgi;
                            scgi_temp_path %1$s/tmp/scgi;
                            %3$s
                            server {
                                listen 127.0.0.1:%2$d backlog=4096;
                                location ~ ^/sub/(\\w+)$ {
                                    nchan_subscriber eventsource;
                                    nchan_channel_id $1;
                                    %4$s
                                }
                                location ~ ^/pub/(\\w+)$ {
                                    nchan_publisher;
                                    nchan_channel_id $1;
                                    %4$s
                                    nchan_message_buffer_length 1000;
                                    nchan_message_timeout 1h;
                                }
                            }
                        }
                        """.formatted(directory.toAbsolutePath(), port, upstream, pass));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            run(List.of("nginx", "-c", directory.resolve("nginx.conf").toAbsolutePath().toString(), "-p",
                    directory.toAbsolutePath() + "/"), directory.resolve("nginx.log"));
            await("nchan pid", Duration.ofSeconds(30), () -> Files.exists(directory.resolve("nginx.pid")));
            try {
                pid = Long.parseLong(Files.readString(directory.resolve("nginx.pid")).trim());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String name() {
            return "nchan";
        }

        @Override
        public InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", port);
        }

        @Override
        public String subscribePath(String room) {
            return "/sub/" + room.replace('-', '_');
        }

        @Override
        public List<Posters.Format> posters(String room, int count) {
            List<Posters.Format> formats = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                formats.add(Posters.format("POST", "/pub/" + room.replace('-', '_'), "127.0.0.1:" + port,
                        List.of("Content-Type: text/plain"), payload -> payload));
            }
            return formats;
        }

        @Override
        public List<Seat> seats(List<String> rooms, int perRoom) {
            List<Seat> seats = new ArrayList<>();
            for (int i = 0; i < rooms.size() * perRoom; i++) {
                String room = rooms.get(i % rooms.size());
                seats.add(new Seat(Subscribers.request(address(), subscribePath(room), List.of()),
                        posters(room, 1).get(0)));
            }
            return seats;
        }

        @Override
        public ProcessStats processes() {
            return ProcessStats.ofTree(pid);
        }

        @Override
        public long liveHeap() {
            return 0;
        }

        @Override
        public long droppedSlow() {
            return -1;
        }

        @Override
        public long openStreams() {
            return -1;
        }

        @Override
        public void close() {
            ProcessHandle.of(pid).ifPresent(nginx -> {
                nginx.descendants().forEach(ProcessHandle::destroy);
                nginx.destroy();
                nginx.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
        }
    }

    /** What a pair of servers shares: a Redis or a Redis Cluster, as each kind of server names it. */
    interface Backing extends AutoCloseable {
        String parleyUrl();

        /** The {@code nchan_redis_server} lines of nchan's upstream. */
        List<String> nchanServers();

        ProcessStats processes();

        @Override
        void close();
    }

    /** A redis-server of the benchmark's own on a free loopback port, keeping nothing on disk, for both servers alike. */
    static final class Redis implements Backing {
        private final int port = freePort();
        private final Process process;

        Redis(Path directory) {
            try {
                Files.createDirectories(directory);
                process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--dir", directory.toAbsolutePath().toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("redis.log").toFile())).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            await("redis on port " + port, Duration.ofSeconds(30), this::answers);
        }

        @Override
        public String parleyUrl() {
            return "redis://127.0.0.1:" + port;
        }

        @Override
        public List<String> nchanServers() {
            return List.of(parleyUrl());
        }

        @Override
        public ProcessStats processes() {
            return ProcessStats.ofTree(process.pid());
        }

        private boolean answers() {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                byte[] reply = socket.getInputStream().readNBytes(7);
                return "+PONG\r\n".equals(new String(reply, java.nio.charset.StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A Redis Cluster of three primaries, each with a replica (the tests' own, {@link dev.parley.testing.RedisCluster}),
     * keeping nothing on disk. nchan is given every node; it finds the cluster's layout itself.
     */
    static final class Cluster implements Backing {
        private final dev.parley.testing.RedisCluster cluster = dev.parley.testing.RedisCluster.start(
                List.of("--appendonly", "no"));

        @Override
        public String parleyUrl() {
            return cluster.url();
        }

        @Override
        public List<String> nchanServers() {
            return cluster.nodes().stream().map(dev.parley.testing.RedisServer::url).toList();
        }

        @Override
        public ProcessStats processes() {
            return new ProcessStats(cluster.nodes().stream().map(dev.parley.testing.RedisServer::pid).toList());
        }

        @Override
        public void close() {
            cluster.close();
        }
    }

    /**
     * Two servers of one kind on one Redis: posters on the first, every subscriber on the second, so each delivery
     * crosses Redis. CPU and memory are the three processes' together.
     */
    static final class Pair implements Target {
        private final String name;
        private final Backing redis;
        private final Target posting;
        private final Target streaming;

        /** The servers are made from their half's name ("A" or "B") and the shared Redis. */
        Pair(String name, Backing redis, java.util.function.BiFunction<String, Backing, Target> server) {
            this.name = name;
            this.redis = redis;
            posting = server.apply("A", redis);
            streaming = server.apply("B", redis);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean pair() {
            return true;
        }

        @Override
        public InetSocketAddress address() {
            return streaming.address();
        }

        @Override
        public InetSocketAddress postAddress() {
            return posting.address();
        }

        @Override
        public String subscribePath(String room) {
            return streaming.subscribePath(room);
        }

        @Override
        public List<Posters.Format> posters(String room, int count) {
            return posting.posters(room, count);
        }

        @Override
        public List<Seat> seats(List<String> rooms, int perRoom) {
            throw new UnsupportedOperationException("no crowd scenario runs on a pair");
        }

        @Override
        public ProcessStats processes() {
            return posting.processes().and(streaming.processes()).and(redis.processes());
        }

        @Override
        public long liveHeap() {
            return posting.liveHeap() + streaming.liveHeap();
        }

        @Override
        public long droppedSlow() {
            return streaming.droppedSlow();
        }

        @Override
        public long openStreams() {
            return streaming.openStreams();
        }

        @Override
        public void close() {
            try {
                posting.close();
            } finally {
                try {
                    streaming.close();
                } finally {
                    redis.close();
                }
            }
        }
    }
}
