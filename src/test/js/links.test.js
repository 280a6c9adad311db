import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segments, safeHref } from '../../main/webapp/js/links.js';

const links = (text) => segments(text).filter((piece) => piece.href).map((piece) => piece.text);

test('text without links is one piece', () => {
    assert.deepEqual(segments('hello there'), [{ text: 'hello there' }]);
    assert.deepEqual(segments(''), [{ text: '' }]);
});

test('finds http and https links and keeps the text around them', () => {
    const pieces = segments('see https://example.org/a?b=1#c and http://x.test too');
    assert.deepEqual(pieces.map((p) => p.text).join(''), 'see https://example.org/a?b=1#c and http://x.test too');
    assert.deepEqual(links('see https://example.org/a?b=1#c and http://x.test too'), ['https://example.org/a?b=1#c', 'http://x.test']);
});

test('sentence punctuation after a link is not part of it', () => {
    assert.deepEqual(links('Read https://example.org/notes.'), ['https://example.org/notes']);
    assert.deepEqual(links('(see https://example.org/x)'), ['https://example.org/x']);
    assert.deepEqual(links('https://en.wikipedia.org/wiki/Foo_(bar), ok'), ['https://en.wikipedia.org/wiki/Foo_(bar)']);
    assert.deepEqual(links('"https://example.org/q"!'), ['https://example.org/q']);
});

test('only http and https become links', () => {
    assert.deepEqual(links('javascript:alert(1) data:text/html,<b>x</b> ftp://host/file file:///etc/passwd'), []);
    assert.deepEqual(links('JAVASCRIPT://example.org/%0aalert(1)'), []);
    assert.equal(safeHref('javascript:alert(1)'), null);
    assert.equal(safeHref('https://'), null);
    assert.equal(safeHref('HTTPS://Example.org'), 'https://example.org/');
});

test('markup next to a link stays text', () => {
    const pieces = segments('<a href="https://evil.test">x</a>');
    assert.deepEqual(pieces.filter((p) => p.href).map((p) => p.href), ['https://evil.test/']);
    assert.equal(pieces.map((p) => p.text).join(''), '<a href="https://evil.test">x</a>');
});
