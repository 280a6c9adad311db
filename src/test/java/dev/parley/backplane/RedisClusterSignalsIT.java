package dev.parley.backplane;

import dev.parley.testing.RedisClusterFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisClusterSignalsIT extends SignalsContract {

    @RegisterExtension
    static final RedisClusterFixture CLUSTER = new RedisClusterFixture();

    RedisClusterSignalsIT() {
        super(CLUSTER);
    }
}
