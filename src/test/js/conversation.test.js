// Edits and deletes folded into the conversation (docs/API.md, "The folding rule"): by id, in id order, idempotent
// whichever source brings a message (the stream, a replay, a PATCH answer, a page, the repeated answer to a retry).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Timeline, canEdit } from '../../main/webapp/js/timeline.js';
import { EDIT_WINDOW_MS } from '../../main/webapp/js/rules.js';

const at = (m, s = 0) => new Date(Date.UTC(2026, 10, 21, 9, m, s)).toISOString();
const now = new Date(Date.UTC(2026, 10, 21, 23, 0));
const post = (id, username, text, time = at(0)) => ['usermessage', { id: String(id), username, time, text }];
const edit = (id, message, text, time) => ['messageedit', { id: String(id), username: 'alice', time, message: String(message), text }];
const del = (id, message, time, by) => ['messagedelete', { id: String(id), username: 'alice', time, message: String(message), ...(by ? { by } : {}) }];

function timeline(...events) {
    const t = new Timeline();
    for (const [type, data] of events) t.add(type, data);
    return t;
}

const messages = (t) => t.rows({ now }).filter((r) => r.kind === 'message')
    .map((r) => (r.deleted ? `${r.id}:${r.username}:<deleted${r.by ? ` by ${r.by}` : ''}>` : `${r.id}:${r.text}${r.edited ? ' (edited)' : ''}`));

test('an edit changes the text in place and marks it edited at the edit\'s time', () => {
    const t = timeline(post(1, 'alice', 'Helo'), post(2, 'bob', 'hi'), edit(3, 1, 'Hello', at(1)));
    assert.deepEqual(messages(t), ['1:Hello (edited)', '2:hi']);
    const entry = t.message('1');
    assert.equal(entry.edited, at(1));
    assert.equal(entry.time, at(0), 'the message keeps the time it was posted');
    assert.equal(t.add(...edit(3, 1, 'Hello', at(1))), null, 'the same edit again changes nothing');
});

test('edits apply in id order: an earlier edit arriving late does not undo a later one', () => {
    const t = timeline(post(1, 'alice', 'one'), edit(5, 1, 'three', at(3)));
    assert.equal(t.add(...edit(4, 1, 'two', at(2))), null);
    assert.deepEqual(messages(t), ['1:three (edited)']);
});

test('a replay carries the current text on each edit: the last one leaves it and its time', () => {
    const t = timeline(post(1, 'alice', 'now'), edit(2, 1, 'now', at(1)), edit(3, 1, 'now', at(2)));
    assert.deepEqual(messages(t), ['1:now (edited)']);
    assert.equal(t.message('1').edited, at(2));
});

test('the PATCH answer and the messageedit event are one edit, in either order', () => {
    const answer = { id: '1', username: 'alice', time: at(0), text: 'fixed', edited: at(1) };
    const first = timeline(post(1, 'alice', 'fxed'));
    assert.ok(first.add('usermessage', answer), 'the answer shows the edit');
    assert.equal(first.add(...edit(2, 1, 'fixed', at(1))), null, 'the event after it changes nothing');

    const second = timeline(post(1, 'alice', 'fxed'), edit(2, 1, 'fixed', at(1)));
    assert.equal(second.add('usermessage', answer), null, 'the answer after the event changes nothing');
    assert.deepEqual(messages(second), ['1:fixed (edited)']);
});

test('an answer to an older edit does not take a newer one back', () => {
    const t = timeline(post(1, 'alice', 'a'), edit(3, 1, 'c', at(3)));
    assert.equal(t.add('usermessage', { id: '1', username: 'alice', time: at(0), text: 'b', edited: at(2) }), null);
    const u = timeline(post(1, 'alice', 'a'));
    u.add('usermessage', { id: '1', username: 'alice', time: at(0), text: 'c', edited: at(3) });
    assert.equal(u.add(...edit(2, 1, 'b', at(2))), null, 'an event older than the edit shown is ignored');
    assert.deepEqual(messages(u), ['1:c (edited)']);
});

test('a delete leaves a tombstone: no text, no edit, the author and the time in their place', () => {
    const t = timeline(post(1, 'alice', 'secret'), post(2, 'bob', 'after'), edit(3, 1, 'more secret', at(1)), del(4, 1, at(2)));
    assert.deepEqual(messages(t), ['1:alice:<deleted>', '2:after']);
    const entry = t.message('1');
    assert.equal(entry.text, '');
    assert.equal(entry.edited, null);
    assert.equal(entry.deleted, at(2));
    assert.equal(entry.time, at(0));
    assert.ok(!JSON.stringify(t.rows({ now })).includes('secret'), 'the text is nowhere in what the log draws');
});

test('a moderator\'s delete says so', () => {
    const t = timeline(post(1, 'alice', 'x'), del(2, 1, at(1), 'moderator'));
    assert.deepEqual(messages(t), ['1:alice:<deleted by moderator>']);
});

test('a tombstone is final: no edit, no repeated answer to the post, no second delete changes it', () => {
    const t = timeline(post(1, 'alice', 'secret'), del(2, 1, at(1)));
    assert.equal(t.add(...edit(3, 1, 'back', at(2))), null);
    assert.equal(t.add(...post(1, 'alice', 'secret')), null, 'the answer a retried post repeats has the old text');
    assert.equal(t.add(...del(4, 1, at(3))), null);
    assert.equal(t.deleted('1'), false);
    assert.deepEqual(messages(t), ['1:alice:<deleted>']);
});

test('the repeated answer to a retried post is the same message, shown once, and takes no edit back', () => {
    const t = timeline(post(1, 'alice', 'hi'), edit(2, 1, 'hi!', at(1)));
    assert.equal(t.add(...post(1, 'alice', 'hi')), null);
    assert.deepEqual(messages(t), ['1:hi! (edited)']);
});

test('edits and deletes of messages we do not have are ignored', () => {
    const t = timeline(post(1, 'alice', 'x'), edit(2, 9, 'y', at(1)), del(3, 8, at(1)));
    assert.deepEqual(messages(t), ['1:x']);
    assert.equal(t.entries().length, 1, 'they add no row');
});

test('usertyping and unknown events are not part of the conversation', () => {
    const t = timeline(post(1, 'alice', 'x'));
    assert.equal(t.add('usertyping', { username: 'bob', time: at(1) }), null);
    assert.equal(t.add('messagepin', { id: '2', message: '1' }), null);
    assert.deepEqual(messages(t), ['1:x']);
});

test('a page or a replay has messages as they are now: edited and deleted ones fold over what we hold', () => {
    const t = timeline(post(1, 'alice', 'old'), post(2, 'bob', 'gone'));
    assert.ok(t.add('usermessage', { id: '1', username: 'alice', time: at(0), text: 'new', edited: at(1) }));
    assert.ok(t.add('usermessage', { id: '2', username: 'bob', time: at(0), deleted: at(2) }));
    t.add('usermessage', { id: '0', username: 'carol', time: at(0), deleted: at(2), by: 'moderator' });
    assert.deepEqual(messages(t), ['0:carol:<deleted by moderator>', '1:new (edited)', '2:bob:<deleted>']);
});

test('update folds a message over one we hold and adds none', () => {
    const t = timeline(post(1, 'alice', 'x'));
    assert.equal(t.update({ id: '7', username: 'bob', time: at(0), text: 'y' }), null);
    assert.ok(t.update({ id: '1', username: 'alice', time: at(0), deleted: at(1) }));
    assert.deepEqual(messages(t), ['1:alice:<deleted>']);
});

test('our own delete shows the tombstone at once', () => {
    const t = timeline(post(1, 'alice', 'x'));
    assert.equal(t.deleted('1', at(1)), true);
    assert.equal(t.add(...del(2, 1, at(1))), null, 'the event after it changes nothing');
    assert.deepEqual(messages(t), ['1:alice:<deleted>']);
});

test('a tombstone stays in its sender\'s group; its row is drawn anew when the message changes', () => {
    const t = timeline(post(1, 'alice', 'a', at(0)), post(2, 'alice', 'b', at(1)), post(3, 'alice', 'c', at(2)));
    const before = t.rows({ now }).filter((r) => r.kind === 'message');
    t.add(...del(4, 2, at(3)));
    const after = t.rows({ now }).filter((r) => r.kind === 'message');
    assert.deepEqual(after.map((r) => r.first), [true, false, false], 'grouping is unchanged');
    assert.equal(before[1].key, after[1].key);
    assert.notEqual(before[1].sig, after[1].sig);
    assert.equal(before[2].sig, after[2].sig, 'the next message is not redrawn');
});

test('an editing row keeps its sig while the message changes under it', () => {
    const t = timeline(post(1, 'alice', 'a'));
    const editing = t.rows({ now, editing: '1' }).find((r) => r.id === '1');
    assert.equal(editing.editing, true);
    t.add(...edit(2, 1, 'b', at(1)));
    assert.equal(t.rows({ now, editing: '1' }).find((r) => r.id === '1').sig, editing.sig);
    assert.notEqual(t.rows({ now }).find((r) => r.id === '1').sig, editing.sig, 'closing the editor draws the row again');
});

test('↑ edits the newest message of one\'s own that is not deleted', () => {
    const t = timeline(post(1, 'Alice', 'one'), post(2, 'alice', 'two'), post(3, 'bob', 'bob\'s'), post(4, 'alice', 'three'));
    assert.equal(t.lastOwn('alice').id, '4');
    t.add(...del(5, 4, at(1)));
    assert.equal(t.lastOwn('ALICE').id, '2', 'names compare as the server compares them');
    assert.equal(t.lastOwn('carol'), null);
});

test('a message can be edited within the window, by the server\'s clock as far as the page knows it', () => {
    const posted = Date.UTC(2026, 10, 21, 9, 0);
    const entry = new Timeline().add('usermessage', { id: '1', username: 'a', time: new Date(posted).toISOString(), text: 'x' }).entry;
    assert.ok(canEdit(entry, posted + EDIT_WINDOW_MS - 1000));
    assert.ok(!canEdit(entry, posted + EDIT_WINDOW_MS + 1000));
    assert.ok(canEdit(entry, posted + EDIT_WINDOW_MS + 1000, 5000), 'a page clock 5 s ahead of the server');
    entry.deleted = new Date(posted).toISOString();
    assert.ok(!canEdit(entry, posted), 'a tombstone cannot be edited');
});
