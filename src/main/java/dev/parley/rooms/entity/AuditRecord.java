package dev.parley.rooms.entity;

import dev.parley.chat.ChatEvent;
import jakarta.json.bind.annotation.JsonbDateFormat;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** One moderation action, as {@code GET /api/audit} lists it. */
@JsonbPropertyOrder({"time", "actor", "action", "room", "target", "reason", "detail"})
public record AuditRecord(@JsonbDateFormat(value = ChatEvent.TIME_FORMAT, locale = "en") Instant time, String actor,
                          String action, String room, String target, String reason, String detail) {
}
