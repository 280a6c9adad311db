package dev.parley.backplane.memory;

import dev.parley.backplane.control.RoomRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link RoomRules} in this process, kept with each room (which is not freed while a rule holds). */
@ApplicationScoped
@Typed(MemoryRoomRules.class)
public class MemoryRoomRules implements RoomRules {

    private final MemoryRooms rooms;

    @Inject
    public MemoryRoomRules(MemoryRooms rooms) {
        this.rooms = rooms;
    }

    protected MemoryRoomRules() {
        // for the CDI client proxy only
        this(null);
    }

    @Override
    public void ban(Ban ban) {
        rooms.write(ban.room(), room -> {
            room.bans.put(ban.key(), ban);
            return ban;
        });
    }

    @Override
    public Optional<Ban> find(String name, String key, String alike, String client, Instant now) {
        return rooms.room(name).flatMap(room -> {
            synchronized (room) {
                return room.bans.values().stream()
                        .filter(ban -> ban.until().isAfter(now))
                        .filter(ban -> ban.key().equals(key) || ban.alike().equals(alike)
                                || (client != null && client.equals(ban.client())))
                        .findFirst();
            }
        });
    }

    @Override
    public List<Ban> bans(String name, Instant now) {
        return rooms.room(name).map(room -> {
            synchronized (room) {
                room.bans.values().removeIf(ban -> !ban.until().isAfter(now));
                return room.bans.values().stream().sorted(Comparator.comparing(Ban::until)).toList();
            }
        }).orElse(List.of());
    }

    @Override
    public boolean lift(String name, String key, Instant now) {
        return rooms.room(name).map(room -> {
            synchronized (room) {
                Ban lifted = room.bans.remove(key);
                return lifted != null && lifted.until().isAfter(now);
            }
        }).orElse(false);
    }

    @Override
    public Duration slowMode(String name) {
        return rooms.room(name).map(room -> {
            synchronized (room) {
                return room.slowMode;
            }
        }).orElse(Duration.ZERO);
    }

    @Override
    public void slowMode(String name, Duration interval) {
        rooms.write(name, room -> {
            room.slowMode = interval;
            return interval;
        });
    }
}
