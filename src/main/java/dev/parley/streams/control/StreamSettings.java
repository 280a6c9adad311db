package dev.parley.streams.control;

import dev.parley.platform.Settings;
import java.time.Duration;

/**
 * How streams are run, from configuration.
 *
 * @param maxStreams  {@code parley.streams.max}: open streams on this server before 503 (lowered at start to leave
 *                    room below the process's file descriptor limit)
 * @param maxWatchers {@code parley.streams.max-watchers}: of those, streams without a member (watchers), so that
 *                    anonymous watchers cannot fill the server for its members
 * @param maxPerClient {@code parley.clients.max-streams}: open streams of one client (429 beyond)
 * @param maxBacklog  {@code parley.streams.max-backlog}: events (its replay included) a stream may have unsent before
 *                    it is closed; more than {@code parley.history.retain}, so that a whole replay fits
 * @param keepalive   {@code parley.keepalive-seconds}: a keepalive comment after this long without an event
 * @param probe       {@code parley.streams.probe-millis}: an empty comment line after this long without output, so a
 *                    closed connection is noticed (docs/streams.md)
 * @param retryMillis {@code parley.streams.retry-millis}: the {@code retry:} each stream starts with
 * @param writers     {@code parley.streams.writers}: writer threads kept free
 * @param maxWriters  {@code parley.streams.writers-max}: the most writer threads, while some are stuck
 */
public record StreamSettings(int maxStreams, int maxWatchers, int maxPerClient, int maxBacklog, Duration keepalive,
                             Duration probe, long retryMillis, int writers, int maxWriters) {

    public static StreamSettings from(Settings settings) {
        int writers = settings.atLeast("parley.streams.writers", 1);
        return new StreamSettings(settings.atLeast("parley.streams.max", 1),
                settings.atLeast("parley.streams.max-watchers", 0), settings.atLeast("parley.clients.max-streams", 1),
                settings.atLeast("parley.streams.max-backlog", settings.atLeast("parley.history.retain", 1) + 1), settings.seconds("parley.keepalive-seconds", 1),
                settings.millis("parley.streams.probe-millis", 100), settings.atLeast("parley.streams.retry-millis", 0L),
                writers, settings.atLeast("parley.streams.writers-max", writers));
    }

    /** The same, with at most this many streams in all. */
    StreamSettings capped(int streams) {
        return new StreamSettings(Math.min(maxStreams, streams), maxWatchers, maxPerClient, maxBacklog, keepalive, probe,
                retryMillis, writers, maxWriters);
    }

    /** Seconds a refused client should wait, as Retry-After says it. */
    long retryAfterSeconds() {
        return Math.max(1, (retryMillis + 999) / 1000);
    }
}
