package dev.parley.rooms.entity;

import jakarta.annotation.Nullable;

/**
 * The body of a ban.
 *
 * @param address also ban the member's client address (its IP, or its IPv6 /64), under any name; default false
 */
public record BanRequest(String username, int seconds, String reason, @Nullable Boolean address) {
}
