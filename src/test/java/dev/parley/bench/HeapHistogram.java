package dev.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A class histogram of a server's live heap ({@code jcmd GC.class_histogram}, after a full collection), and what
 * opening streams added to it, attributed to who owns the classes: Parley, RESTEasy, Liberty's web container and
 * channels, Weld, or plain JDK types (byte arrays, strings, maps) that any of them may hold.
 */
final class HeapHistogram {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final int TOP = 25;

    /** Instances and bytes, by class name. */
    private final Map<String, long[]> classes;

    private HeapHistogram(Map<String, long[]> classes) {
        this.classes = classes;
    }

    static HeapHistogram take(Targets.Target target, Path file) {
        target.histogram(file);
        Map<String, long[]> classes = new HashMap<>();
        try {
            for (String line : Files.exists(file) ? Files.readAllLines(file) : List.<String>of()) {
                Matcher row = ROW.matcher(line);
                if (row.find()) {
                    classes.merge(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
                            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HeapHistogram(classes);
    }

    static String owner(String className) {
        if (className.startsWith("dev.parley.")) {
            return "Parley";
        }
        if (className.startsWith("org.jboss.resteasy.")) {
            return "RESTEasy";
        }
        if (className.startsWith("com.ibm.") || className.startsWith("io.openliberty.")) {
            return "Liberty";
        }
        if (className.startsWith("org.jboss.weld.")) {
            return "Weld";
        }
        if (className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("[")) {
            return "JDK types";
        }
        return "other libraries";
    }

    /**
     * What the heap grew by from {@code before}, per stream: writes the owners' totals and the top classes to
     * {@code summary} (Markdown), and returns the owners' totals in one line.
     */
    String growthPerStream(HeapHistogram before, int streams, Path summary) {
        Map<String, long[]> growth = new HashMap<>();
        classes.forEach((name, after) -> {
            long[] was = before.classes.getOrDefault(name, new long[2]);
            growth.put(name, new long[] {after[0] - was[0], after[1] - was[1]});
        });
        Map<String, Long> byOwner = new LinkedHashMap<>();
        for (String owner : List.of("Parley", "RESTEasy", "Liberty", "Weld", "other libraries", "JDK types")) {
            byOwner.put(owner, 0L);
        }
        growth.forEach((name, grew) -> byOwner.merge(owner(name), grew[1], Long::sum));
        List<Map.Entry<String, long[]>> top = new ArrayList<>(growth.entrySet());
        top.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));

        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Live heap added by %d open streams, per stream, by owner of the class:%n%n| owner | bytes/stream |%n|---|---|%n",
                streams));
        byOwner.forEach((owner, bytes) -> out.append(String.format(Locale.ROOT, "| %s | %.0f |%n", owner,
                bytes / (double) streams)));
        out.append(String.format(Locale.ROOT, "%n| class | owner | instances/stream | bytes/stream |%n|---|---|---|---|%n"));
        for (Map.Entry<String, long[]> entry : top.subList(0, Math.min(TOP, top.size()))) {
            out.append(String.format(Locale.ROOT, "| `%s` | %s | %.2f | %.0f |%n", entry.getKey(), owner(entry.getKey()),
                    entry.getValue()[0] / (double) streams, entry.getValue()[1] / (double) streams));
        }
        try {
            Files.writeString(summary, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder line = new StringBuilder("heap per stream by owner:");
        byOwner.forEach((owner, bytes) -> line.append(String.format(Locale.ROOT, " %s %.1f KB,", owner,
                bytes / (double) streams / 1024)));
        return line.substring(0, line.length() - 1) + " (" + summary.getFileName() + ")";
    }
}
