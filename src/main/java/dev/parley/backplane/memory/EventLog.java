package dev.parley.backplane.memory;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * One room's retained history: a ring of the newest events, searched by id. Ids are decimal numbers that
 * only grow, so the ring is sorted and a lookup is a binary search. Not thread-safe: its room guards it.
 *
 * <p>A message is kept as it is now (edited, or a tombstone), and an edit without its text: it is read back with its
 * message's current text, and not at all once the message is deleted or gone, so a deleted text is nowhere.
 */
final class EventLog {

    private final ChatEvent[] ring;
    private final long[] ids;
    private int start;
    private int size;

    EventLog(int capacity) {
        ring = new ChatEvent[capacity];
        ids = new long[capacity];
    }

    void add(ChatEvent event) {
        int slot = (start + size) % ring.length;
        ring[slot] = event.type() == EventType.MESSAGEEDIT ? event.withText(null) : event;
        ids[slot] = Long.parseLong(event.id());
        if (size < ring.length) {
            size++;
        } else {
            start = (start + 1) % ring.length;
        }
    }

    List<ChatEvent> latest(int count) {
        return range(Math.max(0, size - count), size);
    }

    /** Every retained event as it is stored (edits without their text), oldest first: what the room keeps. */
    List<ChatEvent> stored() {
        List<ChatEvent> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            events.add(at(i));
        }
        return events;
    }

    /** The retained event with this id. */
    Optional<ChatEvent> find(String id) {
        int index = indexOf(id);
        return index < 0 ? Optional.empty() : Optional.of(at(index));
    }

    /** Puts a changed message in the place of the one with its id, which the caller found retained. */
    void replace(ChatEvent message) {
        int index = indexOf(message.id());
        if (index < 0) {
            throw new IllegalArgumentException("no retained event " + message.id());
        }
        ring[(start + index) % ring.length] = message;
    }

    Optional<List<ChatEvent>> after(String id) {
        int index = indexOf(id);
        return index < 0 ? Optional.empty() : Optional.of(range(index + 1, size));
    }

    /** The events before the one with this id (or all, for null), newest first; empty for an id not here. */
    Optional<Iterator<ChatEvent>> newestFirstBefore(String id) {
        int end = id == null ? size : indexOf(id);
        if (end < 0) {
            return Optional.empty();
        }
        return Optional.of(new Iterator<>() {
            private int next = end - 1;

            @Override
            public boolean hasNext() {
                return next >= 0;
            }

            @Override
            public ChatEvent next() {
                if (next < 0) {
                    throw new NoSuchElementException();
                }
                return at(next--);
            }
        });
    }

    private int indexOf(String id) {
        long wanted;
        try {
            wanted = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long found = ids[(start + mid) % ring.length];
            if (found < wanted) {
                low = mid + 1;
            } else if (found > wanted) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private ChatEvent at(int index) {
        return ring[(start + index) % ring.length];
    }

    /** The events in the range as they are read back: edits with their message's text, or left out. */
    private List<ChatEvent> range(int from, int to) {
        List<ChatEvent> events = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            ChatEvent event = at(i);
            if (event.type() != EventType.MESSAGEEDIT) {
                events.add(event);
            } else {
                find(event.message()).filter(message -> !message.isTombstone())
                        .ifPresent(message -> events.add(event.withText(message.text())));
            }
        }
        return events;
    }
}
