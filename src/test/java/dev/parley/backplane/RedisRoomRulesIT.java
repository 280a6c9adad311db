package dev.parley.backplane;

import dev.parley.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisRoomRulesIT extends RoomRulesContract {

    @RegisterExtension
    static final RedisFixture REDIS = new RedisFixture();

    RedisRoomRulesIT() {
        super(REDIS);
    }
}
