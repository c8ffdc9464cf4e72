/**
 * Issue 27 (the public site stands a surge): a public page is kept while Bridge's data is
 * unchanged and sent again with its ETag; a browser that holds it is answered 304 with no body;
 * a change to the data or a new day gives a new page, never a stale one; and
 * nothing is kept for a signed-in person or from an answer that set a cookie.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { FACTORY_PASSWORD, makeAccount, signInNewAccount } from '../factories/accounts.js';
import { makeGroup } from '../factories/groups.js';
import { mainOf, textOf } from '../html.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

test('a public page is sent again with the same ETag while nothing changes, and 304 to a browser that holds it', async () => {
  const first = await get('/advisory-groups');
  assert.equal(first.statusCode, 200);
  const etag = first.headers.etag as string;
  assert.match(etag, /^W\/"[\w-]+"$/);
  assert.equal(first.headers['cache-control'], 'no-cache');
  const again = await get('/advisory-groups');
  assert.equal(again.headers.etag, etag);
  assert.equal(again.body, first.body);
  const held = await get('/advisory-groups', { 'if-none-match': etag });
  assert.equal(held.statusCode, 304);
  assert.equal(held.body, '');
  assert.equal(held.headers.etag, etag);
  // Another page's ETag is not this one's.
  const home = await get('/');
  assert.notEqual(home.headers.etag, etag);
  assert.equal((await get('/', { 'if-none-match': etag })).statusCode, 200);
});

test('a change to the data is on the public page at once, with a new ETag', async () => {
  const before = await get('/advisory-groups');
  const name = `Surge test group ${Math.random().toString(36).slice(2, 8)}`;
  await makeGroup(t, { name });
  const after = await get('/advisory-groups', { 'if-none-match': before.headers.etag as string });
  assert.equal(after.statusCode, 200);
  assert.notEqual(after.headers.etag, before.headers.etag);
  assert.match(textOf(mainOf(after.body)), new RegExp(name));
});

test('a new day gives a new page: what is due or overdue moves with the date', async () => {
  const today = await get('/recommendations');
  t.clock.advanceMinutes(24 * 60);
  try {
    const tomorrow = await get('/recommendations', {
      'if-none-match': today.headers.etag as string,
    });
    assert.equal(tomorrow.statusCode, 200);
    assert.notEqual(tomorrow.headers.etag, today.headers.etag);
  } finally {
    t.clock.reset();
  }
});

test('a signed-in person is never sent a kept page, nor given an ETag', async () => {
  const anyone = await get('/advisory-groups');
  const person = await signInNewAccount(t, 'coordination_unit');
  const page = await person.get('/advisory-groups');
  assert.equal(page.statusCode, 200);
  assert.equal(page.headers.etag, undefined);
  assert.equal(page.headers['cache-control'], 'no-store');
  // Their page is theirs: it offers them their account, which the kept one never does.
  assert.match(page.body, /Sign out/);
  assert.doesNotMatch(anyone.body, /Sign out/);
});

test('a person part-way through signing in (a session, no second factor yet) is never sent a kept page, and their page is never kept', async () => {
  const account = await makeAccount(t, { role: 'coordination_unit' });
  assert.ok(account.totpSecret, 'the role needs a second factor');
  const agent = new Agent(t.app);
  await agent.get('/sign-in');
  const password = await agent.post('/sign-in', {
    email: account.email,
    password: FACTORY_PASSWORD,
  });
  assert.match(String(password.headers.location), /^\/sign-in\/second-factor/);
  // Their home page offers Sign out, with their own CSRF token.
  const theirs = await agent.get('/');
  assert.equal(theirs.statusCode, 200);
  assert.match(theirs.body, /Sign out/);
  assert.equal(theirs.headers.etag, undefined);
  // Anyone else is never given it.
  const anyone = await get('/');
  assert.doesNotMatch(anyone.body, /Sign out/);
  assert.doesNotMatch(anyone.body, /name="_csrf"/);
});

test('made-up query parameters are answered afresh and not kept; the ones a page reads are', async () => {
  const madeUp = await get('/open-data/good-practice.json?n=1');
  assert.equal(madeUp.statusCode, 200);
  assert.equal(madeUp.headers.etag, undefined);
  assert.equal(madeUp.headers['cache-control'] === 'no-cache', false);
  const page2 = await get('/recommendations?page=1');
  assert.match(String(page2.headers.etag), /^W\//);
  const again = await get('/recommendations?page=1', {
    'if-none-match': page2.headers.etag as string,
  });
  assert.equal(again.statusCode, 304);
  // Another value of the same parameter is another page.
  const other = await get('/recommendations?page=2');
  assert.notEqual(other.headers.etag, page2.headers.etag);
});

test('a kept download is sent again as a download, with its name', async () => {
  const first = await get('/open-data/good-practice.csv');
  assert.equal(first.statusCode, 200);
  const again = await get('/open-data/good-practice.csv');
  assert.equal(again.headers.etag, first.headers.etag);
  assert.equal(again.headers['content-disposition'], first.headers['content-disposition']);
  assert.match(
    String(again.headers['content-disposition']),
    /attachment; filename="good-practice\.csv"/,
  );
  assert.match(String(again.headers['content-type']), /^text\/csv/);
  assert.equal(again.body, first.body);
});
