/**
 * Issue 26 part 6 (CDRP-01, CDRP-10, CDRP-15): the partnerships register through its pages: an
 * authority officer adds a borough's entry, its partnership officer confirms it and records its
 * information-sharing protocol and its year's records, a partnership officer of another borough
 * is refused, stale entries are filtered and chased once, and the public reads only what is
 * published. The clock is Monday 23 November 2026, 10:00; each test makes its own boroughs.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { and, eq, inArray, like } from 'drizzle-orm';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import { PARTNERSHIP_DEMO_BOROUGHS } from '../../src/modules/partnerships/index.js';
import { partnerships } from '../../src/modules/partnerships/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { Agent, createTestApp, dateFields, type TestApp } from '../app.js';
import { makeAccount, signInAccount, signInNewAccount } from '../factories/accounts.js';
import { makeBorough, uniqueTag } from '../factories/directory.js';
import { mainOf, summaryOf, tableOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer', { name: 'Alex Authority' });
});
afterEach(() => t.clock.reset());
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));

/** A borough with its entry added by the authority officer, and its own partnership officer. */
async function boroughWithEntry(fields: Record<string, string> = {}) {
  const borough = await makeBorough(t);
  const tag = uniqueTag();
  const name = `${borough.name} Community Safety Partnership`;
  const added = await officer.post('/partnership-register/new', {
    boroughId: borough.id,
    name,
    officerName: `Ada Lane ${tag}`,
    officerRank: 'inspector',
    officerEmail: `ada.${tag}@met.example`,
    deputyName: `Ben Ortiz ${tag}`,
    deputyRank: 'superintendent',
    ...fields,
  });
  assert.equal(added.statusCode, 303, text(added.body));
  const href = added.headers.location!;
  // Read, so its message is not shown on the officer's next page.
  await officer.get(href);
  const id = href.split('/').pop()!;
  const account = await makeAccount(t, {
    role: 'partnership_officer',
    scope: { type: 'borough', id: borough.id },
  });
  return { borough, name, tag, id, href, account, keeper: await signInAccount(t, account) };
}

const entryOf = async (id: string) =>
  (await t.services.db.select().from(partnerships).where(eq(partnerships.id, id)))[0]!;

test('CDRP-01: an authority officer adds a borough’s entry; it shows the officers with their ranks and who confirmed it when', async () => {
  const { id, href, tag, name } = await boroughWithEntry();
  const page = await officer.get(href);
  const summary = summaryOf(page.body);
  assert.equal(summary.get('Nominated officer'), `Inspector Ada Lane ${tag}`);
  assert.equal(
    summary.get('Nominated officer’s e-mail') ?? summary.get("Nominated officer's e-mail"),
    `ada.${tag}@met.example`,
  );
  assert.equal(summary.get('Deputy'), `Superintendent Ben Ortiz ${tag}`);
  assert.equal(summary.get('Last confirmed'), '23 November 2026 at 10am by Alex Authority');
  const [event] = await t.services.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.recordId, id), eq(auditEvents.action, 'partnership.added')));
  assert.ok(event);
  // The register lists it by borough.
  const list = await officer.get('/partnership-register');
  assert.match(text(list.body), new RegExp(name));
});

test('CDRP-01: an officer below inspector, or a deputy who is not a superintendent, is refused and nothing is added', async () => {
  const borough = await makeBorough(t);
  const refused = await officer.post('/partnership-register/new', {
    boroughId: borough.id,
    name: 'Refused Partnership',
    officerName: 'Sam Sergeant',
    officerRank: 'sergeant',
    deputyName: 'Ivy Inspector',
    deputyRank: 'inspector',
  });
  assert.equal(refused.statusCode, 400);
  const said = text(refused.body);
  assert.match(said, /There is a problem/);
  assert.match(said, /The nominated officer must be an inspector or above/);
  assert.match(said, /The deputy must be a superintendent or chief superintendent/);
  const rows = await t.services.db
    .select()
    .from(partnerships)
    .where(eq(partnerships.boroughId, borough.id));
  assert.equal(rows.length, 0);
});

test('CDRP-01: the borough’s partnership officer confirms the entry; another borough’s reads it but cannot confirm or change it', async () => {
  const { id, href, keeper, account } = await boroughWithEntry();
  const other = await boroughWithEntry();
  t.clock.advanceMinutes(10);
  const before = await entryOf(id);

  // Another borough's partnership officer reads the entry, with no button to confirm it.
  const seen = await other.keeper.get(href);
  assert.equal(seen.statusCode, 200);
  assert.doesNotMatch(text(seen.body), /Confirm the officers are current|Change the officers/);
  for (const url of [
    `${href}/confirm`,
    `${href}/edit`,
    `${href}/protocol`,
    `${href}/records/new`,
  ]) {
    const refused = await other.keeper.post(url, {
      version: String(before.version),
      name: 'Taken Over',
      compliance: 'compliant',
    });
    assert.equal(refused.statusCode, 403, url);
  }
  assert.equal((await other.keeper.get(`${href}/edit`)).statusCode, 403);
  assert.deepEqual(await entryOf(id), before);

  // Its own partnership officer confirms it: who and when are shown.
  const confirmed = await keeper.post(`${href}/confirm`, { version: String(before.version) });
  assert.equal(confirmed.statusCode, 303);
  const page = await keeper.get(href);
  assert.match(text(page.body), /has been confirmed as current/);
  assert.equal(
    summaryOf(page.body).get('Last confirmed'),
    `23 November 2026 at 10:10am by ${account.name}`,
  );
  // A confirmation from a page read before it is refused as stale.
  const stale = await keeper.post(`${href}/confirm`, { version: String(before.version) });
  assert.equal(stale.statusCode, 409);
  assert.match(text(stale.body), /Someone else changed this partnership/);
});

test('CDRP-01: the partnership officer changes the deputy; saving confirms the entry', async () => {
  const { href, keeper, id } = await boroughWithEntry();
  const form = await keeper.get(`${href}/edit`);
  const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
  t.clock.advanceMinutes(10);
  const saved = await keeper.post(`${href}/edit`, {
    version,
    name: 'Renamed Community Safety Partnership',
    officerName: summaryOf((await keeper.get(href)).body)
      .get('Nominated officer')!
      .replace('Inspector ', ''),
    officerRank: 'chief_inspector',
    deputyName: 'Chris Newman',
    deputyRank: 'chief_superintendent',
  });
  assert.equal(saved.statusCode, 303, text(saved.body));
  const summary = summaryOf((await keeper.get(href)).body);
  assert.match(summary.get('Nominated officer')!, /^Chief Inspector Ada Lane/);
  assert.equal(summary.get('Deputy'), 'Chief Superintendent Chris Newman');
  assert.match(summary.get('Last confirmed')!, /^23 November 2026 at 10:10am/);
  const entry = await entryOf(id);
  assert.equal(entry.name, 'Renamed Community Safety Partnership');
});

test('CDRP-01: a new officer typed beside the old officer’s e-mail address is refused, naming whose it is, and nothing changes', async () => {
  const { href, keeper, id, tag } = await boroughWithEntry();
  const before = await entryOf(id);
  const form = await keeper.get(`${href}/edit`);
  const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
  // The form fills in the holder's address; the keeper types only the new officer's name.
  assert.match(form.body, new RegExp(`value="ada.${tag}@met.example"`));
  const refused = await keeper.post(`${href}/edit`, {
    version,
    name: before.name,
    officerName: 'Dana Okoro',
    officerEmail: `ada.${tag}@met.example`,
    officerRank: 'inspector',
    deputyName: `Ben Ortiz ${tag}`,
    deputyRank: 'superintendent',
  });
  assert.equal(refused.statusCode, 400);
  assert.match(
    text(refused.body),
    new RegExp(
      `This e-mail address is Ada Lane ${tag}’s in the directory: give the new person’s address, or clear it`,
    ),
  );
  const after = await entryOf(id);
  assert.equal(after.officerId, before.officerId);
  assert.equal(after.version, before.version);
  // Cleared, the new officer is added to the directory and named on the entry.
  const saved = await keeper.post(`${href}/edit`, {
    version,
    name: before.name,
    officerName: 'Dana Okoro',
    officerEmail: '',
    officerRank: 'inspector',
    deputyName: `Ben Ortiz ${tag}`,
    deputyRank: 'superintendent',
  });
  assert.equal(saved.statusCode, 303, text(saved.body));
  assert.match(
    summaryOf((await keeper.get(href)).body).get('Nominated officer')!,
    /^Inspector Dana Okoro/,
  );
});

test('CDRP-01: an entry not confirmed for six months is stale, filtered as such, and chased once with its partnership officer', async () => {
  const { name, href, account, id } = await boroughWithEntry();
  const fresh = await boroughWithEntry();
  // Last confirmed on 1 April: stale by 23 November (the sessions stay on today's clock).
  await t.services.db
    .update(partnerships)
    .set({ confirmedAt: new Date('2026-04-01T09:00:00Z') })
    .where(eq(partnerships.id, id));

  const stale = text((await officer.get('/partnership-register?status=stale')).body);
  assert.match(stale, new RegExp(`${name}`));
  assert.doesNotMatch(stale, new RegExp(fresh.name));
  const current = text((await officer.get('/partnership-register?status=current')).body);
  assert.match(current, new RegExp(fresh.name));
  assert.doesNotMatch(current, new RegExp(name));
  assert.match(text((await officer.get(href)).body), /Not confirmed for 6 months or more/);

  const mailTo = async () =>
    t.services.db
      .select({ to: outbox.toAddress, text: outbox.bodyText })
      .from(outbox)
      .where(like(outbox.subject, `Please confirm the ${name} entry%`));
  await t.services.partnershipStaleReminders.sendReminders();
  await t.services.partnershipStaleReminders.sendReminders();
  const sent = await mailTo();
  assert.deepEqual(
    sent.map((m) => m.to),
    [account.email],
  );
  assert.match(sent[0]!.text, /last confirmed on 1 April 2026, more than 6 months ago/);
  assert.equal(
    (
      await t.services.db
        .select()
        .from(outbox)
        .where(like(outbox.subject, `Please confirm the ${fresh.name} entry%`))
    ).length,
    0,
  );
  // Confirmed, then stale again six months on: chased again.
  assert.equal((await officer.post(`${href}/confirm`, {})).statusCode, 303);
  t.clock.current = new Date('2027-05-24T09:00:00Z');
  await t.services.partnershipStaleReminders.sendReminders();
  assert.equal((await mailTo()).length, 2);
});

test('CDRP-15: the protocol is recorded with its dates and compliance; short of compliant needs a note; an overdue review is shown', async () => {
  const { href, keeper } = await boroughWithEntry();
  const form = await keeper.get(`${href}/protocol`);
  assert.match(text(form.body), /Record the information-sharing protocol/);
  const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
  const refused = await keeper.post(`${href}/protocol`, {
    version,
    ...dateFields('agreedOn', '2024-03-01'),
    ...dateFields('reviewOn', '2024-01-01'),
    ...dateFields('assessedOn', '2026-11-01'),
    compliance: 'partly',
  });
  assert.equal(refused.statusCode, 400);
  assert.match(
    text(refused.body),
    /The review date must be after the date the protocol was agreed/,
  );
  assert.match(text(refused.body), /Say why the protocol is not fully compliant/);

  const saved = await keeper.post(`${href}/protocol`, {
    version,
    ...dateFields('agreedOn', '2024-03-01'),
    ...dateFields('reviewOn', '2026-03-01'),
    ...dateFields('assessedOn', '2026-11-01'),
    compliance: 'partly',
    complianceNote: 'Purposes of sharing not stated',
  });
  assert.equal(saved.statusCode, 303, text(saved.body));
  const summary = summaryOf((await keeper.get(href)).body);
  assert.equal(summary.get('Agreed'), '1 March 2024');
  assert.equal(summary.get('Review due'), '1 March 2026 Review overdue');
  assert.equal(summary.get('Compliance'), 'Partly compliant');
  assert.equal(summary.get('Why it falls short'), 'Purposes of sharing not stated');
  assert.equal(summary.get('Compliance assessed'), '1 November 2026');
});

test('CDRP-10: records are kept by year and published; the public sees names and ranks, never e-mails, notes or who confirmed', async () => {
  const { href, keeper, id, tag, name, account } = await boroughWithEntry();
  const form = await keeper.get(`${href}/records/new`);
  assert.match(form.body, /name="year"[^>]*value="2026"/);
  const refused = await keeper.post(`${href}/records/new`, { year: '1999', link: 'ftp://x' });
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /The reporting year must be between 2000-01 and 2027-28/);
  assert.match(text(refused.body), /Enter a link beginning http:\/\/ or https:\/\//);
  for (const record of [
    {
      figure: '',
      year: '2025',
      kind: 'audit',
      title: 'Crime and disorder audit',
      link: 'https://example.org/audit.pdf',
    },
    { link: '', year: '2026', kind: 'target', title: 'Residential burglary', figure: 'Down 8%' },
  ])
    assert.equal((await keeper.post(`${href}/records/new`, record)).statusCode, 303);
  const version = String((await entryOf(id)).version);
  await keeper.post(`${href}/protocol`, {
    version,
    ...dateFields('agreedOn', '2025-05-01'),
    ...dateFields('reviewOn', '2027-05-01'),
    ...dateFields('assessedOn', '2026-11-01'),
    compliance: 'not',
    complianceNote: `Secret note ${tag}`,
  });

  const anyone = new Agent(t.app);
  const list = await anyone.get('/partnerships');
  assert.equal(list.statusCode, 200);
  assert.match(text(list.body), new RegExp(name));
  const page = await anyone.get(`/partnerships/${id}`);
  const said = text(page.body);
  assert.equal(summaryOf(page.body).get('Nominated officer'), `Inspector Ada Lane ${tag}`);
  assert.equal(summaryOf(page.body).get('Compliance'), 'Not compliant');
  const audit = tableOf(page.body, /2025-26/);
  assert.deepEqual(audit.rows, [['Audit', 'Crime and disorder audit', '']]);
  assert.match(audit.rowHtml[0]!, /href="https:\/\/example.org\/audit.pdf"/);
  assert.deepEqual(tableOf(page.body, /2026-27/).rows, [
    ['Target', 'Residential burglary', 'Down 8%'],
  ]);
  assert.doesNotMatch(
    said,
    new RegExp(`ada\\.${tag}|@met\\.example|Secret note|${account.name}|Alex Authority`),
  );
  // The staff register is not public.
  const refusedList = await anyone.get('/partnership-register');
  assert.equal(refusedList.statusCode, 303);
});

const DEMO_NAMES = PARTNERSHIP_DEMO_BOROUGHS.map((b) => `${b.name} Community Safety Partnership`);

test('CDRP-01: the demo register names invented officers for the 33 London boroughs, some stale, and goes with the demo', async () => {
  await loadDemoData(t.services.db, t.services.secretBox);
  try {
    const demo = await t.services.db
      .select({ name: partnerships.name })
      .from(partnerships)
      .where(inArray(partnerships.name, DEMO_NAMES));
    assert.equal(demo.length, 33);
    const camden = await new Agent(t.app).get('/partnerships?page=1');
    assert.match(text(camden.body), /Camden Community Safety Partnership/);
    const stale = text((await officer.get('/partnership-register?status=stale')).body);
    assert.match(stale, /Stale/);
  } finally {
    await removeDemoData(t.services.db);
  }
  const left = await t.services.db
    .select({ name: partnerships.name })
    .from(partnerships)
    .where(inArray(partnerships.name, DEMO_NAMES));
  assert.deepEqual(left, []);
});
