package dev.parley.streams.boundary;

import dev.parley.streams.control.Streams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready for new streams: not stopping, and below {@code parley.streams.max}, so a balancer sends clients elsewhere. */
@Readiness
@ApplicationScoped
public class StreamsReadiness implements HealthCheck {

    private final Streams streams;

    @Inject
    public StreamsReadiness(Streams streams) {
        this.streams = streams;
    }

    protected StreamsReadiness() {
        // for the CDI client proxy only
        this(null);
    }

    @Override
    public HealthCheckResponse call() {
        boolean accepting = !streams.stopping() && streams.count() < streams.max();
        return HealthCheckResponse.named("streams")
                .status(accepting)
                .withData("open", streams.count())
                .withData("max", streams.max())
                .withData("stopping", streams.stopping())
                .build();
    }
}
