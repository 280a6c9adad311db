package dev.parley.backplane.redis;

import static dev.parley.backplane.redis.RedisConnection.keys;
import static dev.parley.backplane.redis.RedisConnection.millis;

import dev.parley.backplane.control.BackplaneSettings;
import dev.parley.backplane.control.Seats;
import dev.parley.chat.Member;
import dev.parley.chat.Names;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Seats} in Redis: per room, a hash of names, one of look-alikes and one of tokens (all under the room's tag);
 * beside them, the room list and each client's names, which span rooms.
 *
 * <p>A take is three steps, as in a Redis Cluster one script cannot touch the room and what spans rooms: the room is
 * admitted to the room list (refused beyond the limit), one of the client's names is reserved (refused beyond the
 * client's limit), then the name is taken in the room (atomically: of clashing takes exactly one wins). A refused
 * take gives back what the first steps took. Should a server die between steps, what is left over is reconciled:
 * a listed room with no name is freed by {@link RedisDirectory}'s sweep, a reservation with no token is dropped
 * when its client is found full.
 */
@ApplicationScoped
@Typed(RedisSeats.class)
public class RedisSeats implements Seats {

    /** A reservation younger than this may belong to a take still under way: never dropped as left over. */
    private static final long RESERVATION_GRACE_MILLIS = 10_000;

    private final RedisConnection redis;
    private final int maxRooms;

    @Inject
    public RedisSeats(RedisConnection redis, BackplaneSettings settings) {
        this.redis = redis;
        this.maxRooms = settings == null ? 0 : settings.maxRooms();
    }

    protected RedisSeats() {
        // for the CDI client proxy only
        this(null, null);
    }

    @Override
    public Outcome take(Member member, String tokenHash, String client, int maxNamesOfClient, Instant now) {
        String room = member.room();
        Long admitted = redis.script(RedisScripts.ADMIT_ROOM, ScriptOutputType.INTEGER, keys(RedisKeys.ROOMS),
                room, Integer.toString(maxRooms), Names.LOBBY);
        if (admitted == 0L) {
            return Outcome.TOO_MANY_ROOMS;
        }
        // a step that fails (Redis away) leaves what the steps before took: whether the failed one took effect is
        // unknown, so nothing is given back, and the sweeps reconcile
        long reserved = reserve(member, tokenHash, client, maxNamesOfClient, now);
        Outcome outcome;
        if (reserved == 0L) {
            // a name taken is the answer even to a full client, as with one step
            boolean taken = redis.call(commands -> commands.hexists(RedisKeys.seats(room), member.key())
                    || commands.hexists(RedisKeys.lookAlikes(room), member.lookAlikeKey()));
            outcome = taken ? Outcome.NAME_TAKEN : Outcome.CLIENT_FULL;
        } else {
            outcome = Outcome.valueOf(redis.script(RedisScripts.TAKE, ScriptOutputType.VALUE,
                    keys(RedisKeys.seats(room), RedisKeys.lookAlikes(room), RedisKeys.active(room),
                            RedisKeys.tokens(room), RedisKeys.touched(room), RedisKeys.events(room),
                            RedisKeys.sequence(room), RedisKeys.texts(room), RedisKeys.listed(room)),
                    member.key(), member.lookAlikeKey(), tokenHash, member.username(), millis(now), client));
        }
        if (outcome == Outcome.TAKEN) {
            // again, after the name: a sweep that took the room off the list meanwhile sees it listed, or this puts it
            // back (unlist is the other half)
            redis.call(commands -> commands.sadd(RedisKeys.ROOMS, room));
            return outcome;
        }
        if (reserved == 2L) {
            redis.call(commands -> commands.hdel(RedisKeys.clientNames(client), tokenHash));
        }
        if (admitted == 2L) {
            unlist(redis, room);
        }
        return outcome;
    }

    /** Reserves one of the client's names; a full client's left-over reservations are dropped, and it is asked again. */
    private long reserve(Member member, String tokenHash, String client, int maxNamesOfClient, Instant now) {
        String names = RedisKeys.clientNames(client);
        String[] args = {tokenHash, Integer.toString(maxNamesOfClient), member.room() + " " + millis(now)};
        Long reserved = redis.script(RedisScripts.RESERVE, ScriptOutputType.INTEGER, keys(names), args);
        if (reserved != 0L || !dropLeftOvers(names, now)) {
            return reserved;
        }
        return redis.<Long>script(RedisScripts.RESERVE, ScriptOutputType.INTEGER, keys(names), args);
    }

    /** Drops the client's reservations whose token is in no room (a take that died half-way); true if any. */
    private boolean dropLeftOvers(String names, Instant now) {
        boolean dropped = false;
        for (Map.Entry<String, String> reservation : redis.call(commands -> commands.hgetall(names)).entrySet()) {
            String[] roomAndMillis = reservation.getValue().split(" ");
            if (roomAndMillis.length != 2
                    || Long.parseLong(roomAndMillis[1]) > now.toEpochMilli() - RESERVATION_GRACE_MILLIS) {
                continue;
            }
            String tokenHash = reservation.getKey();
            if (!redis.call(commands -> commands.hexists(RedisKeys.tokens(roomAndMillis[0]), tokenHash))) {
                redis.call(commands -> commands.hdel(names, tokenHash));
                dropped = true;
            }
        }
        return dropped;
    }

    /**
     * Takes a room off the room list unless a name was taken in it meanwhile: the list is an index of the rooms whose
     * {@link RedisKeys#listed} marker is set, and a take sets the marker before it lists the room again, so checking
     * the marker after removing the room leaves no room in use unlisted.
     */
    static void unlist(RedisConnection redis, String room) {
        redis.call(commands -> commands.srem(RedisKeys.ROOMS, room));
        if (redis.call(commands -> commands.exists(RedisKeys.listed(room))) > 0) {
            redis.call(commands -> commands.sadd(RedisKeys.ROOMS, room));
        }
    }

    @Override
    public Optional<Seat> seat(String room, String key) {
        String tokenHash = redis.call(commands -> commands.hget(RedisKeys.seats(room), key));
        if (tokenHash == null) {
            return Optional.empty();
        }
        return token(room, tokenHash).map(token -> new Seat(member(room, token), client(token)));
    }

    @Override
    public Optional<Member> holder(String room, String tokenHash) {
        return token(room, tokenHash).map(token -> member(room, token));
    }

    private Optional<String[]> token(String room, String tokenHash) {
        String value = redis.call(commands -> commands.hget(RedisKeys.tokens(room), tokenHash));
        return Optional.ofNullable(value).map(token -> token.split("\n", -1));
    }

    @Override
    public void touch(Member member, Instant now) {
        redis.call(commands -> commands.zadd(RedisKeys.active(member.room()), ZAddArgs.Builder.xx(),
                (double) now.toEpochMilli(), member.key()));
    }

    @Override
    public boolean free(Member member) {
        return free(member, "");
    }

    @Override
    public List<Member> freeIdle(Instant idleSince) {
        List<Member> freed = new ArrayList<>();
        if (!redis.lock("expire")) {
            return freed;
        }
        for (String room : redis.call(commands -> commands.smembers(RedisKeys.ROOMS))) {
            List<String> idle = redis.call(commands -> commands.zrangebyscore(RedisKeys.active(room),
                    Range.create(Double.NEGATIVE_INFINITY, (double) idleSince.toEpochMilli() - 1)));
            for (String key : idle) {
                Optional<Member> member = seat(room, key).map(Seat::member);
                if (member.isPresent() && free(member.get(), millis(idleSince))) {
                    freed.add(member.get());
                }
            }
        }
        return freed;
    }

    private boolean free(Member member, String idleCutoff) {
        String room = member.room();
        String freed = redis.script(RedisScripts.FREE, ScriptOutputType.VALUE,
                keys(RedisKeys.seats(room), RedisKeys.lookAlikes(room), RedisKeys.active(room), RedisKeys.tokens(room)),
                member.key(), member.lookAlikeKey(), member.username(), idleCutoff);
        if (freed == null) {
            return false;
        }
        String[] tokenAndClient = freed.split("\n", -1);
        redis.call(commands -> commands.hdel(RedisKeys.clientNames(tokenAndClient[1]), tokenAndClient[0]));
        return true;
    }

    /** A member from its room's token, {@code "<username>\n<key>\n<alike>\n<client>"}. */
    private static Member member(String room, String[] token) {
        return new Member(room, token[0], token[1], token[2]);
    }

    private static String client(String[] token) {
        return token.length > 3 ? token[3] : null;
    }
}
