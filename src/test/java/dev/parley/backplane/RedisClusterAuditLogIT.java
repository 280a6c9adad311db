package dev.parley.backplane;

import dev.parley.testing.RedisClusterFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisClusterAuditLogIT extends AuditLogContract {

    @RegisterExtension
    static final RedisClusterFixture CLUSTER = new RedisClusterFixture();

    RedisClusterAuditLogIT() {
        super(CLUSTER);
    }
}
