package dev.parley.backplane.memory;

import dev.parley.backplane.control.Attendance;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventType;
import dev.parley.chat.Member;
import dev.parley.chat.MemberSummary;
import dev.parley.chat.RoomSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link Attendance} in this process: this server is the only one that holds anybody. */
@ApplicationScoped
@Typed(MemoryAttendance.class)
public class MemoryAttendance implements Attendance {

    private final MemoryRooms rooms;

    @Inject
    public MemoryAttendance(MemoryRooms rooms) {
        this.rooms = rooms;
    }

    protected MemoryAttendance() {
        // for the CDI client proxy only
        this(null);
    }

    @Override
    public Set<Member> hold(Collection<Member> members, Instant now, Instant until) {
        Set<Member> gone = new HashSet<>();
        for (Member member : members) {
            boolean seated = rooms.room(member.room()).map(room -> {
                synchronized (room) {
                    Optional<MemoryRoom.Seat> seat = MemoryRooms.seatLocked(room, member);
                    seat.ifPresent(held -> {
                        held.lastActive = now;
                        room.holds.put(member.key(), until);
                    });
                    return seat.isPresent();
                }
            }).orElse(false);
            if (!seated) {
                gone.add(member);
            }
        }
        return gone;
    }

    @Override
    public Optional<ChatEvent> connect(Member member, Instant now) {
        return change(member.room(), room -> {
            if (room.connected.containsKey(member.key())) {
                return null;
            }
            room.connected.put(member.key(), new MemberSummary(member.username(), now));
            return room.appendLocked(EventType.USERCONNECT, member.username(), null, now);
        });
    }

    @Override
    public Optional<ChatEvent> disconnectUnlessHeld(Member member, Instant now) {
        return change(member.room(), room -> {
            Instant heldUntil = room.holds.get(member.key());
            return heldUntil != null && heldUntil.isAfter(now) ? null : disconnectLocked(room, member.key(), now);
        });
    }

    @Override
    public Optional<ChatEvent> disconnect(Member member, Instant now) {
        return change(member.room(), room -> disconnectLocked(room, member.key(), now));
    }

    @Override
    public List<ChatEvent> disconnectUnheld(Instant now) {
        List<ChatEvent> events = new ArrayList<>();
        for (MemoryRoom room : rooms.all()) {
            synchronized (room) {
                for (String key : List.copyOf(room.connected.keySet())) {
                    Instant heldUntil = room.holds.get(key);
                    if (heldUntil == null || !heldUntil.isAfter(now)) {
                        events.add(disconnectLocked(room, key, now));
                    }
                }
            }
            rooms.deliverPending(room);
        }
        return events;
    }

    @Override
    public List<MemberSummary> connected(String name) {
        return rooms.room(name).map(room -> {
            synchronized (room) {
                List<MemberSummary> members = new ArrayList<>(room.connected.values());
                members.sort(MemberSummary.ORDER);
                return members;
            }
        }).orElse(List.of());
    }

    @Override
    public List<RoomSummary> rooms() {
        List<RoomSummary> summaries = new ArrayList<>();
        for (MemoryRoom room : rooms.all()) {
            synchronized (room) {
                summaries.add(new RoomSummary(room.name, room.connected.size()));
            }
        }
        summaries.sort(RoomSummary.ORDER);
        return summaries;
    }

    private ChatEvent disconnectLocked(MemoryRoom room, String key, Instant now) {
        room.holds.remove(key);
        MemberSummary connected = room.connected.remove(key);
        return connected == null ? null : room.appendLocked(EventType.USERDISCONNECT, connected.username(), null, now);
    }

    /** A change under the room's lock that may append an event (null: none), delivered once the lock is released. */
    private Optional<ChatEvent> change(String name, java.util.function.Function<MemoryRoom, ChatEvent> change) {
        Optional<MemoryRoom> found = rooms.room(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MemoryRoom room = found.get();
        ChatEvent event;
        synchronized (room) {
            event = change.apply(room);
        }
        rooms.deliverPending(room);
        return Optional.ofNullable(event);
    }
}
