package dev.parley.backplane;

import dev.parley.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisDirectoryIT extends DirectoryContract {

    @RegisterExtension
    static final RedisFixture REDIS = new RedisFixture();

    RedisDirectoryIT() {
        super(REDIS);
    }
}
