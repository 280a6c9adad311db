package dev.parley.rooms.control;

import dev.parley.platform.Settings;
import java.time.Duration;

/**
 * How presence is kept, from configuration.
 *
 * @param grace     {@code parley.presence.grace-seconds}: how long a member's last stream may stay closed before it
 *                  is disconnected (a reload is no leave)
 * @param idle      {@code parley.member.idle-seconds}: a name with no stream and no activity this long is freed
 * @param heartbeat {@code parley.presence.heartbeat-seconds}: how often a server renews its holds; a server silent
 *                  for three is taken for dead
 * @param roomIdle  {@code parley.rooms.idle-seconds}: a room with no name, no stream and nothing said this long is freed
 */
public record PresenceSettings(Duration grace, Duration idle, Duration heartbeat, Duration roomIdle) {

    public static PresenceSettings from(Settings settings) {
        return new PresenceSettings(settings.seconds("parley.presence.grace-seconds", 0),
                settings.seconds("parley.member.idle-seconds", 1), settings.seconds("parley.presence.heartbeat-seconds", 1),
                settings.seconds("parley.rooms.idle-seconds", 1));
    }

    /** Three heartbeats: a hold survives one late renewal, and lapses soon after its server dies. */
    public Duration holdTime() {
        return heartbeat.multipliedBy(3);
    }
}
