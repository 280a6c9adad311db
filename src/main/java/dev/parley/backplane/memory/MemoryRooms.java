package dev.parley.backplane.memory;

import dev.parley.backplane.control.BackplaneSettings;
import dev.parley.backplane.control.Delivery;
import dev.parley.chat.Member;
import dev.parley.chat.Names;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The embedded backplane's state, shared by its seams: every room of this process, and the seats by token. */
@ApplicationScoped
public class MemoryRooms {

    private final Map<String, MemoryRoom> rooms = new ConcurrentHashMap<>();
    private final Map<String, MemoryRoom.Seat> seatsByToken = new ConcurrentHashMap<>();
    private final Map<String, Integer> namesByClient = new ConcurrentHashMap<>();
    private final int retain;
    private final int maxRooms;
    private final Delivery delivery;

    @Inject
    public MemoryRooms(BackplaneSettings settings, Delivery delivery) {
        this.retain = settings == null ? 0 : settings.retain();
        this.maxRooms = settings == null ? 0 : settings.maxRooms();
        this.delivery = delivery;
    }

    protected MemoryRooms() {
        // for the CDI client proxy only
        this(null, null);
    }

    /** The room, if it exists. */
    Optional<MemoryRoom> room(String name) {
        return Optional.ofNullable(rooms.get(name));
    }

    /** The room, made if need be, unless that would pass the most rooms a server holds. */
    Optional<MemoryRoom> roomToJoin(String name) {
        MemoryRoom room = rooms.get(name);
        if (room == null && rooms.size() >= maxRooms && !name.equals(Names.LOBBY)) {
            return Optional.empty();
        }
        return Optional.of(room != null ? room : roomToWrite(name));
    }

    /** The room, made if need be: history can be written to a room nobody has joined. */
    MemoryRoom roomToWrite(String name) {
        return rooms.computeIfAbsent(name, n -> new MemoryRoom(n, retain));
    }

    /**
     * Runs the action under the lock of the room, made if need be (and made again if it was freed meanwhile), then
     * delivers what it appended. The action returns non-null.
     */
    <T> T write(String name, Function<MemoryRoom, T> action) {
        while (true) {
            MemoryRoom room = roomToWrite(name);
            T result = null;
            synchronized (room) {
                if (!room.freed) {
                    result = action.apply(room);
                }
            }
            if (result != null) {
                deliverPending(room);
                return result;
            }
        }
    }

    /** Forgets a freed room (the caller holds its lock and has marked it freed). */
    void forget(MemoryRoom room) {
        rooms.remove(room.name, room);
    }

    Collection<MemoryRoom> all() {
        return rooms.values();
    }

    Map<String, MemoryRoom.Seat> seatsByToken() {
        return seatsByToken;
    }

    /** Counts one more name of the client's, unless it holds the most already. */
    boolean countName(String client, int max) {
        boolean[] counted = new boolean[1];
        namesByClient.compute(client, (c, names) -> {
            int held = names == null ? 0 : names;
            counted[0] = held < max;
            return counted[0] ? held + 1 : names;
        });
        return counted[0];
    }

    void uncountName(String client) {
        namesByClient.computeIfPresent(client, (c, names) -> names <= 1 ? null : names - 1);
    }

    /** The seat the member holds now, if it still holds it; the caller holds the room's lock. */
    static Optional<MemoryRoom.Seat> seatLocked(MemoryRoom room, Member member) {
        MemoryRoom.Seat seat = room.seats.get(member.key());
        return seat != null && seat.member.equals(member) ? Optional.of(seat) : Optional.empty();
    }

    void deliverPending(MemoryRoom room) {
        room.deliverPending(delivery);
    }
}
