package dev.parley.rooms.entity;

import jakarta.validation.constraints.NotNull;

/** The body of a message; its length is checked against configuration by the room. */
public record Post(@NotNull(message = "text is required") String text) {
}
