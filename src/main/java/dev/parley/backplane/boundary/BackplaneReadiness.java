package dev.parley.backplane.boundary;

import dev.parley.backplane.control.BackplaneSettings;
import dev.parley.backplane.control.BackplaneStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while room state can be read and written: with Redis, down while Redis is unreachable. */
@Readiness
@ApplicationScoped
public class BackplaneReadiness implements HealthCheck {

    private final BackplaneStatus status;
    private final BackplaneSettings settings;

    @Inject
    public BackplaneReadiness(BackplaneStatus status, BackplaneSettings settings) {
        this.status = status;
        this.settings = settings;
    }

    protected BackplaneReadiness() {
        // for the CDI client proxy only
        this(null, null);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("backplane").status(status.available()).withData("kind", settings.kind())
                .build();
    }
}
