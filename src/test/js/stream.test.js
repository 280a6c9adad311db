import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Relay } from '../../main/webapp/js/stream/relay.js';
import { backoff } from '../../main/webapp/js/stream/source.js';

const timings = { retryMs: 1000, maxRetryMs: 30_000 };

test('retries back off by doubling up to the cap, and honour a longer Retry-After', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((n) => backoff(n, 0, timings)), [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    assert.equal(backoff(0, 12, timings), 12_000);
    assert.equal(backoff(3, 2, timings), 8000);
});

function until(condition) {
    return new Promise((resolve, reject) => {
        const deadline = Date.now() + 2000;
        const poll = () => (condition() ? resolve() : Date.now() > deadline ? reject(new Error('timed out')) : setTimeout(poll, 5));
        poll();
    });
}

test('a follower gets the leader\'s kept events, then live ones, each once and in order', async () => {
    const name = `test:${Math.random()}`;
    const kept = [{ id: '1' }, { id: '2' }];
    const leader = new Relay(name, { deliver: () => {}, snapshot: () => ({ events: kept, state: { state: 'live' } }) });
    leader.lead();
    const seen = [];
    const states = [];
    const follower = new Relay(name, {
        deliver: (kind, payload) => (kind === 'event' ? seen.push(payload.id) : kind === 'state' ? states.push(payload.state) : null),
        snapshot: () => ({ events: [], state: {} }),
    });
    assert.ok(!follower.synced);
    follower.hello();
    await until(() => follower.synced);
    leader.event({ id: '3' });
    await until(() => seen.length === 3);
    assert.deepEqual(seen, ['1', '2', '3']);
    assert.deepEqual(states, ['live']);
    leader.close();
    follower.close();
});

test('a follower that takes over before it synced starts afresh', () => {
    const relay = new Relay(`test:${Math.random()}`, { deliver: () => {}, snapshot: () => ({ events: [], state: {} }) });
    assert.equal(relay.lead(), true, 'not synced: the new leader takes the server\'s replay');
    assert.equal(relay.lead(), false);
    relay.close();
});
