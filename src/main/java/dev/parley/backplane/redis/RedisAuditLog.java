package dev.parley.backplane.redis;

import dev.parley.backplane.control.AuditLog;
import dev.parley.backplane.control.BackplaneSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/** {@link AuditLog} in Redis: one list for every server, newest first, trimmed to {@code parley.audit.retain}. */
@ApplicationScoped
@Typed(RedisAuditLog.class)
public class RedisAuditLog implements AuditLog {

    private final RedisConnection redis;
    private final int retain;

    @Inject
    public RedisAuditLog(RedisConnection redis, BackplaneSettings settings) {
        this.redis = redis;
        this.retain = settings == null ? 0 : settings.auditRetain();
    }

    protected RedisAuditLog() {
        // for the CDI client proxy only
        this(null, null);
    }

    @Override
    public void append(Entry entry) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("time", entry.time().toEpochMilli())
                .add("actor", entry.actor()).add("action", entry.action()).add("room", entry.room())
                .add("target", entry.target());
        if (entry.reason() != null) {
            json.add("reason", entry.reason());
        }
        if (entry.detail() != null) {
            json.add("detail", entry.detail());
        }
        String value = json.build().toString();
        redis.call(commands -> {
            commands.lpush(RedisKeys.AUDIT, value);
            return commands.ltrim(RedisKeys.AUDIT, 0, retain - 1);
        });
    }

    @Override
    public List<Entry> latest(int limit) {
        return redis.call(commands -> commands.lrange(RedisKeys.AUDIT, 0, limit - 1)).stream()
                .map(RedisAuditLog::entry).toList();
    }

    private static Entry entry(String value) {
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(value))) {
            json = reader.readObject();
        }
        return new Entry(Instant.ofEpochMilli(json.getJsonNumber("time").longValue()), json.getString("actor"),
                json.getString("action"), json.getString("room"), json.getString("target"),
                json.getString("reason", null), json.getString("detail", null));
    }
}
