package dev.parley.backplane;

import dev.parley.testing.RedisClusterFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisClusterMessagesIT extends MessagesContract {

    @RegisterExtension
    static final RedisClusterFixture CLUSTER = new RedisClusterFixture();

    RedisClusterMessagesIT() {
        super(CLUSTER);
    }
}
