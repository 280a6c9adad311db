package dev.parley.backplane.redis;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventType;
import io.lettuce.core.KeyValue;
import io.lettuce.core.StreamMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a room's stream entries back as events (the stored forms are in {@link RedisScripts}): each message as it
 * is now, each edit with its message's current text or not at all (its message deleted or trimmed), a message
 * trimmed between reading its entry and its text not at all either, with one
 * {@code HMGET} of the texts for a whole batch.
 */
final class RedisEvents {

    private RedisEvents() {
    }

    /** The texts the entries need, by message id. */
    static Map<String, String> texts(RedisConnection redis, String room, List<StreamMessage<String, String>> entries) {
        Set<String> ids = new LinkedHashSet<>();
        for (StreamMessage<String, String> entry : entries) {
            String type = entry.getBody().get("t");
            if ("usermessage".equals(type)) {
                ids.add(entry.getId());
            } else if ("messageedit".equals(type)) {
                ids.add(entry.getBody().get("g"));
            }
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        String[] fields = ids.toArray(String[]::new);
        List<KeyValue<String, String>> values = redis.call(commands -> commands.hmget(RedisKeys.texts(room), fields));
        Map<String, String> texts = new HashMap<>(values.size() * 2);
        for (KeyValue<String, String> value : values) {
            if (value.hasValue()) {
                texts.put(value.getKey(), value.getValue());
            }
        }
        return texts;
    }

    /** The entries as events, in order; edits that are not read back left out. */
    static List<ChatEvent> read(RedisConnection redis, String room, List<StreamMessage<String, String>> entries) {
        Map<String, String> texts = texts(redis, room, entries);
        List<ChatEvent> events = new ArrayList<>(entries.size());
        for (StreamMessage<String, String> entry : entries) {
            event(room, entry, texts).ifPresent(events::add);
        }
        return events;
    }

    /** The entry as an event, given the {@link #texts} of its batch; empty for an edit that is not read back. */
    static Optional<ChatEvent> event(String room, StreamMessage<String, String> entry, Map<String, String> texts) {
        Map<String, String> body = entry.getBody();
        EventType type = EventType.ofWireName(body.get("t"));
        String username = body.get("u");
        Instant time = Instant.ofEpochMilli(Long.parseLong(body.get("m")));
        return switch (type) {
            // a message whose text is gone was trimmed between the two reads: it is not read back either
            case USERMESSAGE -> Optional.ofNullable(texts.get(entry.getId()))
                    .map(stored -> message(room, entry.getId(), username, time, body.get("a"), stored)
                            .withTrace(body.get("tp")));
            case MESSAGEEDIT -> {
                String stored = texts.get(body.get("g"));
                yield stored == null || isTombstone(stored) ? Optional.empty()
                        : Optional.of(ChatEvent.edit(room, entry.getId(), username, time, body.get("g"), text(stored)));
            }
            case MESSAGEDELETE -> Optional.of(ChatEvent.delete(room, entry.getId(), username, time, body.get("g"),
                    body.get("b")));
            default -> Optional.of(new ChatEvent(room, entry.getId(), type, username, time, null));
        };
    }

    /** A message from its entry and its stored text. */
    static ChatEvent message(String room, String id, String username, Instant time, String author, String stored) {
        ChatEvent message = ChatEvent.message(room, id, username, time, null, author);
        int colon = stored.indexOf(':');
        if (isTombstone(stored)) {
            String by = stored.substring(colon + 1);
            return message.deletedAt(Instant.ofEpochMilli(Long.parseLong(stored.substring(1, colon))),
                    by.isEmpty() ? null : by);
        }
        return colon == 0 ? message.withText(stored.substring(1))
                : message.editedTo(stored.substring(colon + 1), Instant.ofEpochMilli(Long.parseLong(stored.substring(0, colon))));
    }

    static long sequenceOf(StreamMessage<String, String> entry) {
        String n = entry.getBody().get("n");
        return n == null ? 0 : Long.parseLong(n);
    }

    private static boolean isTombstone(String stored) {
        return stored.startsWith("x");
    }

    private static String text(String stored) {
        return stored.substring(stored.indexOf(':') + 1);
    }
}
