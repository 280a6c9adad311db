package dev.parley.rooms.entity;

import jakarta.json.bind.annotation.JsonbDateFormat;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** A connected member as listed by {@code GET …/members}. */
@JsonbPropertyOrder({"username", "since"})
public record MemberSummary(String username, @JsonbDateFormat(value = ChatEvent.TIME_FORMAT, locale = "en") Instant since) {
}
