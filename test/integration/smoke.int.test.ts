import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, signInAs, type TestApp } from '../app.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('an administrator signs in with a second factor and sees the users page', async () => {
  const admin = await signInAs(t, 'administrator');
  const page = await admin.get('/admin/users');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Alex Admin/);
});
