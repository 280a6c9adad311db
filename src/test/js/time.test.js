import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clock, dayKey, dayLabel, daysAgo, when } from '../../main/webapp/js/time.js';

const now = new Date(2026, 10, 21, 21, 4); // Saturday 21 November 2026, 21:04 local time

test('the clock has no leading zero and follows the locale', () => {
    assert.equal(clock(new Date(2026, 10, 21, 9, 8), 'en-US'), '9:08 AM');
    assert.equal(clock(new Date(2026, 10, 21, 21, 8), 'en-GB'), '21:08');
});

test('day keys are local calendar days', () => {
    assert.equal(dayKey(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
    assert.equal(dayKey(new Date(2026, 0, 6, 0, 0)), '2026-01-06');
});

test('day separators say Today, Yesterday, a weekday, then the date', () => {
    assert.equal(dayLabel(new Date(2026, 10, 21, 0, 1), now, 'en-US'), 'Today');
    assert.equal(dayLabel(new Date(2026, 10, 20, 23, 59), now, 'en-US'), 'Yesterday');
    assert.equal(dayLabel(new Date(2026, 10, 17, 12), now, 'en-US'), 'Tuesday');
    assert.equal(dayLabel(new Date(2026, 10, 10, 12), now, 'en-US'), 'Tuesday, November 10');
    assert.equal(dayLabel(new Date(2025, 11, 31, 12), now, 'en-US'), 'Wednesday, December 31, 2025');
});

test('days ago counts calendar days, not 24-hour spans', () => {
    assert.equal(daysAgo(new Date(2026, 10, 20, 23, 30), new Date(2026, 10, 21, 0, 10)), 1);
    assert.equal(daysAgo(new Date(2026, 10, 21, 0, 0), now), 0);
});

test('a time standing alone carries its date when it is not today', () => {
    assert.equal(when(new Date(2026, 10, 21, 20, 0), now, 'en-US'), '8:00 PM');
    assert.equal(when(new Date(2026, 10, 20, 20, 0), now, 'en-US'), 'Yesterday 8:00 PM');
    assert.match(when(new Date(2026, 9, 1, 20, 0), now, 'en-US'), /^Oct 1, 2026, 8:00\sPM$/);
});
