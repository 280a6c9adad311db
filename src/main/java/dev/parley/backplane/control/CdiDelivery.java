package dev.parley.backplane.control;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.HistoryGap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Hands new events to the application as CDI events, which the streams observe. */
@ApplicationScoped
public class CdiDelivery implements Delivery {

    private final Event<ChatEvent> events;
    private final Event<HistoryGap> gaps;

    @Inject
    public CdiDelivery(Event<ChatEvent> events, Event<HistoryGap> gaps) {
        this.events = events;
        this.gaps = gaps;
    }

    protected CdiDelivery() {
        // for the CDI client proxy only
        this(null, null);
    }

    @Override
    public void deliver(ChatEvent event) {
        events.fire(event);
    }

    @Override
    public void gap(HistoryGap gap) {
        gaps.fire(gap);
    }
}
