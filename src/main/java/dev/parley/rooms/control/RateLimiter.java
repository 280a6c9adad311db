package dev.parley.rooms.control;

import dev.parley.backplane.control.RateWindows;
import dev.parley.backplane.control.RoomRules;
import dev.parley.chat.Member;
import dev.parley.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;

/**
 * At most {@code parley.rate.messages} posts per member in any window of {@code parley.rate.window-seconds}, and the
 * limits per client ({@link ClientLimits}), counted in the backplane, so that going through several servers does not
 * multiply a rate.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final RateWindows windows;
    private final RoomRules rules;
    private final RoomSettings settings;
    private final ClientLimits clients;
    private final Clock clock;

    @Inject
    public RateLimiter(RateWindows windows, RoomRules rules, RoomSettings settings, ClientLimits clients, Clock clock) {
        this.windows = windows;
        this.rules = rules;
        this.settings = settings;
        this.clients = clients;
        this.clock = clock;
    }

    protected RateLimiter() {
        // for the CDI client proxy only
        this(null, null, null, null, null);
    }

    /**
     * Counts one new message of the member's: as any post ({@link #acquirePost}), and against the room's slow mode,
     * when a moderator has set one.
     */
    public void acquireMessage(Member member, String client) {
        acquirePost(member, client);
        Duration slow = rules.slowMode(member.room());
        if (!slow.isZero()) {
            long wait = seconds(windows.admit("slow:" + member.room() + ":" + member.key(), 1, slow, clock.instant()));
            if (wait > 0) {
                throw Problems.slowMode(wait, slow.toSeconds());
            }
        }
    }

    /**
     * Counts one post (a message, an edit, a delete) of the member's and of its client's, or refuses it with 429 and
     * the seconds until the oldest post leaves the window.
     */
    public void acquirePost(Member member, String client) {
        Duration window = settings.postWindow();
        long wait = seconds(windows.admit("post:" + member.room() + ":" + member.key(), settings.postsPerWindow(),
                window, clock.instant()));
        if (wait > 0) {
            throw Problems.rateLimited(wait, settings.postsPerWindow(), (int) window.toSeconds());
        }
        wait = seconds(windows.admit("client-posts:" + client, clients.posts(), clients.postWindow(), clock.instant()));
        if (wait > 0) {
            throw Problems.clientLimit("posted " + clients.posts() + " messages in " + clients.postWindow().toSeconds()
                    + " s through all its names", wait);
        }
    }

    /** Counts one join attempt of the client's, or refuses it with 429. */
    public void acquireJoin(String client) {
        long wait = seconds(windows.admit("client-joins:" + client, clients.joinsPerMinute(), MINUTE, clock.instant()));
        if (wait > 0) {
            throw Problems.clientLimit("tried to join " + clients.joinsPerMinute() + " times in a minute", wait);
        }
    }

    /** Whether a typing signal of the member's is forwarded: one per interval, counted for all servers. */
    public boolean admitTyping(Member member, Duration interval) {
        return windows.admit("typing:" + member.room() + ":" + member.key(), 1, interval, clock.instant()).isZero();
    }

    /** The most names a client may hold at once. */
    public int maxNamesPerClient() {
        return clients.maxNames();
    }

    private static long seconds(Duration wait) {
        return wait.isZero() ? 0 : Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
