package dev.parley.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Liberty's default managed scheduler and thread factory as plain Java types, so beans take them in their
 * constructors and unit tests hand in ordinary executors.
 */
@ApplicationScoped
public class ManagedConcurrency {

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Produces
    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Produces
    ThreadFactory threads() {
        return threads;
    }
}
