/**
 * Issue 25 item 2 (CON-02): consultation programmes with dated stages, through the pages. An
 * authority officer makes the policing-plan programme from the template (or blank), records a
 * stage's actual dates, owner and planned dates, adds, moves and removes stages and copies the
 * programme to the next year; everyone who reads consultation reads which stages slipped and by
 * how much, and the fieldwork in the summer peak. The clock stands at 23 November 2026.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { loadProgrammeDemo } from '../../src/modules/consultation/programmes/demo.js';
import {
  consultationProgrammeStages as stages,
  consultationProgrammes,
} from '../../src/modules/consultation/programmes/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { createTestApp, dateFields, type Agent, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeProgramme } from '../factories/consultation-programmes.js';
import { makePerson, uniqueTag } from '../factories/directory.js';
import { mainOf, rowOf, tableOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;
let member: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
  member = await signInNewAccount(t, 'authority_member');
});
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));
const stageTable = (html: string) => tableOf(html, /^The stages of/);
const stagesOf = (programmeId: string) =>
  t.services.db
    .select()
    .from(stages)
    .where(eq(stages.programmeId, programmeId))
    .orderBy(asc(stages.position));
const auditsOf = async (programmeId: string) =>
  (
    await t.services.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.recordType, 'consultation-programme'),
          eq(auditEvents.recordId, programmeId),
        ),
      )
      .orderBy(auditEvents.seq)
  ).map((a) => a.action);

/** A stage's form as saved, with what the test changes. */
function stageForm(stage: typeof stages.$inferSelect, changes: Record<string, string> = {}) {
  return {
    name: stage.name,
    ownerId: stage.ownerId ?? '',
    fieldwork: stage.fieldwork ? 'yes' : 'no',
    version: String(stage.version),
    ...dateFields('plannedStart', stage.plannedStart),
    ...dateFields('plannedEnd', stage.plannedEnd),
    ...(stage.actualStart ? dateFields('actualStart', stage.actualStart) : {}),
    ...(stage.actualEnd ? dateFields('actualEnd', stage.actualEnd) : {}),
    ...changes,
  };
}

test('CON-02: an officer makes the 2027/28 programme from the template: eight stages planned in their months, the past ones not started shown slipped', async () => {
  const form = await officer.get('/consultation/programmes/new');
  assert.match(text(form.body), /New consultation programme/);
  assert.match(form.body, /name="planYear"[^>]*value="2027"/);
  const made = await officer.post('/consultation/programmes/new', {
    planYear: '2027',
    from: 'template',
    title: `Policing plan 2027/28 consultation ${uniqueTag()}`,
  });
  assert.equal(made.statusCode, 303);
  const page = await officer.get(made.headers.location as string);
  const words = text(page.body);
  assert.match(words, /The programme Policing plan 2027\/28 consultation .* has been made/);
  assert.match(words, /The 2027\/28 policing plan/);
  const table = stageTable(page.body);
  assert.deepEqual(
    table.rows.map((r) => [r[0], r[2]]),
    [
      ['Brief to the planning panel', '1 March 2026 to 31 March 2026'],
      ['Approval of the programme', '1 May 2026 to 31 May 2026'],
      ['Fieldwork (fieldwork)', '1 June 2026 to 30 June 2026'],
      ['Analysis of results with partnership audits', '1 September 2026 to 30 September 2026'],
      ['Results to the board and feedback stage 1', '1 October 2026 to 31 October 2026'],
      ['Priorities drafted', '1 November 2026 to 30 November 2026'],
      ['Feedback stage 2', '1 February 2027 to 31 March 2027'],
      ['Publication', '1 May 2027 to 30 June 2027'],
    ],
  );
  // Nothing recorded yet: a stage not started by its planned start (23 November) has slipped.
  const brief = rowOf(table, 'Brief to the planning panel');
  assert.equal(brief.Actual, 'Not started');
  assert.equal(brief.Owner, 'No owner');
  assert.equal(brief.Status, 'Slipped by 38 weeks and 1 day');
  assert.equal(rowOf(table, 'Priorities drafted').Status, 'Slipped by 3 weeks and 1 day');
  assert.equal(rowOf(table, 'Publication').Status, 'On time');
  // The fieldwork planned in June is clear of the summer peak.
  assert.doesNotMatch(words, /In the summer peak/);
  // The timeline is an image named by its title, the table its equivalent in words.
  assert.match(page.body, /<svg[^>]*role="img"[^>]*aria-labelledby="timeline-title timeline-desc"/);
  assert.match(page.body, /<title id="timeline-title">Timeline of Policing plan 2027\/28/);
  const [programme] = await t.services.db
    .select()
    .from(consultationProgrammes)
    .where(eq(consultationProgrammes.id, (made.headers.location as string).split('/').at(-1)!));
  assert.equal(programme!.planYear, 2027);
  assert.deepEqual(await auditsOf(programme!.id), ['consultation-programme.created']);
});

test('CON-02: fieldwork recorded as ending in August reads slipped by its weeks and in the summer peak, with its owner; the list counts it', async () => {
  const owner = await makePerson(t, { fullName: `Olu Owner ${uniqueTag()}` });
  const programme = await makeProgramme(t, { title: `Fieldwork slip ${uniqueTag()}` });
  const [fieldwork] = (await stagesOf(programme.id)).filter((s) => s.fieldwork);
  const url = `/consultation/programmes/${programme.id}/stages/${fieldwork!.id}`;
  // The owner found by name in the directory, offered as a choice.
  const search = await officer.get(`${url}?q=${encodeURIComponent(owner.fullName)}`);
  assert.match(text(search.body), new RegExp(owner.fullName));
  assert.match(search.body, new RegExp(`name="ownerId"[^>]*value="${owner.id}"`));
  const saved = await officer.post(
    url,
    stageForm(fieldwork!, {
      ownerId: owner.id,
      ...dateFields('actualStart', '2026-06-01'),
      ...dateFields('actualEnd', '2026-08-20'),
      note: 'Street surveys delayed',
    }),
  );
  assert.equal(saved.statusCode, 303);
  const page = await member.get(`/consultation/programmes/${programme.id}`);
  const row = rowOf(stageTable(page.body), 'Fieldwork');
  assert.equal(row.Owner, owner.fullName);
  assert.equal(row.Planned, '1 June 2026 to 30 June 2026');
  assert.equal(row.Actual, '1 June 2026 to 20 August 2026');
  assert.equal(row.Status, 'Slipped by 7 weeks and 2 days In the summer peak (July and August)');
  assert.match(row.Stage!, /Street surveys delayed/);
  // The list says the same of the programme.
  const list = await member.get('/consultation/programmes');
  const listed = rowOf(tableOf(list.body, /Plan year/), programme.title);
  assert.equal(listed['Plan year'], '2027/28');
  assert.equal(listed.Stages, '8');
  // Five stages due to have started have not; with the fieldwork, six have slipped.
  assert.equal(listed.Status, '6 stages slipped Fieldwork in summer peak');
  assert.deepEqual(await auditsOf(programme.id), ['consultation-programme.stage-changed']);
});

test('CON-02: a stage finished on its planned dates reads on time; one still running past its end has slipped to today', async () => {
  const programme = await makeProgramme(t, {
    stages: [
      {
        name: 'Brief to the planning panel',
        plannedStart: '2026-03-01',
        plannedEnd: '2026-03-31',
        actualStart: '2026-03-02',
        actualEnd: '2026-03-30',
      },
      {
        name: 'Priorities drafted',
        plannedStart: '2026-11-01',
        plannedEnd: '2026-11-20',
        actualStart: '2026-11-01',
      },
    ],
  });
  const table = stageTable((await member.get(`/consultation/programmes/${programme.id}`)).body);
  // Started a day late, it is a day slipped, though it ended in time.
  assert.equal(rowOf(table, 'Brief').Status, 'Slipped by 1 day');
  const running = rowOf(table, 'Priorities');
  assert.equal(running.Actual, 'Started 1 November 2026, not finished');
  assert.equal(running.Status, 'Slipped by 3 days');
});

test('CON-02: bad dates are refused, each named by its field, and nothing is written', async () => {
  const programme = await makeProgramme(t);
  const [brief] = await stagesOf(programme.id);
  const url = `/consultation/programmes/${programme.id}/stages/${brief!.id}`;
  const cases: [Record<string, string>, RegExp, string][] = [
    [
      dateFields('plannedEnd', '2026-02-01'),
      /The planned end must be the same as or after the planned start/,
      'plannedEnd-day',
    ],
    [
      dateFields('actualEnd', '2026-03-20'),
      /Enter the actual start before the actual end/,
      'actualStart-day',
    ],
    [
      { ...dateFields('actualStart', '2026-03-20'), ...dateFields('actualEnd', '2026-03-10') },
      /The actual end must be the same as or after the actual start/,
      'actualEnd-day',
    ],
    [
      { 'actualStart-day': '31', 'actualStart-month': '2', 'actualStart-year': '2026' },
      /The actual start must be a real date/,
      'actualStart-day',
    ],
    [
      { 'plannedStart-day': '', 'plannedStart-month': '', 'plannedStart-year': '' },
      /Enter the planned start/,
      'plannedStart-day',
    ],
    [{ name: '' }, /Enter the name of the stage/, 'name'],
  ];
  for (const [changes, message, field] of cases) {
    const res = await officer.post(url, stageForm(brief!, changes));
    assert.equal(res.statusCode, 400, JSON.stringify(changes));
    const words = text(res.body);
    assert.match(words, /There is a problem/);
    assert.match(words, message);
    assert.match(res.body, new RegExp(`href="#${field}"`));
  }
  const [after] = await stagesOf(programme.id);
  assert.deepEqual(after, brief);
  assert.deepEqual(await auditsOf(programme.id), []);
});

test('CON-02: a stage changed by someone else since the form was shown is refused, and their change kept', async () => {
  const programme = await makeProgramme(t);
  const [brief] = await stagesOf(programme.id);
  const url = `/consultation/programmes/${programme.id}/stages/${brief!.id}`;
  const first = await officer.post(url, stageForm(brief!, dateFields('actualStart', '2026-03-02')));
  assert.equal(first.statusCode, 303);
  const late = await officer.post(url, stageForm(brief!, dateFields('actualStart', '2026-03-09')));
  assert.equal(late.statusCode, 409);
  assert.match(text(late.body), /Someone else changed this stage while you were editing it/);
  const [after] = await stagesOf(programme.id);
  assert.equal(after!.actualStart, '2026-03-02');
  assert.equal(after!.version, 2);
});

test('CON-02: a plan year or a start that is not given is refused by field on the new programme form', async () => {
  const res = await officer.post('/consultation/programmes/new', { planYear: '27', from: '' });
  assert.equal(res.statusCode, 400);
  const words = text(res.body);
  assert.match(words, /Enter the plan year as a year from 2000 to 2100, for example 2027/);
  assert.match(words, /Select whether to start from the template or a blank programme/);
});

test('CON-02: a viewer reads a programme but may not change it: no change links, and each change refused with nothing written', async () => {
  const programme = await makeProgramme(t);
  const [brief] = await stagesOf(programme.id);
  const page = await member.get(`/consultation/programmes/${programme.id}`);
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(text(page.body), /Change|Add a stage|Copy the programme/);
  const base = `/consultation/programmes/${programme.id}`;
  for (const url of [
    '/consultation/programmes/new',
    `${base}/stages/new`,
    `${base}/stages/${brief!.id}`,
    `${base}/stages/${brief!.id}/remove`,
    `${base}/copy`,
  ])
    assert.equal((await member.get(url)).statusCode, 403, url);
  const posts: [string, Record<string, string>][] = [
    ['/consultation/programmes/new', { planYear: '2030', from: 'template' }],
    [`${base}/stages/${brief!.id}`, stageForm(brief!, dateFields('actualStart', '2026-03-01'))],
    [`${base}/stages/${brief!.id}/move`, { direction: 'down' }],
    [`${base}/stages/${brief!.id}/remove`, {}],
    [`${base}/copy`, {}],
  ];
  for (const [url, body] of posts)
    assert.equal((await member.post(url, body)).statusCode, 403, url);
  assert.deepEqual((await stagesOf(programme.id))[0], brief);
  assert.deepEqual(await auditsOf(programme.id), []);
  // Someone who does not read consultation does not see programmes at all.
  const visitor = await signInNewAccount(t, 'lay_visitor');
  assert.equal((await visitor.get(base)).statusCode, 403);
});

test('CON-02: a blank programme gets stages added, moved and removed, each one audit event', async () => {
  const made = await officer.post('/consultation/programmes/new', {
    planYear: '2031',
    from: 'blank',
  });
  const programmeId = (made.headers.location as string).split('/').at(-1)!;
  const page = await officer.get(`/consultation/programmes/${programmeId}`);
  assert.match(text(page.body), /Policing plan 2031\/32 consultation/);
  assert.match(text(page.body), /This programme has no stages yet/);
  const add = `/consultation/programmes/${programmeId}/stages/new`;
  for (const [name, from, to] of [
    ['Brief to the planning panel', '2030-03-01', '2030-03-31'],
    ['Citizens panel wave', '2030-06-01', '2030-07-15'],
  ] as const)
    assert.equal(
      (
        await officer.post(add, {
          name,
          fieldwork: name.startsWith('Citizens') ? 'yes' : 'no',
          ...dateFields('plannedStart', from),
          ...dateFields('plannedEnd', to),
        })
      ).statusCode,
      303,
    );
  let table = stageTable((await officer.get(`/consultation/programmes/${programmeId}`)).body);
  assert.deepEqual(
    table.rows.map((r) => r[0]),
    ['Brief to the planning panel', 'Citizens panel wave (fieldwork)'],
  );
  // Planned into July, the fieldwork is flagged before it starts.
  assert.equal(rowOf(table, 'Citizens').Status, 'On time In the summer peak (July)');
  const [first, second] = await stagesOf(programmeId);
  // The last cannot move down; the second moves up.
  const refused = await officer.post(
    `/consultation/programmes/${programmeId}/stages/${second!.id}/move`,
    { direction: 'down' },
  );
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /That stage cannot move that way/);
  await officer.post(`/consultation/programmes/${programmeId}/stages/${second!.id}/move`, {
    direction: 'up',
  });
  table = stageTable((await officer.get(`/consultation/programmes/${programmeId}`)).body);
  assert.deepEqual(
    table.rows.map((r) => r[0]),
    ['Citizens panel wave (fieldwork)', 'Brief to the planning panel'],
  );
  const confirm = await officer.get(
    `/consultation/programmes/${programmeId}/stages/${first!.id}/remove`,
  );
  assert.match(text(confirm.body), /Remove this programme stage/);
  await officer.post(`/consultation/programmes/${programmeId}/stages/${first!.id}/remove`, {});
  const left = await stagesOf(programmeId);
  assert.deepEqual(
    left.map((s) => [s.position, s.name]),
    [[1, 'Citizens panel wave']],
  );
  assert.deepEqual(await auditsOf(programmeId), [
    'consultation-programme.created',
    'consultation-programme.stage-added',
    'consultation-programme.stage-added',
    'consultation-programme.stage-moved',
    'consultation-programme.stage-removed',
  ]);
});

test('CON-02: copied to next year, a programme keeps its stages and owners, planned a year on, with no actual dates', async () => {
  const owner = await makePerson(t, { fullName: `Kit Keeper ${uniqueTag()}` });
  const programme = await makeProgramme(t, {
    title: 'Policing plan 2027/28 consultation (copy test)',
    stages: [
      {
        name: 'Fieldwork',
        plannedStart: '2026-06-01',
        plannedEnd: '2026-06-30',
        actualStart: '2026-06-01',
        actualEnd: '2026-08-20',
        fieldwork: true,
        ownerId: owner.id,
        note: 'Late',
      },
    ],
  });
  const confirm = await officer.get(`/consultation/programmes/${programme.id}/copy`);
  assert.match(
    text(confirm.body),
    /A programme for the 2028\/29 plan will be made with this programme's 1 stage and its owner/,
  );
  const copied = await officer.post(`/consultation/programmes/${programme.id}/copy`, {});
  assert.equal(copied.statusCode, 303);
  const page = await officer.get(copied.headers.location as string);
  assert.match(text(page.body), /Policing plan 2028\/29 consultation \(copy test\)/);
  const row = rowOf(stageTable(page.body), 'Fieldwork');
  assert.equal(row.Owner, owner.fullName);
  assert.equal(row.Planned, '1 June 2027 to 30 June 2027');
  assert.equal(row.Actual, 'Not started');
  assert.equal(row.Status, 'On time');
  const newId = (copied.headers.location as string).split('/').at(-1)!;
  const [stage] = await stagesOf(newId);
  assert.equal(stage!.note, null);
  assert.deepEqual(await auditsOf(newId), ['consultation-programme.copied']);
  // The one copied from is as it was.
  assert.equal((await stagesOf(programme.id))[0]!.actualEnd, '2026-08-20');
});

test('CON-02: the home page offers the programmes to those who read consultation, not to others', async () => {
  assert.match((await member.get('/')).body, /href="\/consultation\/programmes"/);
  const visitor = await signInNewAccount(t, 'lay_visitor');
  assert.doesNotMatch((await visitor.get('/')).body, /href="\/consultation\/programmes"/);
});

test('CON-02: the demo programme is the template with its fieldwork slipped into August', async () => {
  const officerPerson = await makePerson(t);
  const memberPerson = await makePerson(t);
  const id = await loadProgrammeDemo(
    t.services.db,
    { officer: officerPerson.id, member: memberPerson.id },
    '2026-11-23',
  );
  const table = stageTable((await member.get(`/consultation/programmes/${id}`)).body);
  const slipped = table.rows.filter((r) => /Slipped/.test(r[4]!)).map((r) => r[0]);
  assert.deepEqual(slipped, [
    'Fieldwork (fieldwork) Street surveys in the outer boroughs were delayed.',
  ]);
  assert.match(rowOf(table, 'Fieldwork').Status!, /In the summer peak \(July and August\)/);
  assert.equal(rowOf(table, 'Priorities drafted').Actual, 'Started 1 November 2026, not finished');
});
