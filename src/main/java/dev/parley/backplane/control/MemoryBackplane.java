package dev.parley.backplane.control;

import static dev.parley.platform.Settings.atLeast;

import dev.parley.rooms.entity.ChatEvent;
import dev.parley.rooms.entity.EventType;
import dev.parley.rooms.entity.Member;
import dev.parley.rooms.entity.MemberSummary;
import dev.parley.rooms.entity.RoomSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The embedded backplane: one server, every room in this process. */
@ApplicationScoped
@Typed(MemoryBackplane.class)
public class MemoryBackplane implements Backplane {

    private final Consumer<ChatEvent> delivery;
    private final int retain;
    private final int maxRooms;
    private final Clock clock;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final Map<String, Seat> seatsByToken = new ConcurrentHashMap<>();

    @Inject
    public MemoryBackplane(Event<ChatEvent> delivery,
                           @ConfigProperty(name = "parley.history.retain") int retain,
                           @ConfigProperty(name = "parley.rooms.max") int maxRooms) {
        this(delivery::fire, atLeast("parley.history.retain", retain, 1), atLeast("parley.rooms.max", maxRooms, 1),
                Clock.systemUTC());
    }

    public MemoryBackplane(Consumer<ChatEvent> delivery, int retain, int maxRooms, Clock clock) {
        this.delivery = delivery;
        this.retain = retain;
        this.maxRooms = maxRooms;
        this.clock = clock;
    }

    protected MemoryBackplane() {
        // for the CDI client proxy only
        this(null, 0, 0, null);
    }

    @Override
    public JoinOutcome join(Member member, String tokenHash, Instant now) {
        Room room = rooms.get(member.room());
        if (room == null) {
            if (rooms.size() >= maxRooms) {
                return JoinOutcome.TOO_MANY_ROOMS;
            }
            room = rooms.computeIfAbsent(member.room(), name -> new Room(name, retain));
        }
        synchronized (room) {
            if (room.seats.containsKey(member.key())) {
                return JoinOutcome.NAME_TAKEN;
            }
            Seat seat = new Seat(member, tokenHash, now);
            room.seats.put(member.key(), seat);
            seatsByToken.put(tokenHash, seat);
            return JoinOutcome.JOINED;
        }
    }

    @Override
    public Optional<Member> member(String tokenHash) {
        Seat seat = seatsByToken.get(tokenHash);
        return seat == null ? Optional.empty() : Optional.of(seat.member);
    }

    @Override
    public void touch(Member member, Instant now) {
        seat(member).ifPresent(seat -> seat.lastActive = now);
    }

    @Override
    public boolean leave(Member member) {
        Room room = rooms.get(member.room());
        if (room == null) {
            return false;
        }
        synchronized (room) {
            Seat seat = room.seats.get(member.key());
            if (seat == null || !seat.member.equals(member)) {
                return false;
            }
            room.seats.remove(member.key());
            seatsByToken.remove(seat.tokenHash);
            return true;
        }
    }

    @Override
    public List<Member> expire(Instant idleSince) {
        List<Member> expired = new ArrayList<>();
        for (Room room : rooms.values()) {
            synchronized (room) {
                room.seats.values().removeIf(seat -> {
                    if (!seat.lastActive.isBefore(idleSince)) {
                        return false;
                    }
                    seatsByToken.remove(seat.tokenHash);
                    expired.add(seat.member);
                    return true;
                });
            }
        }
        return expired;
    }

    @Override
    public Duration admit(Member member, int messages, Duration window, Instant now) {
        Room room = rooms.get(member.room());
        if (room == null) {
            return Duration.ZERO;
        }
        synchronized (room) {
            Seat seat = room.seats.get(member.key());
            if (seat == null) {
                return Duration.ZERO;
            }
            if (seat.posts == null) {
                seat.posts = new SlidingWindow();
            }
            return seat.posts.admit(now, messages, window);
        }
    }

    @Override
    public Set<Member> hold(Collection<Member> members, Instant now, Instant until) {
        Set<Member> gone = new HashSet<>();
        for (Member member : members) {
            Room room = rooms.get(member.room());
            boolean joined = false;
            if (room != null) {
                synchronized (room) {
                    Seat seat = room.seats.get(member.key());
                    joined = seat != null && seat.member.equals(member);
                    if (joined) {
                        seat.lastActive = now;
                        room.holds.put(member.key(), until);
                    }
                }
            }
            if (!joined) {
                gone.add(member);
            }
        }
        return gone;
    }

    @Override
    public Optional<ChatEvent> connect(Member member, Instant now) {
        Room room = rooms.get(member.room());
        if (room == null) {
            return Optional.empty();
        }
        synchronized (room) {
            if (room.connected.containsKey(member.key())) {
                return Optional.empty();
            }
            room.connected.put(member.key(), new MemberSummary(member.username(), now));
            return Optional.of(append(room, EventType.USERCONNECT, member.username(), null));
        }
    }

    @Override
    public Optional<ChatEvent> disconnect(Member member, Instant now, boolean evenIfHeld) {
        Room room = rooms.get(member.room());
        if (room == null) {
            return Optional.empty();
        }
        synchronized (room) {
            Instant heldUntil = room.holds.get(member.key());
            if (!evenIfHeld && heldUntil != null && heldUntil.isAfter(now)) {
                return Optional.empty();
            }
            room.holds.remove(member.key());
            MemberSummary connected = room.connected.remove(member.key());
            return connected == null ? Optional.empty()
                    : Optional.of(append(room, EventType.USERDISCONNECT, connected.username(), null));
        }
    }

    @Override
    public List<ChatEvent> disconnectUnheld(Instant now) {
        List<ChatEvent> events = new ArrayList<>();
        for (Room room : rooms.values()) {
            synchronized (room) {
                for (String key : List.copyOf(room.connected.keySet())) {
                    Instant heldUntil = room.holds.get(key);
                    if (heldUntil == null || !heldUntil.isAfter(now)) {
                        room.holds.remove(key);
                        MemberSummary gone = room.connected.remove(key);
                        events.add(append(room, EventType.USERDISCONNECT, gone.username(), null));
                    }
                }
            }
        }
        return events;
    }

    @Override
    public List<MemberSummary> connected(String name) {
        Room room = rooms.get(name);
        if (room == null) {
            return List.of();
        }
        synchronized (room) {
            return List.copyOf(room.connected.values());
        }
    }

    @Override
    public List<RoomSummary> rooms() {
        List<RoomSummary> summaries = new ArrayList<>();
        for (Room room : rooms.values()) {
            synchronized (room) {
                summaries.add(new RoomSummary(room.name, room.connected.size()));
            }
        }
        summaries.sort(Comparator.comparing(RoomSummary::name));
        return summaries;
    }

    @Override
    public ChatEvent publish(String name, EventType type, String username, String text) {
        Room room = rooms.computeIfAbsent(name, n -> new Room(n, retain));
        synchronized (room) {
            return append(room, type, username, text);
        }
    }

    /** Called under the room's lock, so every stream sees the room's events in id order. */
    private ChatEvent append(Room room, EventType type, String username, String text) {
        Instant now = clock.instant();
        room.lastId = Math.max(ChronoUnit.MICROS.between(Instant.EPOCH, now), room.lastId + 1);
        ChatEvent event = new ChatEvent(room.name, Long.toString(room.lastId), type, username,
                now.truncatedTo(ChronoUnit.MILLIS), text);
        room.log.add(event);
        delivery.accept(event);
        return event;
    }

    @Override
    public List<ChatEvent> latest(String name, int count) {
        Room room = rooms.get(name);
        if (room == null) {
            return List.of();
        }
        synchronized (room) {
            return room.log.latest(count);
        }
    }

    @Override
    public Optional<List<ChatEvent>> after(String name, String id) {
        Room room = rooms.get(name);
        if (room == null) {
            return Optional.empty();
        }
        synchronized (room) {
            return room.log.after(id);
        }
    }

    @Override
    public Optional<List<ChatEvent>> messages(String name, String beforeId, int count) {
        Room room = rooms.get(name);
        if (room == null) {
            return beforeId == null ? Optional.of(List.of()) : Optional.empty();
        }
        synchronized (room) {
            return room.log.messagesBefore(beforeId, count);
        }
    }

    /** Every event is delivered here anyway: there is no other server to read from. */
    @Override
    public void follow(String room) {
    }

    @Override
    public void unfollow(String room) {
    }

    @Override
    public boolean available() {
        return true;
    }

    private Optional<Seat> seat(Member member) {
        Room room = rooms.get(member.room());
        if (room == null) {
            return Optional.empty();
        }
        synchronized (room) {
            Seat seat = room.seats.get(member.key());
            return seat != null && seat.member.equals(member) ? Optional.of(seat) : Optional.empty();
        }
    }

    private static final class Room {
        final String name;
        final EventLog log;
        final Map<String, Seat> seats = new HashMap<>();
        // in order of connection, the order GET …/members lists them in
        final Map<String, MemberSummary> connected = new LinkedHashMap<>();
        final Map<String, Instant> holds = new HashMap<>();
        // ids are microseconds since the epoch, nudged forward to stay unique: a restarted server never
        // reuses an id an old client still holds
        long lastId;

        Room(String name, int retain) {
            this.name = name;
            this.log = new EventLog(retain);
        }
    }

    private static final class Seat {
        final Member member;
        final String tokenHash;
        Instant lastActive;
        SlidingWindow posts;

        Seat(Member member, String tokenHash, Instant lastActive) {
            this.member = member;
            this.tokenHash = tokenHash;
            this.lastActive = lastActive;
        }
    }
}
