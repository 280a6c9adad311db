package dev.parley.backplane.control;

import dev.parley.chat.ChatEvent;
import dev.parley.chat.HistoryGap;
import dev.parley.chat.StoreLost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Hands new events to the application as CDI events, which the streams observe. */
@ApplicationScoped
public class CdiDelivery implements Delivery {

    private final Event<ChatEvent> events;
    private final Event<HistoryGap> gaps;
    private final Event<StoreLost> losses;

    @Inject
    public CdiDelivery(Event<ChatEvent> events, Event<HistoryGap> gaps, Event<StoreLost> losses) {
        this.events = events;
        this.gaps = gaps;
        this.losses = losses;
    }

    protected CdiDelivery() {
        // for the CDI client proxy only
        this(null, null, null);
    }

    @Override
    public void deliver(ChatEvent event) {
        events.fire(event);
    }

    @Override
    public void gap(HistoryGap gap) {
        gaps.fire(gap);
    }

    @Override
    public void lost(StoreLost lost) {
        losses.fire(lost);
    }
}
