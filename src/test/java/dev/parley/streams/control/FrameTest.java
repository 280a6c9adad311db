package dev.parley.streams.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventType;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FrameTest {

    private static String text(Frame frame) {
        return new String(frame.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void encodesAChatEventAsIdEventAndOneDataLine() throws Exception {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            ChatEvent event = new ChatEvent("lobby", "17", EventType.USERMESSAGE, "bob",
                    Instant.parse("2026-11-21T02:33:48.123Z"), "two\nlines\r\nand ✓");
            assertEquals("id: 17\nevent: usermessage\ndata: {\"id\":\"17\",\"username\":\"bob\",\"time\":"
                    + "\"2026-11-21T02:33:48.123Z\",\"text\":\"two\\nlines\\r\\nand ✓\"}\n\n", text(Frame.of(event, jsonb)));
        }
    }

    @Test
    void encodesRetryKeepaliveAndResync() {
        assertEquals("retry: 3000\n\n", text(Frame.retry(3000)));
        assertEquals(": keepalive\n\n", text(Frame.KEEPALIVE));
        assertEquals("event: resync\ndata: {\"reason\":\"history-truncated\"}\n\n", text(Frame.RESYNC));
    }

    @Test
    void neverLetsALineBreakIntoAFieldOfAForeignEvent() {
        OutboundSseEvent hostile = new OutboundSseEvent() {
            public Class<?> getType() { return String.class; }
            public Type getGenericType() { return String.class; }
            public MediaType getMediaType() { return MediaType.TEXT_PLAIN_TYPE; }
            public Object getData() { return "a\rb\nc"; }
            public String getId() { return "1\n2"; }
            public String getName() { return "x\r\nevent: evil"; }
            public String getComment() { return null; }
            public long getReconnectDelay() { return -1; }
            public boolean isReconnectDelaySet() { return false; }
        };
        String encoded = text(Frame.of(hostile));
        assertEquals("id: 12\nevent: xevent: evil\ndata: a\ndata: b\ndata: c\n\n", encoded);
        assertFalse(encoded.contains("\r"));
    }
}
