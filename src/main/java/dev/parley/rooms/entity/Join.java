package dev.parley.rooms.entity;

import jakarta.annotation.Nullable;

/**
 * The body of a join request. The username is required, unless members are a host application's users ({@code
 * parley.auth=jwt}): then their JWT names them, and a username here must be that one.
 */
public record Join(@Nullable @Username String username) {
}
