package dev.parley.backplane.control;

import dev.parley.chat.ChatEvent;

/**
 * Ephemeral events ({@code usertyping}): handed to the {@link Delivery} of every server sharing the backplane, for
 * the streams open there now. Never stored, never replayed, carrying no id; at most once, so one lost in an outage
 * is simply gone (the next one replaces it within seconds).
 */
public interface Signals {

    void send(ChatEvent signal);
}
