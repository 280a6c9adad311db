package dev.parley.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.rooms.entity.Joined;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ChatEventJsonTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    @Test
    void messageDataHasIdUsernameTimeAndTextInOneLine() {
        ChatEvent event = new ChatEvent("lobby", "42", EventType.USERMESSAGE, "bobby",
                Instant.parse("2026-11-21T02:33:48.123Z"), "Hi everyone.\nSecond line");
        assertEquals("{\"id\":\"42\",\"username\":\"bobby\",\"time\":\"2026-11-21T02:33:48.123Z\","
                + "\"text\":\"Hi everyone.\\nSecond line\"}", JSONB.toJson(event));
    }

    @Test
    void presenceDataHasNoTextAndTimeAlwaysHasMilliseconds() {
        ChatEvent event = new ChatEvent("lobby", "7", EventType.USERCONNECT, "bobby",
                Instant.parse("2026-11-21T02:33:48Z"), null);
        assertEquals("{\"id\":\"7\",\"username\":\"bobby\",\"time\":\"2026-11-21T02:33:48.000Z\"}", JSONB.toJson(event));
    }

    @Test
    void joinedListsRoomUsernameToken() {
        assertEquals("{\"room\":\"lobby\",\"username\":\"bob\",\"token\":\"t\"}",
                JSONB.toJson(new Joined("lobby", "bob", "t")));
    }

    @Test
    void eventIdsCompareNumerically() {
        assertEquals(-1, Integer.signum(EventIds.compare("9", "10")));
        assertEquals(0, EventIds.compare("1795255536451258", "1795255536451258"));
        assertEquals(1, Integer.signum(EventIds.compare("1700000000000-10", "1700000000000-9")));
        assertEquals(-1, Integer.signum(EventIds.compare("1700000000000", "1700000000000-1")));
    }

    @Test
    void positionsParsedOnceOrderAsTheIdsDo() {
        String[] ids = {"9", "10", "1700000000000", "1700000000000-1", "1700000000000-9", "1700000000000-10",
                "9999999999999999999"};
        for (String a : ids) {
            for (String b : ids) {
                assertEquals(EventIds.compare(a, b) > 0, EventIds.Position.of(a).isAfter(EventIds.Position.of(b)), a + " " + b);
            }
        }
        assertNull(EventIds.Position.of("abc"));
        assertNull(EventIds.Position.of("1-"));
        assertNull(EventIds.Position.of(null));
    }
}
