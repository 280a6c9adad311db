package dev.parley.rooms.control;

import dev.parley.platform.Settings;
import java.time.Duration;

/**
 * What one client (an address, docs/security.md) may do in all rooms together, from configuration: without these,
 * one client could take every name, or post past every member's own limit through many names.
 *
 * @param joinsPerMinute {@code parley.clients.joins-per-minute}: join attempts, taken or refused
 * @param maxNames       {@code parley.clients.max-names}: names held at once
 * @param posts          {@code parley.clients.posts}: posts of all its names per window of
 * @param postWindow     {@code parley.clients.posts-window-seconds}
 */
public record ClientLimits(int joinsPerMinute, int maxNames, int posts, Duration postWindow) {

    public static ClientLimits from(Settings settings) {
        return new ClientLimits(settings.atLeast("parley.clients.joins-per-minute", 1),
                settings.atLeast("parley.clients.max-names", 1), settings.atLeast("parley.clients.posts", 1),
                settings.seconds("parley.clients.posts-window-seconds", 1));
    }
}
