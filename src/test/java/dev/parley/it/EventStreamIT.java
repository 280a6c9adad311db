package dev.parley.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The event-stream contract on the embedded (memory) backplane. */
class EventStreamIT extends EventStreamContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.parley("event-stream", SETTINGS);
    }
}
