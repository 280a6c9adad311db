package dev.parley.streams.control;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventIds;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * An SSE event encoded once (WHATWG format: UTF-8, {@code \n} line ends, a blank line to end it), so a broadcast
 * to thousands of streams shares one byte array. Field values never carry a raw CR or LF: data is split into
 * {@code data:} lines and the single-line fields are stripped of line breaks.
 */
public final class Frame implements OutboundSseEvent {

    static final Frame KEEPALIVE = new Frame(null, null, null, "keepalive", -1, 0);
    /**
     * An empty comment line and no blank line after it: every client ignores it and it dispatches nothing, even
     * between the lines of the next event. Written to an idle stream so that a closed connection is noticed.
     */
    static final Frame PROBE = new Frame(":\n".getBytes(StandardCharsets.UTF_8));
    static final Frame RESYNC = new Frame(null, "resync", "{\"reason\":\"history-truncated\"}", null, -1, 0);
    /** What every stream is told when the store lost its data (docs/API.md, "The event stream", 8). */
    static final Frame STORE_LOST = new Frame(null, "resync", "{\"reason\":\"store-lost\"}", null, -1, 0);

    private final String id;
    private final String name;
    private final String data;
    private final String comment;
    private final long retryMillis;
    private final long epochMillis;
    private final byte[] bytes;
    // parsed once for all the streams that compare it with what they delivered last
    private final EventIds.Position position;

    private Frame(String id, String name, String data, String comment, long retryMillis, long epochMillis) {
        this.id = id;
        this.name = name;
        this.data = data;
        this.comment = comment;
        this.retryMillis = retryMillis;
        this.epochMillis = epochMillis;
        this.bytes = encode().getBytes(StandardCharsets.UTF_8);
        this.position = EventIds.Position.of(id);
    }

    private Frame(byte[] raw) {
        this.id = null;
        this.name = null;
        this.data = null;
        this.comment = "";
        this.retryMillis = -1;
        this.epochMillis = 0;
        this.bytes = raw;
        this.position = null;
    }

    public static Frame of(ChatEvent event, Jsonb jsonb) {
        return new Frame(event.id(), event.type().wireName(), jsonb.toJson(event), null, -1,
                event.time().toEpochMilli());
    }

    static Frame retry(long millis) {
        return new Frame(null, null, null, null, millis, 0);
    }

    /** Any other event handed to a sink, encoded the same way. */
    static Frame of(OutboundSseEvent event) {
        if (event instanceof Frame frame) {
            return frame;
        }
        return new Frame(event.getId(), event.getName(), event.getData() == null ? null : event.getData().toString(),
                event.getComment(), event.isReconnectDelaySet() ? event.getReconnectDelay() : -1, 0);
    }

    byte[] bytes() {
        return bytes;
    }

    /** Where the id stands in the order of events; null without a well-formed id. */
    EventIds.Position position() {
        return position;
    }

    /** When the chat event happened, for delivery latency; 0 for frames that are not chat events. */
    long epochMillis() {
        return epochMillis;
    }

    private String encode() {
        StringBuilder out = new StringBuilder(64 + (data == null ? 0 : data.length()));
        if (comment != null) {
            lines(out, ": ", comment);
        }
        if (id != null) {
            out.append("id: ").append(singleLine(id)).append('\n');
        }
        if (name != null) {
            out.append("event: ").append(singleLine(name)).append('\n');
        }
        if (retryMillis >= 0) {
            out.append("retry: ").append(retryMillis).append('\n');
        }
        if (data != null) {
            lines(out, "data: ", data);
        }
        return out.append('\n').toString();
    }

    /**
     * One field line per line of the value, which may end in CRLF, CR or LF (an empty value is one empty line).
     * By hand rather than by a regex split: every chat event is encoded here, a thousand a second at (g).
     */
    private static void lines(StringBuilder out, String field, String value) {
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                out.append(field).append(value, start, i).append('\n');
                if (c == '\r' && i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.append(field).append(value, start, value.length()).append('\n');
    }

    private static String singleLine(String value) {
        // a NUL in an id makes clients ignore it; a line break would end the field
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                return value.replaceAll("[\r\n\0]", "");
            }
        }
        return value;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getComment() {
        return comment;
    }

    @Override
    public long getReconnectDelay() {
        return retryMillis;
    }

    @Override
    public boolean isReconnectDelaySet() {
        return retryMillis >= 0;
    }

    @Override
    public Class<?> getType() {
        return String.class;
    }

    @Override
    public Type getGenericType() {
        return String.class;
    }

    @Override
    public MediaType getMediaType() {
        return MediaType.APPLICATION_JSON_TYPE;
    }

    @Override
    public Object getData() {
        return data;
    }
}
