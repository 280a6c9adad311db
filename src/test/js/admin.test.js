// The admin console's pure parts: reading /metrics, the deliveries rate, how numbers and durations are said, and
// the Basic header of a name and password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHOWN, parseMetrics, ratePerSecond } from '../../main/webapp/js/admin/metrics.js';
import { formatNumber, formatSeconds } from '../../main/webapp/js/admin/format.js';
import { basic } from '../../main/webapp/js/admin/client.js';

const TEXT = `# HELP parley_streams_open
# TYPE parley_streams_open gauge
parley_streams_open{mp_scope="application",} 3.0
# TYPE parley_events_delivered_total counter
parley_events_delivered_total{mp_app="browser-admin",mp_scope="application",} 120.0
parley_events_delivered_total{mp_app="other",mp_scope="application",} 5.0
parley_members_connected 2
parley_streams_dropped_slow_total{mp_scope="application"} 1 1733340000.000
parley_delivery_latency_seconds{mp_scope="application",quantile="0.5",} NaN
not a sample line
`;

test('reads each metric, summed over its series, skipping comments and what is not a number', () => {
    const values = parseMetrics(TEXT);
    assert.equal(values.get(SHOWN.streams), 3);
    assert.equal(values.get(SHOWN.delivered), 125, 'one number of two tagged series');
    assert.equal(values.get(SHOWN.members), 2, 'a sample without labels');
    assert.equal(values.get(SHOWN.slow), 1, 'a sample with a timestamp');
    assert.equal(values.has('parley_delivery_latency_seconds'), false, 'NaN is no number to show');
    assert.equal(values.has('not'), false);
});

test('a label value may hold spaces, braces and commas', () => {
    const values = parseMetrics('parley_streams_open{note="a } b, c",mp_scope="application"} 4\n');
    assert.equal(values.get('parley_streams_open'), 4);
});

test('deliveries per second come from two samples of the counter', () => {
    assert.equal(ratePerSecond({ value: 100, at: 1000 }, { value: 150, at: 6000 }), 10);
    assert.equal(ratePerSecond(null, { value: 150, at: 6000 }), null, 'one sample is no rate');
    assert.equal(ratePerSecond({ value: 100, at: 6000 }, { value: 150, at: 6000 }), null, 'no time between them');
    assert.equal(ratePerSecond({ value: 100, at: 1000 }, { value: 4, at: 6000 }), null, 'a restarted server');
    assert.equal(ratePerSecond({ value: 7, at: 0 }, { value: 7, at: 5000 }), 0);
});

test('numbers and durations read plainly', () => {
    assert.equal(formatNumber(null), '–');
    assert.equal(formatNumber(undefined), '–');
    assert.equal(formatNumber(12345), '12,345');
    assert.equal(formatNumber(2.345), '2.3');
    assert.equal(formatNumber(123.6), '124');
    assert.equal(formatSeconds(600), '10 minutes');
    assert.equal(formatSeconds(1), '1 second');
    assert.equal(formatSeconds(5400), '1 hour 30 minutes');
    assert.equal(formatSeconds(31536000), '365 days');
    assert.equal(formatSeconds(0), '0 seconds');
});

test('the Basic header is of the UTF-8 bytes of name:password', () => {
    assert.equal(basic('ada', 'secret'), `Basic ${Buffer.from('ada:secret').toString('base64')}`);
    assert.equal(basic('zoë', 'pässwörd:ü'), `Basic ${Buffer.from('zoë:pässwörd:ü', 'utf8').toString('base64')}`);
});
