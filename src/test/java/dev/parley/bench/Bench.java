package dev.parley.bench;

import dev.parley.testing.LibertyServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/**
 * Parley against nchan, in one run, on the same scenarios: see docs/benchmarks.md. Started by {@code bench/run},
 * which builds Parley first; {@code --quick} runs every scenario at smoke size.
 *
 * <p>Longer than most files: the scenarios, their measurement and the report are read together when a figure in
 * docs/benchmarks.md is questioned, so they stay side by side.
 */
public final class Bench {

    /** A step of a scenario: this many messages at this rate (0: as fast as the posters go). */
    record Step(double rate, int messages) {
    }

    /**
     * What a scenario asks of a server. {@code rooms} above 1 makes it a crowd: {@code streams / rooms} members in
     * each room, each streaming and posting in turn over {@code posters} connections. {@code pair}: run on two
     * servers sharing a Redis, posting to one and streaming from the other.
     */
    record Scenario(String id, String title, int streams, int posters, List<Step> steps, boolean stuck, int rooms,
                    boolean pair) {

        Scenario(String id, String title, int streams, int posters, List<Step> steps, boolean stuck) {
            this(id, title, streams, posters, steps, stuck, 1, false);
        }

        static Scenario crowd(String id, String title, int rooms, int members, int connections, Step step) {
            return new Scenario(id, title, rooms * members, connections, List.of(step), false, rooms, false);
        }

        static Scenario pair(String id, String title, int streams, List<Step> steps) {
            return new Scenario(id, title, streams, 1, steps, false, 1, true);
        }

        int messages() {
            return steps.stream().mapToInt(Step::messages).sum();
        }

        /** Of so many messages published, how many each stream gets: its own room's. */
        int perStream(int published) {
            return published / rooms;
        }
    }

    /** What one scenario measured on one server. */
    record Row(Scenario scenario, String server, long delivered, double seconds, Histogram latency, long lost,
               long duplicated, long outOfOrder, double memoryPerStreamKb, double serverCpuPercent, int opened,
               int failed, long postErrors, String notes, Histogram[] steps, double[] stepSeconds) {

        double deliveriesPerSecond() {
            return seconds > 0 ? delivered / seconds : 0;
        }
    }

    private static final int WARM_UP_ROUNDS = 3;
    private static final int OVERFLOW_BATCH = 250;
    private static final int OVERFLOW_LIMIT = 20_000;

    private Bench() {
    }

    static List<Scenario> scenarios(boolean quick) {
        if (quick) {
            return List.of(
                    new Scenario("a", "100 streams, 10 msg/s", 100, 1, List.of(new Step(10, 30)), false),
                    new Scenario("b", "500 streams, 5 msg/s", 500, 1, List.of(new Step(5, 15)), false),
                    new Scenario("c", "most deliveries/s with p99 < 1 s", 200, 1,
                            List.of(new Step(20, 40), new Step(50, 100)), false),
                    new Scenario("d", "10 posters to 5 watchers", 5, 10, List.of(new Step(0, 200)), false),
                    new Scenario("e", "(a) plus one client that stops reading", 100, 1, List.of(new Step(10, 30)), true),
                    new Scenario("a2", "(a') 200 streams, 2 msg/s", 200, 1, List.of(new Step(2, 10)), false),
                    Scenario.crowd("g", "chat: 50 rooms × 4 members", 50, 4, 4, new Step(100, 400)),
                    Scenario.pair("h", "(a) across two servers sharing a Redis", 100, List.of(new Step(10, 30))),
                    Scenario.pair("hr", "(c) across two servers sharing a Redis", 200,
                            List.of(new Step(20, 40), new Step(50, 100))));
        }
        List<Step> ramp = new ArrayList<>();
        for (int rate : new int[] {10, 20, 40, 60, 80, 100, 150, 200, 300, 400, 600, 800, 1000, 1200, 1600}) {
            ramp.add(new Step(rate, rate * 6));
        }
        return List.of(
                new Scenario("a", "1 000 streams, 20 msg/s", 1_000, 1, List.of(new Step(20, 400)), false),
                new Scenario("b", "10 000 streams, 2 msg/s", 10_000, 1, List.of(new Step(2, 60)), false),
                new Scenario("c", "most deliveries/s with p99 < 1 s (2 000 streams, rising rate)", 2_000, 1, ramp, false),
                new Scenario("d", "50 posters to 10 watchers", 10, 50, List.of(new Step(0, 5_000)), false),
                new Scenario("e", "(a) plus one client that stops reading", 1_000, 1, List.of(new Step(20, 400)), true),
                new Scenario("f", "19 000 streams held, 1 msg/s", 19_000, 1, List.of(new Step(1, 10)), false),
                new Scenario("a2", "(a') 5 000 streams, 2 msg/s", 5_000, 1, List.of(new Step(2, 60)), false),
                // each member posts every 10 s: 1 000 posts and 10 000 deliveries a second, for a minute
                Scenario.crowd("g", "chat: 1 000 rooms × 10 members, each posting every 10 s", 1_000, 10, 20,
                        new Step(1_000, 60_000)),
                Scenario.pair("h", "(a) across two servers sharing a Redis", 1_000, List.of(new Step(20, 400))),
                Scenario.pair("hr", "(c) across two servers sharing a Redis: most deliveries/s with p99 < 1 s", 2_000,
                        ramp));
    }

    public static void main(String[] args) throws IOException {
        measure(options(args), String.join(" ", args));
    }

    /** Runs the scenarios on the servers the options name, prints each row and the report, and returns the rows. */
    static List<Row> measure(Map<String, String> options, String args) throws IOException {
        boolean quick = options.containsKey("quick");
        Set<String> only = Set.of(options.getOrDefault("scenarios", "a,b,c,d,e,f,a2,g,h,hr").split(","));
        List<String> servers = List.of(options.getOrDefault("servers",
                "parley,nchan,parley-redis,nchan-redis,parley-cluster,nchan-cluster").split(","));
        Path logs = Files.createDirectories(Path.of(options.getOrDefault("out", "target/bench")));

        List<Row> rows = new ArrayList<>();
        for (String server : servers) {
            // a pair runs the pair scenarios, a single server the others
            boolean pair = server.endsWith("-redis") || server.endsWith("-cluster");
            List<Scenario> scenarios = scenarios(quick).stream()
                    .filter(scenario -> only.contains(scenario.id()) && scenario.pair() == pair).toList();
            if (scenarios.isEmpty()) {
                continue;
            }
            try (Targets.Target target = start(server, options, logs)) {
                warmUp(target, quick);
                for (Scenario scenario : scenarios) {
                    Row row = run(target, scenario, logs);
                    rows.add(row);
                    System.out.println(line(row));
                    settle(target);
                }
            }
        }
        String report = report(rows, quick, args);
        Files.writeString(logs.resolve("report.md"), report);
        System.out.println();
        System.out.println(report);
        return rows;
    }

    static Targets.Target start(String server, Map<String, String> options, Path logs) {
        LibertyServer.Installation parley = new LibertyServer.Installation(
                Path.of(options.getOrDefault("wlp", "target/liberty/wlp")),
                Path.of(options.getOrDefault("war", "target/parley.war")), Path.of("server.xml"),
                Path.of("src/main/liberty/jvm.options"));
        return switch (server) {
            case "parley" -> new Targets.Parley(parley);
            case "nchan" -> new Targets.Nchan(logs.resolve("nchan"));
            case "parley-redis", "parley-cluster" -> new Targets.Pair(server, backing(server, logs),
                    (half, redis) -> new Targets.Parley(parley, "parleyBench" + half,
                            Map.of("PARLEY_BACKPLANE", "redis", "PARLEY_REDIS_URL", redis.parleyUrl())));
            case "nchan-redis", "nchan-cluster" -> new Targets.Pair(server, backing(server, logs),
                    (half, redis) -> new Targets.Nchan(logs.resolve(server).resolve("nchan" + half), redis.nchanServers()));
            default -> throw new IllegalArgumentException("unknown server " + server);
        };
    }

    /** What a pair shares: one Redis, or a Redis Cluster of three primaries with a replica each. */
    static Targets.Backing backing(String server, Path logs) {
        return server.endsWith("-cluster") ? new Targets.Cluster() : new Targets.Redis(logs.resolve(server).resolve("redis"));
    }

    /**
     * Compiles the hot paths before anything is measured (Parley's JIT; nchan needs none but gets the same). With
     * one 30 s round, C2 was still compiling through (a), the first scenario, which took twice the CPU of the same
     * load run later; three rounds, each opening its streams anew, leave the compiler idle.
     */
    static void warmUp(Targets.Target target, boolean quick) {
        for (int round = 0; round < (quick ? 1 : WARM_UP_ROUNDS); round++) {
            run(target, new Scenario("w", "warm-up", quick ? 300 : 1_000, 2,
                    List.of(new Step(100, quick ? 600 : 3_000)), false), null);
            settle(target);
        }
    }

    /** Lets the server let go of the last scenario's streams before the next one measures memory. */
    static void settle(Targets.Target target) {
        if (target.openStreams() >= 0) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (target.openStreams() > 0 && System.nanoTime() < deadline) {
                pause(500);
            }
        }
        pause(2000);
    }

    /** Runs one scenario; with a folder for them, the server's heap histogram at (b) is written there. */
    static Row run(Targets.Target target, Scenario scenario, Path logs) {
        String room = "bench-" + scenario.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < scenario.rooms(); i++) {
            rooms.add(scenario.rooms() == 1 ? room : room + "-" + i);
        }
        List<Targets.Seat> seats = scenario.rooms() > 1 ? target.seats(rooms, scenario.streams() / scenario.rooms()) : null;
        List<Posters.Format> formats = seats == null ? target.posters(room, scenario.posters())
                : seats.stream().map(Targets.Seat::post).toList();
        ProcessStats processes = target.processes();
        long heapBefore = target.liveHeap();
        // at (b), 10 000 streams: what each costs, class by class
        HeapHistogram classesBefore = logs != null && scenario.id().equals("b") && heapBefore > 0
                ? HeapHistogram.take(target, logs.resolve("histogram-b-before-" + target.name() + ".txt")) : null;
        long rssBefore = processes.rssBytes();
        int threads = scenario.streams() >= 2_000 ? 2 : 1;
        long droppedBefore = target.droppedSlow();
        try (Subscribers subscribers = seats == null
                ? new Subscribers(target.address(), target.subscribePath(room), threads, scenario.messages())
                : new Subscribers(target.address(), i -> seats.get(i).subscribe(), threads, scenario.messages())) {
            subscribers.open(scenario.streams(), 250, Duration.ofMinutes(5));
            Socket stuck = scenario.stuck() ? stuck(target, room) : null;
            pause(1500);
            long heapAfter = target.liveHeap();
            long rssAfter = processes.rssBytes();
            int opened = Math.max(1, subscribers.opened());
            double memoryPerStream = ((rssAfter - rssBefore) + (heapAfter - heapBefore)) / (double) opened / 1024.0;
            String memory = heapAfter > 0 ? String.format(Locale.ROOT, "memory: %.1f KB heap + %.1f KB native",
                    (heapAfter - heapBefore) / (double) opened / 1024.0, (rssAfter - rssBefore) / (double) opened / 1024.0) : "";
            if (classesBefore != null) {
                memory += "; " + HeapHistogram.take(target, logs.resolve("histogram-b-" + target.name() + ".txt"))
                        .growthPerStream(classesBefore, opened, logs.resolve("histogram-b-" + target.name() + ".md"));
            }

            Posters posters = seats == null ? new Posters(target.postAddress(), formats)
                    : Posters.crowd(target.postAddress(), formats, scenario.rooms(), scenario.posters());
            double userBefore = processes.userSeconds();
            double systemBefore = processes.systemSeconds();
            long start = System.nanoTime();
            int published = 0;
            double[] stepSeconds = new double[scenario.steps().size()];
            for (int step = 0; step < scenario.steps().size(); step++) {
                Step s = scenario.steps().get(step);
                long stepStart = System.nanoTime();
                posters.publish(s.messages(), s.rate(), step);
                published += s.messages();
                // a rising ramp ends where the server cannot catch up within two seconds
                if (scenario.steps().size() > 1) {
                    long goal = (long) scenario.perStream(published) * subscribers.opened();
                    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                    while (subscribers.delivered() < goal && System.nanoTime() < deadline) {
                        pause(20);
                    }
                    stepSeconds[step] = (System.nanoTime() - stepStart) / 1e9;
                    if (subscribers.delivered() < goal) {
                        break;
                    }
                }
            }
            subscribers.awaitAll(scenario.perStream(published), Duration.ofSeconds(30));
            double seconds = (System.nanoTime() - start) / 1e9;
            double user = (processes.userSeconds() - userBefore) / seconds * 100;
            double system = (processes.systemSeconds() - systemBefore) / seconds * 100;
            double cpu = user + system;
            Subscribers.Result result = subscribers.result(scenario.steps().size(), scenario.perStream(published));

            String notes = String.format(Locale.ROOT, "CPU %.0f%% user + %.0f%% system", user, system)
                    + (memory.isEmpty() ? "" : "; " + memory);
            if (subscribers.endedByServer() > 0) {
                notes += (notes.isEmpty() ? "" : "; ") + subscribers.endedByServer() + " streams ended by the server";
            }
            if (stuck != null) {
                subscribers.close();
                notes += "; " + overflow(target, posters, stuck, droppedBefore);
            }
            return new Row(scenario, target.name(), result.delivered, seconds, result.all(), result.lost,
                    result.duplicated, result.outOfOrder, memoryPerStream, cpu, subscribers.opened(),
                    subscribers.failed(), posters.errors(), notes, result.latency, stepSeconds);
        }
    }

    /**
     * After (e)'s measured part, with the healthy streams gone: 400 small events fit in the socket buffers, so the
     * stuck client has not cost the server anything yet. Posting on until the server drops it shows the bound holds,
     * and the heap before and after shows what the stuck stream cost.
     */
    static String overflow(Targets.Target target, Posters posters, Socket stuck, long droppedBefore) {
        try {
            if (target.droppedSlow() < 0) {
                return "stuck client: the server does not report drops";
            }
            // a write to each closed healthy stream lets the server notice it has gone
            posters.publish(1, 0, 0);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (target.openStreams() > 1 && System.nanoTime() < deadline) {
                pause(200);
            }
            long heapBefore = target.liveHeap();
            int posted = 1;
            while (target.droppedSlow() == droppedBefore && posted < OVERFLOW_LIMIT) {
                posters.publish(OVERFLOW_BATCH, 0, 0);
                posted += OVERFLOW_BATCH;
            }
            if (target.droppedSlow() == droppedBefore) {
                return "stuck client not dropped after " + posted + " more messages";
            }
            long heapAfter = target.liveHeap();
            return String.format(Locale.ROOT, "stuck client dropped after %d more messages, live heap %+.1f MB",
                    posted, (heapAfter - heapBefore) / 1048576.0);
        } finally {
            close(stuck);
        }
    }

    /** A client that asks for the stream and never reads it, with as small a receive buffer as the OS allows. */
    static Socket stuck(Targets.Target target, String room) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(target.address());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target.subscribePath(room) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The most deliveries per second of a ramp's steps that every stream got in full with p99 under a second:
     * what was delivered over how long the step took, posting included (a server slow to answer its posters
     * gets fewer messages per second than the step asks for, and that counts against it).
     */
    static double sustained(Row row) {
        double best = 0;
        for (int i = 0; i < row.steps().length; i++) {
            Step step = row.scenario().steps().get(i);
            Histogram latency = row.steps()[i];
            boolean complete = latency != null && latency.count() >= (long) step.messages() * row.opened();
            if (!complete || latency.percentileMillis(0.99) >= 1000 || row.stepSeconds()[i] <= 0) {
                break;
            }
            best = Math.max(best, (double) step.messages() * row.opened() / row.stepSeconds()[i]);
        }
        return best;
    }

    static String line(Row row) {
        return String.format(Locale.ROOT, "%s %-6s %s: %d/%d streams, %d deliveries in %.1f s (%.0f/s), p50 %.1f p95 %.1f "
                        + "p99 %.1f max %.1f ms, lost %d dup %d ooo %d, %.1f KB/stream, server CPU %.0f%%, post errors %d %s",
                row.scenario().id(), row.server(), row.scenario().title(), row.opened(), row.scenario().streams(),
                row.delivered(), row.seconds(), row.deliveriesPerSecond(), row.latency().percentileMillis(0.5),
                row.latency().percentileMillis(0.95), row.latency().percentileMillis(0.99), row.latency().maxMillis(),
                row.lost(), row.duplicated(), row.outOfOrder(), row.memoryPerStreamKb(), row.serverCpuPercent(),
                row.postErrors(), row.notes());
    }

    static String report(List<Row> rows, boolean quick, String args) {
        StringBuilder out = new StringBuilder();
        out.append("Run of ").append(LocalDate.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(ManagementFactory.getOperatingSystemMXBean().getName())
                .append(quick ? ", smoke size" : "").append(args.isEmpty() ? "" : ", options: " + args).append("\n\n");
        out.append("| scenario | server | streams | deliveries | deliveries/s | p50 ms | p95 ms | p99 ms | max ms | lost "
                + "| dup | out of order | memory/stream KB | server CPU | CPU ms / 1 000 deliveries | notes |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s %s | %s | %d | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %d "
                            + "| %d | %.1f | %.0f%% | %.1f | %s |\n",
                    row.scenario().id(), row.scenario().title(), row.server(), row.opened(), row.delivered(),
                    row.scenario().steps().size() > 1 ? sustained(row) : row.deliveriesPerSecond(),
                    row.latency().percentileMillis(0.5), row.latency().percentileMillis(0.95),
                    row.latency().percentileMillis(0.99), row.latency().maxMillis(), row.lost(), row.duplicated(),
                    row.outOfOrder(), row.memoryPerStreamKb(), row.serverCpuPercent(), cpuPerThousand(row),
                    row.notes()));
        }
        // Parley against nchan, each single server against the other and each pair against the other
        Map<String, Row> parley = new LinkedHashMap<>();
        Map<String, Row> nchan = new LinkedHashMap<>();
        // keyed by scenario and what the servers share: "a", "h-redis", "h-cluster"
        rows.forEach(row -> (row.server().startsWith("parley") ? parley : nchan).put(row.scenario().id()
                + row.server().replaceFirst("^(parley|nchan)", ""), row));
        ToDoubleFunction<Row> p99 = row -> row.latency().percentileMillis(0.99);
        out.append("\nParley / nchan:\n\n");
        ratio(out, "p99 latency at (a)", parley.get("a"), nchan.get("a"), p99, "≤ 1.0");
        ratio(out, "p99 latency at (a')", parley.get("a2"), nchan.get("a2"), p99, "≤ 1.0");
        ratio(out, "p99 latency at (b)", parley.get("b"), nchan.get("b"), p99, "≤ 1.0");
        ratio(out, "p99 latency at (g)", parley.get("g"), nchan.get("g"), p99, "≤ 1.0");
        ratio(out, "cross-server p99 latency at (h), one Redis", parley.get("h-redis"), nchan.get("h-redis"), p99, "≤ 1.0");
        ratio(out, "cross-server p99 latency at (h), Redis Cluster", parley.get("h-cluster"), nchan.get("h-cluster"), p99,
                "≤ 1.0");
        ratio(out, "CPU ms per 1 000 deliveries at (a)", parley.get("a"), nchan.get("a"), Bench::cpuPerThousand, "≤ 1.5");
        ratio(out, "CPU ms per 1 000 deliveries at (b)", parley.get("b"), nchan.get("b"), Bench::cpuPerThousand, "≤ 1.5");
        ratio(out, "CPU ms per 1 000 deliveries at (g)", parley.get("g"), nchan.get("g"), Bench::cpuPerThousand, "≤ 1.5");
        ratio(out, "sustained deliveries/s at (c)", parley.get("c"), nchan.get("c"), Bench::sustained, "≥ 1.0");
        ratio(out, "sustained deliveries/s across one Redis (hr)", parley.get("hr-redis"), nchan.get("hr-redis"),
                Bench::sustained, "≥ 1.0");
        ratio(out, "sustained deliveries/s across a Redis Cluster (hr)", parley.get("hr-cluster"),
                nchan.get("hr-cluster"), Bench::sustained, "≥ 1.0");
        ratio(out, "memory per open stream at (b)", parley.get("b"), nchan.get("b"), Row::memoryPerStreamKb, "≤ 2.0");
        if (parley.containsKey("a") && parley.containsKey("e")) {
            double before = parley.get("a").latency().percentileMillis(0.99);
            double after = parley.get("e").latency().percentileMillis(0.99);
            out.append(String.format(Locale.ROOT, "- Parley p99 with a stuck client (e) against (a): %.1f ms vs %.1f ms "
                    + "(%+.0f %%; target ≤ +10 %%); %s%n", after, before, (after / before - 1) * 100, parley.get("e").notes()));
        }
        return out.toString();
    }

    /** Server CPU milliseconds (user and system) spent per 1 000 deliveries. */
    static double cpuPerThousand(Row row) {
        return row.delivered() > 0 ? row.serverCpuPercent() / 100 * row.seconds() / row.delivered() * 1_000_000 : 0;
    }

    private static void ratio(StringBuilder out, String what, Row parley, Row nchan, ToDoubleFunction<Row> value,
                              String target) {
        if (parley == null || nchan == null) {
            return;
        }
        double p = value.applyAsDouble(parley);
        double n = value.applyAsDouble(nchan);
        out.append(String.format(Locale.ROOT, "- %s: %.2f (%.4g vs %.4g; target %s)%n", what, p / n, p, n, target));
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            String name = arg.replaceFirst("^--", "");
            int equals = name.indexOf('=');
            options.put(equals < 0 ? name : name.substring(0, equals), equals < 0 ? "" : name.substring(equals + 1));
        }
        return options;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // gone
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
