package dev.parley.backplane.redis;

import static dev.parley.backplane.redis.RedisConnection.keys;

import dev.parley.backplane.control.RoomRules;
import io.lettuce.core.ScriptOutputType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@link RoomRules} in Redis: a hash of the room's bans (JSON each), which expires when its last ban ends (a ban
 * over before is skipped when read), and the room's rules hash for its slow mode.
 */
@ApplicationScoped
@Typed(RedisRoomRules.class)
public class RedisRoomRules implements RoomRules {

    private final RedisConnection redis;

    @Inject
    public RedisRoomRules(RedisConnection redis) {
        this.redis = redis;
    }

    protected RedisRoomRules() {
        // for the CDI client proxy only
        this(null);
    }

    @Override
    public void ban(Ban ban) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("username", ban.username()).add("key", ban.key()).add("alike", ban.alike())
                .add("reason", ban.reason()).add("until", ban.until().toEpochMilli()).add("by", ban.by());
        if (ban.client() != null) {
            json.add("client", ban.client());
        }
        redis.script(RedisScripts.BAN, ScriptOutputType.INTEGER, keys(RedisKeys.bans(ban.room())), ban.key(),
                json.build().toString());
    }

    @Override
    public Optional<Ban> find(String room, String key, String alike, String client, Instant now) {
        return bans(room, now).stream()
                .filter(ban -> ban.key().equals(key) || ban.alike().equals(alike)
                        || (client != null && client.equals(ban.client())))
                .findFirst();
    }

    @Override
    public List<Ban> bans(String room, Instant now) {
        return redis.call(commands -> commands.hvals(RedisKeys.bans(room))).stream()
                .map(value -> ban(room, value))
                .filter(ban -> ban.until().isAfter(now))
                .sorted(Comparator.comparing(Ban::until))
                .toList();
    }

    @Override
    public boolean lift(String room, String key, Instant now) {
        String value = redis.call(commands -> commands.hget(RedisKeys.bans(room), key));
        Long removed = redis.call(commands -> commands.hdel(RedisKeys.bans(room), key));
        return value != null && removed == 1L && ban(room, value).until().isAfter(now);
    }

    @Override
    public Duration slowMode(String room) {
        String millis = redis.call(commands -> commands.hget(RedisKeys.rules(room), "slow"));
        return millis == null ? Duration.ZERO : Duration.ofMillis(Long.parseLong(millis));
    }

    @Override
    public void slowMode(String room, Duration interval) {
        if (interval.isZero()) {
            redis.call(commands -> commands.hdel(RedisKeys.rules(room), "slow"));
        } else {
            redis.call(commands -> commands.hset(RedisKeys.rules(room), "slow", Long.toString(interval.toMillis())));
        }
    }

    private static Ban ban(String room, String value) {
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(value))) {
            json = reader.readObject();
        }
        return new Ban(room, json.getString("username"), json.getString("key"), json.getString("alike"),
                json.getString("client", null), json.getString("reason"),
                Instant.ofEpochMilli(json.getJsonNumber("until").longValue()), json.getString("by"));
    }
}
