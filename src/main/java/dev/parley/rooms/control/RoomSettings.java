package dev.parley.rooms.control;

import dev.parley.platform.Settings;
import java.time.Duration;

/**
 * What a request to a room may ask for, from configuration.
 *
 * @param maxTextLength {@code parley.message.max-length}: code points of a message after trimming
 * @param replay        {@code parley.history.replay}: events replayed on a fresh connect
 * @param pageSize      {@code parley.history.page-size}: messages per page when a request names no limit
 * @param maxPageSize   {@code parley.history.page-max}: the largest page a request may ask for
 * @param postsPerWindow {@code parley.rate.messages}: posts a member may make in any window of
 * @param postWindow    {@code parley.rate.window-seconds}
 */
public record RoomSettings(int maxTextLength, int replay, int pageSize, int maxPageSize, int postsPerWindow,
                           Duration postWindow) {

    public static RoomSettings from(Settings settings) {
        int pageSize = settings.atLeast("parley.history.page-size", 1);
        return new RoomSettings(settings.atLeast("parley.message.max-length", 1),
                settings.atLeast("parley.history.replay", 0), pageSize,
                settings.atLeast("parley.history.page-max", pageSize), settings.atLeast("parley.rate.messages", 1),
                settings.seconds("parley.rate.window-seconds", 1));
    }
}
