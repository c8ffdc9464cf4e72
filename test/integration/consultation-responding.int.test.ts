/**
 * Issue 25 item 4 (DP-01, DP-03): the public answers consultations: the public pages, one
 * question a page with a question shown only after a given answer, required questions named in
 * the errors, "about you" kept apart, check answers, save and finish later, invitations that
 * respond once, the honeypot, the per-address limit, staff reading bursts and setting responses
 * aside, and the anonymisation after the retention period. Each test makes its own consultation.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import {
  answers,
  invitations,
  responseMonitoring,
  responses,
} from '../../src/modules/consultation/schema.js';
import {
  chosenConsultees,
  consulteeChannels,
  consultees,
} from '../../src/modules/consultation/consultees/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { hashToken, newToken } from '../../src/platform/auth/credentials.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import {
  makeConsultation,
  makeResponse,
  type FactoryConsultation,
} from '../factories/consultation.js';
import { makePanelMembers } from '../factories/consultation-panel.js';
import { makeBorough } from '../factories/directory.js';
import { mainOf, summaryOf, tableOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;
let member: Agent;

const LIMIT = 4;
before(async () => {
  t = await createTestApp({
    config: {
      consultation: {
        summerPeakMonths: [7, 8],
        responseRetentionDays: 30,
        panelQuietMonths: 12,
        responsesPerAddressPerHour: LIMIT,
      },
    },
  });
  officer = await signInNewAccount(t, 'authority_officer');
  member = await signInNewAccount(t, 'authority_member');
});
afterEach(() => t.clock.reset());
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));

/** A consultation with a conditional question (asked only after "Yes"), a rating and a text. */
const withConditional = (options: Parameters<typeof makeConsultation>[1] = {}) =>
  makeConsultation(t, {
    title: `Neighbourhood priorities ${randomUUID().slice(0, 6)}`,
    questions: [
      {
        kind: 'single',
        text: 'Have you been a victim of crime in the last year?',
        options: ['Yes', 'No'],
        required: true,
      },
      {
        kind: 'multiple',
        text: 'What kind of crime was it?',
        options: ['Burglary', 'Theft', 'Assault'],
        required: true,
        shownIf: [0, 'Yes'],
      },
      { kind: 'rating', text: 'How safe do you feel after dark?', ratingScale: 5 },
      { kind: 'text', text: 'What should the police do differently?' },
    ],
    ...options,
  });

/** Begins a response as a new member of the public; the first page's address. */
async function begin(c: FactoryConsultation, agent = new Agent(t.app)) {
  await agent.get(`/consultations/${c.id}`);
  const begun = await agent.post(`/consultations/${c.id}/respond`);
  assert.equal(begun.statusCode, 303, begun.body.slice(0, 300));
  return { agent, at: begun.headers.location! };
}

const tokenOf = (url: string) => /\/consultations\/resume\/([^/]+)/.exec(url)![1]!;

async function responseOf(url: string) {
  const [row] = await t.services.db
    .select()
    .from(responses)
    .where(eq(responses.resumeTokenHash, hashToken(decodeURIComponent(tokenOf(url)))));
  return row;
}

test('the public list shows open consultations by closing date and closed ones; a page says how to respond', async () => {
  const open = await makeConsultation(t, {
    title: 'Policing priorities for 2027',
    purpose: 'Tell us what matters most.\n\nYour answers shape the policing plan.',
    opensOn: '2026-11-01',
    closesOn: '2026-12-20',
  });
  const closed = await makeConsultation(t, {
    title: 'Stop and search in Brixton',
    opensOn: '2026-09-01',
    closesOn: '2026-10-31',
  });
  const invited = await makeConsultation(t, {
    title: 'Faith groups on hate crime',
    audience: 'invited',
  });
  await makeConsultation(t, { title: 'A draft nobody sees', launched: false });
  const visitor = new Agent(t.app);
  const list = text((await visitor.get('/consultations')).body);
  assert.match(
    list,
    /Open consultations.*Policing priorities for 2027 Closes: 20 December 2026\. Who can respond: Anyone/,
  );
  assert.match(
    list,
    /Recently closed consultations.*Stop and search in Brixton Closed: 31 October 2026/,
  );
  assert.doesNotMatch(list, /A draft nobody sees/);

  const page = await visitor.get(`/consultations/${open.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(
    text(page.body),
    /Tell us what matters most\. Your answers shape the policing plan\./,
  );
  const summary = summaryOf(page.body);
  assert.equal(summary.get('Opens'), '1 November 2026');
  assert.equal(summary.get('Closes'), '20 December 2026');
  assert.equal(summary.get('Who can respond'), 'Anyone');
  assert.match(page.body, /<button[^>]*govuk-button--start[\s\S]*?Respond/);

  const shut = text((await visitor.get(`/consultations/${closed.id}`)).body);
  assert.match(shut, /This consultation closed on 31 October 2026\./);
  assert.doesNotMatch(shut, /Respond/);
  const onlyInvited = await visitor.get(`/consultations/${invited.id}`);
  assert.match(text(onlyInvited.body), /Only the people invited can respond/);
  assert.equal(
    (await visitor.post(`/consultations/${invited.id}/respond`)).statusCode,
    409,
    'a consultation for those invited takes no public response',
  );
  assert.equal((await visitor.get(`/consultations/${randomUUID()}`)).statusCode, 404);
});

test('DP-01: a member of the public answers one question a page, a conditional one after "Yes", about themselves apart, checks and sends', async () => {
  const c = await withConditional();
  const { agent, at } = await begin(c);
  const token = decodeURIComponent(tokenOf(at));
  const base = `/consultations/resume/${tokenOf(at)}`;
  assert.equal(at, `${base}/questions/1`);
  const first = await agent.get(at);
  assert.match(text(first.body), /Have you been a victim of crime in the last year\?/);
  assert.match(
    first.body,
    /<title>Have you been a victim of crime in the last year\? – Consultations – /,
  );

  // Required: refused, naming the question, with nothing kept.
  const refused = await agent.post(at, { action: 'continue' });
  assert.equal(refused.statusCode, 400);
  assert.match(
    text(refused.body),
    /There is a problem Select an answer to: Have you been a victim of crime in the last year\?/,
  );
  assert.match(refused.body, /href="#answer"/);

  const yes = await agent.post(at, { answer: c.questions[0]!.options.Yes!, action: 'continue' });
  assert.equal(yes.headers.location, `${base}/questions/2`);
  const second = await agent.get(`${base}/questions/2`);
  assert.match(text(second.body), /What kind of crime was it\? Select all that apply\./);
  const kinds = await agent.post(`${base}/questions/2`, {
    answer: [c.questions[1]!.options.Burglary!, c.questions[1]!.options.Theft!],
  });
  assert.equal(kinds.headers.location, `${base}/questions/3`);
  const rating = await agent.post(`${base}/questions/3`, { answer: '2' });
  assert.equal(rating.headers.location, `${base}/questions/4`);
  const textAnswer = await agent.post(`${base}/questions/4`, {
    answer: 'More patrols on the estate\nat night',
  });
  assert.equal(textAnswer.headers.location, `${base}/about-you`);

  const about = await agent.get(`${base}/about-you`);
  assert.match(text(about.body), /These questions are optional/);
  // DP-03: told beforehand when they go.
  assert.match(
    text(about.body),
    /Your age band, sex and ethnic group are kept apart from your answers, .* and removed 30 days after the consultation closes\. Your borough stays with your answers/,
  );
  assert.match(text(about.body), /Prefer not to say/);
  const boroughs = await t.services.directory.scopeCatalogue.options('borough');
  const lambeth = boroughs.find((b) => b.name === 'Lambeth')!;
  const aboutSaved = await agent.post(`${base}/about-you`, {
    borough: lambeth.id,
    ageBand: '25-34',
    sex: 'prefer-not',
    ethnicGroup: 'black',
  });
  assert.equal(aboutSaved.headers.location, `${base}/check`);

  let check = await agent.get(`${base}/check`);
  let rows = summaryOf(check.body);
  assert.equal(rows.get('Have you been a victim of crime in the last year?'), 'Yes');
  assert.equal(rows.get('What kind of crime was it?'), 'Burglary Theft');
  assert.equal(rows.get('How safe do you feel after dark?'), '2 / 5');
  assert.equal(
    rows.get('What should the police do differently?'),
    'More patrols on the estate at night',
  );
  assert.equal(rows.get('Which borough do you live or work in?'), 'Lambeth');
  assert.equal(rows.get('Your age'), '25 to 34');
  assert.equal(rows.get('Your sex'), 'Prefer not to say');
  assert.equal(rows.get('Your ethnic group'), 'Black, Black British, Caribbean or African');
  assert.match(check.body, new RegExp(`href="${base}/questions/1\\?change=check"`));

  // Changed to "No": the conditional question is no longer asked and its answer goes.
  const changeForm = await agent.get(`${base}/questions/1?change=check`);
  assert.match(changeForm.body, /name="change" value="check"/);
  const changed = await agent.post(`${base}/questions/1`, {
    answer: c.questions[0]!.options.No!,
    change: 'check',
  });
  assert.equal(changed.headers.location, `${base}/check`);
  check = await agent.get(`${base}/check`);
  rows = summaryOf(check.body);
  assert.equal(rows.get('Have you been a victim of crime in the last year?'), 'No');
  assert.equal(rows.has('What kind of crime was it?'), false);

  // Back to "Yes" from the check page: the question it asks again comes first, then the check.
  const reopened = await agent.post(`${base}/questions/1`, {
    answer: c.questions[0]!.options.Yes!,
    change: 'check',
  });
  assert.equal(reopened.headers.location, `${base}/questions/2?change=check`);
  const refusedKind = await agent.post(`${base}/questions/2`, { change: 'check' });
  assert.match(
    text(refusedKind.body),
    /Select at least one answer to: What kind of crime was it\?/,
  );
  await agent.post(`${base}/questions/1`, { answer: c.questions[0]!.options.No!, change: 'check' });

  const sent = await agent.post(`${base}/check`, {});
  assert.equal(sent.headers.location, `/consultations/${c.id}/responded`);
  const thanks = await agent.get(sent.headers.location!);
  assert.match(text(thanks.body), /Response sent Thank you for your response\./);

  const [row] = await t.services.db
    .select()
    .from(responses)
    .where(eq(responses.consultationId, c.id));
  assert.ok(row!.submittedAt);
  assert.equal(row!.resumeTokenHash, null, 'sending clears the link');
  assert.equal(row!.versionId, c.versionId);
  assert.equal(row!.boroughId, lambeth.id);
  assert.match(row!.addressHash!, /^[0-9a-f]{64}$/);
  assert.equal(row!.addressHash, t.services.consultationResponding.addressHash('127.0.0.1'));
  assert.doesNotMatch(JSON.stringify(row), /127\.0\.0\.1/, 'the address itself is never kept');
  const kept = await t.services.db.select().from(answers).where(eq(answers.responseId, row!.id));
  assert.equal(kept.length, 3, 'the conditional question’s two options are gone');
  assert.equal(kept.filter((a) => a.questionId === c.questions[1]!.id).length, 0);
  const [monitoring] = await t.services.db
    .select()
    .from(responseMonitoring)
    .where(eq(responseMonitoring.responseId, row!.id));
  assert.deepEqual(
    { age: monitoring!.ageBand, sex: monitoring!.sex, ethnic: monitoring!.ethnicGroup },
    { age: '25-34', sex: null, ethnic: 'black' },
  );
  // The link no longer opens the response.
  assert.equal(
    (await agent.get(`/consultations/resume/${encodeURIComponent(token)}`)).statusCode,
    404,
  );
  assert.equal((await agent.get(`${base}/check`)).statusCode, 404);
});

test('a required question left unanswered is named on the check page when the response is sent', async () => {
  const c = await withConditional();
  const { agent, at } = await begin(c);
  const base = at.replace(/\/questions\/1$/, '');
  // Saved to finish later without an answer: allowed, and the link is shown.
  const saved = await agent.post(at, { action: 'save' });
  assert.equal(saved.headers.location, `${base}/save`);
  const refused = await agent.post(`${base}/check`, {});
  assert.equal(refused.statusCode, 400);
  assert.match(
    text(refused.body),
    /There is a problem Select an answer to: Have you been a victim of crime in the last year\?/,
  );
  assert.match(refused.body, /href="#question-1"/);
  assert.match(refused.body, /id="question-1"/);
  assert.equal((await responseOf(at))!.submittedAt, null);
});

test('DP-03: save and finish later gives the link, e-mails it to the address typed (saying how long it is kept), and the link takes the respondent on; sending the response removes the address', async () => {
  const c = await withConditional();
  const { agent, at } = await begin(c);
  const base = at.replace(/\/questions\/1$/, '');
  await agent.post(at, { answer: c.questions[0]!.options.No!, action: 'save' });
  const page = await agent.get(`${base}/save`);
  const link = `${t.config.publicUrl}/consultations/resume/${tokenOf(at)}`;
  assert.match(text(page.body), /Your answers have been saved/);
  assert.ok(text(page.body).includes(link), 'the link is shown');
  assert.match(
    text(page.body),
    /use it for nothing else\. It is removed when you send your response, or 30 days after the consultation closes if you do not\./,
  );

  const bad = await agent.post(`${base}/save`, { email: 'not an address' });
  assert.equal(bad.statusCode, 400);
  assert.match(text(bad.body), /Enter an email address in the correct format/);
  const sent = await agent.post(`${base}/save`, { email: 'Sam.Resident@example.org' });
  assert.equal(sent.statusCode, 303);
  assert.match(
    text((await agent.get(`${base}/save`)).body),
    /We have sent the link to sam\.resident@example\.org/,
  );
  const [mail] = await t.services.db
    .select()
    .from(outbox)
    .where(eq(outbox.toAddress, 'sam.resident@example.org'))
    .orderBy(desc(outbox.createdAt));
  assert.ok(mail!.bodyText.includes(link));
  assert.match(
    mail!.bodyText,
    /We keep this e-mail address only until you send your response, or for 30 days after the consultation closes if you do not\./,
  );
  assert.equal((await responseOf(at))!.contactEmail, 'sam.resident@example.org');

  // Another browser, with only the link: on to the first question not answered.
  const later = new Agent(t.app);
  const resumed = await later.get(`/consultations/resume/${tokenOf(at)}`);
  assert.equal(resumed.statusCode, 303);
  assert.equal(resumed.headers.location, `${base}/questions/3`);
  const q1 = await later.get(`${base}/questions/1`);
  assert.match(q1.body, new RegExp(`value="${c.questions[0]!.options.No}" checked`));

  // Sent: the address served only the link, and goes with it.
  const id = (await responseOf(at))!.id;
  assert.equal((await later.post(`${base}/check`, {})).statusCode, 303);
  const [sentRow] = await t.services.db.select().from(responses).where(eq(responses.id, id));
  assert.ok(sentRow!.submittedAt);
  assert.equal(sentRow!.contactEmail, null);
});

test('a filled hidden field gets the ordinary confirmation and nothing is kept', async () => {
  const c = await withConditional();
  const visitor = new Agent(t.app);
  await visitor.get(`/consultations/${c.id}`);
  const robot = await visitor.post(`/consultations/${c.id}/respond`, {
    website: 'http://spam.example',
  });
  assert.equal(robot.headers.location, `/consultations/${c.id}/responded`);
  assert.match(text((await visitor.get(robot.headers.location!)).body), /Response sent/);
  const none = await t.services.db
    .select()
    .from(responses)
    .where(eq(responses.consultationId, c.id));
  assert.equal(none.length, 0);

  // The field is hidden from people and assistive technology.
  assert.match(
    (await visitor.get(`/consultations/${c.id}`)).body,
    /<div hidden>\s*<label for="website">/,
  );

  // Filled on the check page: the response begun is removed.
  const { agent, at } = await begin(c);
  const base = at.replace(/\/questions\/1$/, '');
  await agent.post(at, { answer: c.questions[0]!.options.No! });
  const sent = await agent.post(`${base}/check`, { website: 'x' });
  assert.equal(sent.headers.location, `/consultations/${c.id}/responded`);
  const left = await t.services.db
    .select()
    .from(responses)
    .where(eq(responses.consultationId, c.id));
  assert.equal(left.length, 0);
});

test('an address that began the limit of responses this hour is refused with a 429 page, and may begin again an hour later', async () => {
  const c = await withConditional();
  for (let i = 0; i < LIMIT; i++) await begin(c);
  const visitor = new Agent(t.app);
  await visitor.get(`/consultations/${c.id}`);
  const refused = await visitor.post(`/consultations/${c.id}/respond`);
  assert.equal(refused.statusCode, 429);
  assert.match(
    text(refused.body),
    new RegExp(
      `Too many responses from your connection ${LIMIT} responses to this consultation have been started from your internet connection in the last hour`,
    ),
  );
  assert.equal(
    (await t.services.db.select().from(responses).where(eq(responses.consultationId, c.id))).length,
    LIMIT,
  );
  // Another consultation is counted apart.
  await begin(await withConditional());
  t.clock.advanceMinutes(61);
  await begin(c);
});

test('CON-03: an invited consultee responds once through their own link; the public cannot respond', async () => {
  const c = await withConditional({ audience: 'invited', title: 'Faith leaders on hate crime' });
  const token = newToken();
  const [invitation] = await t.services.db
    .insert(invitations)
    .values({ consultationId: c.id, consulteeId: randomUUID(), tokenHash: hashToken(token) })
    .returning();
  const invitee = new Agent(t.app);
  const url = `/consultations/invited/${token}`;
  const page = await invitee.get(url);
  assert.match(text(page.body), /Faith leaders on hate crime .*You have been invited to respond/);
  const begun = await invitee.post(url);
  assert.equal(begun.headers.location, `/consultations/resume/${token}/questions/1`);
  // Opened again before sending: continue.
  assert.match(text((await invitee.get(url)).body), /Continue your response/);
  await invitee.post(begun.headers.location!, { answer: c.questions[0]!.options.No! });
  const sent = await invitee.post(`/consultations/resume/${token}/check`, {});
  assert.equal(sent.statusCode, 303);
  const [row] = await t.services.db
    .select()
    .from(responses)
    .where(eq(responses.invitationId, invitation!.id));
  assert.ok(row!.submittedAt);

  const again = await invitee.get(url);
  assert.match(text(again.body), /You have already responded to this consultation/);
  const twice = await invitee.post(url);
  assert.equal(twice.headers.location, url);
  assert.equal(
    (await t.services.db.select().from(responses).where(eq(responses.consultationId, c.id))).length,
    1,
  );
  assert.equal((await new Agent(t.app).get('/consultations/invited/not-a-token')).statusCode, 404);
});

test('staff read the counts and a burst by its reference; an officer sets the burst and one response aside, and restores', async () => {
  const c = await withConditional();
  const burstHash = 'a1b2c3d4e5f6'.padEnd(64, '0');
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 14, minute));
  for (let i = 0; i < 12; i++)
    await makeResponse(t, c, { 0: 'No' }, { addressHash: burstHash, submittedAt: at(2 + (i % 8)) });
  const lone = await makeResponse(
    t,
    c,
    { 0: 'Yes' },
    { addressHash: 'f'.repeat(64), submittedAt: at(30) },
  );
  await makeResponse(
    t,
    c,
    {},
    { submitted: false, addressHash: 'e'.repeat(64), submittedAt: at(31) },
  );
  const url = `/consultation/consultations/${c.id}/responses`;

  const read = await member.get(url);
  assert.equal(read.statusCode, 200);
  const summary = summaryOf(read.body);
  assert.deepEqual(
    [summary.get('Sent'), summary.get('In progress'), summary.get('Set aside')],
    ['13', '1', '0'],
  );
  const bursts = tableOf(read.body, /Bursts/);
  assert.equal(bursts.rows.length, 1);
  assert.match(
    textOf(read.body),
    /12 responses between 2:02pm and 2:09pm from one address \(ref a1b2c3d4\)/,
  );
  assert.doesNotMatch(read.body, /a1b2c3d4e5f6/, 'never more than the abbreviated hash');
  assert.doesNotMatch(read.body, /Set aside these responses/, 'a reader is offered no action');
  assert.match(
    text(read.body),
    /Personal data in these responses will be removed on 31 January 2100:/,
  );

  const page = await officer.get(url);
  const link = /href="([^"]+\/bursts\/[^"]+\/set-aside)"/.exec(page.body)![1]!;
  assert.equal((await member.get(link)).statusCode, 403);
  const form = await officer.get(link);
  assert.match(
    text(form.body),
    /12 responses between 2:02pm and 2:09pm on 23 November 2026 from one address \(ref a1b2c3d4\) will be kept but left out of the analysis/,
  );
  const empty = await officer.post(link, { reason: ' ' });
  assert.equal(empty.statusCode, 400);
  assert.match(text(empty.body), /Enter why you are setting this aside/);
  const done = await officer.post(link, { reason: 'Twelve identical answers in seven minutes' });
  assert.equal(done.statusCode, 303);
  let after = await officer.get(url);
  assert.match(text(after.body), /12 responses have been set aside/);
  assert.deepEqual(
    [summaryOf(after.body).get('Sent'), summaryOf(after.body).get('Set aside')],
    ['1', '12'],
  );
  assert.match(textOf(after.body), /Twelve identical answers in seven minutes/);

  // One response set aside, then restored.
  const one = `/consultation/consultations/${c.id}/responses/${lone.id}/set-aside`;
  assert.equal((await officer.post(one, { reason: 'A duplicate' })).statusCode, 303);
  const [setAside] = await t.services.db.select().from(responses).where(eq(responses.id, lone.id));
  assert.equal(setAside!.setAsideReason, 'A duplicate');
  assert.ok(setAside!.setAsideBy);
  assert.equal(
    (await member.post(`/consultation/consultations/${c.id}/responses/${lone.id}/restore`))
      .statusCode,
    403,
  );
  assert.equal(
    (await officer.post(`/consultation/consultations/${c.id}/responses/${lone.id}/restore`))
      .statusCode,
    303,
  );
  after = await officer.get(url);
  assert.equal(summaryOf(after.body).get('Sent'), '1');
  const audits = await t.services.db
    .select({ action: auditEvents.action, after: auditEvents.after })
    .from(auditEvents)
    .where(eq(auditEvents.recordId, c.id));
  assert.deepEqual(
    audits.map((a) => a.action),
    ['consultation-responses.burst-set-aside'],
  );
  const restored = await t.services.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(and(eq(auditEvents.recordId, lone.id)));
  assert.deepEqual(
    restored.map((a) => a.action),
    ['consultation-response.set-aside', 'consultation-response.restored'],
  );
});

test('DP-03: the sweep anonymises the responses of a consultation closed more than the retention period ago, with an audit of counts only', async () => {
  // Retention is 30 days here; the clock is 23 November 2026.
  const old = await withConditional({ opensOn: '2026-09-01', closesOn: '2026-10-23' });
  const recent = await withConditional({ opensOn: '2026-09-01', closesOn: '2026-10-24' });
  const made = [];
  for (const c of [old, recent]) {
    const r = await makeResponse(
      t,
      c,
      { 0: 'No', 3: 'Fewer fireworks' },
      { addressHash: 'b'.repeat(64), monitoring: { ageBand: '65+', ethnicGroup: 'white' } },
    );
    await t.services.db
      .update(responses)
      .set({ contactEmail: 'kept@example.org', resumeTokenHash: `hash-${r.id}` })
      .where(eq(responses.id, r.id));
    made.push(r);
  }
  // A response begun and never sent, in the consultation due: deleted with its answers.
  const draft = await makeResponse(
    t,
    old,
    { 3: 'A draft never sent' },
    { submitted: false, monitoring: { sex: 'female' } },
  );
  const warning = text(
    (await officer.get(`/consultation/consultations/${recent.id}/responses`)).body,
  );
  // DP-03's warning: staff read beforehand the day, and what goes and what stays.
  assert.match(
    warning,
    /Personal data in these responses will be removed on 24 November 2026: the e-mail addresses respondents gave for their links, the references of the addresses they responded from, the links themselves, their monitoring answers \(age, sex, ethnic group\) and which invitation each answered\. The answers and boroughs of the responses sent are kept, anonymous; responses never sent are deleted\./,
  );

  await t.services.consultationResponseRetention.anonymiseDue();
  const [gone] = await t.services.db.select().from(responses).where(eq(responses.id, made[0]!.id));
  assert.deepEqual(
    [gone!.contactEmail, gone!.addressHash, gone!.resumeTokenHash],
    [null, null, null],
  );
  assert.ok(gone!.anonymisedAt);
  assert.equal(
    (
      await t.services.db
        .select()
        .from(responseMonitoring)
        .where(eq(responseMonitoring.responseId, gone!.id))
    ).length,
    0,
  );
  assert.equal(
    (await t.services.db.select().from(answers).where(eq(answers.responseId, gone!.id))).length,
    2,
    'the answers stay, for the analysis',
  );
  const [kept] = await t.services.db.select().from(responses).where(eq(responses.id, made[1]!.id));
  assert.equal(kept!.contactEmail, 'kept@example.org', 'not yet due');
  const events = await t.services.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.recordId, old.id),
        eq(auditEvents.action, 'consultation-responses.anonymised'),
      ),
    );
  assert.equal(events.length, 1);
  assert.deepEqual(events[0]!.after, { responses: 1, unsentDeleted: 1, monitoringRemoved: 1 });
  assert.equal(
    (await t.services.db.select().from(responses).where(eq(responses.id, draft.id))).length,
    0,
    'the draft never sent is deleted',
  );
  assert.equal(
    (await t.services.db.select().from(answers).where(eq(answers.responseId, draft.id))).length,
    0,
  );
  assert.doesNotMatch(JSON.stringify(events[0]), /kept@example|bbbb/);
  // Nothing left to say about its removal; run again, nothing more happens.
  assert.doesNotMatch(
    text((await officer.get(`/consultation/consultations/${old.id}/responses`)).body),
    /will be removed/,
  );
  await t.services.consultationResponseRetention.anonymiseDue();
  assert.equal(
    (
      await t.services.db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.recordId, old.id),
            eq(auditEvents.action, 'consultation-responses.anonymised'),
          ),
        )
    ).length,
    1,
  );
  // A day later the other is due too.
  t.clock.advanceMinutes(24 * 60);
  await t.services.consultationResponseRetention.anonymiseDue();
  const [later] = await t.services.db.select().from(responses).where(eq(responses.id, made[1]!.id));
  assert.equal(later!.contactEmail, null);
});

/** An invitee's link from the last e-mail to them. */
async function invitationLinkTo(address: string) {
  const [mail] = await t.services.db
    .select({ body: outbox.bodyText })
    .from(outbox)
    .where(eq(outbox.toAddress, address))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  return new RegExp(`${t.config.publicUrl}(/consultations/invited/[A-Za-z0-9_-]+)`).exec(
    mail!.body,
  )![1]!;
}

/** An invitee answers the first question through their link and sends the response. */
async function respondThrough(link: string, c: FactoryConsultation) {
  const invitee = new Agent(t.app);
  const begun = await invitee.post(link);
  await invitee.post(begun.headers.location!, { answer: c.questions[0]!.options.No! });
  const check = begun.headers.location!.replace(/questions\/1$/, 'check');
  assert.equal((await invitee.post(check, {})).statusCode, 303);
}

test('DP-03, CON-03, CON-06: once anonymised, a response is no longer linked to whom it was invited; consultees and the panel still read "responded" as before', async () => {
  // Retention is 30 days here. Both consultations close on 30 November 2026.
  const dates = { opensOn: '2026-11-01', closesOn: '2026-11-30' };
  const tag = randomUUID().slice(0, 6);
  // Two consultees chosen and invited by the officer; one responds through their link.
  const invited = await withConditional({
    ...dates,
    audience: 'invited',
    title: `Hate crime ${tag}`,
  });
  const made = await t.services.db
    .insert(consultees)
    .values(
      ['Answered', 'Silent'].map((name) => ({
        name: `${name} ${tag}`,
        kind: 'organisation' as const,
        category: 'faith_group' as const,
        consentGivenOn: '2026-01-05',
        consentMethod: 'email' as const,
      })),
    )
    .returning({ id: consultees.id, name: consultees.name });
  await t.services.db.insert(consulteeChannels).values(
    made.map((m, i) => ({
      consulteeId: m.id,
      kind: 'email' as const,
      detail: `c${i}-${tag}@example.org`,
    })),
  );
  await t.services.db
    .insert(chosenConsultees)
    .values(
      made.map((m) => ({ consultationId: invited.id, consulteeId: m.id, reason: 'Faith groups' })),
    );
  assert.equal(
    (await officer.post(`/consultation/consultations/${invited.id}/consultees/invite`)).statusCode,
    303,
  );
  const answeredLink = await invitationLinkTo(`c0-${tag}@example.org`);
  await respondThrough(answeredLink, invited);

  // The whole panel of three asked; one responds through their link.
  const borough = await makeBorough(t);
  const members = await makePanelMembers(
    t,
    [1, 2, 3].map(() => ({ boroughId: borough.id })),
  );
  const panel = await withConditional({
    ...dates,
    audience: 'panel',
    title: `Safer streets ${tag}`,
  });
  const wave = await officer.post('/consultation/panel/waves/new', {
    consultationId: panel.id,
    kind: 'whole',
  });
  assert.equal(wave.statusCode, 303, text(wave.body).slice(0, 300));
  await respondThrough(await invitationLinkTo(members[0]!.email), panel);

  const consulteesPage = `/consultation/consultations/${invited.id}/consultees`;
  const read = async (staff: Agent) => {
    const chosen = await staff.get(consulteesPage);
    const states = tableOf(chosen.body, /Chosen consultees|consultees/i).rows.map((row) =>
      row.join(' '),
    );
    return {
      responded: summaryOf(chosen.body).get('Responded'),
      answered: states.find((s) => s.includes(`Answered ${tag}`)),
      silent: states.find((s) => s.includes(`Silent ${tag}`)),
      wave: /Safer streets \S+ .*?\d+\.\d%/.exec(
        text((await staff.get('/consultation/panel/waves')).body),
      )?.[0],
      invitationPage: /You have already responded to this consultation/.test(
        text((await new Agent(t.app).get(answeredLink)).body),
      ),
    };
  };
  const before = await read(officer);
  assert.equal(before.responded, '1');
  assert.match(before.answered!, /Responded/);
  assert.doesNotMatch(before.silent!, /Responded/);
  assert.match(before.wave!, new RegExp(`Safer streets ${tag} .* The whole panel 3 1 33\\.3%`));
  assert.ok(before.invitationPage);

  // A day past the retention period after closing: the sweep anonymises both.
  t.clock.advanceMinutes((8 + 31) * 24 * 60);
  await t.services.consultationResponseRetention.anonymiseDue();
  const swept = await t.services.db
    .select({ invitationId: responses.invitationId, anonymisedAt: responses.anonymisedAt })
    .from(responses)
    .where(inArray(responses.consultationId, [invited.id, panel.id]));
  assert.equal(swept.length, 2);
  assert.ok(swept.every((r) => r.invitationId === null && r.anonymisedAt !== null));
  // The invitations keep only that they were responded to: not when, nor which response.
  const kept = await t.services.db
    .select({ responded: invitations.responded })
    .from(invitations)
    .where(inArray(invitations.consultationId, [invited.id, panel.id]));
  assert.deepEqual(kept.map((i) => i.responded).sort(), [false, false, false, true, true]);

  // Read again by an officer signed in now (the first one's session has long expired).
  assert.deepEqual(await read(await signInNewAccount(t, 'authority_officer')), before);
});
