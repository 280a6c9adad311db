package dev.parley.backplane;

import dev.parley.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisMessagesIT extends MessagesContract {

    @RegisterExtension
    static final RedisFixture REDIS = new RedisFixture();

    RedisMessagesIT() {
        super(REDIS);
    }
}
