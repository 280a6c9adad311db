package dev.parley.backplane;

import dev.parley.testing.RedisClusterFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisClusterAttendanceIT extends AttendanceContract {

    @RegisterExtension
    static final RedisClusterFixture CLUSTER = new RedisClusterFixture();

    RedisClusterAttendanceIT() {
        super(CLUSTER);
    }
}
