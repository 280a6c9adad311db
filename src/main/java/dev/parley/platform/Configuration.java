package dev.parley.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** The application's configuration as {@link Settings}, for the producer of each feature's settings record. */
@ApplicationScoped
public class Configuration {

    @Produces
    @Singleton
    Settings settings(Config config) {
        return new Settings(config);
    }
}
