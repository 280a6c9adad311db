package dev.parley.rooms.entity;

import dev.parley.chat.ChatEvent;
import jakarta.json.bind.annotation.JsonbDateFormat;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** A ban as the API shows it: never the address itself, only whether one is banned. */
@JsonbPropertyOrder({"username", "reason", "until", "address", "by"})
public record Banned(String username, String reason,
                     @JsonbDateFormat(value = ChatEvent.TIME_FORMAT, locale = "en") Instant until, boolean address,
                     String by) {
}
