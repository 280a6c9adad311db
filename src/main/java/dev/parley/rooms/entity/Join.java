package dev.parley.rooms.entity;

import jakarta.validation.constraints.NotNull;

/** The body of a join request. */
public record Join(@NotNull(message = "username is required") @Username String username) {
}
