import assert from 'node:assert/strict';
import { test } from 'node:test';
import { erasedEmail, isErasedEmail, mentionPattern } from './erased.js';

const id = '3F2504E0-4F89-11D3-9A0C-0305E82C3301';

test('an erased address is one per record, lower-case, and under a domain mail never reaches', () => {
  assert.equal(erasedEmail(id), 'erased-3f2504e0-4f89-11d3-9a0c-0305e82c3301@erased.invalid');
  assert.notEqual(erasedEmail(id), erasedEmail('3f2504e0-4f89-11d3-9a0c-0305e82c3302'));
  assert.ok(erasedEmail(id).endsWith('.invalid'));
  assert.ok(isErasedEmail(erasedEmail(id)));
  assert.ok(!isErasedEmail('casey@example.org'));
  assert.ok(!isErasedEmail(`x${erasedEmail(id)}`));
});

test('the person’s own words are looked for literally, whatever they hold', () => {
  assert.equal(
    mentionPattern(['Zoë O’Neill (Jr.)', 'zoe+1@example.org', null, '  ', 'Al']),
    '(Zoë O’Neill \\(Jr\\.\\)|zoe\\+1@example\\.org)',
  );
  // Each is found as written, never as a pattern: "a.b" is not "axb".
  const pattern = new RegExp(mentionPattern(['a.b@x.org'])!, 'i');
  assert.ok(pattern.test('Sent to A.B@X.ORG on Monday'));
  assert.ok(!pattern.test('Sent to axb@x.org'));
  assert.equal(mentionPattern([null, undefined, '']), null);
});
