package dev.parley.backplane.memory;

import dev.parley.backplane.control.History;
import dev.parley.backplane.control.Pages;
import dev.parley.chat.ChatEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** {@link History} in this process; every room is delivered, as there is no other server to read from. */
@ApplicationScoped
@Typed(MemoryHistory.class)
public class MemoryHistory implements History {

    private final MemoryRooms rooms;

    @Inject
    public MemoryHistory(MemoryRooms rooms) {
        this.rooms = rooms;
    }

    protected MemoryHistory() {
        // for the CDI client proxy only
        this(null);
    }

    @Override
    public List<ChatEvent> latest(String name, int count) {
        return rooms.room(name).map(room -> {
            synchronized (room) {
                return room.log.latest(count);
            }
        }).orElse(List.of());
    }

    @Override
    public Optional<List<ChatEvent>> after(String name, String id) {
        return rooms.room(name).flatMap(room -> {
            synchronized (room) {
                return room.log.after(id);
            }
        });
    }

    @Override
    public Optional<List<ChatEvent>> messagesBefore(String name, String beforeId, int count) {
        Optional<MemoryRoom> found = rooms.room(name);
        if (found.isEmpty()) {
            return beforeId == null ? Optional.of(List.of()) : Optional.empty();
        }
        MemoryRoom room = found.get();
        synchronized (room) {
            return room.log.newestFirstBefore(beforeId).map(events -> Pages.messages(events, count));
        }
    }

    @Override
    public void follow(String room) {
        // every room is delivered already
    }

    @Override
    public void unfollow(String room) {
        // every room is delivered anyway
    }
}
