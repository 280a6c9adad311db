package dev.parley.backplane;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.backplane.control.Signals;
import dev.parley.chat.ChatEvent;
import dev.parley.testing.TestBackplane;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every guarantee of {@link Signals}, on every implementation. */
public abstract class SignalsContract extends BackplaneContract {

    protected SignalsContract(Store store) {
        super(store);
    }

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aSignalReachesEveryServerAndIsNeverStored() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        ChatEvent typing = ChatEvent.typing(room, "bob", NOW);
        await().atMost(WAIT).until(() -> {
            // Pub/Sub delivers to the subscribed only: until b's subscription is made, a signal is missed
            a.signals.send(typing);
            return delivered(b).contains(typing);
        });
        assertTrue(a.history.latest(room, 10).isEmpty());
        assertNull(typing.id());
    }

    @Test
    void aSignalIsDeliveredAsItWasSentForItsRoomOnly() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        ChatEvent other = ChatEvent.typing(room + "-b", "carol", NOW);
        await().atMost(WAIT).until(() -> {
            a.signals.send(other);
            return b.delivered.contains(other);
        });
        assertTrue(delivered(b).isEmpty(), "delivered for its own room only, with its name and time as sent");
    }

    private List<ChatEvent> delivered(TestBackplane backplane) {
        return backplane.delivered.stream().filter(event -> room.equals(event.room())).toList();
    }
}
