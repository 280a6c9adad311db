package dev.parley.backplane.control;

import dev.parley.rooms.entity.ChatEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

    Optional<List<ChatEvent>> messagesBefore(String id, int count) {
        int end = id == null ? size : indexOf(id);
        if (end < 0) {
            return Optional.empty();
        }
        List<ChatEvent> found = new ArrayList<>();
        for (int i = end - 1; i >= 0 && found.size() < count; i--) {
            ChatEvent event = at(i);
            if (event.isMessage()) {
                found.add(event);
            }
        }
        Collections.reverse(found);
        return Optional.of(found);
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
