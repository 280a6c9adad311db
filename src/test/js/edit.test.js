import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainEdit } from '../../main/webapp/js/edit.js';
import { explainDelete } from '../../main/webapp/js/confirm.js';
import { ApiError } from '../../main/webapp/js/api.js';

test('an edit refused for good closes the editor with the server\'s reason', () => {
    for (const status of [403, 404, 409]) {
        const { message, close } = explainEdit(new ApiError(status, { detail: `reason ${status}` }));
        assert.equal(close, true, `${status} closes`);
        assert.equal(message, `Not edited: reason ${status}`);
    }
});

test('an edit that may pass later keeps the editor and the draft', () => {
    assert.deepEqual(explainEdit(new ApiError(0)), { message: 'Not saved: the server cannot be reached. Try again in a moment.', close: false });
    assert.deepEqual(explainEdit(new ApiError(429, {}, 4)), { message: 'You are sending too fast. Wait 4 seconds, then save again.', close: false });
    assert.equal(explainEdit(new ApiError(400, { detail: 'text is too long.' })).close, false);
});

test('a failed delete is explained in the dialog', () => {
    assert.equal(explainDelete(new ApiError(403, { detail: 'That is not your message.' })), 'Not deleted: That is not your message.');
    assert.equal(explainDelete(new ApiError(0)), 'Not deleted: the server cannot be reached. Try again in a moment.');
    assert.equal(explainDelete(new ApiError(429, {}, 2)), 'You are sending too fast. Wait 2 seconds, then try again.');
});
