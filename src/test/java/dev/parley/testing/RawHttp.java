package dev.parley.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP as a hostile or broken client speaks it: exactly the bytes given, on a socket of their own, and whatever
 * comes back, read to the end of its body (by its length, its chunks, or the connection's end). Nothing is
 * corrected on the way, unlike the JDK's client, which refuses to send most of what these tests need to send.
 */
public final class RawHttp {

    private final String host;
    private final int port;

    public RawHttp(URI server) {
        this.host = server.getHost();
        this.port = server.getPort();
    }

    /** A response; status 0 when the server closed the connection without an answer, -1 when it sent none in time. */
    public record Response(int status, Map<String, List<String>> headers, String body, String raw) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public String contentType() {
            String type = header("Content-Type");
            return type == null ? "" : type;
        }
    }

    /** The Host header this server would expect, for requests written by hand. */
    public String hostHeader() {
        return host + ":" + port;
    }

    public Response send(String request) {
        return send(request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(15));
    }

    public Response send(byte[] request, Duration timeout) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response from a connection the caller keeps (and may keep writing to, byte by byte). */
    public static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        String statusLine;
        try {
            statusLine = line(in, raw);
        } catch (SocketTimeoutException e) {
            return new Response(-1, Map.of(), "", raw.toString(StandardCharsets.ISO_8859_1));
        }
        if (statusLine == null) {
            return new Response(0, Map.of(), "", "");
        }
        Map<String, List<String>> headers = new TreeMap<>();
        for (String field = line(in, raw); field != null && !field.isEmpty(); field = line(in, raw)) {
            int colon = field.indexOf(':');
            headers.computeIfAbsent(field.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(field.substring(colon + 1).strip());
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> length = headers.get("content-length");
        List<String> encoding = headers.get("transfer-encoding");
        if (status == 204 || status == 304) {
            // no body
        } else if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            for (long size = chunkSize(in, raw); size > 0; size = chunkSize(in, raw)) {
                body.write(in.readNBytes((int) size));
                line(in, raw);
            }
            line(in, raw);
        } else if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length.get(0))));
        } else {
            try {
                body.write(in.readAllBytes());
            } catch (SocketTimeoutException e) {
                // no length and kept open: what came is the body
            }
        }
        String text = body.toString(StandardCharsets.UTF_8);
        return new Response(status, headers, text, raw.toString(StandardCharsets.ISO_8859_1) + text);
    }

    private static long chunkSize(InputStream in, ByteArrayOutputStream raw) throws IOException {
        String size = line(in, raw);
        return size == null ? 0 : Long.parseLong(size.split(";")[0].strip(), 16);
    }

    private static String line(InputStream in, ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        for (; b >= 0 && b != '\n'; b = in.read()) {
            raw.write(b);
            if (b != '\r') {
                line.write(b);
            }
        }
        raw.write('\n');
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
