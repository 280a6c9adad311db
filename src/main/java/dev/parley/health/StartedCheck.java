package dev.parley.health;

import dev.parley.backplane.control.BackplaneStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** Started once the application's beans are up, the backplane chosen and its connection attempted. */
@org.eclipse.microprofile.health.Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {

    private volatile boolean started;

    void started(@Observes Startup startup, BackplaneStatus backplane) {
        // creating the chosen backplane starts it (a wrong configuration fails here, not on the first request);
        // whether it can reach its store now is readiness's business, not startup's
        backplane.available();
        started = true;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("started").status(started).build();
    }
}
