package dev.parley.backplane.memory;

import dev.parley.backplane.control.Directory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** {@link Directory} in this process: a freed room is forgotten with its history. */
@ApplicationScoped
@Typed(MemoryDirectory.class)
public class MemoryDirectory implements Directory {

    private final MemoryRooms rooms;

    @Inject
    public MemoryDirectory(MemoryRooms rooms) {
        this.rooms = rooms;
    }

    protected MemoryDirectory() {
        // for the CDI client proxy only
        this(null);
    }

    @Override
    public void hold(Collection<String> names, Instant now, Instant until) {
        for (String name : names) {
            rooms.room(name).ifPresent(room -> {
                synchronized (room) {
                    if (room.heldUntil.isBefore(until)) {
                        room.heldUntil = until;
                    }
                }
            });
        }
    }

    @Override
    public List<String> freeIdle(Instant now, Duration idle) {
        List<String> freed = new ArrayList<>();
        Instant idleSince = now.minus(idle);
        for (MemoryRoom room : List.copyOf(rooms.all())) {
            synchronized (room) {
                if (room.seats.isEmpty() && !room.heldUntil.isAfter(now) && room.lastActive.isBefore(idleSince)
                        && !room.ruledLocked(now)) {
                    room.freed = true;
                    rooms.forget(room);
                    freed.add(room.name);
                }
            }
        }
        return freed;
    }
}
