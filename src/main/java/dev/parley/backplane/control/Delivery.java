package dev.parley.backplane.control;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.HistoryGap;
import dev.parley.chat.StoreLost;

/** Where a {@link History} hands this server's new events: to the streams, through CDI events in the application. */
public interface Delivery {

    void deliver(ChatEvent event);

    void gap(HistoryGap gap);

    /** The store lost everything it held: every stream here starts over. */
    void lost(StoreLost lost);
}
