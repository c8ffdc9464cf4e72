/**
 * Issue 25 item 3 (CON-03, CON-07): the consultee database through its pages: consultees with
 * their umbrella body, borough, channels and consent; the advisory groups and the engagement
 * groups added; consultees
 * chosen for a consultation with why; invitations and one reminder e-mailed (read in the
 * outbox); unsubscribing honoured; and the refusals of everyone else. Each test makes its own
 * consultees and consultations.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, count, desc, eq, inArray, like } from 'drizzle-orm';
import { chosenConsultees, consultees } from '../../src/modules/consultation/consultees/schema.js';
import { engagementGroups } from '../../src/modules/engagement/schema.js';
import { invitations, responses } from '../../src/modules/consultation/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { hashToken } from '../../src/platform/auth/credentials.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeConsultation } from '../factories/consultation.js';
import { makeBorough, uniqueTag } from '../factories/directory.js';
import { makeEngagementGroup } from '../factories/grants.js';
import { makeGroup } from '../factories/groups.js';
import { mainOf, rowOf, summaryOf, tableOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
});
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;

/** Adds a consultee through the form; returns its id. */
async function add(form: Record<string, string>): Promise<string> {
  const res = await officer.post('/consultation/consultees/new', form);
  assert.equal(res.statusCode, 303, text(res.body));
  return res.headers.location!.split('/').pop()!;
}

async function channels(id: string, form: Record<string, string>) {
  const page = await officer.get(`/consultation/consultees/${id}/channels`);
  const res = await officer.post(`/consultation/consultees/${id}/channels`, {
    ...form,
    version: versionOf(page.body),
  });
  assert.equal(res.statusCode, 303, text(res.body));
}

async function consent(id: string, givenOn = '2026-11-02', method = 'writing') {
  const [year, month, day] = givenOn.split('-');
  const page = await officer.get(`/consultation/consultees/${id}/consent`);
  const res = await officer.post(`/consultation/consultees/${id}/consent`, {
    'givenOn-day': day!,
    'givenOn-month': month!,
    'givenOn-year': year!,
    method,
    version: versionOf(page.body),
  });
  assert.equal(res.statusCode, 303, text(res.body));
}

/** A consultee with consent and an e-mail address, ready to be invited. */
async function reachable(name: string, category = 'faith_group') {
  const id = await add({ name, kind: 'organisation', category });
  const mailbox = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@example.org`;
  await channels(id, { email: mailbox });
  await consent(id);
  return { id, email: mailbox };
}

const mailTo = (address: string) =>
  t.services.db
    .select({ subject: outbox.subject, body: outbox.bodyText })
    .from(outbox)
    .where(eq(outbox.toAddress, address))
    .orderBy(outbox.createdAt);

const linkIn = (body: string, path: string) =>
  new RegExp(`${t.config.publicUrl}(${path}/[A-Za-z0-9_-]+)`).exec(body)?.[1];

test('CON-03: an officer adds an umbrella body and a member organisation in a borough; the list finds them by name, category and borough', async () => {
  const tag = uniqueTag();
  const borough = await makeBorough(t);
  const forum = await add({
    name: `Civic Forum ${tag}`,
    kind: 'organisation',
    category: 'umbrella_body',
  });
  // Told it was added, on its page.
  assert.match(
    text((await officer.get(`/consultation/consultees/${forum}`)).body),
    new RegExp(`Civic Forum ${tag} has been added to the consultees`),
  );
  const member = await add({
    name: `Black Londoners Forum ${tag}`,
    kind: 'organisation',
    category: 'voluntary_sector',
    parentId: forum,
    boroughId: borough.id,
  });
  const forumPage = await officer.get(`/consultation/consultees/${forum}`);
  const members = tableOf(forumPage.body, /member organisation/);
  assert.equal(members.caption, '1 member organisation');
  assert.deepEqual(rowOf(members, `Black Londoners Forum ${tag}`), {
    Name: `Black Londoners Forum ${tag}`,
    Category: 'Voluntary sector',
  });
  const memberPage = summaryOf((await officer.get(`/consultation/consultees/${member}`)).body);
  assert.equal(memberPage.get('Person or organisation'), 'Organisation');
  assert.equal(memberPage.get('Borough'), borough.name);
  assert.equal(memberPage.get('Member of'), `Civic Forum ${tag}`);

  const list = await officer.get(`/consultation/consultees?q=${tag}`);
  const table = tableOf(list.body, /consultee/);
  assert.equal(table.caption, '2 consultees');
  assert.deepEqual(rowOf(table, `Civic Forum ${tag}`), {
    Name: `Civic Forum ${tag}`,
    Category: 'Umbrella body',
    Borough: '–',
    Members: '1',
    'Consent to be contacted': 'Not recorded',
  });
  const byBorough = tableOf(
    (await officer.get(`/consultation/consultees?borough=${borough.id}`)).body,
    /consultee/,
  );
  assert.deepEqual(
    byBorough.rows.map((r) => r[0]),
    [`Black Londoners Forum ${tag}`],
  );
  const byCategory = await officer.get(`/consultation/consultees?q=${tag}&category=umbrella_body`);
  assert.deepEqual(
    tableOf(byCategory.body, /consultee/).rows.map((r) => r[0]),
    [`Civic Forum ${tag}`],
  );
  assert.match(
    text((await officer.get(`/consultation/consultees?q=nothing${tag}`)).body),
    /No consultees match your search/,
  );

  // Changed: the member moves to the business category.
  const edit = await officer.get(`/consultation/consultees/${member}/edit`);
  assert.match(edit.body, new RegExp(`value="Black Londoners Forum ${tag}"`));
  const changed = await officer.post(`/consultation/consultees/${member}/edit`, {
    name: `Black Londoners Forum ${tag}`,
    kind: 'organisation',
    category: 'business',
    parentId: forum,
    boroughId: borough.id,
    version: versionOf(edit.body),
  });
  assert.equal(changed.statusCode, 303);
  assert.equal(
    summaryOf((await officer.get(`/consultation/consultees/${member}`)).body).get('Category'),
    'Business',
  );
});

test('CON-03: channels and consent are recorded and shown; a bad address, a missing preference and a future consent are refused by field', async () => {
  const id = await add({
    name: `Ada Okafor ${uniqueTag()}`,
    kind: 'person',
    category: 'individual_resident',
  });
  const page = await officer.get(`/consultation/consultees/${id}/channels`);
  const refused = await officer.post(`/consultation/consultees/${id}/channels`, {
    email: 'ada at example',
    phone: '020 7946 0000',
    version: versionOf(page.body),
  });
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /There is a problem/);
  assert.match(text(refused.body), /Enter an e-mail address in the correct format/);
  assert.match(text(refused.body), /Select the preferred channel/);
  await channels(id, { email: 'ada@example.org', phone: '020 7946 0000', preferred: 'phone' });
  let detail = await officer.get(`/consultation/consultees/${id}`);
  const shown = summaryOf(detail.body);
  assert.equal(shown.get('E-mail address'), 'ada@example.org');
  assert.equal(shown.get('Phone number'), '020 7946 0000 Preferred');

  const form = await officer.get(`/consultation/consultees/${id}/consent`);
  const future = await officer.post(`/consultation/consultees/${id}/consent`, {
    'givenOn-day': '1',
    'givenOn-month': '1',
    'givenOn-year': '2027',
    version: versionOf(form.body),
  });
  assert.equal(future.statusCode, 400);
  assert.match(text(future.body), /The date consent was given must be today or in the past/);
  assert.match(text(future.body), /Select how consent was recorded/);
  await consent(id, '2026-11-20', 'online_form');
  detail = await officer.get(`/consultation/consultees/${id}`);
  assert.match(
    text(detail.body),
    /Consent to be contacted Given on 20 November 2026 \(Online form\)/,
  );
  const [row] = await t.services.db.select().from(consultees).where(eq(consultees.id, id));
  assert.equal(row!.consentGivenOn, '2026-11-20');
});

test('CON-03: a consultee without a name, kind or category is refused by field and nothing is written', async () => {
  const tag = uniqueTag();
  const res = await officer.post('/consultation/consultees/new', {
    name: '',
    boroughId: 'not-a-borough',
    kind: 'person',
    category: 'umbrella_body',
  });
  assert.equal(res.statusCode, 400);
  const page = text(res.body);
  assert.match(page, /Enter the consultee's name/);
  assert.match(page, /An umbrella body must be an organisation/);
  assert.match(page, /Select a borough from the list/);
  assert.match(res.body, /href="#name"/);
  const none = await officer.post('/consultation/consultees/new', { name: `Nobody ${tag}` });
  assert.equal(none.statusCode, 400);
  assert.match(text(none.body), /Select whether the consultee is a person or an organisation/);
  assert.match(text(none.body), /Select a category/);
  const written = await t.services.db
    .select()
    .from(consultees)
    .where(like(consultees.name, `%${tag}%`));
  assert.equal(written.length, 0);
});

test('CON-03: consultees are personal data: a consultation.view member of the authority sees none and changes none', async () => {
  const id = await add({
    name: `Hidden ${uniqueTag()}`,
    kind: 'organisation',
    category: 'business',
  });
  const consultation = await makeConsultation(t, { audience: 'invited' });
  const member = await signInNewAccount(t, 'authority_member');
  for (const url of [
    '/consultation/consultees',
    `/consultation/consultees/${id}`,
    `/consultation/consultees/${id}/channels`,
    `/consultation/consultations/${consultation.id}/consultees`,
  ])
    assert.equal((await member.get(url)).statusCode, 403, url);
  const refused = await member.post(
    `/consultation/consultations/${consultation.id}/consultees/one`,
    {
      consulteeId: id,
      oneReason: 'Because',
    },
  );
  assert.equal(refused.statusCode, 403);
  assert.equal(
    (await member.post(`/consultation/consultees/${id}/consent`, { action: 'withdraw' }))
      .statusCode,
    403,
  );
  const chosen = await t.services.db
    .select()
    .from(chosenConsultees)
    .where(eq(chosenConsultees.consultationId, consultation.id));
  assert.equal(chosen.length, 0);
  const [row] = await t.services.db.select().from(consultees).where(eq(consultees.id, id));
  assert.equal(row!.consentWithdrawnAt, null);
});

test('CON-07: consultees chosen by category (with an umbrella body\u2019s members) and one by one, each with why; one removed before invitations', async () => {
  const tag = uniqueTag();
  const consultation = await makeConsultation(t, {
    audience: 'invited',
    title: `Priorities ${tag}`,
  });
  const url = `/consultation/consultations/${consultation.id}/consultees`;
  const forum = await add({
    name: `Forum ${tag}`,
    kind: 'organisation',
    category: 'umbrella_body',
  });
  await add({
    name: `Chamber ${tag}`,
    kind: 'organisation',
    category: 'business',
    parentId: forum,
  });
  const youth = await add({
    name: `Youth Council ${tag}`,
    kind: 'organisation',
    category: 'young_people',
  });

  const missing = await officer.post(`${url}/category`, { category: 'umbrella_body' });
  assert.equal(missing.statusCode, 400);
  assert.match(text(missing.body), /Enter why they are chosen/);

  const byCategory = await officer.post(`${url}/category`, {
    category: 'umbrella_body',
    includeMembers: 'yes',
    reason: 'Umbrella bodies reach their members',
  });
  assert.equal(byCategory.statusCode, 303);
  let page = await officer.get(`${url}?q=Youth+${tag}`);
  assert.match(text(page.body), /consultees \(umbrella body\) have been chosen/);
  let table = tableOf(page.body, /chosen/);
  assert.equal(
    rowOf(table, `Forum ${tag}`)['Why they were chosen'],
    'Umbrella bodies reach their members',
  );
  assert.equal(rowOf(table, `Chamber ${tag}`).Invitation, 'Not sent: no consent to be contacted');
  // The search offers the youth council, not yet chosen.
  assert.match(page.body, new RegExp(`value="${youth}"`));
  const one = await officer.post(`${url}/one`, {
    q: `Youth ${tag}`,
    consulteeId: youth,
    oneReason: 'Young people are most affected by street robbery',
  });
  assert.equal(one.statusCode, 303);
  page = await officer.get(url);
  table = tableOf(page.body, /chosen/);
  assert.equal(
    rowOf(table, `Youth Council ${tag}`)['Why they were chosen'],
    'Young people are most affected by street robbery',
  );
  assert.match(
    rowOf(table, `Youth Council ${tag}`)['Chosen by']!,
    /Test Authority officer .+, 23 November 2026/,
  );
  const again = await officer.post(`${url}/one`, { consulteeId: youth, oneReason: 'Again' });
  assert.equal(again.statusCode, 400);
  assert.match(text(again.body), /This consultee has already been chosen/);

  // Removed, before any invitation.
  const [chosen] = await t.services.db
    .select()
    .from(chosenConsultees)
    .where(
      and(
        eq(chosenConsultees.consultationId, consultation.id),
        eq(chosenConsultees.consulteeId, youth),
      ),
    );
  const confirm = await officer.get(`${url}/${chosen!.id}/remove`);
  assert.match(text(confirm.body), /Remove this consultee from the consultation/);
  assert.equal((await officer.post(`${url}/${chosen!.id}/remove`)).statusCode, 303);
  page = await officer.get(url);
  assert.match(
    text(page.body),
    new RegExp(`Youth Council ${tag} has been removed from the consultation`),
  );
  // Every umbrella body (others' tests' too) and its members stay chosen; the council does not.
  const left = tableOf(page.body, /chosen/).rows.map((r) => r[0]);
  assert.ok(left.includes(`Forum ${tag}`) && left.includes(`Chamber ${tag}`));
  assert.ok(!left.includes(`Youth Council ${tag}`));
  const counts = await t.services.consulteeChoice.consultedByCategory(
    t.services.db,
    consultation.id,
  );
  assert.equal(counts[0]!.category, 'umbrella_body');
  assert.ok(!counts.some((c) => c.category === 'young_people'));
  assert.equal(
    counts.reduce((n, c) => n + c.count, 0),
    Number(/(\d+) consultees chosen/.exec(tableOf(page.body, /chosen/).caption)![1]),
  );
});

test('CON-03, CON-07: invitations are e-mailed to those who consented and have an address; the rest are listed with why; the chosen stay on record', async () => {
  const tag = uniqueTag();
  const consultation = await makeConsultation(t, {
    audience: 'invited',
    title: `Knife crime ${tag}`,
  });
  const url = `/consultation/consultations/${consultation.id}/consultees`;
  const mosque = await reachable(`Mosque ${tag}`);
  const noMail = await add({
    name: `No Mail ${tag}`,
    kind: 'organisation',
    category: 'faith_group',
  });
  await channels(noMail, { post: '1 High Street' });
  await consent(noMail);
  await add({ name: `No Consent ${tag}`, kind: 'organisation', category: 'faith_group' });
  await officer.post(`${url}/category`, { category: 'faith_group', reason: 'Faith leaders' });

  const sent = await officer.post(`${url}/invite`);
  assert.equal(sent.statusCode, 303);
  const page = await officer.get(`${url}?q=${tag}`);
  assert.match(text(page.body), /An invitation has been sent to 1 consultee; \d+ left out/);
  const table = tableOf(page.body, /chosen/);
  assert.equal(rowOf(table, `Mosque ${tag}`).Invitation, 'Sent on 23 November 2026');
  assert.equal(rowOf(table, `No Mail ${tag}`).Invitation, 'Not sent: no e-mail address');
  assert.equal(
    rowOf(table, `No Consent ${tag}`).Invitation,
    'Not sent: no consent to be contacted',
  );
  assert.equal(summaryOf(page.body).get('Invited'), String(await invitedCount(consultation.id)));

  const [mail] = await mailTo(mosque.email);
  assert.equal(mail!.subject, `Consultation: Knife crime ${tag}`);
  assert.match(mail!.body, new RegExp(`Dear Mosque ${tag},`));
  assert.match(mail!.body, /closes on 31 December 2099/);
  const link = linkIn(mail!.body, '/consultations/invited');
  assert.ok(link, mail!.body);
  assert.ok(linkIn(mail!.body, '/consultations/unsubscribe'));
  // Only the token's hash is kept.
  const [invitation] = await t.services.db
    .select()
    .from(invitations)
    .where(
      and(eq(invitations.consultationId, consultation.id), eq(invitations.consulteeId, mosque.id)),
    );
  assert.equal(invitation!.tokenHash, hashToken(link!.split('/').pop()!));
  assert.ok(!mail!.body.includes(invitation!.tokenHash));

  // Sent again: nobody new to invite; the invited one cannot be removed.
  const again = await officer.post(`${url}/invite`);
  assert.equal(again.statusCode, 400);
  assert.match(text(again.body), /There is no chosen consultee to invite/);
  assert.equal((await mailTo(mosque.email)).length, 1);
  const [chosen] = await t.services.db
    .select()
    .from(chosenConsultees)
    .where(
      and(
        eq(chosenConsultees.consultationId, consultation.id),
        eq(chosenConsultees.consulteeId, mosque.id),
      ),
    );
  const removal = await officer.post(`${url}/${chosen!.id}/remove`);
  assert.equal(removal.statusCode, 400);
  assert.match(text(removal.body), /has been sent an invitation, so stays on record as consulted/);
});

async function invitedCount(consultationId: string) {
  return (
    await t.services.db
      .select()
      .from(invitations)
      .where(eq(invitations.consultationId, consultationId))
  ).length;
}

test('CON-03, CON-07: a consultee unsubscribes with the e-mailed link; the reminder skips them and the one who responded, and goes only once', async () => {
  const tag = uniqueTag();
  const consultation = await makeConsultation(t, {
    audience: 'invited',
    title: `Stop and search ${tag}`,
  });
  const url = `/consultation/consultations/${consultation.id}/consultees`;
  const leaving = await reachable(`Leaving ${tag}`, 'business');
  const answered = await reachable(`Answered ${tag}`, 'business');
  const quiet = await reachable(`Quiet ${tag}`, 'business');
  await officer.post(`${url}/category`, {
    category: 'business',
    reason: 'Businesses on the high street',
  });
  await officer.post(`${url}/invite`);

  // The unsubscribe link: a confirmation page for anyone holding it, then done.
  const [invite] = await mailTo(leaving.email);
  const unsubscribe = linkIn(invite!.body, '/consultations/unsubscribe')!;
  const visitor = await signInNewAccount(t, 'advisor');
  const confirm = await visitor.get(unsubscribe);
  assert.equal(confirm.statusCode, 200);
  assert.match(text(confirm.body), /Stop e-mails about consultations/);
  const done = await visitor.post(unsubscribe);
  assert.equal(done.statusCode, 303);
  assert.match(text((await visitor.get(unsubscribe)).body), /You have unsubscribed/);
  const [withdrawn] = await t.services.db
    .select()
    .from(consultees)
    .where(eq(consultees.id, leaving.id));
  assert.ok(withdrawn!.consentWithdrawnAt);
  const [audit] = await t.services.db
    .select()
    .from(auditEvents)
    .where(
      and(eq(auditEvents.action, 'consultee.unsubscribed'), eq(auditEvents.recordId, leaving.id)),
    );
  assert.equal(audit!.actorUserId, null);
  assert.ok(!JSON.stringify(audit).includes('Leaving'));
  assert.ok(!JSON.stringify(audit).includes(leaving.email));
  assert.equal((await visitor.get('/consultations/unsubscribe/not-a-token')).statusCode, 404);

  // One responded through their invitation.
  const [invitation] = await t.services.db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.consultationId, consultation.id),
        eq(invitations.consulteeId, answered.id),
      ),
    );
  await t.services.db.insert(responses).values({
    consultationId: consultation.id,
    versionId: consultation.versionId,
    invitationId: invitation!.id,
    submittedAt: new Date(),
  });

  // One began their response through the first link, and has not sent it.
  const quietFirst = linkIn((await mailTo(quiet.email))[0]!.body, '/consultations/invited')!;
  const quietAgent = new Agent(t.app);
  const begun = await quietAgent.post(quietFirst);
  assert.equal(begun.statusCode, 303);

  const reminded = await officer.post(`${url}/remind`);
  assert.equal(reminded.statusCode, 303);
  assert.equal((await mailTo(leaving.email)).length, 1);
  assert.equal((await mailTo(answered.email)).length, 1);
  const quietMail = await mailTo(quiet.email);
  assert.equal(quietMail.length, 2);
  assert.equal(quietMail[1]!.subject, `Reminder: consultation "Stop and search ${tag}"`);
  assert.match(quietMail[1]!.body, /it replaces the one sent before/);
  // The reminder's link takes them on with the response they began.
  const quietSecond = linkIn(quietMail[1]!.body, '/consultations/invited')!;
  assert.match(text((await quietAgent.get(quietSecond)).body), /Continue your response/);
  const resumed = await quietAgent.post(quietSecond);
  assert.equal(resumed.statusCode, 303);
  const onward = await quietAgent.get(resumed.headers.location!);
  assert.equal(onward.statusCode, 303, 'the resume link takes them to their first question');
  assert.equal((await quietAgent.get(onward.headers.location!)).statusCode, 200);
  assert.equal(
    (
      await t.services.db
        .select()
        .from(responses)
        .where(eq(responses.consultationId, consultation.id))
    ).length,
    2,
    'one response sent, one begun and continued: no second response',
  );
  const page = await officer.get(`${url}?q=${tag}`);
  assert.match(text(page.body), /A reminder has been sent to 1 consultee/);
  const table = tableOf(page.body, /chosen/);
  assert.equal(rowOf(table, `Leaving ${tag}`).Invitation, 'Unsubscribed');
  assert.equal(rowOf(table, `Answered ${tag}`).Invitation, 'Responded');
  assert.equal(rowOf(table, `Quiet ${tag}`).Invitation, 'Reminded on 23 November 2026');

  const twice = await officer.post(`${url}/remind`);
  assert.equal(twice.statusCode, 400);
  assert.match(text(twice.body), /There is no invited consultee to remind/);
  // Never e-mailed again: a new consultation's invitations leave them out.
  const next = await makeConsultation(t, { audience: 'invited' });
  await officer.post(`/consultation/consultations/${next.id}/consultees/one`, {
    consulteeId: leaving.id,
    oneReason: 'Again',
  });
  const refused = await officer.post(`/consultation/consultations/${next.id}/consultees/invite`);
  assert.equal(refused.statusCode, 400);
  assert.equal((await mailTo(leaving.email)).length, 1);
});

test('CON-07: invitations wait for a launched consultation; a closed one takes no new consultees nor reminders', async () => {
  const draft = await makeConsultation(t, { audience: 'invited', launched: false });
  const { id } = await reachable(`Draft ${uniqueTag()}`);
  await officer.post(`/consultation/consultations/${draft.id}/consultees/one`, {
    consulteeId: id,
    oneReason: 'Local',
  });
  const res = await officer.post(`/consultation/consultations/${draft.id}/consultees/invite`);
  assert.equal(res.statusCode, 400);
  assert.match(text(res.body), /The consultation has not been launched/);
  const closed = await makeConsultation(t, {
    audience: 'invited',
    opensOn: '2026-01-01',
    closesOn: '2026-02-01',
  });
  const late = await officer.post(`/consultation/consultations/${closed.id}/consultees/one`, {
    consulteeId: id,
    oneReason: 'Late',
  });
  assert.equal(late.statusCode, 400);
  assert.match(text(late.body), /The consultation has closed/);
  assert.equal(
    (await officer.post(`/consultation/consultations/${closed.id}/consultees/remind`)).statusCode,
    400,
  );
});

test('CON-03: the advisory groups are added as consultees once each, in the borough that owns them', async () => {
  const borough = await makeBorough(t);
  const group = await makeGroup(t, { name: `Borough IAG ${uniqueTag()}`, ownerId: borough.id });
  const res = await officer.post('/consultation/consultees/advisory-groups');
  assert.equal(res.statusCode, 303);
  const [row] = await t.services.db
    .select()
    .from(consultees)
    .where(eq(consultees.advisoryGroupId, group.id));
  assert.equal(row!.category, 'advisory_group');
  assert.equal(row!.boroughId, borough.id);
  const shown = summaryOf((await officer.get(`/consultation/consultees/${row!.id}`)).body);
  assert.equal(shown.get('Advisory group in Bridge'), group.name);
  assert.equal(shown.get('Borough'), borough.name);
  await officer.post('/consultation/consultees/advisory-groups');
  const list = await officer.get('/consultation/consultees?category=advisory_group');
  assert.match(text(list.body), /0 advisory groups have been added to the consultees/);
  const [audit] = await t.services.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, 'consultee.advisory-groups-added'))
    .orderBy(desc(auditEvents.seq));
  assert.ok(audit);
});

const addEngagementGroups = (agent: Agent = officer) =>
  agent.post('/consultation/consultees/engagement-groups');
const linkedTo = (groupIds: string[]) =>
  t.services.db.select().from(consultees).where(inArray(consultees.engagementGroupId, groupIds));
const engagementAudits = async () =>
  (
    await t.services.db
      .select({ n: count() })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'consultee.engagement-groups-added'))
  )[0]!.n;

/** Two open engagement groups in two boroughs, and a closed one; groups other tests left are added first. */
async function engagementGroupsToAdd() {
  await addEngagementGroups();
  const tag = uniqueTag();
  const [camden, hackney] = [await makeBorough(t), await makeBorough(t)];
  const open = await makeEngagementGroup(t, {
    name: `Camden CPEG ${tag}`,
    boroughId: camden.id,
  });
  const other = await makeEngagementGroup(t, {
    name: `Hackney CPEG ${tag}`,
    boroughId: hackney.id,
  });
  const closed = await makeEngagementGroup(t, { name: `Closed CPEG ${tag}`, boroughId: camden.id });
  await t.services.db
    .update(engagementGroups)
    .set({ closedOn: '2026-10-01' })
    .where(eq(engagementGroups.id, closed.id));
  return { tag, camden, hackney, open, other, closed };
}

test('CON-03, CON-04: the open engagement groups are added as consultees, each in its borough and linked to its page; a closed one is not', async () => {
  const { tag, camden, hackney, open, other, closed } = await engagementGroupsToAdd();
  const res = await addEngagementGroups();
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/consultation/consultees?category=engagement_group');
  const listed = await officer.get(res.headers.location);
  assert.match(text(listed.body), /2 engagement groups have been added to the consultees/);

  const rows = await linkedTo([open.id, other.id, closed.id]);
  assert.deepEqual(rows.map((r) => [r.name, r.kind, r.category, r.boroughId]).sort(), [
    [`Camden CPEG ${tag}`, 'organisation', 'engagement_group', camden.id],
    [`Hackney CPEG ${tag}`, 'organisation', 'engagement_group', hackney.id],
  ]);
  const table = tableOf(
    (await officer.get(`/consultation/consultees?q=${tag}&category=engagement_group`)).body,
    /consultee/,
  );
  assert.equal(table.caption, '2 consultees');
  assert.deepEqual(rowOf(table, `Camden CPEG ${tag}`), {
    Name: `Camden CPEG ${tag}`,
    Category: 'Engagement group',
    Borough: camden.name,
    Members: '–',
    'Consent to be contacted': 'Not recorded',
  });

  const camdenConsultee = rows.find((r) => r.engagementGroupId === open.id)!;
  const page = await officer.get(`/consultation/consultees/${camdenConsultee.id}`);
  const shown = summaryOf(page.body);
  assert.equal(shown.get('Category'), 'Engagement group');
  assert.equal(shown.get('Borough'), camden.name);
  assert.equal(shown.get('Engagement group in Bridge'), `Camden CPEG ${tag}`);
  assert.match(
    mainOf(page.body),
    new RegExp(`<a class="govuk-link" href="/engagement-groups/${open.id}">Camden CPEG ${tag}</a>`),
  );
  // The link leads to the group's page in the register.
  const groupPage = await officer.get(`/engagement-groups/${open.id}`);
  assert.equal(groupPage.statusCode, 200);
  assert.match(text(groupPage.body), new RegExp(`Camden CPEG ${tag}`));

  const [audit] = await t.services.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, 'consultee.engagement-groups-added'))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  assert.deepEqual(audit!.after, {
    consulteeIds: rows.sort((a, b) => a.name.localeCompare(b.name)).map((r) => r.id),
    groupIds: [open.id, other.id],
  });
});

test('CON-03, CON-07: adding the engagement groups twice adds nothing the second time, and says so', async () => {
  const { open, other } = await engagementGroupsToAdd();
  await addEngagementGroups();
  const audits = await engagementAudits();
  const again = await addEngagementGroups();
  assert.equal(again.statusCode, 303);
  assert.match(
    text((await officer.get(again.headers.location!)).body),
    /No engagement groups have been added: each open engagement group is already a consultee/,
  );
  assert.equal((await linkedTo([open.id, other.id])).length, 2, 'one consultee each');
  assert.equal(await engagementAudits(), audits, 'nothing added, nothing recorded');
});

test('CON-03: adding the engagement groups is refused to a role without consultation management, and nothing changes', async () => {
  const { open, other } = await engagementGroupsToAdd();
  const audits = await engagementAudits();
  // An authority member reads consultations; the group's own officer keeps the group.
  for (const [role, agent] of [
    ['authority_member', await signInNewAccount(t, 'authority_member')],
    [
      'engagement_officer',
      await signInNewAccount(t, 'engagement_officer', {
        scope: { type: 'engagement_group', id: open.id },
      }),
    ],
  ] as const) {
    assert.equal((await addEngagementGroups(agent)).statusCode, 403, role);
    assert.doesNotMatch(
      (await agent.get('/consultation/consultees')).body,
      /Add the engagement groups/,
      role,
    );
  }
  assert.equal((await linkedTo([open.id, other.id])).length, 0);
  assert.equal(await engagementAudits(), audits);
});
