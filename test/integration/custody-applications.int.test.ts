/**
 * Issue 24 item 2 (ICV-01, ICV-02): applying to be a lay visitor without an account, through
 * the pages: the form's errors naming each field, the confirmation with its reference and the
 * acknowledgement, a second open application refused, and the scheme's side: the list, the
 * invitation to interview that makes a visitor, and the refusals of everyone else.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { custodyVisitorApplications } from '../../src/modules/custody-visiting/applications/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import { Agent, createTestApp, demoAccount, signIn, type TestApp } from '../app.js';
import { signInAccount, signInNewAccount } from '../factories/accounts.js';
import {
  makeCustodyInspector,
  makePanel,
  makePanelCoordinator,
  makeSuite,
} from '../factories/custody-visiting.js';
import { uniqueTag } from '../factories/directory.js';
import { textOf as text } from '../html.js';

let t: TestApp;
let manager: Agent;

before(async () => {
  t = await createTestApp();
  manager = await signInNewAccount(t, 'scheme_manager');
});
after(() => t.close());

const FORM = '/custody-visiting/become-a-visitor/apply';
const ALL = ['notPolice', 'notCriminalJustice', 'adult'];

const application = (email: string, area: string, overrides: Record<string, unknown> = {}) => ({
  fullName: 'Robin Applicant',
  email,
  phone: '020 7946 0000',
  area,
  reasons: 'I want to help make sure people held in custody are treated fairly.',
  declarations: ALL,
  ...overrides,
});

async function apply(body: Record<string, unknown>) {
  const agent = new Agent(t.app);
  await agent.get(FORM);
  return agent.post(FORM, body as Record<string, string>);
}

/** The e-mails queued to an address. */
const mailsTo = (email: string) =>
  t.services.db
    .select({ subject: outbox.subject, body: outbox.bodyText })
    .from(outbox)
    .where(eq(outbox.toAddress, email));

async function applied(email: string, area: string) {
  const sent = await apply(application(email, area));
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
  const [row] = await t.services.db
    .select()
    .from(custodyVisitorApplications)
    .where(eq(custodyVisitorApplications.email, email));
  return row!;
}

test('ICV-02: the become-a-visitor page describes the role and starts the form', async () => {
  const page = await new Agent(t.app).get('/custody-visiting/become-a-visitor');
  const words = text(page.body);
  assert.match(words, /unannounced and made in pairs/);
  assert.match(words, /hours a month/);
  assert.match(words, /fixed term/);
  assert.match(
    page.body,
    /href="\/custody-visiting\/become-a-visitor\/apply"[^>]*>\s*Apply to be a custody visitor/,
  );
});

test('ICV-01, ICV-02: a member of the public applies without an account and is given a reference', async () => {
  const panel = await makePanel(t);
  const email = `robin-${uniqueTag()}@example.org`;
  const form = text((await new Agent(t.app).get(FORM)).body);
  assert.match(form, new RegExp(`${panel.area}.*Not sure`));
  const sent = await apply(application(email, panel.area));
  assert.equal(sent.statusCode, 303);
  const confirmation = text((await new Agent(t.app).get(sent.headers.location!)).body);
  assert.match(confirmation, /Application received Your reference is ICV-[0-9A-F]{8}/);
  const [row] = await t.services.db
    .select()
    .from(custodyVisitorApplications)
    .where(eq(custodyVisitorApplications.email, email));
  assert.equal(row!.status, 'received');
  assert.equal(row!.area, panel.area);
  assert.equal(row!.declaredOn, '2026-11-23');
  const audits = await t.services.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.recordId, row!.id));
  assert.deepEqual(
    audits.map((a) => a.action),
    ['custody-visitor-application.received'],
  );
  const mails = await t.services.db
    .select({ subject: outbox.subject, body: outbox.bodyText })
    .from(outbox)
    .where(eq(outbox.toAddress, email));
  assert.equal(mails.length, 1);
  assert.match(mails[0]!.body, /Your reference is ICV-/);
  assert.doesNotMatch(mails[0]!.body, /Robin/, 'quotes nothing typed into the form');

  // A second application while the first is open is refused kindly, and changes nothing.
  const again = await apply(application(email, 'not-sure'));
  assert.equal(again.statusCode, 409);
  assert.match(text(again.body), /You have already applied with this e-mail address/);
  const [{ n }] = (await t.services.db
    .select({ n: count() })
    .from(custodyVisitorApplications)
    .where(eq(custodyVisitorApplications.email, email))) as [{ n: number }];
  assert.equal(Number(n), 1);
});

test('ICV-01: the form refuses a missing declaration and bad fields, naming each', async () => {
  const email = `sam-${uniqueTag()}@example.org`;
  const missing = await apply(
    application(email, 'not-sure', { declarations: ['notPolice', 'adult'] }),
  );
  assert.equal(missing.statusCode, 400);
  assert.match(
    text(missing.body),
    /There is a problem Your independence: confirm you are not otherwise directly involved in the criminal justice system/,
  );
  const bad = await apply({
    fullName: '',
    email: 'not an address',
    area: 'Atlantis',
    reasons: '',
  });
  assert.equal(bad.statusCode, 400);
  const words = text(bad.body);
  for (const said of [
    'Enter the full name',
    'Enter an e-mail address in the right form, like name@example.com',
    'Select the borough or area you live or work in, or Not sure',
    'Enter why you want to be a custody visitor',
    'Your independence: confirm you are not a serving police officer',
    'Your independence: confirm you are aged 18 or over',
  ])
    assert.ok(words.includes(said), said);
  const rows = await t.services.db
    .select({ n: count() })
    .from(custodyVisitorApplications)
    .where(eq(custodyVisitorApplications.email, email));
  assert.equal(Number(rows[0]!.n), 0);
});

test('ICV-02: the manager invites an applicant to interview, making a visitor declared the day they applied', async () => {
  const panel = await makePanel(t);
  const email = `kim-${uniqueTag()}@example.org`;
  const row = await applied(email, panel.area);
  const list = text((await manager.get('/custody-visiting/applications?status=received')).body);
  assert.match(list, new RegExp(`Robin Applicant ${panel.area} 23 November 2026 Received`));
  const url = `/custody-visiting/applications/${row.id}`;
  const page = text((await manager.get(url)).body);
  assert.match(page, /Declared independence on 23 November 2026/);

  const noPanel = await manager.post(url, { outcome: 'invite', panelId: '', version: '1' });
  assert.equal(noPanel.statusCode, 400);
  assert.match(text(noPanel.body), /Select the panel to interview them/);
  assert.equal((await mailsTo(email)).length, 1, 'a refused decision e-mails nobody');

  const invited = await manager.post(url, { outcome: 'invite', panelId: panel.id, version: '1' });
  assert.equal(invited.statusCode, 303, invited.body.slice(0, 300));
  const visitorPage = text((await manager.get(invited.headers.location!)).body);
  assert.match(visitorPage, /Robin Applicant is invited to interview/);
  assert.match(visitorPage, /Declared on 23 November 2026/);
  // The visitor's record names the application they came from, linked for the manager.
  const reference = `ICV-${row.id.slice(0, 8).toUpperCase()}`;
  assert.match(visitorPage, new RegExp(`Application ${reference}, received on 23 November 2026`));
  assert.match(
    (await manager.get(invited.headers.location!)).body,
    new RegExp(`<a class="govuk-link" href="${url}">${reference}, received on`),
  );
  const [after] = await t.services.db
    .select()
    .from(custodyVisitorApplications)
    .where(eq(custodyVisitorApplications.id, row.id));
  assert.equal(after!.status, 'invited');
  assert.ok(invited.headers.location!.endsWith(after!.visitorId!));
  assert.match(text((await manager.get(url)).body), /Invited to interview.*visitor record/);
  const invitation = (await mailsTo(email)).find((m) => /invitation/.test(m.subject));
  assert.match(
    invitation!.subject,
    /^Custody visitor application ICV-\w+: invitation to interview$/,
  );
  assert.match(invitation!.body, new RegExp(`an interview with the ${panel.name}\\.`));
});

test('ICV-02: a declined application gives its reason, and the applicant may apply again', async () => {
  const email = `lee-${uniqueTag()}@example.org`;
  const row = await applied(email, 'not-sure');
  const url = `/custody-visiting/applications/${row.id}`;
  const noReason = await manager.post(url, { outcome: 'decline', reason: '', version: '1' });
  assert.equal(noReason.statusCode, 400);
  assert.match(text(noReason.body), /Enter the reason for declining/);
  assert.equal((await mailsTo(email)).length, 1, 'a refused decision e-mails nobody');
  const declined = await manager.post(url, {
    outcome: 'decline',
    reason: 'Works as a criminal defence solicitor',
    version: '1',
  });
  assert.equal(declined.statusCode, 303);
  assert.match(
    text((await manager.get(url)).body),
    /The application is declined.*Declined Works as a criminal defence solicitor/,
  );
  const decision = (await mailsTo(email)).find((m) => /decision/.test(m.subject));
  assert.match(decision!.subject, /^Custody visitor application ICV-\w+: our decision$/);
  assert.match(
    decision!.body,
    /will not be taking it further\. The reason is:\s+Works as a criminal defence solicitor/,
  );
  assert.equal((await apply(application(email, 'not-sure'))).statusCode, 303);
});

test('ICV-02: a coordinator sees their area’s applications only; police and other panels are refused', async () => {
  const mine = await makePanel(t);
  const other = await makePanel(t);
  const ours = await applied(`ours-${uniqueTag()}@example.org`, mine.area);
  const theirs = await applied(`theirs-${uniqueTag()}@example.org`, other.area);
  const coordinator = await signInAccount(t, await makePanelCoordinator(t, mine));
  const list = text((await coordinator.get('/custody-visiting/applications')).body);
  assert.match(list, new RegExp(mine.area));
  assert.doesNotMatch(list, new RegExp(other.area));
  assert.equal(
    (await coordinator.get(`/custody-visiting/applications/${ours.id}`)).statusCode,
    200,
  );

  const refused = await coordinator.get(`/custody-visiting/applications/${theirs.id}`);
  assert.equal(refused.statusCode, 404);
  assert.doesNotMatch(text(refused.body), /Robin Applicant/);
  // Nor may a coordinator invite to another panel.
  const elsewhere = await coordinator.post(`/custody-visiting/applications/${ours.id}`, {
    outcome: 'invite',
    panelId: other.id,
    version: '1',
  });
  assert.equal(elsewhere.statusCode, 400);
  assert.match(text(elsewhere.body), /Select the panel to interview them/);
  const [still] = await t.services.db
    .select({ status: custodyVisitorApplications.status })
    .from(custodyVisitorApplications)
    .where(and(eq(custodyVisitorApplications.id, ours.id)));
  assert.equal(still!.status, 'received');

  const inspector = await signInAccount(t, await makeCustodyInspector(t, await makeSuite(t)));
  for (const url of [
    '/custody-visiting/applications',
    `/custody-visiting/applications/${ours.id}`,
  ]) {
    const page = await inspector.get(url);
    assert.equal(page.statusCode, 403, url);
    assert.doesNotMatch(text(page.body), /Robin Applicant/);
  }
  const visitor = await signInNewAccount(t, 'lay_visitor');
  for (const url of [
    '/custody-visiting/applications',
    `/custody-visiting/applications/${ours.id}`,
  ]) {
    const page = await visitor.get(url);
    assert.equal(page.statusCode, 403, url);
    assert.doesNotMatch(text(page.body), /Robin Applicant/);
  }
});

test('ICV-02: the demo has two applications for Camden, and they go with the demo data', async () => {
  await loadDemoData(t.services.db, t.services.secretBox);
  // The demo's dates run up to the real today, so its pages are read on that day.
  t.clock.current = new Date();
  try {
    const coordinator = await signIn(t.app, demoAccount('panel_coordinator').email);
    const list = await coordinator.get('/custody-visiting/applications');
    const words = text(list.body);
    assert.match(words, /Priya Raman Camden .* Received Daniel Mensah Camden/);
    // One invited to interview: the demo data still goes, with the visitor it became.
    const id = /href="\/custody-visiting\/applications\/([0-9a-f-]{36})"/.exec(list.body)![1]!;
    const page = await coordinator.get(`/custody-visiting/applications/${id}`);
    const panelId = /<option value="([0-9a-f-]{36})" selected>/.exec(page.body)![1]!;
    const invited = await coordinator.post(`/custody-visiting/applications/${id}`, {
      outcome: 'invite',
      panelId,
      version: '1',
    });
    assert.equal(invited.statusCode, 303);
    await removeDemoData(t.services.db);
    const [left] = await t.services.db
      .select({ n: count() })
      .from(custodyVisitorApplications)
      .where(eq(custodyVisitorApplications.id, id));
    assert.equal(Number(left!.n), 0);
  } finally {
    t.clock.reset();
  }
});
