import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Typists, TypingSignal, typingText } from '../../main/webapp/js/typing.js';

test('the typing line names one or two, and says "several people" for more', () => {
    assert.equal(typingText([]), '');
    assert.equal(typingText(['bob']), 'bob is typing…');
    assert.equal(typingText(['bob', 'alice']), 'bob and alice are typing…');
    assert.equal(typingText(['bob', 'alice', 'carol']), 'several people are typing…');
});

test('a name stays for a few seconds after its last signal, then goes', () => {
    const typists = new Typists('me', 5000);
    assert.equal(typists.saw('bob', 0), true, 'a new name changes the line');
    assert.deepEqual(typists.names(4999), ['bob']);
    assert.equal(typists.saw('bob', 3000), false, 'the same name again does not');
    assert.deepEqual(typists.names(7999), ['bob'], 'each signal moves the expiry on');
    assert.deepEqual(typists.names(8000), []);
});

test('names keep the order they started in, and expire one by one', () => {
    const typists = new Typists('me', 5000);
    typists.saw('bob', 0);
    typists.saw('alice', 1000);
    typists.saw('bob', 2000);
    assert.deepEqual(typists.names(2000), ['bob', 'alice']);
    assert.equal(typists.nextChange(2000), 4000, 'alice goes first, at 6000');
    assert.deepEqual(typists.names(6000), ['bob']);
    assert.equal(typists.nextChange(6000), 1000);
    assert.equal(typists.nextChange(7000), null);
});

test('a message from a typist removes the name at once; yourself is never shown', () => {
    const typists = new Typists('Me', 5000);
    typists.saw('bob', 0);
    typists.saw('carol', 0);
    assert.equal(typists.saw('me', 0), false);
    assert.equal(typists.saw('ME', 0), false, 'not in any case either');
    assert.equal(typists.stopped('BOB'), true);
    assert.equal(typists.stopped('dave'), false);
    assert.deepEqual(typists.names(1), ['carol']);
});

test('the composer says it is typing at most once per interval, only with text, only while live', () => {
    const signal = new TypingSignal(2000);
    assert.equal(signal.shouldSend('', true, 0), false, 'an empty box is not typing');
    assert.equal(signal.shouldSend('   ', true, 0), false);
    assert.equal(signal.shouldSend('h', false, 0), false, 'offline: nothing is sent');
    assert.equal(signal.shouldSend('h', true, 100), true);
    assert.equal(signal.shouldSend('hi', true, 1000), false);
    assert.equal(signal.shouldSend('hi ', true, 2099), false);
    assert.equal(signal.shouldSend('hi t', true, 2100), true);
    const sent = [];
    for (let t = 0; t <= 10_000; t += 50) if (signal.shouldSend('x', true, 10_000 + t)) sent.push(t);
    assert.deepEqual(sent, [0, 2000, 4000, 6000, 8000, 10_000], 'a steady typist: one every 2 s');
});
