import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counter, length, explain } from '../../main/webapp/js/compose.js';
import { ApiError } from '../../main/webapp/js/api.js';

test('the counter stays away until the text nears the limit', () => {
    assert.equal(counter('x'.repeat(1599), 2000), '');
    assert.equal(counter('x'.repeat(1600), 2000), '1,600 / 2,000');
    assert.equal(counter('x'.repeat(2003), 2000), '3 over the limit of 2,000');
});

test('length counts code points of the trimmed text, as the server does', () => {
    assert.equal(length('  😀😀  '), 2);
    assert.equal(length('שלום'), 4);
});

test('refusals are explained plainly', () => {
    assert.equal(explain(new ApiError(0, { detail: 'x' })),
        'Not confirmed: the server cannot be reached. Send it again in a moment; it will not be posted twice.');
    assert.equal(explain(new ApiError(429, {}, 7)), 'You are sending messages too fast. Wait 7 seconds, then send again.');
    assert.equal(explain(new ApiError(400, { detail: 'text is too long.' })), 'Not sent: text is too long.');
    assert.equal(explain(new Error('boom')), 'Not sent: something went wrong.');
});
