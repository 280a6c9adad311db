package dev.parley.backplane;

import dev.parley.chat.ChatEvent;
import dev.parley.backplane.memory.MemoryStore;
import dev.parley.testing.TestBackplane;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What every seam's contract test needs: backplanes to test (one per server) from a {@link Store}, a fresh room per
 * test, and a time. Each contract runs against the memory implementation ({@code Memory…Test}, on
 * {@link #MEMORY}) and a real Redis ({@code Redis…IT}, on a {@link dev.parley.testing.RedisFixture}).
 */
public abstract class BackplaneContract {

    /** Where a contract test gets its backplanes. */
    public interface Store {

        /** A server's backplane whose deliveries also go to the given consumer. */
        TestBackplane backplane(int retain, int maxRooms, Consumer<ChatEvent> onDelivery);

        /** Another server on the same store as the given one (the same backplane, for memory). */
        TestBackplane otherServer(TestBackplane backplane);

        /** Forgets what earlier tests stored, for a test about the store as a whole. */
        void empty();

        /** Whether anything the store of this backplane keeps contains the text. */
        boolean holds(TestBackplane backplane, String text);
    }

    /** The embedded backplane: one server, and a new one is empty. */
    static final Store MEMORY = new Store() {
        @Override
        public TestBackplane backplane(int retain, int maxRooms, Consumer<ChatEvent> onDelivery) {
            return TestBackplane.memory(retain, maxRooms, onDelivery);
        }

        @Override
        public TestBackplane otherServer(TestBackplane backplane) {
            return backplane;
        }

        @Override
        public void empty() {
        }

        @Override
        public boolean holds(TestBackplane backplane, String text) {
            return MemoryStore.holds(backplane.memoryRooms, text);
        }
    };

    /** Now, not a fixed date: Redis expires holds and windows by its own clock, so the tests' times must be near it. */
    protected final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    /** The client every name of a test is taken for, unless the test is about clients. */
    protected static final String CLIENT = "203.0.113.7";

    protected final String room = "r-" + UUID.randomUUID().toString().substring(0, 8);

    private final Store store;

    protected BackplaneContract(Store store) {
        this.store = store;
    }

    protected TestBackplane backplane(int retain, int maxRooms) {
        return store.backplane(retain, maxRooms, event -> { });
    }

    protected TestBackplane backplane() {
        return backplane(100, 1000);
    }

    protected TestBackplane backplaneDelivering(Consumer<ChatEvent> onDelivery) {
        return store.backplane(100, 1000, onDelivery);
    }

    protected TestBackplane otherServer(TestBackplane backplane) {
        return store.otherServer(backplane);
    }

    protected void emptyStore() {
        store.empty();
    }

    protected boolean holds(TestBackplane backplane, String text) {
        return store.holds(backplane, text);
    }
}
