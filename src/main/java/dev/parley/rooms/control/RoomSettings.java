package dev.parley.rooms.control;

import dev.parley.platform.Settings;
import java.time.Duration;

/**
 * What a request to a room may ask for, from configuration.
 *
 * @param maxTextLength  {@code parley.message.max-length}: code points of a message after trimming
 * @param replay         {@code parley.history.replay}: events replayed on a fresh connect
 * @param pageSize       {@code parley.history.page-size}: messages per page when a request names no limit
 * @param maxPageSize    {@code parley.history.page-max}: the largest page a request may ask for
 * @param postsPerWindow {@code parley.rate.messages}: posts (edits and deletes included) a member may make in any
 *                       window of
 * @param postWindow     {@code parley.rate.window-seconds}
 * @param editWindow     {@code parley.message.edit-seconds}: how long after posting a message may be edited (zero:
 *                       never)
 * @param keyLifetime    {@code parley.message.idempotency-seconds}: how long an {@code Idempotency-Key} is
 *                       remembered
 * @param maxKeyLength   {@code parley.message.idempotency-key-max}: characters of an {@code Idempotency-Key}
 * @param typingInterval {@code parley.typing.interval-millis}: at most one {@code usertyping} per member per
 */
public record RoomSettings(int maxTextLength, int replay, int pageSize, int maxPageSize, int postsPerWindow,
                           Duration postWindow, Duration editWindow, Duration keyLifetime, int maxKeyLength,
                           Duration typingInterval) {

    public static RoomSettings from(Settings settings) {
        int pageSize = settings.atLeast("parley.history.page-size", 1);
        return new RoomSettings(settings.atLeast("parley.message.max-length", 1),
                settings.atLeast("parley.history.replay", 0), pageSize,
                settings.atLeast("parley.history.page-max", pageSize), settings.atLeast("parley.rate.messages", 1),
                settings.seconds("parley.rate.window-seconds", 1), settings.seconds("parley.message.edit-seconds", 0),
                settings.seconds("parley.message.idempotency-seconds", 1),
                settings.atLeast("parley.message.idempotency-key-max", 1),
                settings.millis("parley.typing.interval-millis", 1));
    }
}
