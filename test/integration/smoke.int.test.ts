import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, signInAs, type TestApp } from '../app.js';

let t: TestApp;
before(async () => {
  // The demo data is the subject: the app starts and serves its pages over it.
  t = await createTestApp({ demo: true });
});
after(() => t.close());

test('an administrator signs in with a second factor and sees the users page', async () => {
  const admin = await signInAs(t, 'administrator');
  const page = await admin.get('/admin/users');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Alex Admin/);
});
