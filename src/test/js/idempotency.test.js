import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageKeys, newKey, withRetries } from '../../main/webapp/js/idempotency.js';
import { ApiError } from '../../main/webapp/js/api.js';

const counter = () => {
    let n = 0;
    return () => `k${++n}`;
};

test('one key per composed message, kept while that text is tried again', () => {
    const keys = new MessageKeys(counter());
    assert.equal(keys.keyFor('hello'), 'k1');
    assert.equal(keys.keyFor('hello'), 'k1', 'a retry, or Send pressed again, carries the same key');
    keys.posted('hello');
    assert.equal(keys.keyFor('hello'), 'k2', 'after it was posted, the same words are a new message');
});

test('a changed text gets a new key', () => {
    const keys = new MessageKeys(counter());
    assert.equal(keys.keyFor('helo'), 'k1');
    assert.equal(keys.keyFor('hello'), 'k2');
    assert.equal(keys.keyFor('hello'), 'k2');
});

test('an earlier text posted late does not end the key of the one being tried now', () => {
    const keys = new MessageKeys(counter());
    keys.keyFor('first');
    assert.equal(keys.keyFor('second'), 'k2');
    keys.posted('first');
    assert.equal(keys.keyFor('second'), 'k2');
});

test('keys are version 4 UUIDs, also where crypto.randomUUID is missing (plain http)', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    assert.match(newKey(), uuid);
    const fallback = newKey({ getRandomValues: (bytes) => globalThis.crypto.getRandomValues(bytes) });
    assert.match(fallback, uuid);
    assert.notEqual(newKey(), newKey());
});

test('a network error is tried again after each wait; a refusal is not', async () => {
    const waited = [];
    const sleep = async (ms) => { waited.push(ms); };
    let calls = 0;
    const flaky = async () => {
        calls++;
        if (calls < 3) throw new ApiError(0);
        return 'posted';
    };
    assert.equal(await withRetries(flaky, { waits: [10, 20], sleep }), 'posted');
    assert.deepEqual(waited, [10, 20]);

    calls = 0;
    await assert.rejects(withRetries(async () => { calls++; throw new ApiError(429, {}, 3); }, { waits: [10], sleep }),
        (e) => e.status === 429);
    assert.equal(calls, 1, 'the server\'s answer is final');

    calls = 0;
    await assert.rejects(withRetries(async () => { calls++; throw new ApiError(0); }, { waits: [10, 20], sleep }),
        (e) => e.status === 0);
    assert.equal(calls, 3, 'given up after the last wait');
});
