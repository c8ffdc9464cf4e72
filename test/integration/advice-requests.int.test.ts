import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  adviceRequestEvents,
  adviceRequestRoutes,
  adviceRequests,
} from '../../src/modules/advice/schema.js';
import { advisoryGroups } from '../../src/modules/groups/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { createTestApp, groupIdByCode, principalFor, type TestApp } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { makeAdviceRequest, makeDeploymentContact } from '../factories/advice.js';

let t: TestApp;
/** The one CTSET account (who is e-mailed is checked), a requester, and the Race IAG's contact. */
let ctsetAccount: FactoryAccount;
let requesterAccount: FactoryAccount;
let contact: FactoryAccount;
before(async () => {
  // No demo data: the file makes the people and requests it reads. The IAGs are reference data.
  t = await createTestApp({ demo: false });
  ctsetAccount = await makeAccount(t, { role: 'ctset' });
  requesterAccount = await makeAccount(t, { role: 'requester' });
  contact = await makeDeploymentContact(t, await groupIdByCode(t, 'iag-race'));
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

const form = (overrides: Record<string, string> = {}) => ({
  subject: 'Advice on a dispersal order in Tottenham',
  details: 'We are considering a dispersal order after disorder at the weekend.',
  seriousOrCritical: 'no',
  urgency: 'routine',
  communities: 'Young people in Tottenham; Turkish and Kurdish communities',
  'neededFrom-day': '7',
  'neededFrom-month': '12',
  'neededFrom-year': '2026',
  clearanceNeeded: 'none',
  advisorsWanted: '1',
  ...overrides,
});
const idFrom = (location: string | undefined) =>
  /\/advice-requests\/([0-9a-f-]{36})/.exec(location ?? '')![1]!;
const countRequests = async () => (await t.services.db.select().from(adviceRequests)).length;

test('IAG-08: a requester asks; bad input names each field and writes nothing', async () => {
  const requester = await signInAccount(t, requesterAccount);
  const before = await countRequests();
  const bad = await requester.post('/advice-requests/new', {
    ...form({ subject: '', urgency: '', 'neededUntil-day': '1', 'neededUntil-month': '12' }),
    seriousOrCritical: '',
    advisorsWanted: '11',
  });
  assert.equal(bad.statusCode, 400);
  for (const field of [
    'subject',
    'seriousOrCritical',
    'urgency',
    'neededUntil-year',
    'advisorsWanted',
  ])
    assert.match(bad.body, new RegExp(`href="#${field}"`), field);
  assert.equal(await countRequests(), before, 'nothing written');

  const backwards = await requester.post(
    '/advice-requests/new',
    form({ 'neededUntil-day': '1', 'neededUntil-month': '12', 'neededUntil-year': '2026' }),
  );
  assert.equal(backwards.statusCode, 400);
  assert.match(backwards.body, /The last date must be the same as or after the first/);

  const sent = await requester.post('/advice-requests/new', form());
  assert.equal(sent.statusCode, 303);
  const page = await requester.get(sent.headers.location!);
  assert.match(page.body, /Routine request sent to the strategic engagement team/);
  assert.match((await requester.get('/advice-requests')).body, /dispersal order in Tottenham/);

  // Someone who may not ask is refused, and nothing is written.
  const advisor = await signInAccount(t, await makeAccount(t, { role: 'advisor' }));
  assert.equal((await advisor.post('/advice-requests/new', form())).statusCode, 403);
  assert.equal((await advisor.get(sent.headers.location!)).statusCode, 404);
  assert.equal(await countRequests(), before + 1);
});

test('issue 21 item 3: IAG-08: a request may not be needed from a date already past', async () => {
  const requester = await signInAccount(t, requesterAccount);
  const before = await countRequests();
  const past = await requester.post(
    '/advice-requests/new',
    form({ 'neededFrom-day': '1', 'neededFrom-month': '1', 'neededFrom-year': '2020' }),
  );
  assert.equal(past.statusCode, 400);
  // The clock is pinned to 23 November 2026.
  const message = 'The date the advice is needed from must be today (23 November 2026) or later';
  assert.ok(past.body.includes(`<a href="#neededFrom-day">${message}</a>`), 'in the summary');
  assert.ok(past.body.includes(message), 'beside the field');
  assert.equal(await countRequests(), before, 'nothing written');
  const yesterday = await requester.post(
    '/advice-requests/new',
    form({ 'neededFrom-day': '22', 'neededFrom-month': '11', 'neededFrom-year': '2026' }),
  );
  assert.equal(yesterday.statusCode, 400);
  assert.equal(await countRequests(), before, 'nothing written');
  const today = await requester.post(
    '/advice-requests/new',
    form({ 'neededFrom-day': '23', 'neededFrom-month': '11', 'neededFrom-year': '2026' }),
  );
  assert.equal(today.statusCode, 303);
  assert.equal(await countRequests(), before + 1);
});

test('issue 21 item 30: IAG-08: CTSET is e-mailed when an urgent request is made, and sees the urgent requests waiting on its home page', async () => {
  const ctsetEmail = ctsetAccount.email;
  const mailTo = async (subject: string) =>
    (await t.services.db.select().from(outbox)).filter(
      (m) => m.toAddress === ctsetEmail && m.subject === subject,
    );
  const ctset = await signInAccount(t, ctsetAccount);
  const waitingUrgent = async () =>
    (
      await t.services.db
        .select()
        .from(adviceRequests)
        .where(eq(adviceRequests.status, 'awaiting_triage'))
    ).filter((r) => r.urgency === 'urgent').length;
  const shown = async () => {
    const body = (await ctset.get('/')).body;
    const match = /(\d+) urgent requests? (?:is|are) waiting for triage/.exec(body);
    return match ? Number(match[1]) : 0;
  };
  const before = await shown();
  assert.equal(before, await waitingUrgent(), 'the home page counts what the database holds');

  const requester = await signInAccount(t, requesterAccount);
  const routine = await requester.post(
    '/advice-requests/new',
    form({ subject: 'Routine advice on a leaflet for Wood Green' }),
  );
  assert.equal(routine.statusCode, 303);
  assert.equal(
    (await mailTo('Urgent request for an advisor: Routine advice on a leaflet for Wood Green'))
      .length,
    0,
    'a routine request waits for the queue',
  );
  const urgent = await requester.post(
    '/advice-requests/new',
    form({ subject: 'Tension after a raid in Broadwater Farm', urgency: 'urgent' }),
  );
  assert.equal(urgent.statusCode, 303);
  const id = idFrom(urgent.headers.location);
  const [told] = await mailTo(
    'Urgent request for an advisor: Tension after a raid in Broadwater Farm',
  );
  assert.ok(told, 'CTSET is e-mailed');
  assert.match(
    told!.bodyText,
    /has made urgent request \d+ for independent advice, needed from 7 December 2026/,
  );
  assert.ok(told!.bodyText.includes(`/advice-requests/${id}/route`));
  assert.equal((await ctset.get(`/advice-requests/${id}/route`)).statusCode, 200, 'the link works');

  const home = (await ctset.get('/')).body;
  assert.equal(await shown(), before + 1);
  assert.equal(
    await shown(),
    await waitingUrgent(),
    'the home page counts what the database holds',
  );
  assert.match(home, /href="\/advice-requests\/triage"/);
  // Passed to a group, it no longer waits.
  const groups = await t.services.db.select().from(advisoryGroups);
  const race = groups.find((g) => g.name === 'Race Independent Advisory Group')!;
  assert.equal(
    (await ctset.post(`/advice-requests/${id}/route`, { groups: race.id })).statusCode,
    303,
  );
  assert.equal(await shown(), before);
  // The requester's home offers no triage.
  assert.doesNotMatch((await requester.get('/')).body, /waiting for triage/);
});

test('issue 21 item 30: a lay visitor’s home offers the public pages they may use and their account, each of which opens', async () => {
  const visitor = await signInAccount(t, await makeAccount(t, { role: 'lay_visitor' }));
  const home = (await visitor.get('/')).body;
  const links = [
    ...home.matchAll(/<a class="govuk-link govuk-!-font-weight-bold" href="([^"]+)">([^<]+)<\/a>/g),
  ].map((m) => [m[1], m[2]]);
  assert.deepEqual(links, [
    ['/advisory-groups', 'Advisory groups'],
    ['/recommendations', 'Recommendations and progress'],
    ['/custody-visiting', 'Independent custody visiting'],
    ['/consultations/you-said-we-did', 'You said, we did'],
    ['/consultations', 'Have your say in a consultation'],
    ['/partnerships', 'Community safety partnerships'],
    ['/good-practice', 'Good practice'],
    ['/funding', 'Funding'],
    ['/funding/grants-awarded', 'Grants awarded'],
    ['/indicators', 'Performance against targets'],
    ['/stop-and-search', 'Stop and search'],
    ['/workforce', 'Workforce equality'],
    ['/disclosure-log', 'Freedom of Information disclosure log'],
    ['/custody-visiting/reports', 'Custody visit reports'],
    ['/custody-visiting/follow-up', 'Issues for follow-up'],
    ['/account', 'Your account'],
  ]);
  for (const [href] of links) assert.equal((await visitor.get(href!)).statusCode, 200, href);
  // Someone with work in Bridge is not sent to the public pages instead.
  const ctsetHome = (await (await signInAccount(t, ctsetAccount)).get('/')).body;
  assert.doesNotMatch(ctsetHome, /href="\/recommendations">Recommendations and progress/);
});

test('IAG-08: a requester sees their own requests, never another requester’s', async () => {
  const admin = await principalFor(t, (await makeAccount(t, { role: 'administrator' })).email);
  await t.services.users.create(admin, {
    email: 'second.requester@police.example',
    displayName: 'Second Requester',
    role: 'requester',
  });
  const second = await principalFor(t, 'second.requester@police.example');
  const [someone] = await t.services.db.select().from(adviceRequests).limit(1);
  await assert.rejects(t.services.advice.request(second, someone!.id), { status: 404 });
  const mine = await t.services.advice.mine(second, { limit: 20, offset: 0 });
  assert.equal(mine.total, 0);
});

test('IAG-08: CTSET sees urgent requests first with the time waiting, and flags those past target', async () => {
  // An urgent request made 40 minutes ago, and a routine one three days ago.
  const requester = await principalFor(t, requesterAccount.email);
  const minutesAgo = (m: number) => new Date(t.clock.now().getTime() - m * 60_000);
  await makeAdviceRequest(t, {
    by: requester,
    submittedAt: minutesAgo(40),
    fields: { subject: 'Community tension after a fatal stabbing in Brixton', urgency: 'urgent' },
  });
  await makeAdviceRequest(t, {
    by: requester,
    submittedAt: minutesAgo(3 * 24 * 60),
    fields: { subject: 'Stop and search briefing for new officers' },
  });
  const ctset = await signInAccount(t, ctsetAccount);
  const queue = await t.services.advice.queue(await principalFor(t, ctsetAccount.email), {
    limit: 25,
    offset: 0,
  });
  const urgencies = queue.items.map((i) => i.urgency);
  assert.equal(urgencies[0], 'urgent');
  assert.ok(
    urgencies.lastIndexOf('urgent') < urgencies.indexOf('routine'),
    'every urgent request before any routine one',
  );
  const routineTimes = queue.items
    .filter((i) => i.urgency === 'routine')
    .map((i) => i.submittedAt.getTime());
  assert.deepEqual(
    routineTimes,
    [...routineTimes].sort((a, b) => a - b),
    'longest waiting first',
  );
  const page = await ctset.get('/advice-requests/triage');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Community tension after a fatal stabbing/);
  // The routine request has waited three days: not yet past five working days.
  const routine = queue.items.find((i) => i.urgency === 'routine')!;
  assert.equal(routine.overdue, false);
  const asker = await signInAccount(t, requesterAccount);
  assert.equal((await asker.get('/advice-requests/triage')).statusCode, 403);
});

test('IAG-07, IAG-08: CTSET passes a request to a group with a deployment contact, who is e-mailed; once only', async () => {
  const requester = await signInAccount(t, requesterAccount);
  const id = idFrom((await requester.post('/advice-requests/new', form())).headers.location);
  const ctset = await signInAccount(t, ctsetAccount);
  const none = await ctset.post(`/advice-requests/${id}/route`, {});
  assert.equal(none.statusCode, 400);
  assert.match(none.body, /Select the group, or groups, best able to help/);

  const groups = await t.services.db.select().from(advisoryGroups);
  const race = groups.find((g) => g.name === 'Race Independent Advisory Group')!;
  assert.ok(race.deploymentContactId, 'the Race IAG has a deployment contact');
  const withoutContact = groups.find((g) => g.status === 'active' && !g.deploymentContactId);
  if (withoutContact) {
    const refused = await ctset.post(`/advice-requests/${id}/route`, {
      groups: withoutContact.id,
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /has no deployment contact/);
  }
  const routed = await ctset.post(`/advice-requests/${id}/route`, { groups: race.id });
  assert.equal(routed.statusCode, 303);
  const [request] = await t.services.db
    .select()
    .from(adviceRequests)
    .where(eq(adviceRequests.id, id));
  assert.equal(request!.status, 'routed');
  const routes = await t.services.db
    .select()
    .from(adviceRequestRoutes)
    .where(eq(adviceRequestRoutes.requestId, id));
  assert.deepEqual(
    routes.map((r) => r.groupId),
    [race.id],
  );
  const mail = await t.services.db.select().from(outbox);
  assert.ok(mail.some((m) => m.subject.includes('request for an advisor: Advice on a dispersal')));
  const timeline = await requester.get(`/advice-requests/${id}`);
  assert.match(timeline.body, /Passed to Race Independent Advisory Group/);

  const again = await ctset.post(`/advice-requests/${id}/route`, { groups: race.id });
  assert.equal(again.statusCode, 409);
  assert.equal(
    (
      await t.services.db
        .select()
        .from(adviceRequestRoutes)
        .where(eq(adviceRequestRoutes.requestId, id))
    ).length,
    1,
  );
});

test('IAG-08: CTSET declines a request with a reason; the requester is told and reads it on the timeline', async () => {
  const requester = await signInAccount(t, requesterAccount);
  const id = idFrom((await requester.post('/advice-requests/new', form())).headers.location);
  const ctset = await signInAccount(t, ctsetAccount);
  const missing = await ctset.post(`/advice-requests/${id}/decline`, { reason: '' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /href="#reason"/);
  assert.equal(
    (await requester.post(`/advice-requests/${id}/decline`, { reason: 'x' })).statusCode,
    403,
  );
  const declined = await ctset.post(`/advice-requests/${id}/decline`, {
    reason: 'This needs the borough engagement officer, not an independent advisor',
  });
  assert.equal(declined.statusCode, 303);
  const events = await t.services.db
    .select()
    .from(adviceRequestEvents)
    .where(eq(adviceRequestEvents.requestId, id));
  assert.deepEqual(events.map((e) => e.kind).sort(), ['declined', 'submitted']);
  const page = await requester.get(`/advice-requests/${id}`);
  assert.match(page.body, /Declined by the strategic engagement team: This needs the borough/);
  const mail = await t.services.db.select().from(outbox);
  assert.ok(mail.some((m) => m.subject.startsWith('Your request for advice was declined')));
});

test('IAG-08: CTSET asks the requester a question, one at a time; only the requester answers; both are on the timeline', async () => {
  const requester = await signInAccount(t, requesterAccount);
  const id = idFrom((await requester.post('/advice-requests/new', form())).headers.location);
  const ctset = await signInAccount(t, ctsetAccount);
  assert.equal(
    (await requester.post(`/advice-requests/${id}/question`, { question: 'x' })).statusCode,
    403,
  );
  const blank = await ctset.post(`/advice-requests/${id}/question`, { question: '' });
  assert.equal(blank.statusCode, 400);
  assert.match(blank.body, /Enter your question/);
  const asked = await ctset.post(`/advice-requests/${id}/question`, {
    question: 'Has the family liaison officer spoken to community leaders yet?',
  });
  assert.equal(asked.statusCode, 303);
  assert.equal(
    (await ctset.post(`/advice-requests/${id}/question`, { question: 'And another?' })).statusCode,
    409,
    'one question at a time',
  );
  const queue = await ctset.get('/advice-requests/triage');
  assert.match(queue.body, /Waiting for the requester(&#39;|')s answer/);
  // Only the requester answers.
  assert.equal(
    (await ctset.post(`/advice-requests/${id}/answer`, { answer: 'x' })).statusCode,
    403,
  );
  const empty = await requester.post(`/advice-requests/${id}/answer`, { answer: '' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /Enter your answer/);
  const answered = await requester.post(`/advice-requests/${id}/answer`, {
    answer: 'Yes, on Tuesday; they asked for an advisor who knows the estate.',
  });
  assert.equal(answered.statusCode, 303);
  assert.equal(
    (await requester.post(`/advice-requests/${id}/answer`, { answer: 'Again' })).statusCode,
    409,
  );
  const page = await requester.get(`/advice-requests/${id}`);
  assert.match(page.body, /The strategic engagement team asked: Has the family liaison officer/);
  assert.match(page.body, /The requester answered: Yes, on Tuesday/);
  const mail = await t.services.db.select().from(outbox);
  assert.ok(mail.some((m) => m.subject.startsWith('A question about your request')));
  assert.ok(mail.some((m) => m.subject.startsWith('Answered: your question on request')));
  // Once triaged, no more questions.
  const groups = await t.services.db.select().from(advisoryGroups);
  const race = groups.find((g) => g.name === 'Race Independent Advisory Group')!;
  await ctset.post(`/advice-requests/${id}/route`, { groups: race.id });
  const late = await ctset.post(`/advice-requests/${id}/question`, { question: 'Too late?' });
  assert.equal(late.statusCode, 409);
});

test('IAG-09: CTSET records a proactive offer to the senior investigating officer, and the answer once', async () => {
  const ctset = await signInAccount(t, ctsetAccount);
  const requester = await signInAccount(t, requesterAccount);
  assert.equal((await requester.get('/advice-offers/new')).statusCode, 403);
  const form = await ctset.get('/advice-offers/new');
  assert.match(form.body, /name="offeredOn-day"[^>]*value="23"/, 'today by default');
  const bad = await ctset.post('/advice-offers/new', {
    'offeredOn-day': '1',
    'offeredOn-month': '1',
    'offeredOn-year': '2027',
  });
  assert.equal(bad.statusCode, 400);
  for (const field of ['kind', 'incident', 'sioName', 'offeredOn-day'])
    assert.match(bad.body, new RegExp(`href="#${field}"`), field);
  const recorded = await ctset.post('/advice-offers/new', {
    kind: 'critical_incident',
    incident: 'Fatal police shooting in Edmonton',
    operation: 'Operation Alder',
    sioName: 'DCI Morgan Hale',
    'offeredOn-day': '23',
    'offeredOn-month': '11',
    'offeredOn-year': '2026',
  });
  assert.equal(recorded.statusCode, 303);
  const list = await ctset.get('/advice-offers');
  assert.match(list.body, /Fatal police shooting in Edmonton/);
  assert.match(list.body, /1 waiting for an answer, 0 taken up, 0 declined/);
  const id = /\/advice-offers\/([0-9a-f-]{36})\/response/.exec(list.body)![1]!;

  const noReason = await ctset.post(`/advice-offers/${id}/response`, { response: 'declined' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Enter the reason the offer was declined/);
  const unknown = await ctset.post(`/advice-offers/${id}/response`, {
    response: 'taken_up',
    requestReference: '999999',
  });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.body, /There is no request with that number/);
  const [request] = await t.services.db.select().from(adviceRequests).limit(1);
  const taken = await ctset.post(`/advice-offers/${id}/response`, {
    response: 'taken_up',
    note: 'Wants an advisor at the community meeting on Friday',
    requestReference: String(request!.reference),
  });
  assert.equal(taken.statusCode, 303);
  assert.equal(
    (await ctset.post(`/advice-offers/${id}/response`, { response: 'declined', note: 'x' }))
      .statusCode,
    409,
  );
  const after = await (
    await signInAccount(t, await makeAccount(t, { role: 'director' }))
  ).get('/advice-offers');
  assert.match(after.body, /0 waiting for an answer, 1 taken up, 0 declined/);
  assert.match(after.body, new RegExp(`Request ${request!.reference}`));
});

test('IAG-08: requests past their targets for triage, or with nobody nominated, are escalated by e-mail once', async () => {
  const requester = await principalFor(t, requesterAccount.email);
  const ctset = await principalFor(t, ctsetAccount.email);
  const ask = (urgency: string) =>
    t.services.advice.ask(requester, { ...form({ urgency }), subject: `Escalation ${urgency}` });
  const urgent = await ask('urgent');
  const routine = await ask('routine');
  const sent = async (subject: string) =>
    (await t.services.db.select().from(outbox)).filter((m) => m.subject.startsWith(subject));

  t.clock.advanceMinutes(119);
  await t.services.advice.escalateOverdue();
  assert.equal((await sent(`Past its target for triage: request ${urgent.reference}`)).length, 0);
  t.clock.advanceMinutes(2);
  await t.services.advice.escalateOverdue();
  const toCtset = await sent(`Past its target for triage: request ${urgent.reference}`);
  assert.deepEqual(
    toCtset.map((m) => m.toAddress),
    [ctsetAccount.email],
  );
  assert.equal((await sent(`Past its target for triage: request ${routine.reference}`)).length, 0);
  await t.services.advice.escalateOverdue();
  assert.equal(
    (await sent(`Past its target for triage: request ${urgent.reference}`)).length,
    1,
    'once only',
  );

  // Passed to the Race IAG; two hours on, nobody nominated: the contact and CTSET are told.
  const groups = await t.services.db.select().from(advisoryGroups);
  const race = groups.find((g) => g.name === 'Race Independent Advisory Group')!;
  await t.services.advice.route(ctset, urgent.id, { groups: race.id });
  t.clock.advanceMinutes(121);
  await t.services.advice.escalateOverdue();
  const chased = await sent(`No advisor nominated yet: request ${urgent.reference}`);
  assert.deepEqual(
    chased.map((m) => m.toAddress).sort(),
    [ctsetAccount.email, contact.email].sort(),
  );
  await t.services.advice.escalateOverdue();
  assert.equal((await sent(`No advisor nominated yet: request ${urgent.reference}`)).length, 2);
});
