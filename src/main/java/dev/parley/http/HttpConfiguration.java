package dev.parley.http;

import dev.parley.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The HTTP edge's settings, read and checked once. */
@ApplicationScoped
public class HttpConfiguration {

    @Produces
    @Singleton
    HttpLimits limits(Settings settings) {
        return HttpLimits.from(settings);
    }
}
