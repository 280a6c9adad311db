package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Api;
import dev.parley.testing.EventReader;
import dev.parley.testing.ParleyIT;
import dev.parley.testing.RedisServer;
import dev.parley.testing.TestRooms;
import dev.parley.testing.TestedBackplane;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Redis comes back without its data: every open stream is told to start over, and nobody is shown present who is
 * not (the names are gone, so their streams end; their pages join again).
 */
@ParleyIT(value = "store-loss", backplanes = TestedBackplane.REDIS,
        settings = {"parley.presence.heartbeat-seconds=1", "parley.presence.grace-seconds=1"})
class StoreLossIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void whenRedisLosesItsDataEveryStreamResyncsAndNoVanishedMemberIsShown(Api api, TestRooms rooms, RedisServer redis) {
        String room = rooms.next();
        Api.Member bob = api.join(room, "bob");
        try (EventReader watcher = EventReader.open(api.uri("api/rooms/" + room + "/events"));
             EventReader bobs = EventReader.open(api.uri("api/rooms/" + room + "/events?token=" + bob.token()))) {
            watcher.await(e -> e.type().equals("userconnect"), WAIT, "bob's userconnect");
            assertEquals(1, Api.array(api.get("api/rooms/" + room + "/members")).size());

            redis.flushAll();

            watcher.await(e -> e.type().equals("resync"), WAIT, "a resync after the loss");
            bobs.awaitEnd(WAIT);
            Awaitility.await("bob's token is gone with the data").atMost(WAIT)
                    .until(() -> api.post(bob, "still there?").statusCode() == 401);
            Awaitility.await("nobody shown present").atMost(WAIT)
                    .until(() -> Api.array(api.get("api/rooms/" + room + "/members")).isEmpty());
            Api.Member again = api.join(room, "bob");
            api.say(again, "back");
            watcher.await(e -> e.data().contains("\"back\""), WAIT, "the conversation goes on, on the same stream");
        }
    }
}
