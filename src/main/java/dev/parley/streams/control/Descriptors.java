package dev.parley.streams.control;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.logging.Logger;

/**
 * Every open stream holds a file descriptor, and so does everything else the server opens (its files, Redis,
 * sockets being accepted): a stream limit at or above the process's descriptor limit would let streams exhaust it,
 * and the server would stop accepting anything. So streams are capped below it, with a warning.
 */
final class Descriptors {

    /** Descriptors kept for everything that is not a stream. */
    static final int RESERVE = 1024;
    private static final Logger LOG = Logger.getLogger(Descriptors.class.getName());

    private Descriptors() {
    }

    /** How many streams the process can hold; the configured number when the limit cannot be read. */
    static int streamsBelowLimit(int configured) {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix)) {
            return configured;
        }
        long limit = unix.getMaxFileDescriptorCount();
        long room = Math.max(1, limit - RESERVE);
        if (configured <= room) {
            return configured;
        }
        LOG.warning("parley.streams.max is " + configured + " but this process may open only " + limit
                + " files (ulimit -n): streams are capped at " + room + ", leaving " + RESERVE
                + " for everything else. Raise the limit, or lower parley.streams.max.");
        return (int) room;
    }
}
