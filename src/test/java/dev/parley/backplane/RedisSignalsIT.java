package dev.parley.backplane;

import dev.parley.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisSignalsIT extends SignalsContract {

    @RegisterExtension
    static final RedisFixture REDIS = new RedisFixture();

    RedisSignalsIT() {
        super(REDIS);
    }
}
