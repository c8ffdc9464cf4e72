import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { organisations } from '../../src/modules/directory/schema.js';
import { advisoryGroups } from '../../src/modules/groups/schema.js';
import { meetingPapers } from '../../src/modules/meetings/schema.js';
import {
  trackerActions,
  trackerRecommendations,
  trackerReports,
  trackerSources,
  trackerUpdates,
} from '../../src/modules/tracker/schema.js';
import { createTestApp, groupIdByCode, principalFor, type Agent, type TestApp } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { organisationIdByCode } from '../factories/tracker.js';

let t: TestApp;
let officer: Agent;
let camdenId: string;
let hrId: string;
/** Camden's partnership officer. */
let pat: FactoryAccount;

const idFrom = (location: string | undefined) => location!.split('?')[0]!.split('/').pop()!;

before(async () => {
  // No demo data: the file makes the people it reads. Camden, HR and the IAGs are reference data.
  t = await createTestApp({ demo: false });
  officer = await signInAccount(t, await makeAccount(t, { role: 'authority_officer' }));
  const db = t.services.db;
  const [camden] = await db.select().from(organisations).where(eq(organisations.code, 'E09000007'));
  const [hr] = await db
    .select()
    .from(organisations)
    .where(eq(organisations.code, 'human-resources'));
  camdenId = camden!.id;
  hrId = hr!.id;
  pat = await makeAccount(t, {
    role: 'partnership_officer',
    name: 'Inspector Pat Partnership',
    scope: { type: 'borough', id: camdenId },
  });
});
after(() => t.close());

/** The Race and Faith Inquiry recorded by hand (LEG-07), owned by HR; gives its id. */
async function recordSource(app: TestApp, agent: Agent): Promise<string> {
  const created = await agent.post('/tracker/new', {
    title: 'Race and Faith Inquiry',
    kind: 'inquiry',
    monitoredBy: 'Race and Faith Inquiry Monitoring Group',
    reportsTo: 'Communities, Equalities and People Committee',
    owner: await organisationIdByCode(app, 'human-resources'),
    isPublic: 'yes',
    'sourceDate-day': '2',
    'sourceDate-month': '7',
    'sourceDate-year': '2010',
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 1500));
  return idFrom(created.headers.location);
}

/**
 * The inquiry as an officer builds it by hand (TRK-01), for a test to read: recommendations 22
 * and 24; under 22 a key point led by HR, with an action owned by Camden that was due on
 * 1 October 2026 (overdue) and one nobody owns. Gives the ids of the source and of the action
 * nobody owns.
 */
async function recordInquiry(
  app: TestApp,
  agent: Agent,
): Promise<{ sourceId: string; reviewId: string }> {
  const sourceId = await recordSource(app, agent);
  const add = async (number: string, text: string) => {
    const added = await agent.post(`/tracker/sources/${sourceId}/recommendations/new`, {
      number,
      text,
    });
    assert.equal(added.statusCode, 303, added.body.slice(0, 1500));
    return idFrom(added.headers.location);
  };
  const recommendationId = await add('22', 'Recruit from under-represented communities');
  await add('24', 'Publish workforce figures every quarter');
  const keyPoint = await agent.post(`/tracker/recommendations/${recommendationId}/key-points/new`, {
    text: 'Recruitment reaches the communities under-represented',
    leadOrganisation: await organisationIdByCode(app, 'human-resources'),
  });
  assert.equal(keyPoint.statusCode, 303, keyPoint.body.slice(0, 1500));
  const recPage = await agent.get(`/tracker/recommendations/${recommendationId}`);
  const keyPointId = /\/tracker\/key-points\/([0-9a-f-]{36})\/actions\/new/.exec(recPage.body)![1]!;
  const action = async (fields: Record<string, string>) => {
    const added = await agent.post(`/tracker/key-points/${keyPointId}/actions/new`, fields);
    assert.equal(added.statusCode, 303, added.body.slice(0, 1500));
    const [row] = await app.services.db
      .select({ id: trackerActions.id })
      .from(trackerActions)
      .where(
        and(
          eq(trackerActions.keyPointId, keyPointId),
          eq(trackerActions.description, fields.description!),
        ),
      );
    return row!.id;
  };
  await action({
    description: 'Outreach events in Camden',
    'owner-0-organisation': await organisationIdByCode(app, 'E09000007'),
    'dueOn-day': '1',
    'dueOn-month': '10',
    'dueOn-year': '2026',
    result: 'ongoing',
    narrative: 'Two events held',
  });
  const reviewId = await action({ description: 'Review the application form', result: 'awaits' });
  return { sourceId, reviewId };
}

test('LEG-07: a source is recorded by hand; an inquiry must name the group that monitors it', async () => {
  const missing = await officer.post('/tracker/new', {
    title: 'Race and Faith Inquiry',
    kind: 'inquiry',
    isPublic: 'yes',
  });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /Enter the group that monitors it to completion \(LEG-07\)/);
  const created = await officer.post('/tracker/new', {
    title: 'Race and Faith Inquiry',
    kind: 'inquiry',
    monitoredBy: 'Race and Faith Inquiry Monitoring Group',
    reportsTo: 'Communities, Equalities and People Committee',
    owner: hrId,
    isPublic: 'yes',
    'sourceDate-day': '2',
    'sourceDate-month': '7',
    'sourceDate-year': '2010',
  });
  assert.equal(created.statusCode, 303, created.body.slice(0, 1500));
  const sourceId = idFrom(created.headers.location);
  const page = await officer.get(`/tracker/sources/${sourceId}`);
  assert.match(page.body, /Race and Faith Inquiry Monitoring Group/);
  assert.match(page.body, /Human Resources Directorate/);
});

test('TRK-01: recommendations, key points and actions are added by hand, the numbering as the source gives it', async () => {
  const sourceId = await recordSource(t, officer);
  const add = (number: string, text: string) =>
    officer.post(`/tracker/sources/${sourceId}/recommendations/new`, { number, text });
  const first = await add('22', 'Recruit from under-represented communities');
  assert.equal(first.statusCode, 303);
  assert.equal((await add('24', 'Publish workforce figures every quarter')).statusCode, 303);
  const again = await add('22', 'A second 22');
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /This source already has a number 22/);
  const bad = await add('R5', '');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Enter its number as the source gives it/);
  assert.match(bad.body, /Enter the text of the recommendation/);

  const recommendationId = idFrom(first.headers.location);
  const keyPoint = await officer.post(
    `/tracker/recommendations/${recommendationId}/key-points/new`,
    {
      text: 'Recruitment reaches the communities under-represented',
      'lead-0-organisation': hrId,
    },
  );
  assert.equal(keyPoint.statusCode, 303, keyPoint.body.slice(0, 1500));
  const both = await officer.post(`/tracker/recommendations/${recommendationId}/key-points/new`, {
    text: 'x',
    'lead-0-organisation': hrId,
    'lead-0-name': pat.email,
  });
  assert.match(both.body, /Choose a unit or give a person’s name, not both/);

  const recPage = await officer.get(`/tracker/recommendations/${recommendationId}`);
  const keyPointId = /\/tracker\/key-points\/([0-9a-f-]{36})\/actions\/new/.exec(recPage.body)![1]!;
  const completedInFuture = await officer.post(`/tracker/key-points/${keyPointId}/actions/new`, {
    description: 'Outreach events in Camden',
    'owner-0-organisation': camdenId,
    result: 'completed',
    'completedOn-day': '1',
    'completedOn-month': '1',
    'completedOn-year': '2030',
  });
  assert.equal(completedInFuture.statusCode, 400);
  assert.match(completedInFuture.body, /The completion date must be today or in the past/);
  const action = await officer.post(`/tracker/key-points/${keyPointId}/actions/new`, {
    description: 'Outreach events in Camden',
    'owner-0-organisation': camdenId,
    'dueOn-day': '1',
    'dueOn-month': '10',
    'dueOn-year': '2026',
    result: 'ongoing',
    narrative: 'Two events held',
  });
  assert.equal(action.statusCode, 303, action.body.slice(0, 1500));
  const unowned = await officer.post(`/tracker/key-points/${keyPointId}/actions/new`, {
    description: 'Review the application form',
    result: 'awaits',
  });
  assert.equal(unowned.statusCode, 303);
  const [added] = await t.services.db
    .select()
    .from(trackerActions)
    .where(
      and(
        eq(trackerActions.sourceId, sourceId),
        eq(trackerActions.description, 'Outreach events in Camden'),
      ),
    );
  const [history] = await t.services.db
    .select({ n: count() })
    .from(trackerUpdates)
    .where(and(eq(trackerUpdates.actionId, added!.id), eq(trackerUpdates.kind, 'added')));
  assert.equal(history!.n, 1);

  // Its owner and due date are changed by a manager; nobody else may.
  const details = await officer.post(`/tracker/actions/${added!.id}/details`, {
    description: 'Outreach events in Camden',
    'owner-0-name': 'nobody@example.org',
  });
  assert.match(details.body, /There is nobody in the directory with that e-mail address/);
  const member = await signInAccount(t, await makeAccount(t, { role: 'authority_member' }));
  assert.equal((await member.get(`/tracker/actions/${added!.id}/details`)).statusCode, 403);
});

test('TRK-01: the dashboard lists overdue and unowned actions, filtered by owner and borough, and sources by completion', async () => {
  // The dashboard counts every source's actions, so this test has a database of its own,
  // holding only the inquiry it records.
  const own = await createTestApp({ demo: false });
  try {
    const officer = await signInAccount(own, await makeAccount(own, { role: 'authority_officer' }));
    await recordInquiry(own, officer);
    const camdenId = await organisationIdByCode(own, 'E09000007');
    const hrId = await organisationIdByCode(own, 'human-resources');
    const all = await officer.get('/tracker/dashboard');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /Overdue actions: 1/);
    assert.match(all.body, /Outreach events in Camden/);
    assert.match(all.body, /Open actions without an owner: 1/);
    assert.match(all.body, /Review the application form/);
    assert.match(all.body, /Race and Faith Inquiry<\/a>/);
    const camden = await officer.get(`/tracker/dashboard?borough=${camdenId}`);
    assert.match(camden.body, /Overdue actions: 1/);
    assert.match(camden.body, /Open actions without an owner: 0/);
    const hr = await officer.get(`/tracker/dashboard?owner=${hrId}`);
    assert.match(hr.body, /Overdue actions: 0/);
  } finally {
    await own.close();
  }
});

test('CON-08, IAG-25: a group’s work schedule for a reporting year is a work plan, one per year', async () => {
  const [race] = await t.services.db
    .select({ id: advisoryGroups.id })
    .from(advisoryGroups)
    .where(eq(advisoryGroups.name, 'Race Independent Advisory Group'));
  const plan = {
    title: 'Race IAG work schedule 2026-27',
    kind: 'work_plan',
    group: race!.id,
    coversYear: '2026',
    reportsTo: 'Director, Diversity and Citizen Focus Directorate',
  };
  const wrongKind = await officer.post('/tracker/new', { ...plan, kind: 'review' });
  assert.match(
    wrongKind.body,
    /Only a work plan \(its work schedule\) or an annual report belongs to a group/,
  );
  const noYear = await officer.post('/tracker/new', { ...plan, coversYear: '' });
  assert.match(noYear.body, /Select the reporting year it covers/);
  const created = await officer.post('/tracker/new', plan);
  assert.equal(created.statusCode, 303, created.body.slice(0, 1500));
  const planId = idFrom(created.headers.location);
  const page = await officer.get(`/tracker/sources/${planId}`);
  assert.match(page.body, /Race Independent Advisory Group, 2026-27/);
  assert.match(page.body, /Add an objective/);
  const again = await officer.post('/tracker/new', { ...plan, title: 'Another' });
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /This group already has a work plan for 2026-27/);
  // Objectives, then strands with a named lead (CON-08).
  const objective = await officer.post(`/tracker/sources/${planId}/recommendations/new`, {
    number: '1',
    section: 'Strengthening the community voice',
    text: 'Advise on every critical incident in the year',
  });
  assert.equal(objective.statusCode, 303);
  const chair = await makeAccount(t, {
    role: 'chair',
    name: 'Charlie Chair',
    scope: { type: 'group', id: race!.id },
  });
  const strand = await officer.post(
    `/tracker/recommendations/${idFrom(objective.headers.location)}/key-points/new`,
    { text: 'Critical incident strand', 'lead-0-name': chair.email },
  );
  assert.equal(strand.statusCode, 303, strand.body.slice(0, 1500));
  const objectivePage = await officer.get(
    `/tracker/recommendations/${idFrom(objective.headers.location)}`,
  );
  assert.match(objectivePage.body, /Objective 1/);
  assert.match(objectivePage.body, /Lead: Charlie Chair/);
});

test('IAG-26: the corporate IAGs’ annual reports are expected by 31 July, once, and overdue after it', async () => {
  const expected = await officer.post('/tracker/annual-reports');
  assert.equal(expected.statusCode, 303);
  const db = t.services.db;
  const [corporate] = await db
    .select({ n: count() })
    .from(advisoryGroups)
    .where(and(eq(advisoryGroups.type, 'corporate_iag'), eq(advisoryGroups.status, 'active')));
  const reports = await db
    .select()
    .from(trackerSources)
    .where(eq(trackerSources.kind, 'annual_report'));
  assert.equal(reports.length, corporate!.n);
  assert.ok(reports.every((r) => r.dueOn === '2026-07-31' && r.coversYear === 2025));
  // Each is stored with its title and whom it reports to, worded when it is expected.
  assert.ok(
    reports.every(
      (r) =>
        /^Annual report 2025-26: .+/.test(r.title) &&
        r.reportsTo === 'Director, Diversity and Citizen Focus Directorate',
    ),
  );
  await officer.post('/tracker/annual-reports');
  const [again] = await db
    .select({ n: count() })
    .from(trackerSources)
    .where(eq(trackerSources.kind, 'annual_report'));
  assert.equal(again!.n, corporate!.n);
  const dashboard = await officer.get('/tracker/dashboard');
  assert.match(dashboard.body, /Annual report 2025-26: Race Independent Advisory Group/);
  assert.match(dashboard.body, /govuk-tag--red">Overdue/);

  const race = reports.find((r) => r.title.endsWith('Race Independent Advisory Group'))!;
  const future = await officer.post(`/tracker/sources/${race.id}/received`, {
    'receivedOn-day': '1',
    'receivedOn-month': '1',
    'receivedOn-year': '2030',
  });
  assert.match(future.body, /The date must be today or in the past/);
  const received = await officer.post(`/tracker/sources/${race.id}/received`, {
    'receivedOn-day': '28',
    'receivedOn-month': '7',
    'receivedOn-year': '2026',
  });
  assert.equal(received.statusCode, 303);
  // (The success message names it, so the due list is checked by its "Mark received" link.)
  assert.doesNotMatch(
    (await officer.get('/tracker/dashboard')).body,
    /Mark received<span class="govuk-visually-hidden">: Annual report 2025-26: Race Independent/,
  );
});

test('IAG-28: the review of the advisory process is scheduled three years after the last, one at a time', async () => {
  const first = await officer.post('/tracker/process-review', {
    'lastReviewOn-day': '29',
    'lastReviewOn-month': '3',
    'lastReviewOn-year': '2025',
  });
  assert.equal(first.statusCode, 303);
  const [review] = await t.services.db
    .select()
    .from(trackerSources)
    .where(eq(trackerSources.title, 'Review of the independent advisory group process'));
  assert.equal(review!.dueOn, '2028-03-29');
  const second = await officer.post('/tracker/process-review', {
    'lastReviewOn-day': '1',
    'lastReviewOn-month': '1',
    'lastReviewOn-year': '2026',
  });
  assert.equal(second.statusCode, 409);
  assert.match(second.body, /already scheduled/);
});

test('a public source shows its recommendations and progress to anyone, never a person’s name', async () => {
  const db = t.services.db;
  const { sourceId, reviewId } = await recordInquiry(t, officer);
  await officer.post(`/tracker/actions/${reviewId}/details`, {
    description: 'Review the application form',
    'owner-0-name': pat.email,
  });
  const list = await t.app.inject({ url: '/recommendations' });
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Race and Faith Inquiry/);
  const page = await t.app.inject({ url: `/recommendations/${sourceId}` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Recommendation 22/);
  assert.match(page.body, /Owner: Camden/);
  assert.doesNotMatch(page.body, /Pat Partnership/);
  const [privateSource] = await db
    .insert(trackerSources)
    .values({
      title: 'Internal review',
      kind: 'review',
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    .returning();
  assert.equal(
    (await t.app.inject({ url: `/recommendations/${privateSource!.id}` })).statusCode,
    404,
  );
});

test('TRK-01: the report is a tagged PDF, and attaches to a meeting’s agenda as a paper', async () => {
  const { sourceId } = await recordInquiry(t, officer);
  const pdf = await officer.get(`/tracker/sources/${sourceId}/report.pdf`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  const bytes = pdf.rawPayload;
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  assert.match(bytes.toString('latin1'), /\/StructTreeRoot/);
  assert.match(bytes.toString('latin1'), /\/Lang \(en-GB\)/);

  // The authority officer supports no meeting, so has nothing to attach to.
  const none = await officer.get(`/tracker/sources/${sourceId}/report/attach`);
  assert.match(none.body, /There is no agenda item of a meeting to come/);

  // The coordination unit supports the advisory groups' meetings: it tables an item and attaches.
  const unitAccount = await makeAccount(t, { role: 'coordination_unit' });
  const unit = await principalFor(t, unitAccount.email);
  const raceId = await groupIdByCode(t, 'iag-race');
  const [meeting] = await t.services.meetings.schedule(unit, 'advisory_group', raceId, {
    title: 'Full meeting',
    'date-day': '10',
    'date-month': '12',
    'date-year': '2026',
    startTime: '18:00',
    format: 'online',
    repeat: 'once',
  });
  const item = await t.services.meetings.tableItem(unit, meeting!.id, {
    title: 'Progress on the Race and Faith Inquiry',
  });
  const coordinator = await signInAccount(t, unitAccount);
  const form = await coordinator.get(`/tracker/sources/${sourceId}/report/attach`);
  assert.match(form.body, /Progress on the Race and Faith Inquiry/);
  const missing = await coordinator.post(`/tracker/sources/${sourceId}/report/attach`, {
    date: '2026-11-23',
  });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /Select the agenda item to attach it to/);
  const attached = await coordinator.post(`/tracker/sources/${sourceId}/report/attach`, {
    date: '2026-11-23',
    item: `${meeting!.id}/${item.id}`,
  });
  assert.equal(attached.statusCode, 303, attached.body.slice(0, 1500));
  assert.equal(attached.headers.location, `/meetings/${meeting!.id}`);
  const [paper] = await t.services.db
    .select()
    .from(meetingPapers)
    .where(eq(meetingPapers.agendaItemId, item.id));
  assert.equal(paper!.mediaType, 'application/pdf');
  assert.match(paper!.title, /Progress report as at 23 November 2026: Race and Faith Inquiry/);
  const [recorded] = await t.services.db
    .select()
    .from(trackerReports)
    .where(eq(trackerReports.sourceId, sourceId));
  assert.equal(recorded!.meetingId, meeting!.id);
  const [numbers] = await t.services.db
    .select({ n: count() })
    .from(trackerRecommendations)
    .where(eq(trackerRecommendations.sourceId, sourceId));
  assert.equal(numbers!.n, 2);
});
