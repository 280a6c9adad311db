package dev.parley.chat;

/**
 * This server fell so far behind a room that events it never delivered were trimmed from history: its streams in
 * the room must start over (their clients resume with Last-Event-ID, or resync).
 */
public record HistoryGap(String room) {
}
