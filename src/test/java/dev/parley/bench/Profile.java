package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Attributes a JFR recording's CPU samples to who owns the code: Parley, RESTEasy, Liberty's HTTP and TCP channels
 * and servlet layer, Weld, the JDK. "Self" counts the frame on top of each sample, "inclusive" each owner found
 * anywhere on its stack (once per sample). Run by {@code bench/profile recording.jfr}; docs/benchmarks.md shows how
 * the recordings were taken and what they said.
 */
public final class Profile {

    private static final int TOP = 25;

    private Profile() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> methods = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            String top = name(frames.get(0));
            self.merge(owner(top), 1, Integer::sum);
            methods.merge(top, 1, Integer::sum);
            Set<String> owners = new HashSet<>();
            frames.forEach(frame -> owners.add(owner(name(frame))));
            owners.forEach(owner -> inclusive.merge(owner, 1, Integer::sum));
        }
        System.out.printf(Locale.ROOT, "%d CPU samples%n%n| owner | self | inclusive |%n|---|---|---|%n", samples);
        int all = Math.max(1, samples);
        sorted(self).forEach((owner, count) -> System.out.printf(Locale.ROOT, "| %s | %.1f %% | %.1f %% |%n", owner,
                count * 100.0 / all, inclusive.getOrDefault(owner, 0) * 100.0 / all));
        System.out.printf(Locale.ROOT, "%n| method (self) | share |%n|---|---|%n");
        sorted(methods).entrySet().stream().limit(TOP).forEach(entry -> System.out.printf(Locale.ROOT,
                "| `%s` | %.1f %% |%n", entry.getKey(), entry.getValue() * 100.0 / all));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    static String owner(String method) {
        String[][] owners = {
                {"dev.parley.", "Parley"},
                {"org.jboss.resteasy.", "RESTEasy"},
                {"org.jboss.weld.", "Weld"},
                {"org.hibernate.validator.", "Bean Validation"},
                {"org.eclipse.yasson.", "JSON-B/JSON-P"},
                {"org.eclipse.parsson.", "JSON-B/JSON-P"},
                {"io.lettuce.", "Lettuce/Netty"},
                {"io.netty.", "Lettuce/Netty"},
                {"com.ibm.ws.http.", "Liberty HTTP channel"},
                {"com.ibm.ws.genericbnf.", "Liberty HTTP channel"},
                {"com.ibm.ws.tcpchannel.", "Liberty TCP channel"},
                {"com.ibm.ws.channelfw.", "Liberty TCP channel"},
                {"com.ibm.ws.bytebuffer.", "Liberty TCP channel"},
                {"com.ibm.ws.webcontainer", "Liberty servlet layer"},
                {"com.ibm.wsspi.webcontainer", "Liberty servlet layer"},
                {"com.ibm.", "Liberty, other"},
                {"io.openliberty.", "Liberty, other (metrics, telemetry)"},
                {"io.smallrye.", "MicroProfile (SmallRye)"},
                {"io.opentelemetry.", "MicroProfile (SmallRye)"},
                {"java.util.concurrent.", "JDK concurrency"},
                {"sun.nio.", "JDK NIO"},
                {"java.nio.", "JDK NIO"},
                {"java.", "JDK, other"},
                {"jdk.", "JDK, other"},
                {"sun.", "JDK, other"}};
        for (String[] owner : owners) {
            if (method.startsWith(owner[0])) {
                return owner[1];
            }
        }
        return "other";
    }

    private static Map<String, Integer> sorted(Map<String, Integer> counts) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }
}
