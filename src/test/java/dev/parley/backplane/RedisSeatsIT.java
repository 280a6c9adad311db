package dev.parley.backplane;

import dev.parley.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisSeatsIT extends SeatsContract {

    @RegisterExtension
    static final RedisFixture REDIS = new RedisFixture();

    RedisSeatsIT() {
        super(REDIS);
    }
}
