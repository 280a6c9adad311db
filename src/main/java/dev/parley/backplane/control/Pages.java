package dev.parley.backplane.control;

import dev.parley.chat.ChatEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** The paging rule of {@link History#messagesBefore}, written once for every store. */
public final class Pages {

    private Pages() {
    }

    /** Up to {@code count} messages from events read newest first, returned oldest first. */
    public static List<ChatEvent> messages(Iterator<ChatEvent> newestFirst, int count) {
        List<ChatEvent> found = new ArrayList<>(Math.min(count, 64));
        while (found.size() < count && newestFirst.hasNext()) {
            ChatEvent event = newestFirst.next();
            if (event.isMessage()) {
                found.add(event);
            }
        }
        Collections.reverse(found);
        return found;
    }
}
