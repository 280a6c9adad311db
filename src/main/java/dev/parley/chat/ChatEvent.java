package dev.parley.chat;

import jakarta.json.bind.annotation.JsonbDateFormat;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One entry of a room's history and of its live stream. The JSON form is the SSE {@code data}:
 * room and type travel outside it (the stream's room and its {@code event:} line).
 *
 * @param id   opaque, equal to the SSE {@code id:}, increasing in delivery order within the room
 * @param text the message, only for {@link EventType#USERMESSAGE}
 */
@JsonbPropertyOrder({"id", "username", "time", "text"})
public record ChatEvent(
        @JsonbTransient String room,
        String id,
        @JsonbTransient EventType type,
        String username,
        @JsonbDateFormat(value = TIME_FORMAT, locale = "en") Instant time,
        String text) {

    public static final String TIME_FORMAT = "uuuu-MM-dd'T'HH:mm:ss.SSSX";

    /** Times are kept to the millisecond, as they are written: an event read back from any store equals itself. */
    public ChatEvent {
        time = time.truncatedTo(ChronoUnit.MILLIS);
    }

    @JsonbTransient
    public boolean isMessage() {
        return type == EventType.USERMESSAGE;
    }
}
