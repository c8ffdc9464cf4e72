/**
 * Issue 28 part 5, ADR 0002: a person's erasure takes their name, contact details and date of
 * birth out of the audit trail, while what was done, to which record, when and by which account
 * stay as written, and the chain still verifies: each changed event is vouched for by one later
 * `audit.redacted` event. Nothing else can change an event.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, inArray, sql } from 'drizzle-orm';
import { buildServices } from '../../src/app.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { verifyAuditChain } from '../../src/platform/audit/service.js';
import { queryRows } from '../../src/platform/db/database.js';
import type { BridgeModule } from '../../src/platform/modules.js';
import { erasePersonEverywhere } from '../../src/platform/person-data.js';
import { createTestApp, type TestApp } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { uniqueTag } from '../factories/directory.js';

let t: TestApp;
let modules: readonly BridgeModule[];

before(async () => {
  t = await createTestApp({ demo: false });
  modules = buildServices({
    config: t.config,
    database: t.services.database,
    now: t.clock.now,
  }).modules;
});
after(() => t.close());

function idFromLocation(location: string | undefined): string {
  const id = location?.split('/').pop();
  assert.ok(id, 'redirected to the new record');
  return id;
}

interface Story {
  subject: FactoryAccount;
  officer: FactoryAccount;
  phone: string;
  address: string;
  /** A person the officer recorded, whose notes name the subject. */
  mentionedIn: string;
  /** An organisation recorded at their address (and naming nothing else of theirs). */
  atTheirAddress: string;
  /** An organisation nobody erased has anything to do with. */
  unrelated: string;
}

/**
 * The subject signs in and records an organisation (events they made); an officer corrects the
 * subject's directory entry (an event about them) and records a new contact whose notes name the
 * subject (someone else's record mentioning them), and an organisation of no concern to them.
 */
async function tellStory(): Promise<Story> {
  const tag = uniqueTag();
  const subject = await makeAccount(t, {
    role: 'authority_officer',
    name: `Rosalind Quartermaine ${tag}`,
  });
  const officer = await makeAccount(t, { role: 'authority_officer' });
  const asSubject = await signInAccount(t, subject);
  const own = await asSubject.post('/directory/organisations/new', {
    name: `Larkspur Steering Group ${tag}`,
    kind: 'community',
  });
  assert.equal(own.statusCode, 303, own.body.slice(0, 400));
  const asOfficer = await signInAccount(t, officer);
  const phone = '020 7946 0' + String(Math.floor(Math.random() * 900 + 100));
  // On two lines, as the form's text area sends it: inside an event's JSON the break is "\r\n".
  const address = `${tag} Larkspur Mews\r\nLondon`;
  const edited = await asOfficer.post(`/directory/people/${subject.personId}/edit`, {
    fullName: subject.name,
    email: subject.email,
    phone,
    address,
    version: '1',
  });
  assert.equal(edited.statusCode, 303, edited.body.slice(0, 400));
  const contact = await asOfficer.post('/directory/people/new', {
    fullName: `Unrelated Contact ${tag}`,
    notes: `Introduced by ${subject.name} (${subject.email}) at the forum`,
  });
  assert.equal(contact.statusCode, 303, contact.body.slice(0, 400));
  const neighbours = await asOfficer.post('/directory/organisations/new', {
    name: `Neighbours' Forum ${tag}`,
    kind: 'community',
    address,
  });
  assert.equal(neighbours.statusCode, 303, neighbours.body.slice(0, 400));
  const org = await asOfficer.post('/directory/organisations/new', {
    name: `Unrelated Forum ${tag}`,
    kind: 'community',
  });
  assert.equal(org.statusCode, 303, org.body.slice(0, 400));
  return {
    subject,
    officer,
    phone,
    address,
    mentionedIn: idFromLocation(contact.headers.location),
    atTheirAddress: idFromLocation(neighbours.headers.location),
    unrelated: idFromLocation(org.headers.location),
  };
}

/** Events whose label or snapshots hold any of the words (as written, or escaped in JSON). */
async function eventsHolding(words: readonly string[]): Promise<string[]> {
  const forms = words.flatMap((w) => [w, JSON.stringify(w).slice(1, -1)]);
  const rows = await queryRows<{ seq: number; action: string }>(
    t.services.db,
    sql`select seq, action from audit_events where ${sql.join(
      forms.map(
        (w) =>
          sql`strpos(lower(actor_label || coalesce(before::text, '') || coalesce(after::text, '')),
            lower(${w})) > 0`,
      ),
      sql` or `,
    )} order by seq`,
  );
  return rows.map((r) => `${r.seq}: ${r.action}`);
}

const erase = (story: Story) =>
  t.services.db.transaction((tx) =>
    erasePersonEverywhere(
      modules,
      tx,
      { personId: story.subject.personId, userId: story.subject.userId },
      { userId: story.officer.userId, label: story.officer.name },
    ),
  );

test('erasure: the audit trail no longer holds the person’s name, e-mail address, phone or address, and the chain verifies', async () => {
  const story = await tellStory();
  const { subject } = story;
  const surname = 'Quartermaine';
  const theirs = [surname, subject.email, story.phone, story.address];
  // Before: their words are in events they made, about them and about someone else.
  const before = await eventsHolding(theirs);
  for (const action of ['session.signed-in', 'organisation.created', 'person.updated'])
    assert.ok(
      before.some((e) => e.endsWith(`: ${action}`)),
      `${action} holds them: ${before.join(', ')}`,
    );
  const [unrelatedBefore] = await t.services.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.recordId, story.unrelated));

  const done = await erase(story);

  assert.deepEqual(await eventsHolding(theirs), []);
  const redacted = await t.services.db
    .select()
    .from(auditEvents)
    .where(sql`${auditEvents.redactedBy} is not null`);
  const audit = done.find((m) => m.module === 'audit')?.parts[0];
  assert.deepEqual(audit, { kind: 'audit events', records: redacted.length, how: 'anonymised' });
  assert.ok(redacted.length >= before.length);

  // What they did keeps who did it (the account, now anonymised), what and when.
  const signedIn = redacted.find(
    (e) => e.actorUserId === subject.userId && e.action === 'session.signed-in',
  );
  assert.equal(signedIn?.actorLabel, 'Erased person');
  // A snapshot of their own entry keeps its shape, ids and dates; its words are gone.
  const entry = redacted.find(
    (e) => e.recordId === subject.personId && e.action === 'person.updated',
  );
  const entryAfter = entry?.after as Record<string, unknown>;
  assert.equal(entryAfter.fullName, '[erased]');
  assert.equal(entryAfter.phone, '[erased]');
  assert.equal(entryAfter.address, '[erased]');
  assert.equal(entryAfter.id, subject.personId);
  // Someone else's record keeps everything but their words.
  const [contact] = await t.services.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.recordId, story.mentionedIn));
  const contactAfter = contact?.after as Record<string, unknown>;
  assert.equal(contactAfter.notes, 'Introduced by Erased person (Erased person) at the forum');
  assert.match(String(contactAfter.fullName), /^Unrelated Contact /);
  assert.equal(contact?.actorLabel, story.officer.name);
  // An organisation at their address keeps its name; the address, on two lines, is gone.
  const [atTheirs] = await t.services.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.recordId, story.atTheirAddress));
  const atTheirsAfter = atTheirs?.after as Record<string, unknown>;
  assert.equal(atTheirsAfter.address, 'Erased person');
  assert.match(String(atTheirsAfter.name), /^Neighbours' Forum /);
  // An event of no concern to them is exactly as it was.
  const [unrelatedAfter] = await t.services.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.recordId, story.unrelated));
  assert.deepEqual(unrelatedAfter, unrelatedBefore);

  // One event vouches for every change, by the officer, naming events and nothing of theirs.
  const vouchers = await t.services.db
    .select()
    .from(auditEvents)
    .where(inArray(auditEvents.seq, [...new Set(redacted.map((e) => e.redactedBy!))]));
  assert.equal(vouchers.length, 1);
  const [voucher] = vouchers;
  assert.equal(voucher?.action, 'audit.redacted');
  assert.equal(voucher?.actorLabel, story.officer.name);
  assert.deepEqual(
    (voucher?.after as { events: number[] }).events,
    redacted.map((e) => e.seq).sort((a, b) => a - b),
  );
  for (const word of [...theirs, subject.personId])
    assert.ok(!JSON.stringify(voucher).includes(word));

  const chain = await verifyAuditChain(t.services.db, 7);
  assert.equal(chain.firstBreak, null);
  assert.equal(chain.redacted, redacted.length);

  // The event's page says its personal data was taken out, and links to the voucher.
  const admin = await signInAccount(t, await makeAccount(t, { role: 'administrator' }));
  const page = await admin.get(`/admin/audit/${entry!.seq}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Personal data removed/);
  assert.match(page.body, new RegExp(`href="/admin/audit/${voucher!.seq}"`));
  assert.doesNotMatch(page.body, /Quartermaine/);
});

test('erasing a person nobody wrote about changes no event and writes no voucher', async () => {
  const quiet = await makeAccount(t, { role: 'requester', name: `Ottoline Vexley ${uniqueTag()}` });
  const count = async () =>
    (await t.services.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n;
  const before = await count();
  const done = await t.services.db.transaction((tx) =>
    erasePersonEverywhere(modules, tx, { personId: quiet.personId, userId: quiet.userId }),
  );
  assert.equal(done.find((m) => m.module === 'audit')?.parts[0]?.records, 0);
  assert.equal(await count(), before);
});

test('only a redaction vouched for by a later event may change an event, and only its personal data', async () => {
  const story = await tellStory();
  await erase(story);
  const [voucher] = await t.services.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, 'audit.redacted'))
    .orderBy(sql`${auditEvents.seq} desc`)
    .limit(1);
  const [unrelated] = await t.services.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.recordId, story.unrelated));
  const refused = (error: unknown) =>
    /append-only/.test(String((error as { cause?: Error }).cause?.message));
  // Without a voucher; changing what was done; with an event that is not a voucher.
  await assert.rejects(
    t.services.db.execute(
      sql`update audit_events set actor_label = 'x' where seq = ${unrelated!.seq}`,
    ),
    refused,
  );
  await assert.rejects(
    t.services.db.execute(
      sql`update audit_events set action = 'forged', redacted_by = ${voucher!.seq} where seq = ${unrelated!.seq}`,
    ),
    refused,
  );
  // Vouched for by an event that is not a redaction, or by one written before it.
  await signInAccount(t, await makeAccount(t, { role: 'requester' }));
  const [later] = await t.services.db
    .select()
    .from(auditEvents)
    .orderBy(sql`${auditEvents.seq} desc`)
    .limit(1);
  assert.notEqual(later?.action, 'audit.redacted');
  for (const by of [later!.seq, unrelated!.seq])
    await assert.rejects(
      t.services.db.execute(
        sql`update audit_events set after = null, redacted_by = ${by} where seq = ${unrelated!.seq}`,
      ),
      refused,
    );
  // By a voucher that does not list it.
  await assert.rejects(
    t.services.db.execute(
      sql`update audit_events set after = null, redacted_by = ${voucher!.seq} where seq = ${unrelated!.seq}`,
    ),
    refused,
  );
  // An event already redacted, changed again under the same voucher.
  const [redacted] = await t.services.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.redactedBy, voucher!.seq))
    .limit(1);
  assert.ok(redacted);
  await assert.rejects(
    t.services.db.execute(
      sql`update audit_events set actor_label = 'Rewritten', redacted_by = ${voucher!.seq} where seq = ${redacted.seq}`,
    ),
    refused,
  );
});

test('audit:verify catches an event changed under a voucher that does not list it, and a redacted event changed again', async () => {
  // Breaks the chain for good, with the triggers off (as only the database's owner could): a
  // database of its own.
  const own = await createTestApp({ demo: false });
  try {
    const ownModules = buildServices({
      config: own.config,
      database: own.services.database,
      now: own.clock.now,
    }).modules;
    const person = await makeAccount(own, {
      role: 'requester',
      name: `Perpetua Lindqvist ${uniqueTag()}`,
    });
    await signInAccount(own, person);
    const [target] = await own.services.db
      .select()
      .from(auditEvents)
      .orderBy(auditEvents.seq)
      .limit(1);
    await own.services.db.transaction((tx) =>
      erasePersonEverywhere(ownModules, tx, { personId: person.personId, userId: person.userId }),
    );
    assert.equal((await verifyAuditChain(own.services.db)).firstBreak, null);
    const [voucher] = await own.services.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'audit.redacted'));
    const [redacted] = await own.services.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.redactedBy, voucher!.seq))
      .orderBy(auditEvents.seq)
      .limit(1);
    assert.ok(redacted && redacted.seq !== target!.seq);
    const tamper = async (query: ReturnType<typeof sql>) => {
      await own.services.db.execute(sql`alter table audit_events disable trigger user`);
      await own.services.db.execute(query);
      await own.services.db.execute(sql`alter table audit_events enable trigger user`);
    };
    // A redacted event's content is vouched for as it was left: changed again, it is caught.
    await tamper(
      sql`update audit_events set actor_label = 'Rewritten' where seq = ${redacted!.seq}`,
    );
    let result = await verifyAuditChain(own.services.db);
    assert.equal(result.firstBreak?.seq, redacted!.seq);
    assert.match(result.firstBreak?.reason ?? '', /no later redaction event vouches for it/);
    // An event the voucher does not list, changed under it, is caught first.
    await tamper(
      sql`update audit_events set actor_label = 'Someone else', redacted_by = ${voucher!.seq}
        where seq = ${target!.seq}`,
    );
    result = await verifyAuditChain(own.services.db);
    assert.equal(result.firstBreak?.seq, target!.seq);
    assert.match(result.firstBreak?.reason ?? '', /no later redaction event vouches for it/);
  } finally {
    await own.close();
  }
});
