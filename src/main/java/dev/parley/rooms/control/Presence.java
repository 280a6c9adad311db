package dev.parley.rooms.control;

import static dev.parley.platform.Settings.atLeast;

import dev.parley.backplane.control.Backplane;
import dev.parley.rooms.entity.Member;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    private final Backplane backplane;
    private final ScheduledExecutorService scheduler;
    private final Duration grace;
    private final Duration idle;
    private final Duration heartbeat;
    private final Clock clock;
    // guarded by this: members with a stream here, or in their grace period here
    private final Map<Member, Holds> held = new HashMap<>();
    private ScheduledFuture<?> upkeep;
    private boolean stopped;

    @Inject
    public Presence(Backplane backplane, ScheduledExecutorService scheduler,
                    @ConfigProperty(name = "parley.presence.grace-seconds") int graceSeconds,
                    @ConfigProperty(name = "parley.member.idle-seconds") int idleSeconds,
                    @ConfigProperty(name = "parley.presence.heartbeat-seconds") int heartbeatSeconds) {
        this(backplane, scheduler, Duration.ofSeconds(atLeast("parley.presence.grace-seconds", graceSeconds, 0)),
                Duration.ofSeconds(atLeast("parley.member.idle-seconds", idleSeconds, 1)),
                Duration.ofSeconds(atLeast("parley.presence.heartbeat-seconds", heartbeatSeconds, 1)), Clock.systemUTC());
    }

    public Presence(Backplane backplane, ScheduledExecutorService scheduler, Duration grace, Duration idle,
                    Duration heartbeat, Clock clock) {
        this.backplane = backplane;
        this.scheduler = scheduler;
        this.grace = grace;
        this.idle = idle;
        this.heartbeat = heartbeat;
        this.clock = clock;
    }

    protected Presence() {
        // for the CDI client proxy only
        this(null, null, null, null, null, null);
    }

    /** At startup, not on first use: names must expire, and dead servers' members go, even if no stream opens here. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        start();
    }

    /** Renews holds, disconnects the unheld and releases idle names, on every heartbeat (often enough for idle). */
    void start() {
        long period = Math.max(250, Math.min(heartbeat.toMillis(), idle.toMillis() / 4));
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
     * A stream of the member's opened. False when the member is no longer joined: the caller closes the stream.
     */
    public synchronized boolean opened(Member member, AutoCloseable stream) {
        Instant now = clock.instant();
        if (stopped || !backplane.hold(List.of(member), now, now.plus(holdTime())).isEmpty()) {
            return false;
        }
        Holds holds = held.computeIfAbsent(member, m -> new Holds());
        holds.streams.add(stream);
        holds.cancelGrace();
        backplane.connect(member, now);
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
        backplane.hold(List.of(member), now, now.plus(grace));
        holds.grace = scheduler.schedule(guarded(() -> graceOver(member, holds)), grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The member leaves: its name is freed, its streams closed. False when it had already gone. */
    public synchronized boolean leave(Member member) {
        release(member);
        if (!backplane.leave(member)) {
            return false;
        }
        backplane.disconnect(member, clock.instant(), true);
        return true;
    }

    private synchronized void graceOver(Member member, Holds holds) {
        if (held.get(member) == holds && holds.streams.isEmpty()) {
            held.remove(member);
            // unless a stream opened meanwhile on another server
            backplane.disconnect(member, clock.instant(), false);
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
            for (Member gone : backplane.hold(streaming, now, now.plus(holdTime()))) {
                release(gone);
                backplane.disconnect(gone, now, true);
            }
        }
        backplane.disconnectUnheld(now);
        for (Member expired : backplane.expire(now.minus(idle))) {
            release(expired);
            backplane.disconnect(expired, now, true);
        }
    }

    /** Three heartbeats: a hold survives one late renewal, and lapses soon after its server dies. */
    private Duration holdTime() {
        return heartbeat.multipliedBy(3);
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
