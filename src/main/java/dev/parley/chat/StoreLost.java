package dev.parley.chat;

/**
 * The shared store came back without the data it had (Redis restarted empty, or was flushed): every stream must
 * start over with a {@code resync}, and the names it held are gone (their holders join again).
 */
public record StoreLost() {
}
