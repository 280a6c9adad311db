package dev.parley.backplane.redis;

import dev.parley.backplane.control.BackplaneSettings;
import dev.parley.backplane.control.History;
import dev.parley.backplane.control.Pages;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventIds;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * {@link History} in Redis: a Stream per room, trimmed to the retained length, the entry id being the event's id, and
 * the messages' texts beside it ({@link RedisEvents}).
 */
@ApplicationScoped
@Typed(RedisHistory.class)
public class RedisHistory implements History {

    // entries read back per round trip while paging through history
    private static final int PAGE = 100;

    private final RedisConnection redis;
    private final RedisFeed feed;
    private final int retain;

    @Inject
    public RedisHistory(RedisConnection redis, RedisFeed feed, BackplaneSettings settings) {
        this.redis = redis;
        this.feed = feed;
        this.retain = settings == null ? 0 : settings.retain();
    }

    protected RedisHistory() {
        // for the CDI client proxy only
        this(null, null, null);
    }

    @Override
    public List<ChatEvent> latest(String room, int count) {
        if (count <= 0) {
            return List.of();
        }
        List<StreamMessage<String, String>> newest = redis.call(commands -> commands.xrevrange(RedisKeys.events(room),
                Range.create("-", "+"), Limit.from(count)));
        List<StreamMessage<String, String>> oldestFirst = new ArrayList<>(newest);
        Collections.reverse(oldestFirst);
        return RedisEvents.read(redis, room, oldestFirst);
    }

    @Override
    public Optional<List<ChatEvent>> after(String room, String id) {
        if (!retained(room, id)) {
            return Optional.empty();
        }
        List<StreamMessage<String, String>> after = redis.call(commands -> commands.xrange(RedisKeys.events(room),
                Range.from(Range.Boundary.excluding(id), Range.Boundary.unbounded()), Limit.from(retain)));
        return Optional.of(RedisEvents.read(redis, room, after));
    }

    @Override
    public Optional<List<ChatEvent>> messagesBefore(String room, String beforeId, int count) {
        if (beforeId != null && !retained(room, beforeId)) {
            return Optional.empty();
        }
        return Optional.of(Pages.messages(newestFirst(room, beforeId), count));
    }

    @Override
    public void follow(String room) {
        feed.follow(room);
    }

    @Override
    public void unfollow(String room) {
        feed.unfollow(room);
    }

    /** The room's events before the id (or all), newest first, read a page at a time as they are taken. */
    private Iterator<ChatEvent> newestFirst(String room, String beforeId) {
        return new Iterator<>() {
            private Range.Boundary<String> upper = beforeId == null ? Range.Boundary.unbounded()
                    : Range.Boundary.excluding(beforeId);
            private List<ChatEvent> page = List.of();
            private int next;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (next < page.size()) {
                    return true;
                }
                if (exhausted) {
                    return false;
                }
                while (!exhausted && next >= page.size()) {
                    Range.Boundary<String> end = upper;
                    List<StreamMessage<String, String>> entries = redis.call(commands -> commands.xrevrange(
                            RedisKeys.events(room), Range.from(Range.Boundary.unbounded(), end), Limit.from(PAGE)));
                    exhausted = entries.size() < PAGE;
                    if (!entries.isEmpty()) {
                        upper = Range.Boundary.excluding(entries.get(entries.size() - 1).getId());
                    }
                    page = RedisEvents.read(redis, room, entries);
                    next = 0;
                }
                return next < page.size();
            }

            @Override
            public ChatEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(next++);
            }
        };
    }

    /** Whether an entry with exactly this id is still in the room's stream. */
    private boolean retained(String room, String id) {
        if (!EventIds.isWellFormed(id)) {
            return false;
        }
        List<StreamMessage<String, String>> entry = redis.call(commands -> commands.xrange(RedisKeys.events(room),
                Range.create(id, id), Limit.from(1)));
        return !entry.isEmpty() && entry.get(0).getId().equals(id);
    }
}
