package dev.parley.rooms.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The answer to a join: the only time the token is shown. */
@JsonbPropertyOrder({"room", "username", "token"})
public record Joined(String room, String username, String token) {
}
