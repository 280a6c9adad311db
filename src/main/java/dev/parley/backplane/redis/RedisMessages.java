package dev.parley.backplane.redis;

import static dev.parley.backplane.redis.RedisConnection.keys;
import static dev.parley.backplane.redis.RedisConnection.millis;

import dev.parley.backplane.control.BackplaneSettings;
import dev.parley.backplane.control.Digests;
import dev.parley.backplane.control.Messages;
import dev.parley.chat.ChatEvent;
import dev.parley.platform.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.lettuce.core.ScriptOutputType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/** {@link Messages} in Redis: each call one script ({@link RedisScripts#POST}, {@code EDIT}, {@code DELETE}). */
@ApplicationScoped
@Typed(RedisMessages.class)
public class RedisMessages implements Messages {

    private final RedisConnection redis;
    private final String retain;
    private final Tracer tracer;

    @Inject
    public RedisMessages(RedisConnection redis, BackplaneSettings settings, Tracer tracer) {
        this.redis = redis;
        this.retain = settings == null ? null : Integer.toString(settings.retain());
        this.tracer = tracer;
    }

    protected RedisMessages() {
        // for the CDI client proxy only
        this(null, null, null);
    }

    @Override
    public Posted post(String room, String username, String author, String text, String key, Duration keyLifetime,
                       Instant now) {
        String digest = key == null ? "" : Digests.of(text);
        // the key is the client's: only its digest names a Redis key
        String keyed = RedisKeys.keyed(room, author, key == null ? "-" : Digests.of(key));
        // the Redis hop of a post's trace; the entry carries this span, so every server's fan-out continues it
        Span span = tracer.spanBuilder("parley.redis.post").setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.system", "redis").setAttribute("parley.room", room).startSpan();
        String result;
        try (Scope scope = span.makeCurrent()) {
            String trace = Traces.current();
            result = redis.append(room, RedisScripts.POST, ScriptOutputType.VALUE,
                    keys(RedisKeys.events(room), RedisKeys.sequence(room), RedisKeys.texts(room), keyed),
                    retain, username, millis(now), author, text, key == null ? "" : Long.toString(keyLifetime.toMillis()),
                    digest, trace == null ? "" : trace);
        } finally {
            span.end();
        }
        String[] parts = result.split(" ");
        if (parts[0].equals("new")) {
            return new Posted(ChatEvent.message(room, parts[1], username, now, text, author), false);
        }
        if (!parts[2].equals(digest)) {
            return Posted.mismatched();
        }
        return new Posted(ChatEvent.message(room, parts[0], username, Instant.ofEpochMilli(Long.parseLong(parts[1])),
                text, author), true);
    }

    @Override
    public Change edit(String room, String messageId, String author, String text, Instant editableSince,
                       Instant now) {
        String result = redis.append(room, RedisScripts.EDIT, ScriptOutputType.VALUE,
                keys(RedisKeys.events(room), RedisKeys.sequence(room), RedisKeys.texts(room)),
                retain, messageId, author, text, millis(now), Long.toString(millisOrMax(editableSince)));
        return change(result, (id, message) -> Change.done(message.editedTo(text, now),
                ChatEvent.edit(room, id, message.username(), now, messageId, text)), room, messageId, author);
    }

    @Override
    public Change delete(String room, String messageId, String author, Instant now) {
        String by = author == null ? ChatEvent.BY_MODERATOR : null;
        String result = redis.append(room, RedisScripts.DELETE, ScriptOutputType.VALUE,
                keys(RedisKeys.events(room), RedisKeys.sequence(room), RedisKeys.texts(room)),
                retain, messageId, author == null ? "" : author, millis(now), by == null ? "" : by);
        return change(result, (id, message) -> Change.done(message.deletedAt(now, by),
                ChatEvent.delete(room, id, message.username(), now, messageId, by)), room, messageId, author);
    }

    private interface Done {
        Change apply(String eventId, ChatEvent message);
    }

    /** Reads {@code "OK <event id> <message millis> <username>"} or a refusal. */
    private static Change change(String result, Done done, String room, String messageId, String author) {
        if (!result.startsWith("OK ")) {
            return Change.refused(Refusal.valueOf(result));
        }
        String[] parts = result.split(" ", 4);
        ChatEvent message = ChatEvent.message(room, messageId, parts[3],
                Instant.ofEpochMilli(Long.parseLong(parts[2])), null, author);
        return done.apply(parts[1], message);
    }

    /** Lua compares numbers as doubles: an instant too far to be one stands for "never". */
    private static long millisOrMax(Instant instant) {
        return instant.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE / 2)) ? Long.MAX_VALUE / 2 : instant.toEpochMilli();
    }
}
