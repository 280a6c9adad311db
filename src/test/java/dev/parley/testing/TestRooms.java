package dev.parley.testing;

import java.util.UUID;

/** Room names no other test uses, so tests that share a deployment never see each other's events. */
public final class TestRooms {

    private final String prefix;

    TestRooms(String prefix) {
        this.prefix = prefix;
    }

    /** A new room's name. */
    public String next() {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
