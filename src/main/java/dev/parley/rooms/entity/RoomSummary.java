package dev.parley.rooms.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A room as listed by {@code GET /api/rooms}, with its connected members. */
@JsonbPropertyOrder({"name", "members"})
public record RoomSummary(String name, int members) {
}
