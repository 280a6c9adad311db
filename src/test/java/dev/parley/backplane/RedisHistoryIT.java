package dev.parley.backplane;

import dev.parley.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisHistoryIT extends HistoryContract {

    @RegisterExtension
    static final RedisFixture REDIS = new RedisFixture();

    RedisHistoryIT() {
        super(REDIS);
    }
}
