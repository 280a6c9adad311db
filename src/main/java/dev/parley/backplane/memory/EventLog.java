package dev.parley.backplane.memory;

import dev.parley.chat.ChatEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * One room's retained history: a ring of the newest events, searched by id. Ids are decimal numbers that
 * only grow, so the ring is sorted and a lookup is a binary search. Not thread-safe: its room guards it.
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
        ring[slot] = event;
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

    private List<ChatEvent> range(int from, int to) {
        List<ChatEvent> events = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            events.add(at(i));
        }
        return events;
    }
}
