import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Timeline, summarize } from '../../main/webapp/js/timeline.js';

const at = (h, m = 0, day = 21) => new Date(2026, 10, day, h, m).toISOString();
const now = new Date(2026, 10, 21, 23, 0);
const message = (id, username, time, text = `m${id}`) => ['usermessage', { id: String(id), username, time, text }];
const join = (id, username, time) => ['userconnect', { id: String(id), username, time }];
const leave = (id, username, time) => ['userdisconnect', { id: String(id), username, time }];

function timeline(...events) {
    const t = new Timeline();
    for (const [type, data] of events) t.add(type, data);
    return t;
}

const shape = (rows) => rows.map((row) => (row.kind === 'message' ? `${row.first ? '+' : ' '}${row.username}:${row.text}`
    : row.kind === 'presence' ? `~${row.text}` : row.kind === 'day' ? `[${row.label}]` : '--gap--'));

test('each event is shown once, in id order, whatever order it came in', () => {
    const t = timeline(message(3, 'a', at(9, 3)), message(1, 'a', at(9, 1)), message(2, 'b', at(9, 2)), message(3, 'a', at(9, 3)));
    assert.deepEqual(t.entries().map((e) => e.id), ['1', '2', '3']);
    assert.equal(t.add(...message(2, 'b', at(9, 2))), null, 'a repeat is not added');
    assert.equal(t.size, 3);
});

test('ids order numerically across a digit boundary', () => {
    const t = timeline(message(10, 'a', at(9)), message(9, 'a', at(9)));
    assert.deepEqual(t.entries().map((e) => e.id), ['9', '10']);
});

test('unknown event types and events without id are ignored', () => {
    const t = new Timeline();
    assert.equal(t.add('resync', { id: '1' }), null);
    assert.equal(t.add('usermessage', { username: 'a', text: 'x' }), null);
    assert.equal(t.size, 0);
});

test('messages by one sender within five minutes are one group', () => {
    const t = timeline(message(1, 'alice', at(9, 0)), message(2, 'alice', at(9, 4)), message(3, 'alice', at(9, 10)),
        message(4, 'bob', at(9, 11)), message(5, 'alice', at(9, 12)));
    assert.deepEqual(shape(t.rows({ now })), ['[Today]', '+alice:m1', ' alice:m2', '+alice:m3', '+bob:m4', '+alice:m5']);
});

test('a join or leave between two messages starts a new group', () => {
    const t = timeline(message(1, 'alice', at(9, 0)), join(2, 'bob', at(9, 1)), message(3, 'alice', at(9, 2)));
    assert.deepEqual(shape(t.rows({ now })), ['[Today]', '+alice:m1', '~bob joined', '+alice:m3']);
});

test('runs of joins and leaves collapse into one line', () => {
    const t = timeline(join(1, 'a', at(9)), join(2, 'b', at(9)), join(3, 'c', at(9)), leave(4, 'd', at(9)),
        message(5, 'a', at(9, 1)), leave(6, 'a', at(9, 2)), leave(7, 'b', at(9, 2)));
    const rows = t.rows({ now });
    assert.deepEqual(shape(rows), ['[Today]', '~3 people joined, d left', '+a:m5', '~a and b left']);
    assert.deepEqual(rows[1].events.map((e) => e.username), ['a', 'b', 'c', 'd'], 'each line is still there to expand');
});

test('six leaves in a row read as one line', () => {
    assert.equal(summarize(['a', 'b', 'c', 'd', 'e', 'f'].map((username) => ({ type: 'userdisconnect', username }))),
        '6 people left');
    assert.equal(summarize([{ type: 'userconnect', username: 'a' }, { type: 'userconnect', username: 'a' }]), 'a joined');
});

test('day separators stand before the first event of each day', () => {
    const t = timeline(message(1, 'a', at(22, 0, 20)), message(2, 'a', at(8, 0, 21)), message(3, 'a', at(8, 1, 21)));
    assert.deepEqual(shape(t.rows({ now })), ['[Yesterday]', '+a:m1', '[Today]', '+a:m2', ' a:m3']);
});

test('a resync keeps what is shown and marks the gap after it', () => {
    const t = timeline(message(1, 'a', at(9)), message(2, 'b', at(9, 1)));
    assert.ok(t.gap());
    assert.ok(!t.gap(), 'a second resync at the same place adds no second gap');
    // after a restart: the server's replay has new ids (its ids are time based), and repeats of what we had
    t.add(...message(2, 'b', at(9, 1)));
    t.add(...join(9, 'a', at(9, 5)));
    t.add(...message(10, 'a', at(9, 6)));
    assert.deepEqual(shape(t.rows({ now })), ['[Today]', '+a:m1', '+b:m2', '--gap--', '~a joined', '+a:m10']);
});

test('a resync before anything is shown draws no gap', () => {
    assert.ok(!new Timeline().gap());
});

test('own messages are marked by name as the server compares names', () => {
    const t = timeline(message(1, 'Alice', at(9)), message(2, 'bob', at(9)));
    assert.deepEqual(t.rows({ self: 'alice', now }).filter((r) => r.kind === 'message').map((r) => r.mine), [true, false]);
});

test('rows keep their key while they stay, and change their sig when what they show changes', () => {
    const t = timeline(join(1, 'a', at(9)));
    const before = t.rows({ now });
    t.add(...join(2, 'b', at(9)));
    const after = t.rows({ now });
    assert.equal(before[1].key, after[1].key, 'the collapsed line is the same row');
    assert.notEqual(before[1].sig, after[1].sig);
    t.add(...message(3, 'a', at(9, 1)));
    t.add(...message(4, 'a', at(9, 2)));
    const grouped = t.rows({ now });
    assert.equal(grouped.find((r) => r.id === '3').sig, t.rows({ now }).find((r) => r.id === '3').sig);
});

test('the oldest message is what earlier pages are asked before', () => {
    const t = timeline(join(1, 'a', at(9)), message(5, 'a', at(9)), message(7, 'a', at(9)));
    assert.equal(t.oldestMessageId(), '5');
    assert.equal(t.newestId(), '7');
});
