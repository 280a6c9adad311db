package dev.parley.testing;

import jakarta.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An event-stream client that parses exactly as the WHATWG EventSource processing model does, and keeps the raw
 * text too, so tests can check both what a browser would see and the bytes on the wire. Waiting methods block
 * until the condition holds or the deadline passes; they never sleep. {@link Event#json}, {@link #texts} and
 * {@link #count} read Parley's own events.
 *
 * <p>Longer than most files: it is a small HTTP/1.1 client and a WHATWG parser, which a reviewer checks against
 * the specification in one read.
 */
public final class EventReader implements AutoCloseable {

    /** A dispatched event: its type, data, the id field of its block (or null) and the last event id after it. */
    public record Event(String type, String data, String id, String lastEventId) {

        /** The data as the JSON object Parley sends. */
        public JsonObject json() {
            return (JsonObject) Api.parse(data);
        }
    }

    /** The texts of the usermessage events among these, in order. */
    public static List<String> texts(List<Event> events) {
        return events.stream().filter(e -> e.type().equals("usermessage")).map(e -> e.json().getString("text")).toList();
    }

    private final Socket socket;
    private final int status;
    private final HttpHeaders headers;
    private final InputStream body;
    private final Object lock = new Object();
    private final List<Event> events = new ArrayList<>();
    private final Map<String, Long> arrivals = new java.util.HashMap<>();
    private final List<String> comments = new ArrayList<>();
    private final List<Long> retries = new ArrayList<>();
    private final StringBuilder raw = new StringBuilder();
    private boolean ended;
    private boolean endedCleanly;
    private int cursor;

    private EventReader(Socket socket, int status, HttpHeaders headers, InputStream body) {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    public static EventReader open(URI uri) {
        return open(uri, Map.of());
    }

    /**
     * Speaks HTTP/1.1 over its own socket, so that {@link #close} surely closes the connection (as a browser tab
     * does) whatever the JDK's HTTP client would do, and a clean end is seen as the final chunk.
     */
    public static EventReader open(URI uri, Map<String, String> extraHeaders) {
        try {
            Socket socket = new Socket(uri.getHost(), uri.getPort());
            socket.setSoTimeout(120_000);
            StringBuilder request = new StringBuilder("GET ").append(uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Accept: text/event-stream\r\n");
            extraHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = line(in);
            Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String field = line(in); !field.isEmpty(); field = line(in)) {
                int colon = field.indexOf(':');
                fields.computeIfAbsent(field.substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(field.substring(colon + 1).trim());
            }
            HttpHeaders headers = HttpHeaders.of(fields, (name, value) -> true);
            InputStream body = headers.firstValue("Transfer-Encoding").orElse("").equalsIgnoreCase("chunked")
                    ? new Chunked(in)
                    : new LimitedStream(in, headers.firstValueAsLong("Content-Length").orElse(0));
            EventReader reader = new EventReader(socket, Integer.parseInt(statusLine.split(" ")[1]), headers, body);
            if (reader.status == 200) {
                Thread thread = new Thread(reader::read, "sse-reader " + uri.getPath());
                thread.setDaemon(true);
                thread.start();
            }
            return reader;
        } catch (IOException e) {
            throw new AssertionError("could not open " + uri, e);
        }
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The body of a refused request. */
    public String errorBody() {
        try {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } finally {
            close();
        }
    }

    public String raw() {
        synchronized (lock) {
            return raw.toString();
        }
    }

    public List<Event> events() {
        synchronized (lock) {
            return List.copyOf(events);
        }
    }

    /** How many events so far are of this type and about this username (userconnect, userdisconnect). */
    public long count(String type, String username) {
        return events().stream().filter(e -> e.type().equals(type) && e.json().getString("username").equals(username))
                .count();
    }

    /** When each event with an id was parsed, in {@link System#nanoTime()}. */
    public Map<String, Long> arrivals() {
        synchronized (lock) {
            return Map.copyOf(arrivals);
        }
    }

    public List<String> comments() {
        synchronized (lock) {
            return List.copyOf(comments);
        }
    }

    public List<Long> retries() {
        synchronized (lock) {
            return List.copyOf(retries);
        }
    }

    /** The next event not yet taken by {@link #next}. */
    public Event next(Duration timeout) {
        synchronized (lock) {
            awaitLocked(() -> events.size() > cursor, timeout, "an event");
            return events.get(cursor++);
        }
    }

    /** Waits for the first event (from the start of the stream) that matches. */
    public Event await(Predicate<Event> matching, Duration timeout, String what) {
        synchronized (lock) {
            awaitLocked(() -> events.stream().anyMatch(matching), timeout, what);
            return events.stream().filter(matching).findFirst().orElseThrow();
        }
    }

    /** Waits until the stream holds this many events in all. */
    public List<Event> awaitCount(int count, Duration timeout) {
        synchronized (lock) {
            awaitLocked(() -> events.size() >= count, timeout, count + " events");
            return List.copyOf(events);
        }
    }

    /** Waits for the {@code retry:} that starts every Parley stream: the stream is registered and live. */
    public void awaitRetry(Duration timeout) {
        synchronized (lock) {
            awaitLocked(() -> !retries.isEmpty(), timeout, "retry");
        }
    }

    public void awaitComment(String comment, Duration timeout) {
        synchronized (lock) {
            awaitLocked(() -> comments.contains(comment), timeout, "comment '" + comment + "'");
        }
    }

    /** Waits until the server ends the stream. */
    public void awaitEnd(Duration timeout) {
        synchronized (lock) {
            awaitLocked(() -> ended, timeout, "the end of the stream");
        }
    }

    /** Whether the server completed the response (a final chunk), rather than the connection being cut. */
    public boolean endedCleanly() {
        synchronized (lock) {
            return endedCleanly;
        }
    }

    public boolean ended() {
        synchronized (lock) {
            return ended;
        }
    }

    private void awaitLocked(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; got " + events
                        + (ended ? " and the stream ended" : ""));
            }
            try {
                lock.wait(Math.max(1, left / 1_000_000), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the headers");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** A chunked body; its end (-1) is the final zero-length chunk, a cut connection is an IOException. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                left = Long.parseLong(size.split(";")[0].trim(), 16);
                if (left == 0) {
                    line(in);
                    done = true;
                    return -1;
                }
            }
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection cut inside a chunk");
            }
            if (--left == 0) {
                line(in);
            }
            return b;
        }
    }

    private static final class LimitedStream extends InputStream {
        private final InputStream in;
        private long left;

        LimitedStream(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            left--;
            return in.read();
        }
    }

    private void read() {
        String lastEventId = "";
        String type = "";
        String id = null;
        StringBuilder data = new StringBuilder();
        boolean hasData = false;
        try (InputStream in = body) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n' && previous == '\r') {
                    previous = b;
                    continue;
                }
                previous = b;
                if (b != '\r' && b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                synchronized (lock) {
                    raw.append(text).append('\n');
                    if (text.isEmpty()) {
                        if (hasData) {
                            String payload = data.toString();
                            events.add(new Event(type.isEmpty() ? "message" : type,
                                    payload.endsWith("\n") ? payload.substring(0, payload.length() - 1) : payload,
                                    id, lastEventId));
                            if (id != null) {
                                arrivals.put(id, System.nanoTime());
                            }
                        }
                        type = "";
                        id = null;
                        data.setLength(0);
                        hasData = false;
                        lock.notifyAll();
                        continue;
                    }
                    if (text.startsWith(":")) {
                        comments.add(text.substring(1).strip());
                        lock.notifyAll();
                        continue;
                    }
                    int colon = text.indexOf(':');
                    String field = colon < 0 ? text : text.substring(0, colon);
                    String value = colon < 0 ? "" : text.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "event" -> type = value;
                        case "data" -> {
                            data.append(value).append('\n');
                            hasData = true;
                        }
                        case "id" -> {
                            if (!value.contains("\0")) {
                                lastEventId = value;
                                id = value;
                            }
                        }
                        case "retry" -> {
                            if (value.matches("\\d+")) {
                                retries.add(Long.parseLong(value));
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
            synchronized (lock) {
                endedCleanly = true;
            }
        } catch (IOException e) {
            // the connection was cut, or closed by this client
        } finally {
            synchronized (lock) {
                ended = true;
                lock.notifyAll();
            }
        }
    }
}
