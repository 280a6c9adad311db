package dev.parley.backplane.memory;

import dev.parley.backplane.control.Seats;
import dev.parley.chat.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Seats} in this process. */
@ApplicationScoped
@Typed(MemorySeats.class)
public class MemorySeats implements Seats {

    private final MemoryRooms rooms;

    @Inject
    public MemorySeats(MemoryRooms rooms) {
        this.rooms = rooms;
    }

    protected MemorySeats() {
        // for the CDI client proxy only
        this(null);
    }

    /** Takes the name in the room, made again if it was freed meanwhile. */
    @Override
    public Outcome take(Member member, String tokenHash, String client, int maxNamesOfClient, Instant now) {
        while (true) {
            Optional<MemoryRoom> joinable = rooms.roomToJoin(member.room());
            if (joinable.isEmpty()) {
                return Outcome.TOO_MANY_ROOMS;
            }
            MemoryRoom room = joinable.get();
            synchronized (room) {
                if (!room.freed) {
                    return takeLocked(room, member, tokenHash, client, maxNamesOfClient, now);
                }
            }
        }
    }

    /** The take itself; the caller holds the room's lock. */
    private Outcome takeLocked(MemoryRoom room, Member member, String tokenHash, String client, int maxNamesOfClient,
                               Instant now) {
        if (room.seats.containsKey(member.key()) || room.lookAlikes.containsKey(member.lookAlikeKey())) {
            return Outcome.NAME_TAKEN;
        }
        if (!rooms.countName(client, maxNamesOfClient)) {
            return Outcome.CLIENT_FULL;
        }
        MemoryRoom.Seat seat = new MemoryRoom.Seat(member, tokenHash, client, now);
        room.seats.put(member.key(), seat);
        room.lookAlikes.put(member.lookAlikeKey(), member.key());
        room.lastActive = now;
        rooms.seatsByToken().put(tokenHash, seat);
        return Outcome.TAKEN;
    }

    @Override
    public Optional<Seat> seat(String name, String key) {
        return rooms.room(name).flatMap(room -> {
            synchronized (room) {
                MemoryRoom.Seat seat = room.seats.get(key);
                return seat == null ? Optional.empty() : Optional.of(new Seat(seat.member, seat.client));
            }
        });
    }

    @Override
    public Optional<Member> holder(String room, String tokenHash) {
        MemoryRoom.Seat seat = rooms.seatsByToken().get(tokenHash);
        return seat == null || !seat.member.room().equals(room) ? Optional.empty() : Optional.of(seat.member);
    }

    @Override
    public void touch(Member member, Instant now) {
        rooms.room(member.room()).ifPresent(room -> {
            synchronized (room) {
                MemoryRooms.seatLocked(room, member).ifPresent(seat -> seat.lastActive = now);
            }
        });
    }

    @Override
    public boolean free(Member member) {
        Optional<MemoryRoom> found = rooms.room(member.room());
        if (found.isEmpty()) {
            return false;
        }
        MemoryRoom room = found.get();
        synchronized (room) {
            Optional<MemoryRoom.Seat> seat = MemoryRooms.seatLocked(room, member);
            seat.ifPresent(held -> freeLocked(room, held));
            return seat.isPresent();
        }
    }

    @Override
    public List<Member> freeIdle(Instant idleSince) {
        List<Member> freed = new ArrayList<>();
        for (MemoryRoom room : rooms.all()) {
            synchronized (room) {
                for (MemoryRoom.Seat seat : List.copyOf(room.seats.values())) {
                    if (seat.lastActive.isBefore(idleSince)) {
                        freeLocked(room, seat);
                        freed.add(seat.member);
                    }
                }
            }
        }
        return freed;
    }

    private void freeLocked(MemoryRoom room, MemoryRoom.Seat seat) {
        room.seats.remove(seat.member.key());
        room.lookAlikes.remove(seat.member.lookAlikeKey());
        rooms.seatsByToken().remove(seat.tokenHash);
        rooms.uncountName(seat.client);
    }
}
