package dev.parley.chat;

import jakarta.json.bind.annotation.JsonbDateFormat;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One entry of a room's history and of its live stream, and a message as {@code GET …/messages} lists it. The JSON
 * form is the SSE {@code data}: room and type travel outside it (the stream's room and its {@code event:} line), the
 * author tag never leaves the server, and a field without a value is left out, so the three original events keep
 * their original shape.
 *
 * @param id      opaque, equal to the SSE {@code id:}, increasing in delivery order within the room; null for an
 *                ephemeral signal ({@link EventType#isStored()})
 * @param message for an edit or a delete: the id of the message it changes
 * @param text    a message's current text, or an edit's new one; none once the message is deleted
 * @param edited  a message's last edit, if any
 * @param deleted when a message was deleted: it is a tombstone
 * @param by      {@value #BY_MODERATOR} when a moderator, not its author, deleted the message
 * @param author  who may edit and delete a message: a tag of the seat that posted it, not its name (a name can be
 *                taken again by someone else once it is freed)
 * @param trace   the W3C {@code traceparent} of the span that posted a message, when traces are recorded
 */
@JsonbPropertyOrder({"id", "username", "time", "message", "text", "edited", "deleted", "by"})
public record ChatEvent(
        @JsonbTransient String room,
        String id,
        @JsonbTransient EventType type,
        String username,
        @JsonbDateFormat(value = TIME_FORMAT, locale = "en") Instant time,
        String message,
        String text,
        @JsonbDateFormat(value = TIME_FORMAT, locale = "en") Instant edited,
        @JsonbDateFormat(value = TIME_FORMAT, locale = "en") Instant deleted,
        String by,
        @JsonbTransient String author,
        @JsonbTransient String trace) {

    public static final String TIME_FORMAT = "uuuu-MM-dd'T'HH:mm:ss.SSSX";
    public static final String BY_MODERATOR = "moderator";

    /** Times are kept to the millisecond, as they are written: an event read back from any store equals itself. */
    public ChatEvent {
        time = millis(time);
        edited = millis(edited);
        deleted = millis(deleted);
    }

    /** An event that carries at most a text: presence, a plain message. */
    public ChatEvent(String room, String id, EventType type, String username, Instant time, String text) {
        this(room, id, type, username, time, null, text, null, null, null, null, null);
    }

    public static ChatEvent message(String room, String id, String username, Instant time, String text, String author) {
        return new ChatEvent(room, id, EventType.USERMESSAGE, username, time, null, text, null, null, null, author, null);
    }

    public static ChatEvent edit(String room, String id, String username, Instant time, String message, String text) {
        return new ChatEvent(room, id, EventType.MESSAGEEDIT, username, time, message, text, null, null, null, null, null);
    }

    public static ChatEvent delete(String room, String id, String username, Instant time, String message, String by) {
        return new ChatEvent(room, id, EventType.MESSAGEDELETE, username, time, message, null, null, null, by, null, null);
    }

    /** A signal that is delivered to the streams open now and never stored, so it carries no id. */
    public static ChatEvent typing(String room, String username, Instant time) {
        return new ChatEvent(room, null, EventType.USERTYPING, username, time, null, null, null, null, null, null, null);
    }

    /** This message with a new text, edited at that time. */
    public ChatEvent editedTo(String newText, Instant at) {
        return new ChatEvent(room, id, type, username, time, message, newText, at, null, null, author, trace);
    }

    /** This message's tombstone: its text gone, its edit time too. */
    public ChatEvent deletedAt(Instant at, String deletedBy) {
        return new ChatEvent(room, id, type, username, time, message, null, null, at, deletedBy, author, trace);
    }

    /** This event carrying another text (an edit read back carries its message's current text). */
    public ChatEvent withText(String newText) {
        return new ChatEvent(room, id, type, username, time, message, newText, edited, deleted, by, author, trace);
    }

    /** This event carrying the trace of the span that made it. */
    public ChatEvent withTrace(String traceparent) {
        return new ChatEvent(room, id, type, username, time, message, text, edited, deleted, by, author, traceparent);
    }

    @JsonbTransient
    public boolean isMessage() {
        return type == EventType.USERMESSAGE;
    }

    @JsonbTransient
    public boolean isTombstone() {
        return deleted != null;
    }

    private static Instant millis(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MILLIS);
    }
}
