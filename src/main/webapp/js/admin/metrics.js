// The few numbers the console shows, read from MicroProfile Metrics' OpenMetrics text (GET /metrics). Pure: no DOM,
// no fetch, so node's test runner checks it (src/test/js/admin.test.js).

/** The metrics the console shows: what /metrics calls them, and what the console says. */
export const SHOWN = Object.freeze({
    streams: 'parley_streams_open',
    members: 'parley_members_connected',
    delivered: 'parley_events_delivered_total',
    slow: 'parley_streams_dropped_slow_total',
});

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+\S+)?$/;

/**
 * Each metric's value, summed over its series: a server runs one Parley, but its metrics may carry tags that split
 * one number into several lines (mp_scope, or mp_app when an application names itself). Comments and lines that are
 * not a sample are skipped; a value that is not a number is too.
 */
export function parseMetrics(text) {
    const values = new Map();
    for (const line of text.split('\n')) {
        if (line === '' || line.startsWith('#')) continue;
        const match = SAMPLE.exec(line.trim());
        if (!match) continue;
        const value = Number(match[3]);
        if (!Number.isFinite(value)) continue;
        values.set(match[1], (values.get(match[1]) ?? 0) + value);
    }
    return values;
}

/**
 * Per second between two samples of a counter, each { value, at } (at in milliseconds), or null when there is no
 * earlier sample, no time between them, or the counter went back (the server restarted: the next pair is good again).
 */
export function ratePerSecond(earlier, later) {
    if (!earlier || !later || later.at <= earlier.at || later.value < earlier.value) return null;
    return (later.value - earlier.value) / ((later.at - earlier.at) / 1000);
}
