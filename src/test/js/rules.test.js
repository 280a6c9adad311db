import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRoom, MAX_ROOMS, PAGE, TIMINGS, GROUP_MS, STICK_PX } from '../../main/webapp/js/rules.js';

test('room names follow docs/API.md', () => {
    for (const ok of ['lobby', 'a', '0-day', 'design-review', 'x'.repeat(32)]) assert.ok(isRoom(ok), ok);
    for (const bad of ['', '-a', 'Lobby', 'a b', 'x'.repeat(33), 'é', null, undefined, 7]) assert.ok(!isRoom(bad), String(bad));
});

test('shared limits are where the modules read them', () => {
    assert.equal(PAGE, 50, 'the server replays 50 and pages by 50 by default');
    assert.ok(MAX_ROOMS >= 1 && MAX_ROOMS <= 4, 'leaves two of six HTTP/1.1 connections free');
    assert.ok(TIMINGS.retryMs < TIMINGS.maxRetryMs);
    assert.ok(Object.isFrozen(TIMINGS));
    assert.equal(GROUP_MS, 300_000);
    assert.ok(STICK_PX > 0);
});
