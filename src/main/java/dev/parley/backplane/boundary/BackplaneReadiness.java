package dev.parley.backplane.boundary;

import dev.parley.backplane.control.Backplane;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while room state can be read and written: with Redis, down while Redis is unreachable. */
@Readiness
@ApplicationScoped
public class BackplaneReadiness implements HealthCheck {

    private final Backplane backplane;
    private final String kind;

    @Inject
    public BackplaneReadiness(Backplane backplane, @ConfigProperty(name = "parley.backplane") String kind) {
        this.backplane = backplane;
        this.kind = kind;
    }

    protected BackplaneReadiness() {
        // for the CDI client proxy only
        this(null, null);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("backplane").status(backplane.available()).withData("kind", kind).build();
    }
}
