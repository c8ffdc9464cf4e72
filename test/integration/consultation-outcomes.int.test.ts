/**
 * CON-07 "You said, we did" through the pages: an officer writes what came of a closed
 * consultation, links the decision's minute and the tracker source of the change promised, and
 * publishes it; the public reads it with the change's actions as they stand. Refusals change
 * nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { consultationOutcomes } from '../../src/modules/consultation/outcomes/schema.js';
import { consultations } from '../../src/modules/consultation/schema.js';
import { chosenConsultees, consultees } from '../../src/modules/consultation/consultees/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { makeAccount, signInAccount } from '../factories/accounts.js';
import { makeConsultation, makeResponse } from '../factories/consultation.js';
import { makeChangeSource, makeDecisionMinute } from '../factories/consultation-outcomes.js';
import { headingsOf, mainOf, summaryOf, tableOf, rowRecords, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;
let member: Agent;
let visitor: Agent;

before(async () => {
  t = await createTestApp({ demo: false });
  officer = await signInAccount(t, await makeAccount(t, { role: 'authority_officer' }));
  member = await signInAccount(t, await makeAccount(t, { role: 'authority_member' }));
  visitor = new Agent(t.app);
});
after(() => t.close());

const closed = (title?: string) =>
  makeConsultation(t, {
    ...(title && { title }),
    opensOn: '2024-01-08',
    closesOn: '2024-03-29',
  });
const outcomeOf = async (consultationId: string) =>
  (
    await t.services.db
      .select()
      .from(consultationOutcomes)
      .where(eq(consultationOutcomes.consultationId, consultationId))
  )[0];

test('CON-07: the officer writes and publishes you said, we did; the public reads it with the decision and the change’s actions', async () => {
  const consultation = await closed('Withdrawing the recording of stop and account');
  await makeResponse(t, consultation, { 0: 'Yes' });
  await makeResponse(t, consultation, { 0: 'No' });
  await makeResponse(t, consultation, { 0: 'Yes' }, { submitted: false });
  const minute = await makeDecisionMinute(t, { heading: 'Stop and account: recording kept' });
  const source = await makeChangeSource(t);
  const url = `/consultation/consultations/${consultation.id}/outcome`;

  const form = await officer.get(url);
  assert.equal(form.statusCode, 200);
  assert.equal(summaryOf(form.body).get('Responses received'), '2');
  assert.equal(summaryOf(form.body).get('Outcome'), 'Not written yet');
  // The group's minutes are offered once its kind of body is shown; the source by its title.
  const found = await officer.post(url, {
    intent: 'find',
    youSaid: 'Keep it',
    bodyType: 'advisory_group',
    sourceTitle: source.title,
  });
  assert.equal(found.statusCode, 200);
  assert.match(found.body, new RegExp(`value="${minute.minuteItemId}"`));
  assert.match(found.body, new RegExp(`value="${source.id}"`));
  assert.match(found.body, />Keep it<\/textarea>/);
  assert.equal(await outcomeOf(consultation.id), undefined);

  const fields = {
    youSaid:
      'Most of you asked us to keep recording stop and account.\n\nYou said it builds trust.',
    weDid: 'The police kept the recording of stop and account in every borough.',
    decisionMinuteItemId: minute.minuteItemId,
    changePromised: 'yes',
    trackerSourceId: source.id,
  };
  const saved = await officer.post(url, { ...fields, intent: 'save' });
  assert.equal(saved.statusCode, 303);
  const draft = await officer.get(url);
  assert.equal(summaryOf(draft.body).get('Outcome'), 'Draft');
  assert.match(textOf(mainOf(draft.body)), /The draft outcome was saved/);
  // Not published yet: the public cannot read it.
  assert.equal((await visitor.get(`/consultations/${consultation.id}/outcome`)).statusCode, 404);

  const version = /name="version" value="(\d+)"/.exec(draft.body)![1]!;
  const published = await officer.post(url, { ...fields, version, intent: 'publish' });
  assert.equal(published.statusCode, 303);
  const row = (await outcomeOf(consultation.id))!;
  assert.ok(row.publishedAt);
  assert.equal(row.trackerSourceId, source.id);

  const page = await visitor.get(`/consultations/${consultation.id}/outcome`);
  assert.equal(page.statusCode, 200);
  const main = mainOf(page.body);
  const words = textOf(main);
  assert.deepEqual(headingsOf(main).slice(0, 5), [
    'You said, we did: Withdrawing the recording of stop and account',
    'You said',
    'We did',
    'The decision',
    'The change we promised',
  ]);
  assert.equal(summaryOf(main).get('Ran'), '8 January 2024 to 29 March 2024');
  assert.equal(summaryOf(main).get('Responses received'), '2');
  assert.match(words, /Most of you asked us to keep recording stop and account\./);
  assert.match(words, /You said it builds trust\./);
  assert.match(words, /The police kept the recording of stop and account in every borough\./);
  assert.match(words, /Stop and account: recording kept/);
  assert.match(words, new RegExp(`Decided at ${minute.meetingTitle} on 12 March 2025`));
  assert.match(
    main,
    new RegExp(`href="/advisory-groups/${minute.groupId}/meetings/${minute.meetingId}"`),
  );
  const [action] = rowRecords(tableOf(main));
  assert.equal(action!.Action, 'Keep the stop and account form in every borough');
  assert.equal(action!.Status, 'Ongoing');
  assert.equal(action!['Latest progress'], 'Form kept in use; recording reviewed each quarter');
  assert.match(main, new RegExp(`href="/recommendations/${source.id}"`));

  // It is listed among the published outcomes.
  const list = await visitor.get('/consultations/you-said-we-did');
  assert.match(textOf(mainOf(list.body)), /Withdrawing the recording of stop and account/);
  // A person with no staff work is offered the list from their home page.
  const layVisitor = await signInAccount(t, await makeAccount(t, { role: 'lay_visitor' }));
  assert.match((await layVisitor.get('/')).body, /href="\/consultations\/you-said-we-did"/);

  // Each action wrote its own audit event.
  const events = await t.services.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.recordType, 'consultation-outcome'),
        eq(auditEvents.recordId, consultation.id),
      ),
    );
  assert.deepEqual(events.map((e) => e.action).sort(), [
    'consultation-outcome.drafted',
    'consultation-outcome.published',
  ]);
});

test('CON-07: an edit after publishing stays published and is kept in the audit trail', async () => {
  const consultation = await closed();
  const minute = await makeDecisionMinute(t);
  const url = `/consultation/consultations/${consultation.id}/outcome`;
  const fields = {
    youSaid: 'You asked for more patrols.',
    weDid: 'We added patrols.',
    decisionMinuteItemId: minute.minuteItemId,
    changePromised: 'no',
  };
  assert.equal((await officer.post(url, { ...fields, intent: 'publish' })).statusCode, 303);
  const edited = await officer.post(url, {
    ...fields,
    weDid: 'We added evening patrols.',
    intent: 'save',
  });
  assert.equal(edited.statusCode, 303);
  const page = await officer.get(url);
  assert.match(textOf(mainOf(page.body)), /The published outcome was changed/);
  const publicPage = await visitor.get(`/consultations/${consultation.id}/outcome`);
  assert.match(textOf(mainOf(publicPage.body)), /We added evening patrols\./);
  // No change was promised: no section for one.
  assert.doesNotMatch(textOf(mainOf(publicPage.body)), /The change we promised/);
  const [event] = await t.services.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.recordId, consultation.id),
        eq(auditEvents.action, 'consultation-outcome.edited'),
      ),
    );
  assert.equal((event!.before as { weDid: string }).weDid, 'We added patrols.');
  assert.equal((event!.after as { weDid: string }).weDid, 'We added evening patrols.');
  // Taking the decision off a published outcome is refused.
  const refused = await officer.post(url, { ...fields, decisionMinuteItemId: '', intent: 'save' });
  assert.equal(refused.statusCode, 400);
  assert.match(textOf(refused.body), /Choose the minute recording the decision before publishing/);
});

test('CON-07: an open consultation is refused, and nothing is written', async () => {
  const open = await makeConsultation(t, { opensOn: '2000-01-01', closesOn: '2099-12-31' });
  const url = `/consultation/consultations/${open.id}/outcome`;
  const page = await officer.get(url);
  assert.match(textOf(mainOf(page.body)), /This consultation has not closed/);
  assert.doesNotMatch(page.body, /name="youSaid"/);
  const refused = await officer.post(url, {
    youSaid: 'a',
    weDid: 'b',
    changePromised: 'no',
    intent: 'save',
  });
  assert.equal(refused.statusCode, 400);
  assert.match(
    textOf(refused.body),
    /What came of a consultation can be written only once it has closed/,
  );
  assert.equal(await outcomeOf(open.id), undefined);
});

test('CON-07: a promised change without a source, empty texts, and publishing without a decision are refused', async () => {
  const consultation = await closed();
  const url = `/consultation/consultations/${consultation.id}/outcome`;
  const noSource = await officer.post(url, {
    youSaid: '',
    weDid: 'We did it',
    changePromised: 'yes',
    intent: 'save',
  });
  assert.equal(noSource.statusCode, 400);
  const summary = textOf(/govuk-error-summary[\s\S]*?<\/ul>/.exec(noSource.body)![0]);
  assert.match(summary, /Enter what people said/);
  assert.match(
    summary,
    /Choose the tracker source whose actions show the promised change happening/,
  );
  // What was typed is shown again.
  assert.match(noSource.body, />We did it<\/textarea>/);
  const noDecision = await officer.post(url, {
    youSaid: 'a',
    weDid: 'b',
    changePromised: 'no',
    intent: 'publish',
  });
  assert.equal(noDecision.statusCode, 400);
  assert.match(
    textOf(noDecision.body),
    /Choose the minute recording the decision before publishing/,
  );
  assert.equal(await outcomeOf(consultation.id), undefined);
});

test('CON-07: a viewer of consultations cannot write an outcome; nobody reads an unknown one', async () => {
  const consultation = await closed();
  const url = `/consultation/consultations/${consultation.id}/outcome`;
  assert.equal((await member.get(url)).statusCode, 403);
  const refused = await member.post(url, {
    youSaid: 'a',
    weDid: 'b',
    changePromised: 'no',
    intent: 'save',
  });
  assert.equal(refused.statusCode, 403);
  assert.equal(await outcomeOf(consultation.id), undefined);
  assert.equal((await officer.get('/consultation/consultations/nonsense/outcome')).statusCode, 404);
  assert.equal((await visitor.get(`/consultations/${consultation.id}/outcome`)).statusCode, 404);
});

test('CON-07: who was consulted is on record: the public outcome counts the consultees asked, by kind', async () => {
  const consultation = await closed('Safer streets for young people');
  await t.services.db.insert(consultationOutcomes).values({
    consultationId: consultation.id,
    youSaid: 'You asked for more youth workers.',
    weDid: 'Two more youth workers now patrol with officers.',
    publishedAt: new Date('2024-05-01T09:00:00Z'),
  });
  const asked = await t.services.db
    .insert(consultees)
    .values([
      { name: 'St Mary’s Church', kind: 'organisation', category: 'faith_group' },
      { name: 'Brixton Mosque', kind: 'organisation', category: 'faith_group' },
      { name: 'Youth council', kind: 'organisation', category: 'young_people' },
    ])
    .returning({ id: consultees.id });
  await t.services.db
    .insert(chosenConsultees)
    .values(
      asked.map((c) => ({ consultationId: consultation.id, consulteeId: c.id, reason: 'Local' })),
    );

  const main = mainOf((await visitor.get(`/consultations/${consultation.id}/outcome`)).body);
  assert.ok(headingsOf(main).includes('Who we asked'));
  const summary = summaryOf(main);
  assert.equal(summary.get('Faith group'), '2');
  assert.equal(summary.get('Young people'), '1');
  // Names are the consultee database's, never published.
  assert.doesNotMatch(textOf(main), /St Mary’s Church|Brixton Mosque|Youth council/);
});

test('CON-07: a consultation closed early ran until the day it closed, on the officer’s page, the public page and the list', async () => {
  const consultation = await makeConsultation(t, {
    title: 'Street lighting closed early',
    opensOn: '2024-01-08',
    closesOn: '2024-03-29',
  });
  await t.services.db
    .update(consultations)
    .set({ closedEarlyAt: new Date('2024-02-14T10:00:00Z'), closedEarlyReason: 'Enough heard' })
    .where(eq(consultations.id, consultation.id));
  const ran = '8 January 2024 to 14 February 2024';
  const staff = await officer.get(`/consultation/consultations/${consultation.id}/outcome`);
  assert.equal(summaryOf(mainOf(staff.body)).get('Ran'), ran);

  await t.services.db.insert(consultationOutcomes).values({
    consultationId: consultation.id,
    youSaid: 'You asked for brighter streets.',
    weDid: 'The lights were changed.',
    publishedAt: new Date('2024-05-01T09:00:00Z'),
  });
  const main = mainOf((await visitor.get(`/consultations/${consultation.id}/outcome`)).body);
  assert.equal(summaryOf(main).get('Ran'), ran);
  const list = await visitor.get('/consultations/you-said-we-did');
  const listed = rowRecords(tableOf(mainOf(list.body))).find((r) =>
    r['About this consultation']?.includes('Street lighting closed early'),
  );
  assert.equal(listed?.Ran, ran);
});
