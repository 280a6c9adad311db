package dev.parley.rooms.entity;

import dev.parley.chat.ChatEvent;

import java.util.List;

/**
 * What a new stream receives before live events.
 *
 * @param truncated the requested id is no longer (or never was) in history: the client must resync
 * @param after     the id the client already has, when it is still in history; live events up to it are duplicates
 */
public record Replay(boolean truncated, String after, List<ChatEvent> events) {

    public Replay {
        events = List.copyOf(events);
    }
}
