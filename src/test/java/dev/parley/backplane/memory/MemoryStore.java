package dev.parley.backplane.memory;

import dev.parley.chat.ChatEvent;
import java.util.List;

/** What the memory backplane keeps, looked into by tests (the counterpart of scanning every Redis key). */
public final class MemoryStore {

    private MemoryStore() {
    }

    /** Whether any stored event of any room carries the text. */
    public static boolean holds(MemoryRooms rooms, String text) {
        for (MemoryRoom room : List.copyOf(rooms.all())) {
            List<ChatEvent> stored;
            synchronized (room) {
                stored = room.log.stored();
            }
            if (stored.stream().anyMatch(event -> event.text() != null && event.text().contains(text))) {
                return true;
            }
        }
        return false;
    }
}
