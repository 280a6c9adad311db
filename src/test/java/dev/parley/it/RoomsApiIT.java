package dev.parley.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The JSON endpoints' contract on the embedded (memory) backplane. */
class RoomsApiIT extends RoomsApiContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.parley("rooms-api", SETTINGS);
    }
}
