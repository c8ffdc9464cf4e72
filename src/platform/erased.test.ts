import assert from 'node:assert/strict';
import { test } from 'node:test';
import { erasedEmail, isErasedEmail } from './erased.js';

const id = '3F2504E0-4F89-11D3-9A0C-0305E82C3301';

test('an erased address is one per record, lower-case, and under a domain mail never reaches', () => {
  assert.equal(erasedEmail(id), 'erased-3f2504e0-4f89-11d3-9a0c-0305e82c3301@erased.invalid');
  assert.notEqual(erasedEmail(id), erasedEmail('3f2504e0-4f89-11d3-9a0c-0305e82c3302'));
  assert.ok(erasedEmail(id).endsWith('.invalid'));
  assert.ok(isErasedEmail(erasedEmail(id)));
  assert.ok(!isErasedEmail('casey@example.org'));
  assert.ok(!isErasedEmail(`x${erasedEmail(id)}`));
});

