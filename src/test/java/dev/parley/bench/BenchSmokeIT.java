package dev.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's driver at smoke size against Parley alone, so {@code bench/run} keeps working. Nothing here is
 * timed: it checks that the driver measures what it claims and that Parley delivered every message once, in order:
 * in one room, in a crowd of rooms whose members stream and post (g), and across two servers on one Redis (h).
 */
@Tag("slow")
class BenchSmokeIT {

    @Test
    void theDriverRunsItsScenariosAndParleyDeliversEveryMessageOnceInOrder() throws IOException {
        Path out = Path.of("target/bench-smoke");
        String args = "--quick --servers=parley,parley-redis --scenarios=a,d,e,g,h";
        Map<String, String> options = new java.util.LinkedHashMap<>(Bench.options(args.split(" ")));
        options.put("wlp", System.getProperty("liberty.wlp.home"));
        options.put("war", System.getProperty("parley.war"));
        options.put("out", out.toString());

        List<Bench.Row> rows = Bench.measure(options, args);

        assertEquals(List.of("a", "d", "e", "g", "h"), rows.stream().map(row -> row.scenario().id()).toList());
        assertEquals(List.of("parley", "parley", "parley", "parley", "parley-redis"),
                rows.stream().map(Bench.Row::server).toList());
        for (Bench.Row row : rows) {
            String id = row.scenario().id();
            assertEquals(row.scenario().streams(), row.opened(), id + ": streams opened");
            assertEquals(0, row.failed(), id + ": streams refused");
            assertEquals(0, row.postErrors(), id + ": posts refused");
            assertEquals((long) row.scenario().perStream(row.scenario().messages()) * row.opened(), row.delivered(),
                    id + ": deliveries");
            assertEquals(0, row.lost(), id + ": lost");
            assertEquals(0, row.duplicated(), id + ": duplicated");
            assertEquals(0, row.outOfOrder(), id + ": out of order");
            assertTrue(row.latency().count() > 0, id + ": latencies recorded");
        }
        String stuck = rows.get(2).notes();
        assertTrue(stuck.contains("stuck client dropped after"), stuck);
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("| e (a) plus one client that stops reading"), report);
        assertTrue(report.contains("| h (a) across two servers sharing a Redis | parley-redis |"), report);
    }
}
