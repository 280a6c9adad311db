import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareIds } from '../../main/webapp/js/ids.js';

test('orders ids as numbers, not as strings', () => {
    assert.ok(compareIds('9', '10') < 0, '9 before 10');
    assert.ok(compareIds('1733000000000001', '1733000000000000') > 0);
    assert.equal(compareIds('42', '42'), 0);
});

test('orders by the sequence suffix when the numbers are equal', () => {
    assert.ok(compareIds('5-2', '5-10') < 0);
    assert.ok(compareIds('5', '5-1') < 0, 'no suffix is sequence 0');
    assert.ok(compareIds('6', '5-99') > 0);
});

test('leading zeros do not change the order', () => {
    assert.equal(compareIds('007', '7'), 0);
});

