package dev.parley.backplane;

import dev.parley.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisAttendanceIT extends AttendanceContract {

    @RegisterExtension
    static final RedisFixture REDIS = new RedisFixture();

    RedisAttendanceIT() {
        super(REDIS);
    }
}
