/**
 * CON-01 through the pages: what the board approved is what is launched (a material change
 * before launch clears the approval, the officer is warned first, and the consultation's page
 * says why it must go back to the board); and borough consultation with its cost (a
 * consultation's borough and cost lines, and the board's page of a financial year by borough,
 * with its CSV). Each test makes its own consultations, boroughs and minutes.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { consultations } from '../../src/modules/consultation/schema.js';
import { createTestApp, type Agent, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeConsultation, makeResponse } from '../factories/consultation.js';
import { makeBoardMinute } from '../factories/consultation-board.js';
import { makeBorough, uniqueTag } from '../factories/directory.js';
import { mainOf, rowOf, summaryOf, tableOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;
let viewer: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
  viewer = await signInNewAccount(t, 'authority_member');
});
afterEach(() => t.clock.reset());
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));
const date = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: day!, [`${name}-month`]: month!, [`${name}-year`]: year! };
};
const row = async (id: string) =>
  (await t.services.db.select().from(consultations).where(eq(consultations.id, id)))[0]!;

/** A major draft approved by the board at a minute of 10 November 2026. */
async function approvedDraft() {
  const consultation = await makeConsultation(t, {
    major: true,
    launched: false,
    opensOn: '2027-01-04',
    closesOn: '2027-03-29',
    purpose: 'To hear what Londoners want the police to put first.',
  });
  const heading = `Approval of the priorities consultation ${uniqueTag()}`;
  const { minuteItemId } = await makeBoardMinute(t, {
    title: `Board meeting ${uniqueTag()}`,
    heading,
    date: '2026-11-10',
  });
  const approve = await officer.post(`/consultation/consultations/${consultation.id}/approval`, {
    minuteItemId,
  });
  assert.equal(approve.statusCode, 303);
  return { consultation, minuteItemId, heading };
}

/** The details form as it stands, with `changes` made. */
async function details(id: string, changes: Record<string, string>) {
  const c = await row(id);
  return {
    title: c.title,
    purpose: c.purpose,
    ...date('opensOn', c.opensOn),
    ...date('closesOn', c.closesOn),
    audience: c.audience,
    major: c.major ? 'yes' : 'no',
    borough: c.boroughId ?? '',
    version: String(c.version),
    ...changes,
  };
}

test('CON-01: the officer is warned before saving; a new title keeps the approval, a dates move within a week too', async () => {
  const { consultation } = await approvedDraft();
  const edit = `/consultation/consultations/${consultation.id}/edit`;
  const form = text((await officer.get(edit)).body);
  assert.match(
    form,
    /The strategy board has approved this consultation\. Saving a change to its purpose, who may respond, its borough or whether it is major, or moving its opening or closing day by more than 7 days .* will clear the board’s approval, and it must go back to the board/,
  );
  const saved = await officer.post(
    edit,
    await details(consultation.id, {
      title: 'Your police, your priorities',
      ...date('closesOn', '2027-04-02'),
    }),
  );
  assert.equal(saved.statusCode, 303);
  const c = await row(consultation.id);
  assert.notEqual(c.approvalMinuteItemId, null);
  assert.equal(c.approvalClearedAt, null);
  const page = summaryOf(
    mainOf((await viewer.get(`/consultation/consultations/${consultation.id}`)).body),
  );
  assert.match(page.get('Strategy board’s approval')!, /Approved on 10 November 2026/);
});

test('CON-01: a material change to an approved draft clears the approval in the same save, audited, and the page says why', async () => {
  const { consultation, minuteItemId, heading } = await approvedDraft();
  const edit = `/consultation/consultations/${consultation.id}/edit`;
  const saved = await officer.post(
    edit,
    await details(consultation.id, {
      purpose: 'To hear what businesses want the police to put first.',
      ...date('opensOn', '2027-02-01'),
    }),
  );
  assert.equal(saved.statusCode, 303);
  const c = await row(consultation.id);
  assert.equal(c.approvalMinuteItemId, null);
  assert.equal(c.approvedOn, null);
  assert.equal(c.approvalClearedMinuteItemId, minuteItemId);
  assert.deepEqual(c.approvalClearedChanges, ['purpose', 'dates']);
  const [audit] = await t.services.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.recordId, consultation.id),
        eq(auditEvents.action, 'consultation.updated'),
      ),
    );
  assert.equal(
    (audit!.after as { approvalMinuteItemId: string | null }).approvalMinuteItemId,
    null,
  );
  assert.equal(
    (audit!.before as { approvalMinuteItemId: string }).approvalMinuteItemId,
    minuteItemId,
  );

  const followed = await officer.get(`/consultation/consultations/${consultation.id}`);
  const page = text(followed.body);
  assert.match(
    page,
    /The board’s approval was cleared on 23 November 2026 because its purpose and its dates changed after it was given\. It must go back to the board before it can be launched\./,
  );
  assert.match(page, new RegExp(`The approval that was cleared: ${heading}`));
  // Launch is refused until the board approves it again.
  const launch = await officer.post(`/consultation/consultations/${consultation.id}/launch`, {
    version: String(c.version),
  });
  assert.match(text(launch.body), /strategy board/i);
  // Approved again: the cleared note goes.
  await officer.post(`/consultation/consultations/${consultation.id}/approval`, { minuteItemId });
  const again = await row(consultation.id);
  assert.equal(again.approvalMinuteItemId, minuteItemId);
  assert.equal(again.approvalClearedAt, null);
  assert.doesNotMatch(
    text((await viewer.get(`/consultation/consultations/${consultation.id}`)).body),
    /was cleared/,
  );
});

test('CON-01: a question added to an approved draft clears the approval; the builder warns first and the message says so', async () => {
  const { consultation } = await approvedDraft();
  const builder = text(
    (await officer.get(`/consultation/consultations/${consultation.id}/questionnaire`)).body,
  );
  assert.match(builder, /Adding or removing a question, .* will clear the board’s approval/);
  const added = await officer.post(
    `/consultation/consultations/${consultation.id}/questionnaire/questions/new`,
    { kind: 'text', text: 'Anything else?', required: 'no' },
  );
  assert.equal(added.statusCode, 303);
  const c = await row(consultation.id);
  assert.equal(c.approvalMinuteItemId, null);
  assert.deepEqual(c.approvalClearedChanges, ['questionnaire']);
  const next = text((await officer.get(added.headers.location as string)).body);
  assert.match(next, /the board’s approval has been cleared: it must go back to the board/);
  const [audit] = await t.services.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.recordId, consultation.id),
        eq(auditEvents.action, 'consultation.board-approval-cleared'),
      ),
    );
  assert.deepEqual((audit!.after as { changes: string[] }).changes, ['questionnaire']);
});

test('CON-01: a question’s hint changed keeps the approval', async () => {
  const { consultation } = await approvedDraft();
  const question = consultation.questions[1]!;
  const saved = await officer.post(
    `/consultation/consultations/${consultation.id}/questionnaire/questions/${question.id}`,
    { kind: 'text', text: question.text, hint: 'A sentence or two', required: 'no' },
  );
  assert.equal(saved.statusCode, 303);
  assert.notEqual((await row(consultation.id)).approvalMinuteItemId, null);
});

test('CON-01: the officer records a consultation’s borough and its costs; bad lines are refused naming the field; a viewer records none', async () => {
  const borough = await makeBorough(t);
  const consultation = await makeConsultation(t, { launched: false });
  const edit = `/consultation/consultations/${consultation.id}/edit`;
  const unknown = await officer.post(edit, await details(consultation.id, { borough: 'nowhere' }));
  assert.equal(unknown.statusCode, 400);
  assert.match(text(unknown.body), /Select a borough from the list, or area-wide/);
  assert.equal(
    (await officer.post(edit, await details(consultation.id, { borough: borough.id }))).statusCode,
    303,
  );
  const page = summaryOf(
    mainOf((await viewer.get(`/consultation/consultations/${consultation.id}`)).body),
  );
  assert.equal(page.get('Borough'), borough.name);

  const url = `/consultation/consultations/${consultation.id}/costs`;
  const bad = await officer.post(url, {
    what: '',
    amount: 'lots',
    ...date('spentOn', '2026-12-25'),
  });
  assert.equal(bad.statusCode, 400);
  const said = text(bad.body);
  assert.match(said, /Enter what the cost was for/);
  assert.match(said, /Enter the amount in pounds and pence/);
  assert.match(said, /The day spent must be today or in the past/);
  assert.equal(
    (
      await officer.post(url, {
        what: 'Venue hire',
        amount: '£1,250.50',
        ...date('spentOn', '2026-11-02'),
      })
    ).statusCode,
    303,
  );
  await officer.post(url, { what: 'Leaflets', amount: '349.50', ...date('spentOn', '2026-11-01') });
  assert.equal(
    (await viewer.post(url, { what: 'Tea', amount: '5', ...date('spentOn', '2026-11-01') }))
      .statusCode,
    403,
  );
  const costs = tableOf(mainOf((await viewer.get(url)).body));
  assert.match(costs.caption, /2 costs, £1,600.00 in all/);
  assert.equal(rowOf(costs, 'Leaflets')['Amount'], '£349.50');
  assert.match(rowOf(costs, 'Venue hire')['Spent on']!, /2 November 2026/);
  // A viewer reads them but has no button to remove one.
  assert.doesNotMatch((await viewer.get(url)).body, /costs\/[0-9a-f-]+\/remove/);
  const removeAction = /action="([^"]+\/remove)"/.exec((await officer.get(url)).body)![1]!;
  assert.equal((await officer.post(removeAction, {})).statusCode, 303);
  assert.match(tableOf(mainOf((await viewer.get(url)).body)).caption, /1 cost, /);
});

test('CON-01: the board reads a financial year’s consultations, responses and cost by borough, and the cost per response, as a page and CSV', async () => {
  const [north, south, quiet] = await Promise.all([makeBorough(t), makeBorough(t), makeBorough(t)]);
  // The financial year 2031-32 (1 April 2031 to 31 March 2032): only this test's consultations.
  const inYear = async (
    opensOn: string,
    boroughId: string | null,
    costs: number[],
    answered: number,
  ) => {
    const c = await makeConsultation(t, { opensOn, closesOn: '2032-06-30' });
    await t.services.db.update(consultations).set({ boroughId }).where(eq(consultations.id, c.id));
    for (const pence of costs)
      await t.services.consultationBoardCosts.addCost(
        await (await import('../factories/meetings.js')).staffPrincipal(t, 'authority_officer'),
        c.id,
        { what: 'Work', amount: (pence / 100).toFixed(2), ...date('spentOn', '2026-11-01') },
      );
    for (let i = 0; i < answered; i++) await makeResponse(t, c, { 0: 'Yes' });
    return c;
  };
  await inYear('2031-04-01', north.id, [100_000, 20_000], 3);
  await inYear('2032-03-31', north.id, [30_000], 1);
  await inYear('2031-09-01', south.id, [50_000], 0);
  await inYear('2031-06-01', null, [99_900], 9);
  // Outside the year (opens 31 March 2031, and 1 April 2032), and a draft: not counted.
  await inYear('2031-03-31', north.id, [1_000_000], 5);
  await inYear('2032-04-01', north.id, [1_000_000], 5);
  const draft = await makeConsultation(t, { opensOn: '2031-05-01', launched: false });
  await t.services.db
    .update(consultations)
    .set({ boroughId: north.id })
    .where(eq(consultations.id, draft.id));
  // A response in progress and one set aside are not responses.
  const c = await inYear('2031-05-05', south.id, [], 0);
  await makeResponse(t, c, {}, { submitted: false });
  const { id: asideId } = await makeResponse(t, c, { 0: 'No' });
  await t.services.db.execute(
    (await import('drizzle-orm'))
      .sql`update consultation_responses set set_aside_at = now(), set_aside_reason = 'burst' where id = ${asideId}`,
  );

  const response = await viewer.get('/consultation/board/boroughs?year=2031');
  assert.equal(response.statusCode, 200);
  assert.match(text(response.body), /Borough consultation, 2031-32/);
  const table = tableOf(mainOf(response.body), /by borough/);
  assert.deepEqual(rowOf(table, north.name), {
    Borough: north.name,
    Consultations: '2',
    Responses: '4',
    Cost: '£1,500.00',
    'Cost per response': '£375.00',
  });
  assert.equal(rowOf(table, south.name)['Consultations'], '2');
  assert.equal(rowOf(table, south.name)['Responses'], '0');
  assert.equal(rowOf(table, south.name)['Cost per response'], 'No responses');
  assert.equal(rowOf(table, quiet.name)['Consultations'], '0');
  assert.deepEqual(rowOf(table, 'Area-wide'), {
    Borough: 'Area-wide',
    Consultations: '1',
    Responses: '9',
    Cost: '£999.00',
    'Cost per response': '£111.00',
  });
  assert.match(rowOf(table, 'All boroughs and area-wide')['Cost']!, /£2,999.00/);
  // The filter offers the years; a year is chosen by it.
  assert.match(response.body, /<option value="2031" selected>2031-32<\/option>/);

  const csv = await viewer.get('/consultation/board/boroughs.csv?year=2031');
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  assert.match(
    csv.body,
    /Financial year,Borough,Consultations,Responses,Cost \(£\),Cost per response \(£\)/,
  );
  assert.match(csv.body, new RegExp(`2031-32,${north.name},2,4,1500.00,375.00`));
  assert.match(csv.body, new RegExp(`2031-32,${south.name},2,0,500.00,\\r?\\n`));
  assert.match(csv.body, /2031-32,Area-wide,1,9,999.00,111.00/);
});

test('CON-01: a member added from a day to come is listed as joining, not lost from the board’s page', async () => {
  const { makePerson } = await import('../factories/directory.js');
  const person = await makePerson(t, { fullName: `Inspector ${uniqueTag()}` });
  const added = await officer.post('/consultation/board/members/new', {
    email: person.email!,
    side: 'police',
    role: 'member',
    ...date('fromOn', '2027-01-05'),
  });
  assert.equal(added.statusCode, 303);
  const page = mainOf((await viewer.get('/consultation/board')).body);
  const joining = tableOf(page, /Joining the board/);
  assert.match(rowOf(joining, person.fullName)['Joins on']!, /5 January 2027/);
});
