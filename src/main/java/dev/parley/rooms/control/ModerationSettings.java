package dev.parley.rooms.control;

import dev.parley.platform.Settings;
import java.time.Duration;

/**
 * The bounds of what a moderator may ask for, from configuration.
 *
 * @param maxBan       {@code parley.moderation.max-ban-seconds}: the longest ban
 * @param maxSlowMode  {@code parley.moderation.max-slow-mode-seconds}: the longest slow-mode interval
 * @param maxReason    {@code parley.moderation.reason-max}: characters of a ban's reason
 * @param auditPageMax {@code parley.audit.page-max}: the most audit entries one request may read
 */
public record ModerationSettings(Duration maxBan, Duration maxSlowMode, int maxReason, int auditPageMax) {

    public static ModerationSettings from(Settings settings) {
        return new ModerationSettings(settings.seconds("parley.moderation.max-ban-seconds", 1),
                settings.seconds("parley.moderation.max-slow-mode-seconds", 1),
                settings.atLeast("parley.moderation.reason-max", 1), settings.atLeast("parley.audit.page-max", 1));
    }
}
