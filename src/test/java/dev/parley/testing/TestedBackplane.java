package dev.parley.testing;

/** The backplanes a deployment under test runs on. */
public enum TestedBackplane {
    /** One server, rooms in memory: the default. */
    MEMORY,
    /** Rooms in a real redis-server, started for the test class. */
    REDIS;

    /** The deployment's name (and context root) for a test class's base name. */
    String deployment(String name) {
        return this == MEMORY ? name : name + "-redis";
    }
}
