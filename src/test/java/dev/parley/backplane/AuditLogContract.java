package dev.parley.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.backplane.control.AuditLog;
import dev.parley.testing.TestBackplane;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every guarantee of {@link AuditLog}, on every implementation. */
public abstract class AuditLogContract extends BackplaneContract {

    protected AuditLogContract(Store store) {
        super(store);
    }

    @Test
    void everyServerAppendsToOneTrailReadNewestFirstAndTrimmedToWhatIsRetained() {
        emptyStore();
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        List<AuditLog.Entry> appended = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            AuditLog.Entry entry = new AuditLog.Entry(NOW.plusMillis(i), "mia", i % 2 == 0 ? "ban" : "kick", room,
                    "user" + i, i % 3 == 0 ? "spam" : null, i % 2 == 0 ? "until later" : null);
            (i % 2 == 0 ? a : b).audit.append(entry);
            appended.add(0, entry);
        }
        assertEquals(appended.subList(0, 5), a.audit.latest(5));
        assertEquals(appended.subList(0, 100), b.audit.latest(1000), "the newest 100 retained here");
    }
}
