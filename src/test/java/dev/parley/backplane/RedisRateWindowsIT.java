package dev.parley.backplane;

import dev.parley.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisRateWindowsIT extends RateWindowsContract {

    @RegisterExtension
    static final RedisFixture REDIS = new RedisFixture();

    RedisRateWindowsIT() {
        super(REDIS);
    }
}
