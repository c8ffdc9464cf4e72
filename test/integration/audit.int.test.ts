import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  listAuditEvents,
  recordAudit,
  verifyAuditChain,
} from '../../src/platform/audit/service.js';
import { addCalendarDays, todayInLondon } from '../../src/platform/calendar/index.js';
import { createTestApp, type TestApp } from '../app.js';
import {
  makeAccount,
  signInAccount,
  signInNewAccount,
  type FactoryAccount,
} from '../factories/accounts.js';

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: false });
});
after(() => t.close());

/**
 * A new authority officer signs in and records an organisation (events the trail then holds:
 * session.signed-in, organisation.created); gives the officer's account.
 */
async function officerRecordsOrganisation(name: string): Promise<FactoryAccount> {
  const officerAccount = await makeAccount(t, { role: 'authority_officer' });
  const officer = await signInAccount(t, officerAccount);
  const created = await officer.post('/directory/organisations/new', { name, kind: 'community' });
  assert.equal(created.statusCode, 303, created.body.slice(0, 500));
  return officerAccount;
}

test('the chain is whole after start-up and after changes', async () => {
  await officerRecordsOrganisation('Audit Chain Test Group');
  const result = await verifyAuditChain(t.services.db, 3);
  assert.equal(result.firstBreak, null);
  assert.ok(
    result.checked >= 4,
    'reference data, groups and guides, sign-in and the new organisation',
  );
});

test('events cannot be changed or deleted', async () => {
  // Drizzle wraps the database's error; the refusal is in its cause.
  const refusedAsAppendOnly = (error: unknown) =>
    /append-only/.test(String((error as { cause?: Error }).cause?.message));
  await assert.rejects(
    t.services.db.execute(sql`update audit_events set action = 'forged'`),
    refusedAsAppendOnly,
  );
  await assert.rejects(t.services.db.execute(sql`delete from audit_events`), refusedAsAppendOnly);
  await assert.rejects(t.services.db.execute(sql`truncate audit_events`), refusedAsAppendOnly);
  const events = await listAuditEvents(t.services.db, {}, { limit: 1000, offset: 0 });
  assert.ok(events.items.every((e) => e.action !== 'forged'));
});

test('an event written in a transaction that fails is not kept', async () => {
  const before = (await listAuditEvents(t.services.db, {}, { limit: 1, offset: 0 })).total;
  await assert.rejects(
    t.services.db.transaction(async (tx) => {
      await recordAudit(
        tx,
        { userId: null, label: 'test' },
        { action: 'test.rolled-back', recordType: 'test', recordId: '1' },
      );
      throw new Error('the change failed');
    }),
  );
  assert.equal((await listAuditEvents(t.services.db, {}, { limit: 1, offset: 0 })).total, before);
});

test('audit:verify reports the first event that was tampered with', async () => {
  // The tampering breaks the chain for good: a database of its own, so the other tests' chain
  // stays whole.
  const own = await createTestApp({ demo: false });
  try {
    const events = await listAuditEvents(own.services.db, {}, { limit: 1000, offset: 0 });
    const target = events.items[events.items.length - 2]!;
    // Only someone able to switch off the trigger (the database owner) can do this; the chain tells.
    await own.services.db.execute(sql`alter table audit_events disable trigger user`);
    await own.services.db.execute(
      sql`update audit_events set actor_label = 'Someone else' where seq = ${target.seq}`,
    );
    await own.services.db.execute(sql`alter table audit_events enable trigger user`);
    const result = await verifyAuditChain(own.services.db);
    assert.equal(result.firstBreak?.seq, target.seq);
    assert.match(result.firstBreak?.reason ?? '', /does not match its hash/);
  } finally {
    await own.close();
  }
});

test('administrators filter the trail by person, record and date; others cannot see it', async () => {
  const officerAccount = await officerRecordsOrganisation('Audit Filter Test Group');
  const admin = await signInNewAccount(t, 'administrator');
  const byPerson = await admin.get(
    `/admin/audit?person=${encodeURIComponent(officerAccount.email)}`,
  );
  assert.equal(byPerson.statusCode, 200);
  assert.match(byPerson.body, /organisation.created/);
  assert.doesNotMatch(byPerson.body, /reference-data.loaded/);
  const byRecord = await admin.get('/admin/audit?recordType=reference-data');
  assert.match(byRecord.body, /reference-data.loaded/);
  // Audit events carry the real time, not the test's pinned clock.
  const day = todayInLondon(new Date());
  const today = await admin.get(`/admin/audit?from=${day}&to=${day}`);
  assert.match(today.body, /session.signed-in/);
  const previousDay = addCalendarDays(day, -1);
  const yesterday = await admin.get(`/admin/audit?from=${previousDay}&to=${previousDay}`);
  assert.match(yesterday.body, /No events match/);
  const bad = await admin.get('/admin/audit?from=2026-02-30&person=nobody@example.org');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Date from must be a real date/);
  assert.match(bad.body, /Enter the e-mail address of a Bridge user/);
  const firstSeq = /href="\/admin\/audit\/(\d+)"/.exec(byPerson.body)?.[1];
  const detail = await admin.get(`/admin/audit/${firstSeq}`);
  assert.match(detail.body, /Fingerprint/);
  const requester = await signInNewAccount(t, 'requester');
  assert.equal((await requester.get('/admin/audit')).statusCode, 403);
});

test('secrets never reach the audit trail', async () => {
  const events = await listAuditEvents(t.services.db, {}, { limit: 1000, offset: 0 });
  const text = JSON.stringify(events.items.map((e) => [e.before, e.after]));
  assert.doesNotMatch(text, /\$argon2id\$/);
  assert.doesNotMatch(text, /"totpSecret":"v1\./);
});

test('a search counts its matches only up to a limit, and says "more than" past it', async () => {
  await officerRecordsOrganisation('Audit Search Test Group');
  const all = await listAuditEvents(t.services.db, {}, { limit: 2, offset: 0 });
  assert.ok(all.total > 3, 'the reference data, a sign-in and a new organisation');
  const capped = await listAuditEvents(t.services.db, {}, { limit: 2, offset: 0 }, 3);
  assert.deepEqual([capped.total, capped.more, capped.items.length], [3, true, 2]);
  const exact = await listAuditEvents(t.services.db, {}, { limit: 2, offset: 0 }, all.total);
  assert.deepEqual([exact.total, exact.more], [all.total, false]);
});
