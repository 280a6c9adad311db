package dev.parley.backplane.redis;

import static dev.parley.backplane.redis.RedisConnection.keys;
import static dev.parley.backplane.redis.RedisConnection.millis;

import dev.parley.backplane.control.Attendance;
import dev.parley.backplane.control.BackplaneSettings;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventType;
import dev.parley.chat.Member;
import dev.parley.chat.MemberSummary;
import dev.parley.chat.RoomSummary;
import io.lettuce.core.ScriptOutputType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Attendance} in Redis: per room, a hash of connected members and, per member, a sorted set of the servers
 * holding it, each until a time.
 */
@ApplicationScoped
@Typed(RedisAttendance.class)
public class RedisAttendance implements Attendance {

    private final RedisConnection redis;
    private final String retain;

    @Inject
    public RedisAttendance(RedisConnection redis, BackplaneSettings settings) {
        this.redis = redis;
        this.retain = settings == null ? null : Integer.toString(settings.retain());
    }

    protected RedisAttendance() {
        // for the CDI client proxy only
        this(null, null);
    }

    @Override
    public Set<Member> hold(Collection<Member> members, Instant now, Instant until) {
        Set<Member> gone = new HashSet<>();
        for (Member member : members) {
            String room = member.room();
            Long held = redis.script(RedisScripts.HOLD, ScriptOutputType.INTEGER,
                    keys(RedisKeys.seats(room), RedisKeys.active(room), RedisKeys.hold(member), RedisKeys.tokens(room)),
                    member.key(), member.username(), redis.server(), millis(until), millis(now));
            if (held == 0L) {
                gone.add(member);
            }
        }
        return gone;
    }

    @Override
    public Optional<ChatEvent> connect(Member member, Instant now) {
        String room = member.room();
        String id = redis.append(room, RedisScripts.CONNECT, ScriptOutputType.VALUE,
                keys(RedisKeys.connected(room), RedisKeys.events(room), RedisKeys.sequence(room), RedisKeys.texts(room)),
                member.key(), millis(now), member.username(), retain);
        return Optional.ofNullable(id).map(entry ->
                new ChatEvent(room, entry, EventType.USERCONNECT, member.username(), now, null));
    }

    @Override
    public Optional<ChatEvent> disconnectUnlessHeld(Member member, Instant now) {
        return disconnect(member.room(), member.key(), now, "0");
    }

    @Override
    public Optional<ChatEvent> disconnect(Member member, Instant now) {
        return disconnect(member.room(), member.key(), now, "1");
    }

    private Optional<ChatEvent> disconnect(String room, String key, Instant now, String evenIfHeld) {
        List<Object> result = redis.append(room, RedisScripts.DISCONNECT, ScriptOutputType.MULTI,
                keys(RedisKeys.connected(room), RedisKeys.hold(room, key), RedisKeys.events(room),
                        RedisKeys.sequence(room), RedisKeys.texts(room)),
                key, millis(now), evenIfHeld, retain);
        if (result == null || result.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChatEvent(room, (String) result.get(0), EventType.USERDISCONNECT,
                (String) result.get(1), now, null));
    }

    @Override
    public List<ChatEvent> disconnectUnheld(Instant now) {
        List<ChatEvent> events = new ArrayList<>();
        if (!redis.lock("unheld")) {
            return events;
        }
        for (String room : redis.call(commands -> commands.smembers(RedisKeys.ROOMS))) {
            for (String key : redis.call(commands -> commands.hkeys(RedisKeys.connected(room)))) {
                disconnect(room, key, now, "0").ifPresent(events::add);
            }
        }
        return events;
    }

    @Override
    public List<MemberSummary> connected(String room) {
        Map<String, String> connected = redis.call(commands -> commands.hgetall(RedisKeys.connected(room)));
        List<MemberSummary> members = new ArrayList<>();
        for (String value : connected.values()) {
            // "<since millis> <username>", as CONNECT writes it
            int space = value.indexOf(' ');
            members.add(new MemberSummary(value.substring(space + 1),
                    Instant.ofEpochMilli(Long.parseLong(value.substring(0, space)))));
        }
        members.sort(MemberSummary.ORDER);
        return members;
    }

    @Override
    public List<RoomSummary> rooms() {
        List<RoomSummary> rooms = new ArrayList<>();
        for (String room : redis.call(commands -> commands.smembers(RedisKeys.ROOMS))) {
            rooms.add(new RoomSummary(room, redis.call(commands -> commands.hlen(RedisKeys.connected(room))).intValue()));
        }
        rooms.sort(RoomSummary.ORDER);
        return rooms;
    }
}
