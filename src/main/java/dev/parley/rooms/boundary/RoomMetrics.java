package dev.parley.rooms.boundary;

import dev.parley.backplane.control.Attendance;
import dev.parley.chat.RoomSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** The rooms' gauges for operators, registered at startup so they exist before the first request. */
@ApplicationScoped
public class RoomMetrics {

    private final MetricRegistry metrics;
    private final Attendance attendance;

    @Inject
    public RoomMetrics(MetricRegistry metrics, Attendance attendance) {
        this.metrics = metrics;
        this.attendance = attendance;
    }

    protected RoomMetrics() {
        // for the CDI client proxy only
        this(null, null);
    }

    void started(@Observes Startup startup) {
        // the same counter ChatRooms counts posts in, made now so that it reads 0 before the first post
        metrics.counter("parley.messages.posted");
        metrics.gauge("parley.members.connected", attendance,
                present -> present.rooms().stream().mapToInt(RoomSummary::members).sum());
    }
}
