package dev.parley.security.control;

import dev.parley.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The identity settings, read and checked once. */
@ApplicationScoped
public class SecurityConfiguration {

    @Produces
    @Singleton
    AuthSettings auth(Settings settings) {
        return AuthSettings.from(settings);
    }
}
