package dev.parley.streams.boundary;

import dev.parley.streams.control.Streams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Down when streams wait to be written and no write has finished for a minute: the writers are wedged and
 * only a restart frees the clients.
 */
@Liveness
@ApplicationScoped
public class WritersLiveness implements HealthCheck {

    private static final Duration WEDGED = Duration.ofMinutes(1);

    private final Streams streams;

    @Inject
    public WritersLiveness(Streams streams) {
        this.streams = streams;
    }

    protected WritersLiveness() {
        // for the CDI client proxy only
        this(null);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("writers").status(!streams.writersWedged(WEDGED)).build();
    }
}
