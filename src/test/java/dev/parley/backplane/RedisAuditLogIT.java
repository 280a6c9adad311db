package dev.parley.backplane;

import dev.parley.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisAuditLogIT extends AuditLogContract {

    @RegisterExtension
    static final RedisFixture REDIS = new RedisFixture();

    RedisAuditLogIT() {
        super(REDIS);
    }
}
