import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../main/webapp/js/router.js';

test('the fragment names the room', () => {
    assert.equal(parse('#design'), 'design');
    assert.equal(parse('design'), 'design');
    assert.equal(parse(''), null);
    assert.equal(parse('#'), null);
    assert.equal(parse('#Not A Room'), null);
    assert.equal(parse('#%E0%A4%A'), null, 'a malformed escape is no room');
    assert.equal(parse('#%64esign'), 'design');
});
