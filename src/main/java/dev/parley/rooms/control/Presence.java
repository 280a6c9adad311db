package dev.parley.rooms.control;

import dev.parley.backplane.control.Attendance;
import dev.parley.backplane.control.Directory;
import dev.parley.backplane.control.Seats;
import dev.parley.chat.Member;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who is connected. A member is connected while one of its streams is open on any server; {@code userconnect}
 * is published when the first opens, {@code userdisconnect} when the last has stayed closed for the grace
 * period (so a reload publishes nothing), when the member leaves, or when its name expires.
 *
 * <p>This server counts its own streams and tells the backplane it holds their members, renewing that hold on
 * every heartbeat; the backplane decides, once for all servers, when a member comes or goes. A server that
 * dies stops renewing, and the others disconnect its members when the holds lapse.
 */
@ApplicationScoped
public class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class.getName());

    private final Seats seats;
    private final Attendance attendance;
    private final Directory directory;
    private final ScheduledExecutorService scheduler;
    private final PresenceSettings settings;
    private final Clock clock;
    // guarded by this: members with a stream here, or in their grace period here
    private final Map<Member, Holds> held = new HashMap<>();
    private ScheduledFuture<?> upkeep;
    private boolean stopped;

    @Inject
    public Presence(Seats seats, Attendance attendance, Directory directory, ScheduledExecutorService scheduler,
                    PresenceSettings settings, Clock clock) {
        this.seats = seats;
        this.attendance = attendance;
        this.directory = directory;
        this.scheduler = scheduler;
        this.settings = settings;
        this.clock = clock;
    }

    protected Presence() {
        // for the CDI client proxy only
        this(null, null, null, null, null, null);
    }

    /** At startup, not on first use: names must expire, and dead servers' members go, even if no stream opens here. */
    void started(@Observes Startup startup) {
        start();
    }

    /** Renews holds, disconnects the unheld, frees idle names and rooms, on every heartbeat (often enough for idle). */
    void start() {
        long period = Math.max(250, Math.min(settings.heartbeat().toMillis(), settings.idle().toMillis() / 4));
        upkeep = scheduler.scheduleWithFixedDelay(guarded(this::upkeep), period, period, TimeUnit.MILLISECONDS);
    }

    /** Timers must not outlive the application: Liberty refuses to run them once it has stopped. */
    @PreDestroy
    synchronized void stop() {
        // streams closed by the shutdown report here after this, in whatever order the beans are destroyed
        stopped = true;
        if (upkeep != null) {
            upkeep.cancel(false);
        }
        held.values().forEach(Holds::cancelGrace);
    }

    /**
     * A stream of the member's opened. False when the member no longer holds its name: the caller closes the stream.
     */
    public synchronized boolean opened(Member member, AutoCloseable stream) {
        Instant now = clock.instant();
        if (stopped || !attendance.hold(List.of(member), now, now.plus(settings.holdTime())).isEmpty()) {
            return false;
        }
        Holds holds = held.computeIfAbsent(member, m -> new Holds());
        holds.streams.add(stream);
        holds.cancelGrace();
        attendance.connect(member, now);
        return true;
    }

    /** A stream of the member's closed; idempotent, as close notifications may repeat. */
    public synchronized void closed(Member member, AutoCloseable stream) {
        Holds holds = held.get(member);
        if (stopped || holds == null || !holds.streams.remove(stream) || !holds.streams.isEmpty()) {
            return;
        }
        // the last one here: hold the member through the grace period only (this is also its last activity)
        Instant now = clock.instant();
        attendance.hold(List.of(member), now, now.plus(settings.grace()));
        holds.grace = scheduler.schedule(guarded(() -> graceOver(member, holds)), settings.grace().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The member leaves: its name is freed, its streams closed. False when it had already gone. */
    public synchronized boolean leave(Member member) {
        release(member);
        if (!seats.free(member)) {
            return false;
        }
        attendance.disconnect(member, clock.instant());
        return true;
    }

    private synchronized void graceOver(Member member, Holds holds) {
        if (held.get(member) == holds && holds.streams.isEmpty()) {
            held.remove(member);
            // unless a stream opened meanwhile on another server
            attendance.disconnectUnlessHeld(member, clock.instant());
        }
    }

    private synchronized void upkeep() {
        Instant now = clock.instant();
        Set<Member> streaming = new HashSet<>();
        held.forEach((member, holds) -> {
            if (!holds.streams.isEmpty()) {
                streaming.add(member);
            }
        });
        // a name that went elsewhere (left on another server, or expired) takes its streams here with it
        if (!streaming.isEmpty()) {
            for (Member gone : attendance.hold(streaming, now, now.plus(settings.holdTime()))) {
                release(gone);
                attendance.disconnect(gone, now);
            }
        }
        attendance.disconnectUnheld(now);
        for (Member expired : seats.freeIdle(now.minus(settings.idle()))) {
            release(expired);
            attendance.disconnect(expired, now);
        }
        directory.freeIdle(now, settings.roomIdle());
    }

    private void release(Member member) {
        Holds holds = held.remove(member);
        if (holds != null) {
            holds.cancelGrace();
            holds.closeAll();
        }
    }

    /** Timers must survive a failing run (a backplane outage), or presence would stop for good. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Presence upkeep failed; retrying on the next run: {0}", e.toString());
            }
        };
    }

    private static final class Holds {
        final Set<AutoCloseable> streams = new HashSet<>();
        ScheduledFuture<?> grace;

        void cancelGrace() {
            if (grace != null) {
                grace.cancel(false);
                grace = null;
            }
        }

        void closeAll() {
            Collection<AutoCloseable> open = List.copyOf(streams);
            streams.clear();
            for (AutoCloseable stream : open) {
                try {
                    stream.close();
                } catch (Exception e) {
                    LOG.log(Level.FINE, "closing a stream failed", e);
                }
            }
        }
    }
}
