import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusText, statusState } from '../../main/webapp/js/status.js';

test('the status says since when the room is offline', () => {
    const since = new Date(2026, 10, 21, 21, 4).toISOString();
    assert.equal(statusText({ state: 'offline', since }, 'en-GB'), 'Offline since 21:04 — retrying');
    assert.equal(statusText({ state: 'reconnecting', since }, 'en-US'), 'Offline since 9:04 PM — retrying');
    assert.equal(statusText({ state: 'live' }), 'Live');
    assert.equal(statusText({ state: 'connecting' }), 'Connecting…');
    assert.equal(statusText({}), '');
});

test('every loss shows as offline', () => {
    assert.equal(statusState('reconnecting'), 'offline');
    assert.equal(statusState('offline'), 'offline');
    assert.equal(statusState('live'), 'live');
});
