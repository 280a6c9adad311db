package dev.parley.backplane.redis;

import dev.parley.backplane.control.Delivery;
import dev.parley.backplane.control.Signals;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Signals} through Redis Pub/Sub, one channel for all rooms ({@link RedisKeys#SIGNALS}). Pub/Sub, not a
 * stream: a signal is worth something only to the streams open now, so it must cost no storage, no trimming and no
 * reader position; a server that is away misses it, which is what "ephemeral" means. One channel, not one per room:
 * a server drops a signal for a room it has no stream of with one map lookup ({@link Delivery} reaches the room's
 * broadcaster only if it exists), whereas a channel per room would cost a SUBSCRIBE and UNSUBSCRIBE each time a
 * room's first stream opens or last one closes here, with their races; that trade turns only past dozens of
 * servers, each receiving every signal.
 */
@ApplicationScoped
@Typed(RedisSignals.class)
public class RedisSignals implements Signals {

    private static final Logger LOG = Logger.getLogger(RedisSignals.class.getName());

    private final RedisConnection redis;
    private final Delivery delivery;

    @Inject
    public RedisSignals(RedisConnection redis, Delivery delivery) {
        this.redis = redis;
        this.delivery = delivery;
    }

    protected RedisSignals() {
        // for the CDI client proxy only
        this(null, null);
    }

    /** Delivers the signals of every server here from now on; called at startup ({@code Backplanes}). */
    public void listen() {
        redis.listen(RedisKeys.SIGNALS, this::received);
    }

    /** Names and rooms carry no line break (their rules refuse control characters), so lines separate the fields. */
    @Override
    public void send(ChatEvent signal) {
        String message = signal.type().wireName() + '\n' + signal.room() + '\n' + signal.username() + '\n'
                + signal.time().toEpochMilli();
        redis.call(commands -> commands.publish(RedisKeys.SIGNALS, message));
    }

    private void received(String message) {
        String[] fields = message.split("\n", -1);
        try {
            if (fields.length == 4 && fields[0].equals(EventType.USERTYPING.wireName())) {
                delivery.deliver(ChatEvent.typing(fields[1], fields[2], Instant.ofEpochMilli(Long.parseLong(fields[3]))));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "A signal could not be delivered", e);
        }
    }
}
