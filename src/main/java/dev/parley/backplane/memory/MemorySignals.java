package dev.parley.backplane.memory;

import dev.parley.backplane.control.Delivery;
import dev.parley.backplane.control.Signals;
import dev.parley.chat.ChatEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

/** {@link Signals} on one server: straight to its streams. */
@ApplicationScoped
@Typed(MemorySignals.class)
public class MemorySignals implements Signals {

    private final Delivery delivery;

    @Inject
    public MemorySignals(Delivery delivery) {
        this.delivery = delivery;
    }

    protected MemorySignals() {
        // for the CDI client proxy only
        this(null);
    }

    @Override
    public void send(ChatEvent signal) {
        delivery.deliver(signal);
    }
}
