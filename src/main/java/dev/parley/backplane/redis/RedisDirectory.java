package dev.parley.backplane.redis;

import static dev.parley.backplane.redis.RedisConnection.keys;
import static dev.parley.backplane.redis.RedisConnection.millis;

import dev.parley.backplane.control.BackplaneSettings;
import dev.parley.backplane.control.Directory;
import io.lettuce.core.ScriptOutputType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@link Directory} in Redis: the set of rooms, and per room the servers holding it until a time. Its sweep also
 * reconciles the room list: a room listed by a take that was then refused has no name, and is freed like any idle
 * room.
 */
@ApplicationScoped
@Typed(RedisDirectory.class)
public class RedisDirectory implements Directory {

    private final RedisConnection redis;
    private final Duration historyTtl;

    @Inject
    public RedisDirectory(RedisConnection redis, BackplaneSettings settings) {
        this.redis = redis;
        this.historyTtl = settings == null ? null : settings.historyTtl();
    }

    protected RedisDirectory() {
        // for the CDI client proxy only
        this(null, null);
    }

    @Override
    public void hold(Collection<String> rooms, Instant now, Instant until) {
        for (String room : rooms) {
            redis.script(RedisScripts.HOLD_ROOM, ScriptOutputType.INTEGER, keys(RedisKeys.roomHolds(room)),
                    redis.server(), millis(until));
        }
    }

    @Override
    public List<String> freeIdle(Instant now, Duration idle) {
        List<String> freed = new ArrayList<>();
        if (!redis.lock("rooms")) {
            return freed;
        }
        for (String room : redis.call(commands -> commands.smembers(RedisKeys.ROOMS))) {
            Long done = redis.script(RedisScripts.FREE_ROOM, ScriptOutputType.INTEGER,
                    keys(RedisKeys.listed(room), RedisKeys.seats(room), RedisKeys.lookAlikes(room),
                            RedisKeys.active(room), RedisKeys.connected(room), RedisKeys.roomHolds(room),
                            RedisKeys.touched(room), RedisKeys.events(room), RedisKeys.sequence(room),
                            RedisKeys.texts(room), RedisKeys.tokens(room)),
                    millis(now), millis(now.minus(idle)), Long.toString(historyTtl.toMillis()));
            if (done == 1L) {
                // the room list is kept apart from the room: a name taken since puts it back (RedisSeats.unlist)
                RedisSeats.unlist(redis, room);
                freed.add(room);
            }
        }
        return freed;
    }
}
