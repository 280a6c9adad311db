package dev.parley.testing;

import java.time.Duration;
import org.awaitility.Awaitility;

/** Parley's own metrics as the server exports them at /metrics, for one deployment. */
public final class ServerMetrics {

    private final Api api;
    private final String application;

    public ServerMetrics(Api api, String application) {
        this.api = api;
        this.application = application;
    }

    /** The whole OpenMetrics text of the application scope. */
    public String text() {
        return api.getServer("metrics?scope=application").body();
    }

    /** A metric's value (a counter's {@code _total}, a gauge), of this deployment; an error when it is not there. */
    public double value(String name) {
        String text = text();
        Double value = value(text, name, application);
        if (value == null) {
            throw new AssertionError("no metric " + name + " of " + application + " in " + text);
        }
        return value;
    }

    /**
     * A metric's value in OpenMetrics text, or null. A test deployment tags its metrics {@code mp_app="<name>"}
     * (mp.metrics.appName, set by {@link Deployments}); lines of other deployments are skipped.
     */
    public static Double value(String text, String name, String application) {
        for (String line : text.split("\n")) {
            boolean named = line.startsWith(name + "{") || line.startsWith(name + " ");
            if (named && (!line.contains("mp_app=") || line.contains("mp_app=\"" + application + "\""))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return null;
    }

    public long count(String name) {
        return (long) value(name);
    }

    public int streamsOpen() {
        return (int) value("parley_streams_open");
    }

    /** Waits until this many streams are open (closed ones are noticed within two probe periods). */
    public void awaitStreamsOpen(int expected, Duration timeout) {
        Awaitility.await("parley_streams_open = " + expected).atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> streamsOpen() == expected);
    }
}
