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

/** {@link Seats} in Redis: one hash of names per room, one of look-alikes, and a hash per token. */
@ApplicationScoped
@Typed(RedisSeats.class)
public class RedisSeats implements Seats {

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
        String outcome = redis.script(RedisScripts.TAKE, ScriptOutputType.VALUE,
                keys(RedisKeys.ROOMS, RedisKeys.seats(room), RedisKeys.lookAlikes(room), RedisKeys.active(room),
                        RedisKeys.token(tokenHash), RedisKeys.CLIENT_NAMES + client, RedisKeys.touched(room),
                        RedisKeys.events(room), RedisKeys.sequence(room), RedisKeys.texts(room)),
                room, member.key(), member.lookAlikeKey(), tokenHash, member.username(), millis(now),
                Integer.toString(maxRooms), client, Integer.toString(maxNamesOfClient), Names.LOBBY);
        return Outcome.valueOf(outcome);
    }

    @Override
    public Optional<Seat> seat(String room, String key) {
        String tokenHash = redis.call(commands -> commands.hget(RedisKeys.seats(room), key));
        if (tokenHash == null) {
            return Optional.empty();
        }
        Map<String, String> token = redis.call(commands -> commands.hgetall(RedisKeys.token(tokenHash)));
        return token.isEmpty() ? Optional.empty() : Optional.of(new Seat(member(token), token.get("client")));
    }

    @Override
    public Optional<Member> holder(String tokenHash) {
        Map<String, String> token = redis.call(commands -> commands.hgetall(RedisKeys.token(tokenHash)));
        return token.isEmpty() ? Optional.empty() : Optional.of(member(token));
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
                String tokenHash = redis.call(commands -> commands.hget(RedisKeys.seats(room), key));
                Optional<Member> member = tokenHash == null ? Optional.empty() : holder(tokenHash);
                if (member.isPresent() && free(member.get(), millis(idleSince))) {
                    freed.add(member.get());
                }
            }
        }
        return freed;
    }

    private boolean free(Member member, String idleCutoff) {
        String room = member.room();
        Long freed = redis.script(RedisScripts.FREE, ScriptOutputType.INTEGER,
                keys(RedisKeys.seats(room), RedisKeys.lookAlikes(room), RedisKeys.active(room)),
                member.key(), member.lookAlikeKey(), member.username(), RedisKeys.TOKEN, idleCutoff,
                RedisKeys.CLIENT_NAMES);
        return freed == 1L;
    }

    private static Member member(Map<String, String> token) {
        return new Member(token.get("room"), token.get("username"), token.get("key"), token.get("alike"));
    }
}
