package dev.parley.rooms.control;

import dev.parley.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The rooms' settings, read and checked once. */
@ApplicationScoped
public class RoomsConfiguration {

    @Produces
    @Singleton
    RoomSettings rooms(Settings settings) {
        return RoomSettings.from(settings);
    }

    @Produces
    @Singleton
    ClientLimits clients(Settings settings) {
        return ClientLimits.from(settings);
    }

    @Produces
    @Singleton
    ModerationSettings moderation(Settings settings) {
        return ModerationSettings.from(settings);
    }

    @Produces
    @Singleton
    PresenceSettings presence(Settings settings) {
        return PresenceSettings.from(settings);
    }
}
