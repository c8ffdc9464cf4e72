/**
 * Issue 25 item 4 (CON-01, CON-07): consultations and their questionnaires built through the
 * pages: the details with their field errors and stale edits, the list by phase and audience,
 * the builder (every kind, a question shown after an earlier answer, moving and removing), a
 * new version once one is answered, the launch (CON-01: a major one only once approved) and
 * the early close; and the refusals of those who only read. Each test makes its own data.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import {
  consultations,
  questionnaireVersions,
  questionOptions,
  questions,
  responses,
} from '../../src/modules/consultation/schema.js';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { createTestApp, type Agent, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeConsultation, makeResponse } from '../factories/consultation.js';
import { uniqueTag } from '../factories/directory.js';
import { mainOf, rowOf, summaryOf, tableOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;
let member: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
  member = await signInNewAccount(t, 'authority_member');
});
afterEach(() => t.clock.reset());
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));
const date = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: day!, [`${name}-month`]: month!, [`${name}-year`]: year! };
};
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;
const base = '/consultation/consultations';

const details = (title: string, extra: Record<string, string> = {}) => ({
  title,
  purpose: 'To hear what Londoners want the police to put first.',
  ...date('opensOn', '2026-12-01'),
  ...date('closesOn', '2027-01-31'),
  audience: 'public',
  major: 'yes',
  ...extra,
});

/** Creates a consultation through its form; its id. */
async function create(title: string, extra: Record<string, string> = {}) {
  const res = await officer.post(`${base}/new`, details(title, extra));
  assert.equal(res.statusCode, 303, text(res.body));
  return res.headers.location!.split('/').pop()!;
}

const questionsOf = async (consultationId: string) => {
  const rows = await t.services.db
    .select({
      id: questions.id,
      text: questions.text,
      position: questions.position,
      number: questionnaireVersions.number,
      shownIf: questions.shownIfOptionId,
    })
    .from(questions)
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, questions.versionId))
    .where(eq(questionnaireVersions.consultationId, consultationId))
    .orderBy(asc(questionnaireVersions.number), asc(questions.position));
  return rows;
};

test('an officer creates a consultation; its page reads its details, draft phase, CON-01 approval needed, version 1 and no responses', async () => {
  const title = `Policing priorities ${uniqueTag()}`;
  const id = await create(title);
  const page = await officer.get(`${base}/${id}`);
  const words = text(page.body);
  assert.match(words, new RegExp(`The consultation ‘${title}’ has been created`));
  assert.match(words, /Draft/);
  const summary = summaryOf(page.body);
  assert.equal(summary.get('Opening date'), '1 December 2026');
  assert.equal(summary.get('Closing date'), '31 January 2027');
  assert.equal(summary.get('Who may respond'), 'The public');
  assert.equal(summary.get('Strategy board’s approval'), 'Needs the strategy board’s approval');
  assert.equal(summary.get('Submitted'), '0');
  assert.equal(summary.get('In progress'), '0');
  assert.equal(summary.get('Set aside'), '0');
  assert.match(words, /Questionnaire, version 1 There are no questions yet/);
  assert.match(words, /Sections Questionnaire .* Preview/);
  const [audit] = await t.services.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.recordId, id));
  assert.equal(audit!.action, 'consultation.created');
});

test('details with fields missing or dates reversed are refused by field, and nothing is written', async () => {
  const title = `Refused ${uniqueTag()}`;
  const res = await officer.post(`${base}/new`, {
    title,
    purpose: '',
    ...date('opensOn', '2026-12-10'),
    ...date('closesOn', '2026-12-01'),
  });
  assert.equal(res.statusCode, 400);
  const words = text(res.body);
  assert.match(words, /There is a problem/);
  assert.match(words, /Enter the consultation’s purpose/);
  assert.match(words, /The closing date must be the same as or after the opening date/);
  assert.match(words, /Select who may respond/);
  assert.match(words, /Select whether this is a major consultation/);
  assert.match(res.body, /href="#purpose"/);
  const made = await t.services.db
    .select()
    .from(consultations)
    .where(eq(consultations.title, title));
  assert.equal(made.length, 0);
  const badDate = await officer.post(`${base}/new`, details(title, { 'opensOn-month': '13' }));
  assert.match(text(badDate.body), /The opening date must be a real date/);
});

test('a stale edit is refused and changes nothing; a fresh one is saved', async () => {
  const id = await create(`Stale ${uniqueTag()}`);
  const form = await officer.get(`${base}/${id}/edit`);
  const version = versionOf(form.body);
  const first = await officer.post(`${base}/${id}/edit`, details('First change', { version }));
  assert.equal(first.statusCode, 303);
  const second = await officer.post(`${base}/${id}/edit`, details('Second change', { version }));
  assert.equal(second.statusCode, 409);
  assert.match(text(second.body), /Someone else changed this consultation/);
  const [row] = await t.services.db.select().from(consultations).where(eq(consultations.id, id));
  assert.equal(row!.title, 'First change');
});

test('CON-01, CON-07: once launched, who may respond and whether it is major stay as they were; once closed, nothing changes', async () => {
  const launched = await makeConsultation(t, {
    audience: 'invited',
    title: `Fixed ${uniqueTag()}`,
  });
  const form = await officer.get(`${base}/${launched.id}/edit`);
  const changed = await officer.post(
    `${base}/${launched.id}/edit`,
    details('Fixed, but public', { version: versionOf(form.body), audience: 'public' }),
  );
  assert.equal(changed.statusCode, 400);
  assert.match(
    text(changed.body),
    /Who may respond cannot be changed once the consultation is launched/,
  );
  const [row] = await t.services.db
    .select()
    .from(consultations)
    .where(eq(consultations.id, launched.id));
  assert.equal(row!.audience, 'invited');
  assert.equal(row!.title, launched.title);

  const closed = await makeConsultation(t, { opensOn: '2024-01-08', closesOn: '2024-03-29' });
  const closedForm = await officer.get(`${base}/${closed.id}/edit`);
  const reopened = await officer.post(
    `${base}/${closed.id}/edit`,
    details('Reopened', { version: versionOf(closedForm.body), audience: 'public' }),
  );
  assert.equal(reopened.statusCode, 400);
  assert.match(
    text(reopened.body),
    /This consultation has closed: its details can no longer be changed/,
  );
});

test('the list filters by phase and audience, and reads each consultation’s phase and dates', async () => {
  const tag = uniqueTag();
  const draft = await makeConsultation(t, {
    title: `Draft ${tag}`,
    launched: false,
    audience: 'panel',
  });
  const open = await makeConsultation(t, { title: `Open ${tag}`, audience: 'panel' });
  await makeConsultation(t, {
    title: `Upcoming ${tag}`,
    audience: 'panel',
    opensOn: '2027-03-01',
    closesOn: '2027-04-01',
  });
  await makeConsultation(t, {
    title: `Closed ${tag}`,
    audience: 'invited',
    opensOn: '2026-01-01',
    closesOn: '2026-02-01',
  });
  const drafts = await member.get(`${base}?phase=draft&audience=panel`);
  const table = tableOf(drafts.body);
  const row = rowOf(table, `Draft ${tag}`);
  assert.equal(row.Phase, 'Draft');
  assert.equal(row['Who may respond'], 'The citizens’ panel');
  assert.equal(row.Dates, '1 January 2000 to 31 December 2099');
  assert.doesNotMatch(text(drafts.body), new RegExp(`Open ${tag}`));
  const opened = text((await member.get(`${base}?phase=open&audience=panel`)).body);
  assert.match(opened, new RegExp(`Open ${tag}`));
  assert.doesNotMatch(opened, new RegExp(`(Draft|Upcoming|Closed) ${tag}`));
  const upcoming = text((await member.get(`${base}?phase=upcoming&audience=panel`)).body);
  assert.match(upcoming, new RegExp(`Upcoming ${tag}`));
  const closed = text((await member.get(`${base}?phase=closed&audience=invited`)).body);
  assert.match(closed, new RegExp(`Closed ${tag}`));
  assert.ok(draft.id && open.id);
  // A member reads but is offered no way to create one.
  assert.doesNotMatch(text(drafts.body), /Create a consultation/);
});

test('CON-07: the builder adds questions of every kind, one shown after an earlier answer; refuses bad ones by field; the preview reads them', async () => {
  const id = await create(`Builder ${uniqueTag()}`);
  const add = `${base}/${id}/questionnaire/questions/new`;
  const ok = async (form: Record<string, string>) =>
    assert.equal((await officer.post(add, form)).statusCode, 303);
  await ok({ kind: 'single', text: 'Do you feel safe?', choices: 'Yes\nNo', required: 'yes' });
  const [safe] = await questionsOf(id);
  const [no] = await t.services.db
    .select()
    .from(questionOptions)
    .where(and(eq(questionOptions.questionId, safe!.id), eq(questionOptions.label, 'No')));
  await ok({ kind: 'text', text: 'What makes you feel unsafe?', shownIf: no!.id });
  await ok({
    kind: 'multiple',
    text: 'Which priorities?',
    choices: 'Burglary\nKnife crime\nRoads',
  });
  await ok({ kind: 'rating', text: 'How well do the police listen?', ratingScale: '7' });

  const refused = await officer.post(add, { kind: 'single', text: 'One choice', choices: 'Only' });
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /Enter at least two choices, one a line/);
  const twice = await officer.post(add, { kind: 'multiple', text: 'Twice', choices: 'A\na' });
  assert.match(text(twice.body), /The choice ‘a’ is there twice/);
  const scale = await officer.post(add, { kind: 'rating', text: 'Scale', ratingScale: '12' });
  assert.match(text(scale.body), /The top of the scale must be a whole number from 2 to 10/);
  assert.equal((await questionsOf(id)).length, 4, 'nothing written by the refusals');

  const builder = text((await officer.get(`${base}/${id}/questionnaire`)).body);
  assert.match(builder, /1\. Do you feel safe\? .*Single choice .*Yes .*Yes No/);
  assert.match(
    builder,
    /2\. What makes you feel unsafe\? .*Text .*Shown Only if question 1 is answered ‘No’/,
  );
  assert.match(builder, /4\. How well do the police listen\? .*Rating .*Scale 1 to 7/);

  const preview = await member.get(`${base}/${id}/questionnaire/preview`);
  const previewed = text(preview.body);
  assert.match(previewed, /This is how a respondent sees the questionnaire/);
  assert.match(previewed, /1\. Do you feel safe\? Yes No/);
  assert.match(
    previewed,
    /Only if question 1 is answered ‘No’ 2\. What makes you feel unsafe\? \(optional\)/,
  );
  assert.match(previewed, /4\. How well do the police listen\? \(optional\) 1 2 3 4 5 6 7/);
});

test('CON-07: moving a question above the one whose answer shows it is refused; others move; removing a shown-by question clears and names the link', async () => {
  const made = await makeConsultation(t, {
    launched: false,
    questions: [
      { kind: 'single', text: 'Safe?', options: ['Yes', 'No'] },
      { kind: 'text', text: 'Why not?', shownIf: [0, 'No'] },
      { kind: 'rating', text: 'Listen?' },
    ],
  });
  const q = (i: number) => `${base}/${made.id}/questionnaire/questions/${made.questions[i]!.id}`;
  const up = await officer.post(`${q(1)}/move`, { direction: 'up' });
  assert.equal(up.statusCode, 409);
  assert.match(
    text(up.body),
    /Question 2 is shown only after an answer to question 1, so it must come after it/,
  );
  assert.equal((await officer.post(`${q(2)}/move`, { direction: 'up' })).statusCode, 303);
  assert.deepEqual(
    (await questionsOf(made.id)).map((r) => r.text),
    ['Safe?', 'Listen?', 'Why not?'],
  );
  // Dropping the choice "No" that question 3 is shown by is refused, naming it.
  const edit = await officer.post(q(0), { kind: 'single', text: 'Safe?', choices: 'Yes\nMaybe' });
  assert.equal(edit.statusCode, 400);
  assert.match(
    text(edit.body),
    /Question 3 \(Why not\?\) is shown only if this one is answered ‘No’/,
  );
  const confirm = text((await officer.get(`${q(0)}/remove`)).body);
  assert.match(confirm, /If you remove it, they will be shown to everyone: 3\. Why not\?/);
  const removed = await officer.post(`${q(0)}/remove`, {});
  assert.equal(removed.statusCode, 303);
  const left = await questionsOf(made.id);
  assert.deepEqual(
    left.map((r) => [r.position, r.text, r.shownIf]),
    [
      [1, 'Listen?', null],
      [2, 'Why not?', null],
    ],
  );
  assert.match(
    text((await officer.get(`${base}/${made.id}/questionnaire`)).body),
    /Question 1 has been removed; question 2 is now shown to everyone/,
  );
});

test('once answered, a version’s questions cannot change (nothing changed); a new version copies them with their show-if, and the response keeps its version', async () => {
  const made = await makeConsultation(t, {
    questions: [
      { kind: 'single', text: 'Safe?', options: ['Yes', 'No'] },
      { kind: 'text', text: 'Why not?', shownIf: [0, 'No'] },
    ],
  });
  const answered = await makeResponse(t, made, { 0: 'No' }, { submitted: false });
  const builder = `${base}/${made.id}/questionnaire`;
  const page = text((await officer.get(builder)).body);
  assert.match(page, /This version has 1 response, so its questions cannot be changed/);
  assert.match(page, /Open a new version/);
  const q0 = `${builder}/questions/${made.questions[0]!.id}`;
  const refused = await officer.post(q0, { kind: 'single', text: 'Changed', choices: 'A\nB' });
  assert.equal(refused.statusCode, 409);
  assert.match(
    text(refused.body),
    /This version has responses, so its questions cannot be changed/,
  );
  assert.equal((await officer.post(`${q0}/remove`, {})).statusCode, 409);
  assert.equal(
    (await officer.post(`${builder}/questions/new`, { kind: 'text', text: 'More' })).statusCode,
    409,
  );
  assert.deepEqual(
    (await questionsOf(made.id)).map((r) => r.text),
    ['Safe?', 'Why not?'],
  );

  assert.equal((await officer.post(`${builder}/new-version`, {})).statusCode, 303);
  const all = await questionsOf(made.id);
  const v2 = all.filter((r) => r.number === 2);
  assert.deepEqual(
    v2.map((r) => r.text),
    ['Safe?', 'Why not?'],
  );
  const [v2No] = await t.services.db
    .select()
    .from(questionOptions)
    .where(and(eq(questionOptions.questionId, v2[0]!.id), eq(questionOptions.label, 'No')));
  assert.equal(v2[1]!.shownIf, v2No!.id, 'the link points at the copied choice');
  const [response] = await t.services.db
    .select()
    .from(responses)
    .where(eq(responses.id, answered.id));
  assert.equal(response!.versionId, made.versionId);
  const now = text((await officer.get(builder)).body);
  assert.match(now, /Version 2 has been opened/);
  assert.match(now, /Questionnaire, version 2/);
  assert.match(now, /Add a question/);
  // The new version may change.
  const v2q = `${builder}/questions/${v2[0]!.id}`;
  assert.equal(
    (await officer.post(v2q, { kind: 'single', text: 'Safe at night?', choices: 'Yes\nNo' }))
      .statusCode,
    303,
  );
});

test('CON-01: a major consultation is launched only once the board approved it; then it opens on its dates and may close early with a reason', async () => {
  const id = await create(`Launch ${uniqueTag()}`);
  const launch = `${base}/${id}/launch`;
  let form = await officer.get(launch);
  assert.match(
    text(form.body),
    /It cannot be launched yet: It is a major consultation and needs the strategy board’s approval first It has no questions: add at least one/,
  );
  const refused = await officer.post(launch, { version: versionOf(form.body) });
  assert.equal(refused.statusCode, 400);
  const [still] = await t.services.db.select().from(consultations).where(eq(consultations.id, id));
  assert.equal(still!.launchedAt, null);
  await officer.post(`${base}/${id}/questionnaire/questions/new`, { kind: 'text', text: 'Why?' });
  await t.services.db
    .update(consultations)
    .set({ approvedOn: '2026-11-20' })
    .where(eq(consultations.id, id));
  form = await officer.get(launch);
  assert.match(text(form.body), /Once launched, it opens on 1 December 2026/);
  assert.equal((await officer.post(launch, { version: versionOf(form.body) })).statusCode, 303);
  let page = await officer.get(`${base}/${id}`);
  assert.match(text(page.body), /has been launched .*Upcoming/);
  assert.equal(
    summaryOf(page.body).get('Strategy board’s approval'),
    'Approved on 20 November 2026',
  );

  const close = `${base}/${id}/close`;
  const closeForm = await officer.get(close);
  const noReason = await officer.post(close, { version: versionOf(closeForm.body), reason: '' });
  assert.equal(noReason.statusCode, 400);
  assert.match(text(noReason.body), /Enter why it is being closed early/);
  assert.equal(
    (
      await officer.post(close, {
        version: versionOf(closeForm.body),
        reason: 'Replaced by the joint survey',
      })
    ).statusCode,
    303,
  );
  page = await officer.get(`${base}/${id}`);
  assert.match(text(page.body), /Closed/);
  assert.match(summaryOf(page.body).get('Closed early')!, /Replaced by the joint survey/);
  const audits = await t.services.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.recordId, id))
    .orderBy(auditEvents.seq);
  assert.deepEqual(
    audits.map((a) => a.action),
    ['consultation.created', 'consultation.launched', 'consultation.closed-early'],
  );
});

test('a member reads consultations but cannot create, change, build, launch or close them; nothing changes', async () => {
  const made = await makeConsultation(t, { launched: false });
  const page = text((await member.get(`${base}/${made.id}`)).body);
  assert.match(page, new RegExp(made.title));
  assert.doesNotMatch(page, /Change the consultation’s details|Launch/);
  const builder = text((await member.get(`${base}/${made.id}/questionnaire`)).body);
  assert.doesNotMatch(builder, /Add a question|Move up|Remove/);
  const q = `${base}/${made.id}/questionnaire/questions/${made.questions[0]!.id}`;
  for (const [url, form] of [
    [`${base}/new`, details('Sneaky')],
    [`${base}/${made.id}/edit`, details('Sneaky', { version: '1' })],
    [`${base}/${made.id}/questionnaire/questions/new`, { kind: 'text', text: 'Sneaky' }],
    [q, { kind: 'text', text: 'Sneaky' }],
    [`${q}/remove`, {}],
    [`${q}/move`, { direction: 'down' }],
    [`${base}/${made.id}/questionnaire/new-version`, {}],
    [`${base}/${made.id}/launch`, { version: '1' }],
    [`${base}/${made.id}/close`, { version: '1', reason: 'x' }],
  ] as const) {
    assert.equal(
      (await member.get(url)).statusCode,
      url.endsWith('/move') || url.endsWith('new-version') ? 404 : 403,
      `GET ${url}`,
    );
    assert.equal((await member.post(url, form)).statusCode, 403, `POST ${url}`);
  }
  const [row] = await t.services.db
    .select()
    .from(consultations)
    .where(eq(consultations.id, made.id));
  assert.equal(row!.title, made.title);
  assert.equal(row!.launchedAt, null);
  assert.equal((await questionsOf(made.id)).length, 2);
});

test('the demo has an open, approved policing-priorities consultation of six questions, one asked after an earlier answer, and a draft awaiting the board; they go with the demo data', async () => {
  await loadDemoData(t.services.db, t.services.secretBox);
  // The demo's dates run from the real today.
  t.clock.current = new Date();
  const reader = await signInNewAccount(t, 'authority_member');
  const open = await reader.get(`${base}?phase=open`);
  const link =
    /href="(\/consultation\/consultations\/[0-9a-f-]{36})">Policing priorities for London \d{4}</.exec(
      open.body,
    );
  assert.ok(link, 'the demo consultation is listed as open');
  const page = await reader.get(link[1]!);
  assert.match(
    text(page.body),
    /Open .*Questionnaire, version 1 .*Do you feel safe in your neighbourhood after dark\?/,
  );
  // A major consultation, launched once the board approved it (consultation-demo's test).
  assert.match(summaryOf(page.body).get('Strategy board’s approval')!, /^Approved on /);
  const builder = text((await reader.get(`${link[1]}/questionnaire`)).body);
  assert.match(
    builder,
    /2\. What makes you feel unsafe\? .*Only if question 1 is answered ‘Not at all safe’/,
  );
  assert.match(builder, /6\. Is there anything else/);
  const drafts = text((await reader.get(`${base}?phase=draft&audience=invited`)).body);
  assert.match(drafts, /Neighbourhood policing in Camden \(major\) Draft Invited consultees/);

  await removeDemoData(t.services.db);
  const left = await t.services.db
    .select({ id: consultations.id })
    .from(consultations)
    .where(eq(consultations.title, 'Neighbourhood policing in Camden'));
  assert.equal(left.length, 0);
});
