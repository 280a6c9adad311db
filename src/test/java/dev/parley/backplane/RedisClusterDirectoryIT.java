package dev.parley.backplane;

import dev.parley.testing.RedisClusterFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisClusterDirectoryIT extends DirectoryContract {

    @RegisterExtension
    static final RedisClusterFixture CLUSTER = new RedisClusterFixture();

    RedisClusterDirectoryIT() {
        super(CLUSTER);
    }
}
