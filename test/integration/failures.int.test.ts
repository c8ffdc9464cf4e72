import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';

test('when the database is gone: a 500 page that hides internals, and not ready', async () => {
  const t = await createTestApp({ demo: false });
  const officer = await signInNewAccount(t, 'authority_officer');
  assert.equal((await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200);
  await t.services.database.close();
  const page = await officer.get('/directory');
  assert.equal(page.statusCode, 500);
  assert.match(page.body, /Sorry, there is a problem with the service/);
  assert.match(page.body, /quote this reference/);
  assert.doesNotMatch(page.body, /at .*\.ts:\d+|Error:|PGlite|pg_/, 'no stack or driver detail');
  const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
  assert.equal(ready.statusCode, 503);
  assert.equal((await t.app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200);
  await t.close();
});

test('issue 21 item 24: /health/ready answers without naming the database or its driver', async () => {
  const t = await createTestApp({ demo: false });
  try {
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ok' });
    await t.services.database.close();
    const down = await t.app.inject({ method: 'GET', url: '/health/ready' });
    assert.equal(down.statusCode, 503);
    assert.deepEqual(down.json(), { status: 'unavailable' });
    assert.equal(down.headers['retry-after'], '30');
    for (const body of [ready.body, down.body]) assert.doesNotMatch(body, /pglite|postgres|pg\b/i);
  } finally {
    await t.close();
  }
});
