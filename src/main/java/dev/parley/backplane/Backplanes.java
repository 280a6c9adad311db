package dev.parley.backplane;

import dev.parley.backplane.control.Attendance;
import dev.parley.backplane.control.AuditLog;
import dev.parley.backplane.control.BackplaneSettings;
import dev.parley.backplane.control.BackplaneStatus;
import dev.parley.backplane.control.Directory;
import dev.parley.backplane.control.History;
import dev.parley.backplane.control.Messages;
import dev.parley.backplane.control.RateWindows;
import dev.parley.backplane.control.RoomRules;
import dev.parley.backplane.control.Seats;
import dev.parley.backplane.control.Signals;
import dev.parley.backplane.memory.MemoryAttendance;
import dev.parley.backplane.memory.MemoryAuditLog;
import dev.parley.backplane.memory.MemoryDirectory;
import dev.parley.backplane.memory.MemoryHistory;
import dev.parley.backplane.memory.MemoryMessages;
import dev.parley.backplane.memory.MemoryRateWindows;
import dev.parley.backplane.memory.MemoryRoomRules;
import dev.parley.backplane.memory.MemorySeats;
import dev.parley.backplane.memory.MemorySignals;
import dev.parley.backplane.memory.MemoryStatus;
import dev.parley.backplane.redis.RedisAttendance;
import dev.parley.backplane.redis.RedisAuditLog;
import dev.parley.backplane.redis.RedisDirectory;
import dev.parley.backplane.redis.RedisHistory;
import dev.parley.backplane.redis.RedisMessages;
import dev.parley.backplane.redis.RedisRateWindows;
import dev.parley.backplane.redis.RedisRoomRules;
import dev.parley.backplane.redis.RedisSeats;
import dev.parley.backplane.redis.RedisSignals;
import dev.parley.backplane.redis.RedisStatus;
import dev.parley.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The seams of the backplane named by {@code parley.backplane}: memory (one server) or Redis (any number). Only the
 * chosen implementation is ever created, so the memory default connects to nothing.
 */
@ApplicationScoped
public class Backplanes {

    @Produces
    @Singleton
    BackplaneSettings settings(Settings settings) {
        return BackplaneSettings.from(settings);
    }

    @Produces
    Seats seats(BackplaneSettings settings, Instance<MemorySeats> memory, Instance<RedisSeats> redis) {
        return settings.redis() ? redis.get() : memory.get();
    }

    @Produces
    Attendance attendance(BackplaneSettings settings, Instance<MemoryAttendance> memory,
                          Instance<RedisAttendance> redis) {
        return settings.redis() ? redis.get() : memory.get();
    }

    @Produces
    History history(BackplaneSettings settings, Instance<MemoryHistory> memory, Instance<RedisHistory> redis) {
        return settings.redis() ? redis.get() : memory.get();
    }

    @Produces
    RateWindows rateWindows(BackplaneSettings settings, Instance<MemoryRateWindows> memory,
                            Instance<RedisRateWindows> redis) {
        return settings.redis() ? redis.get() : memory.get();
    }

    @Produces
    Directory directory(BackplaneSettings settings, Instance<MemoryDirectory> memory, Instance<RedisDirectory> redis) {
        return settings.redis() ? redis.get() : memory.get();
    }

    @Produces
    Messages messages(BackplaneSettings settings, Instance<MemoryMessages> memory, Instance<RedisMessages> redis) {
        return settings.redis() ? redis.get() : memory.get();
    }

    @Produces
    Signals signals(BackplaneSettings settings, Instance<MemorySignals> memory, Instance<RedisSignals> redis) {
        return settings.redis() ? redis.get() : memory.get();
    }

    @Produces
    RoomRules roomRules(BackplaneSettings settings, Instance<MemoryRoomRules> memory, Instance<RedisRoomRules> redis) {
        return settings.redis() ? redis.get() : memory.get();
    }

    @Produces
    AuditLog auditLog(BackplaneSettings settings, Instance<MemoryAuditLog> memory, Instance<RedisAuditLog> redis) {
        return settings.redis() ? redis.get() : memory.get();
    }

    /** Other servers' signals are received from the start, not from this server's first one. */
    void started(@Observes Startup startup, BackplaneSettings settings, Instance<RedisSignals> redis) {
        if (settings.redis()) {
            redis.get().listen();
        }
    }

    @Produces
    BackplaneStatus status(BackplaneSettings settings, Instance<MemoryStatus> memory, Instance<RedisStatus> redis) {
        return settings.redis() ? redis.get() : memory.get();
    }
}
