package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Resident memory and CPU time of a server's processes (a JVM, or nginx's master and workers), from /proc. */
final class ProcessStats {

    private static final double TICKS_PER_SECOND = 100.0;

    private final List<Long> pids;

    ProcessStats(List<Long> pids) {
        this.pids = List.copyOf(pids);
    }

    /** The process and all its descendants. */
    static ProcessStats ofTree(long pid) {
        List<Long> pids = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(handle -> {
            pids.add(handle.pid());
            handle.descendants().forEach(child -> pids.add(child.pid()));
        });
        return new ProcessStats(pids);
    }

    /** These processes and those. */
    ProcessStats and(ProcessStats other) {
        List<Long> all = new ArrayList<>(pids);
        all.addAll(other.pids);
        return new ProcessStats(all);
    }

    long rssBytes() {
        long total = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        total += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException e) {
                // a process that ended holds no memory
            }
        }
        return total;
    }

    /** User plus system CPU seconds so far. */
    double cpuSeconds() {
        return userSeconds() + systemSeconds();
    }

    /** CPU seconds in the process's own code. */
    double userSeconds() {
        return ticks(11);
    }

    /** CPU seconds in the kernel on the process's behalf (on loopback that includes the peer's TCP receive work). */
    double systemSeconds() {
        return ticks(12);
    }

    private double ticks(int field) {
        double total = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += Long.parseLong(fields[field]) / TICKS_PER_SECOND;
            } catch (IOException e) {
                // ended
            }
        }
        return total;
    }

    int openFiles() {
        int total = 0;
        for (long pid : pids) {
            String[] fds = Path.of("/proc", Long.toString(pid), "fd").toFile().list();
            total += fds == null ? 0 : fds.length;
        }
        return total;
    }
}
