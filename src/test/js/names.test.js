import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initials, hue, HUES, sameName, fold } from '../../main/webapp/js/names.js';

test('initials take the first letter of up to two parts', () => {
    assert.equal(initials('alice'), 'A');
    assert.equal(initials('mary-jane'), 'MJ');
    assert.equal(initials('john_doe.smith'), 'JD');
    assert.equal(initials('zoë'), 'Z');
    assert.equal(initials('_bob'), 'B');
    assert.equal(initials('7of9'), '7');
    assert.equal(initials('שרה'), 'ש');
});

test('a combining mark stays with its letter', () => {
    assert.equal(initials('e\u0301mile'), 'E\u0301');
});

test('a name always gets the same colour, and names spread over the palette', () => {
    assert.equal(hue('alice'), hue('alice'));
    assert.equal(hue('Alice'), hue('alice'), 'the colour follows the name as the server compares it');
    const used = new Set(['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy',
        'mallory', 'niaj', 'olivia', 'peggy', 'rupert', 'sybil', 'trent', 'victor', 'walter', 'zoë'].map(hue));
    assert.ok(used.size >= 6, `20 names use ${used.size} of ${HUES} colours`);
    for (const h of used) assert.ok(h >= 0 && h < HUES);
});

test('names compare as the server compares them for "is that me"', () => {
    assert.ok(sameName('Alice', 'alice'));
    assert.ok(sameName('Ｂｏｂ', 'bob'), 'full-width letters fold by NFKC');
    assert.ok(!sameName('alice', 'alicia'));
    assert.equal(fold('ÅSA'), 'åsa');
});
