package dev.parley.streams.control;

import dev.parley.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The streams' settings, read and checked once. */
@ApplicationScoped
public class StreamsConfiguration {

    @Produces
    @Singleton
    StreamSettings settings(Settings settings) {
        return StreamSettings.from(settings);
    }
}
