/**
 * Issue 26 part 2 (CON-04, CON-05, CDRP-12): applying online for what you represent: an
 * engagement group's officer, a borough's partnership officer, a community organisation's member;
 * a draft saved section by section and come back to, submitted complete while the round is open,
 * withdrawn; and staff's lists. With the refusals: incomplete, closed, forged, someone else's.
 * Each test makes its own funds, rounds, groups and people. The clock is 23 November 2026.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { people } from '../../src/modules/directory/schema.js';
import { engagementGroups } from '../../src/modules/engagement/schema.js';
import type { ApplicantKind } from '../../src/modules/grants/constants.js';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import {
  grantApplications,
  grantBudgetLines,
  grantFunds,
} from '../../src/modules/grants/schema.js';
import { Agent, createTestApp, dateFields, signInAs, type TestApp } from '../app.js';
import { makeAccount, signInAccount, signInNewAccount } from '../factories/accounts.js';
import { makeBorough, makeOrganisation, uniqueTag } from '../factories/directory.js';
import {
  makeApplication,
  makeAwardedApplication,
  makeEngagementGroup,
  makeFund,
  makeRound,
} from '../factories/grants.js';
import { deadErrorLinks } from '../error-summary.js';
import { mainOf, rowRecords, tableOf, textOf } from '../html.js';

let t: TestApp;
let staff: Agent;

before(async () => {
  t = await createTestApp();
  staff = await signInNewAccount(t, 'authority_officer');
});
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));
/** An open round (1 November to 15 December 2026) of a new fund accepting these applicants. */
async function openRound(applicantKinds?: ApplicantKind[]) {
  const fund = await makeFund(t, applicantKinds ? { applicantKinds } : {});
  const round = await makeRound(t, fund.id, { opensOn: '2026-11-01', closesOn: '2026-12-15' });
  return { fund, round };
}
async function engagementOfficer() {
  const group = await makeEngagementGroup(t, { name: `Camden CPEG ${uniqueTag()}` });
  const account = await makeAccount(t, {
    role: 'engagement_officer',
    scope: { type: 'engagement_group', id: group.id },
  });
  return { group, account, agent: await signInAccount(t, account) };
}
const applicationsOf = (groupId: string) =>
  t.services.db
    .select()
    .from(grantApplications)
    .where(eq(grantApplications.engagementGroupId, groupId));

test('CON-04: an engagement officer applies for their group across sections, comes back to the saved draft, and submits', async () => {
  const { round } = await openRound();
  const { group, agent } = await engagementOfficer();

  const start = text((await agent.get(`/funding/rounds/${round.id}/apply`)).body);
  assert.match(start, new RegExp(`${group.name} Engagement groups`));
  const started = await agent.post(`/funding/rounds/${round.id}/apply`, {
    applicant: `engagement_group:${group.id}`,
    projectTitle: 'Youth listening events',
  });
  assert.equal(started.statusCode, 303);
  const appUrl = started.headers.location as string;
  let tasks = text((await agent.get(appUrl)).body);
  assert.match(tasks, /You have completed 0 of 4 sections/);
  assert.match(tasks, /About the project In progress/);
  assert.match(tasks, /Budget Not yet started/);

  // About the project, part-way, then "Save and come back later".
  const later = await agent.post(`${appUrl}/about`, {
    projectTitle: 'Youth listening events',
    summary: 'Six listening events with young people and the police.',
    later: '1',
  });
  assert.equal(later.headers.location, '/funding/applications');
  const yours = await agent.get('/funding/applications');
  assert.deepEqual(
    rowRecords(tableOf(yours.body)).map((r) => [r['Project title'], r.Status]),
    [['Youth listening events', 'Draft']],
  );
  // Back again: what was saved is there.
  const about = await agent.get(`${appUrl}/about`);
  assert.match(about.body, /Six listening events with young people and the police\./);
  const badDates = await agent.post(`${appUrl}/about`, {
    projectTitle: 'Youth listening events',
    summary: 'Six listening events.',
    ...dateFields('startsOn', '2027-03-01'),
    ...dateFields('endsOn', '2027-01-01'),
  });
  assert.equal(badDates.statusCode, 400);
  assert.match(text(badDates.body), /The project must end on or after the day it starts/);
  const aboutSaved = await agent.post(`${appUrl}/about`, {
    projectTitle: 'Youth listening events',
    summary: 'Six listening events.',
    ...dateFields('startsOn', '2027-01-01'),
    ...dateFields('endsOn', '2027-06-30'),
  });
  assert.equal(aboutSaved.headers.location, `${appUrl}/objectives`);
  await agent.post(`${appUrl}/objectives`, {
    objectives: 'Build trust between young people and the police.',
    activities: 'Six events and a youth panel.',
  });

  // CDRP-12: budget lines in pounds and pence; a bad amount is refused, a line removed.
  const negative = await agent.post(`${appUrl}/budget`, {
    lineDescription: 'Hall hire',
    amount: '-50',
  });
  assert.equal(negative.statusCode, 400);
  assert.match(text(negative.body), /The amount cannot be negative/);
  await agent.post(`${appUrl}/budget`, { lineDescription: 'Hall hire', amount: '£1,250.50' });
  await agent.post(`${appUrl}/budget`, { lineDescription: 'Refreshments', amount: '400' });
  await agent.post(`${appUrl}/budget`, { lineDescription: 'Mistake', amount: '9' });
  const [row] = await applicationsOf(group.id);
  const budgetPage = await agent.get(`${appUrl}/budget`);
  const all = rowRecords(tableOf(budgetPage.body));
  assert.equal(all.length, 4);
  const removals = /action="(\/funding\/applications\/[^"]+\/remove)"/g;
  const actions = [...budgetPage.body.matchAll(removals)].map((m) => m[1]!);
  await agent.post(actions[2]!);
  const budget = rowRecords(tableOf((await agent.get(`${appUrl}/budget`)).body));
  assert.deepEqual(
    budget.map((r) => [r['What the money is for'], r.Amount]),
    [
      ['Hall hire', '£1,250.50'],
      ['Refreshments', '£400.00'],
      ['Total requested', '£1,650.50'],
    ],
  );

  // Incomplete: refused, naming what is missing.
  const incomplete = await agent.post(`${appUrl}/submit`);
  assert.equal(incomplete.statusCode, 400);
  assert.match(
    text(incomplete.body),
    /Outcomes: add at least one outcome and how it will be measured/,
  );
  assert.equal((await applicationsOf(group.id))[0]!.status, 'draft');

  await agent.post(`${appUrl}/outcomes`, {
    outcome: 'Young people trust the police more',
    measure: 'A survey before and after',
  });
  tasks = text((await agent.get(appUrl)).body);
  assert.match(tasks, /You have completed 4 of 4 sections/);
  const checkPage = await agent.get(`${appUrl}/check`);
  const checked = /name="version" value="(\d+)"/.exec(checkPage.body)![1]!;
  // A co-officer adds a line after the answers were read: submitting what was read is refused.
  await agent.post(`${appUrl}/budget`, { lineDescription: 'Added by a co-officer', amount: '50' });
  const stale = await agent.post(`${appUrl}/submit`, { version: checked });
  assert.equal(stale.statusCode, 409);
  assert.match(text(stale.body), /The application was changed after you checked it/);
  assert.equal((await applicationsOf(group.id))[0]!.status, 'draft');
  const lines = await t.services.db
    .select()
    .from(grantBudgetLines)
    .where(eq(grantBudgetLines.description, 'Added by a co-officer'));
  await t.services.db.delete(grantBudgetLines).where(eq(grantBudgetLines.id, lines[0]!.id));
  const check = text((await agent.get(`${appUrl}/check`)).body);
  assert.match(check, /Applicant .*Engagement groups/);
  assert.match(check, /Starts? .*1 January 2027|When the project starts 1 January 2027/);
  assert.match(check, /Young people trust the police more A survey before and after/);
  const submitted = await agent.post(`${appUrl}/submit`);
  assert.equal(submitted.statusCode, 303);
  const done = text((await agent.get(appUrl)).body);
  assert.match(done, new RegExp(`Your application G-${row!.reference} has been submitted`));
  assert.match(done, /Status Submitted/);
  const [after] = await applicationsOf(group.id);
  assert.equal(after!.requestedPence, 1_650_50);
  // CON-04: a group's money is spent in its borough (for spending per borough).
  assert.equal(after!.boroughId, group.boroughId);
  // Submitted: no more changes, on any section page or from the check page. Said without a
  // link to the submit button, which none of those pages shows now.
  const [line] = await t.services.db
    .select()
    .from(grantBudgetLines)
    .where(eq(grantBudgetLines.applicationId, row!.id));
  for (const [page, form] of [
    ['about', { projectTitle: 'Changed' }],
    ['objectives', { objectives: 'Changed' }],
    ['budget', { lineDescription: 'More', amount: '5' }],
    ['outcomes', { outcome: 'More', measure: 'More' }],
    [`budget/${line!.id}/remove`, {}],
    ['submit', {}],
  ] as const) {
    const change = await agent.post(`${appUrl}/${page}`, form);
    assert.equal(change.statusCode, 409, page);
    assert.match(
      text(change.body),
      /This application has been submitted: it can no longer be changed/,
    );
    assert.doesNotMatch(change.body, /href="#submit"/, page);
    assert.deepEqual(deadErrorLinks(change.body), [], page);
  }
  const [unchanged] = await applicationsOf(group.id);
  assert.deepEqual(unchanged, after);

  // Staff read it, read-only, and find it in the lists.
  const staffPage = text((await staff.get(`/grants/applications/${row!.id}`)).body);
  assert.match(staffPage, /Requested £1,650.50/);
  assert.match(staffPage, /Build trust between young people and the police\./);
  const list = text((await staff.get(`/grants/applications?round=${round.id}`)).body);
  assert.match(list, /1 application asking for £1,650.50 in all/);
});

test('CON-04: a closed round is refused, and an application for a group they are not officer of is refused with nothing written', async () => {
  const { fund } = await openRound();
  const closed = await makeRound(t, fund.id, { opensOn: '2026-06-01', closesOn: '2026-07-31' });
  const { group, agent } = await engagementOfficer();
  const other = await makeEngagementGroup(t);

  const late = await agent.post(`/funding/rounds/${closed.id}/apply`, {
    applicant: `engagement_group:${group.id}`,
    projectTitle: 'Too late',
  });
  assert.equal(late.statusCode, 409);
  assert.match(text(late.body), /This round closed on 31 July 2026/);
  // The start page of a closed round shows no choice: the refusal links to none.
  assert.doesNotMatch(late.body, /href="#applicant"/);
  assert.deepEqual(deadErrorLinks(late.body), []);

  const { round } = await openRound();
  const forged = await agent.post(`/funding/rounds/${round.id}/apply`, {
    applicant: `engagement_group:${other.id}`,
    projectTitle: 'Not ours',
  });
  assert.equal(forged.statusCode, 400);
  assert.match(text(forged.body), /Select what you are applying for, from those offered/);
  assert.match(forged.body, /href="#applicant"/, 'at the choices the page shows');
  assert.deepEqual(deadErrorLinks(forged.body), []);
  assert.deepEqual(await applicationsOf(other.id), []);
  assert.deepEqual(await applicationsOf(group.id), []);
  // Offered only their own group.
  const start = text((await agent.get(`/funding/rounds/${round.id}/apply`)).body);
  assert.match(start, new RegExp(group.name));
  assert.doesNotMatch(start, new RegExp(other.name));
});

test('CON-05: a partnership officer applies for their borough; a fund that does not accept them offers nothing', async () => {
  const borough = await makeBorough(t);
  const account = await makeAccount(t, {
    role: 'partnership_officer',
    scope: { type: 'borough', id: borough.id },
  });
  const agent = await signInAccount(t, account);
  const engagementOnly = await openRound(['engagement_group']);
  const nothing = text((await agent.get(`/funding/rounds/${engagementOnly.round.id}/apply`)).body);
  assert.match(nothing, /You do not represent anything this fund accepts/);
  // Sent anyway (a page left open, a forged form): said, with no link to a choice not shown.
  const refused = await agent.post(`/funding/rounds/${engagementOnly.round.id}/apply`, {
    applicant: `partnership:${borough.id}`,
    projectTitle: 'Not accepted',
  });
  assert.equal(refused.statusCode, 409);
  assert.match(text(refused.body), /You do not represent anything this fund accepts/);
  assert.deepEqual(deadErrorLinks(refused.body), []);

  const { round } = await openRound(['partnership', 'borough']);
  const start = text((await agent.get(`/funding/rounds/${round.id}/apply`)).body);
  assert.match(start, new RegExp(`${borough.name} community safety partnership`));
  assert.match(start, new RegExp(`${borough.name} borough command`));
  const started = await agent.post(`/funding/rounds/${round.id}/apply`, {
    applicant: `partnership:${borough.id}`,
    projectTitle: 'Pilot a community consultation officer',
  });
  assert.equal(started.statusCode, 303);
  const [row] = await t.services.db
    .select()
    .from(grantApplications)
    .where(eq(grantApplications.organisationId, borough.id));
  assert.equal(row!.applicantKind, 'partnership');
  assert.equal(row!.boroughId, borough.id);
  assert.equal(row!.applicantName, `${borough.name} community safety partnership`);
});

test('CON-04: a community organisation member applies for it; someone else is refused their application', async () => {
  const organisation = await makeOrganisation(t, { kind: 'community' });
  const account = await makeAccount(t, { role: 'advisor' });
  await t.services.db
    .update(people)
    .set({ organisationId: organisation.id })
    .where(eq(people.id, account.personId));
  const agent = await signInAccount(t, account);
  const { round } = await openRound();
  const started = await agent.post(`/funding/rounds/${round.id}/apply`, {
    applicant: `organisation:${organisation.id}`,
    projectTitle: 'Street safety walks',
  });
  assert.equal(started.statusCode, 303);
  const appUrl = started.headers.location as string;
  assert.match(text((await agent.get(appUrl)).body), /Street safety walks/);
  const home = text((await agent.get('/')).body);
  assert.match(home, /Your applications/);
  assert.match(home, /Apply for funding/);

  const stranger = await signInNewAccount(t, 'advisor');
  assert.equal((await stranger.get(appUrl)).statusCode, 403);
  assert.equal(
    (await stranger.post(`${appUrl}/about`, { projectTitle: 'Taken over' })).statusCode,
    403,
  );
  const { agent: officer } = await engagementOfficer();
  assert.equal((await officer.get(appUrl)).statusCode, 403);
  // Staff do not read a draft: it is not yet submitted.
  assert.equal(
    (await staff.get(`/grants/applications/${appUrl.split('/').pop()}`)).statusCode,
    404,
  );

  // Withdrawn before a decision.
  const withdrawn = await agent.post(`${appUrl}/withdraw`);
  assert.equal(withdrawn.statusCode, 303);
  assert.deepEqual(
    rowRecords(tableOf((await agent.get('/funding/applications')).body)).map((r) => r.Status),
    ['Withdrawn'],
  );
});

test('CON-04: Withdraw is offered only before a decision, as the rule that refuses it says; a decided application cannot be withdrawn and is unchanged', async () => {
  const { round } = await openRound();
  const { group, agent } = await engagementOfficer();
  const submitted = await makeApplication(t, round.id, { engagementGroupId: group.id });
  const appPage = text((await agent.get(`/funding/applications/${submitted.id}`)).body);
  assert.match(appPage, /Withdraw the application/);
  assert.match(
    mainOf((await agent.get(`/funding/applications/${submitted.id}/withdraw`)).body),
    /<button/,
  );
  // Staff read an application but never withdraw it: the applicant does.
  assert.doesNotMatch(
    text((await staff.get(`/grants/applications/${submitted.id}`)).body),
    /Withdraw/,
  );

  const declined = await makeApplication(t, round.id, { engagementGroupId: group.id });
  await t.services.db
    .update(grantApplications)
    .set({ status: 'declined', decidedAt: new Date('2026-11-15T10:00:00Z') })
    .where(eq(grantApplications.id, declined.id));
  const awarded = await makeAwardedApplication(t, round.id, { engagementGroupId: group.id });
  for (const decided of [awarded, declined]) {
    const url = `/funding/applications/${decided.id}`;
    assert.doesNotMatch(text((await agent.get(url)).body), /Withdraw the application/);
    assert.doesNotMatch(
      text((await staff.get(`/grants/applications/${decided.id}`)).body),
      /Withdraw/,
    );
    // Its withdraw address says why, with no button to press.
    const form = await agent.get(`${url}/withdraw`);
    assert.match(
      text(form.body),
      /This application can no longer be withdrawn: a decision has been made or it was withdrawn/,
    );
    assert.doesNotMatch(mainOf(form.body), /<button/);
    const [before] = await t.services.db
      .select()
      .from(grantApplications)
      .where(eq(grantApplications.id, decided.id));
    const refused = await agent.post(`${url}/withdraw`);
    assert.equal(refused.statusCode, 400);
    assert.match(text(refused.body), /This application can no longer be withdrawn/);
    assert.deepEqual(deadErrorLinks(refused.body), []);
    const [after] = await t.services.db
      .select()
      .from(grantApplications)
      .where(eq(grantApplications.id, decided.id));
    assert.deepEqual(after, before);
  }
});

test('CON-04: staff list applications across rounds, filtered by fund, status, borough and words', async () => {
  const a = await openRound();
  const b = await openRound();
  const camden = await makeBorough(t);
  // Letters only: the search's words are the tsvector's words.
  const tag = Array.from({ length: 8 }, () =>
    String.fromCharCode(97 + Math.floor(Math.random() * 26)),
  ).join('');
  await makeApplication(t, a.round.id, {
    projectTitle: `Knife crime forum ${tag}`,
    boroughId: camden.id,
  });
  const youth = await makeApplication(t, a.round.id, { projectTitle: `Youth panel ${tag}` });
  await t.services.db
    .update(grantApplications)
    .set({ status: 'withdrawn' })
    .where(eq(grantApplications.id, youth.id));
  await makeApplication(t, b.round.id, { projectTitle: `Elders' surgery ${tag}` });
  await makeApplication(t, b.round.id, { projectTitle: `Hidden draft ${tag}`, status: 'draft' });

  const byFund = text((await staff.get(`/grants/applications?fund=${a.fund.id}`)).body);
  assert.match(byFund, /2 applications asking for £2,000.00 in all/);
  assert.doesNotMatch(byFund, /Elders' surgery/);
  const byStatus = text(
    (await staff.get(`/grants/applications?fund=${a.fund.id}&status=withdrawn`)).body,
  );
  assert.match(byStatus, new RegExp(`Youth panel ${tag}`));
  assert.doesNotMatch(byStatus, /Knife crime forum/);
  const byBorough = rowRecords(
    tableOf((await staff.get(`/grants/applications?borough=${camden.id}`)).body),
  );
  assert.deepEqual(
    byBorough.map((r) => [r['Project title'], r.Borough]),
    [[`Knife crime forum ${tag}`, camden.name]],
  );
  const byWords = text((await staff.get(`/grants/applications?q=${tag}`)).body);
  assert.match(byWords, /3 applications/);
  assert.doesNotMatch(byWords, /Hidden draft/);
  // An engagement officer is not staff.
  const { agent } = await engagementOfficer();
  assert.equal((await agent.get('/grants/applications')).statusCode, 403);
});

test('CON-04: the demo has the funds, an open round and Camden engagement group draft in it; they go with the demo data', async () => {
  await loadDemoData(t.services.db, t.services.secretBox);
  // The demo's dates run from the real today, so its pages are read on that day.
  t.clock.current = new Date();
  try {
    const funding = text((await new Agent(t.app).get('/funding')).body);
    assert.match(funding, /Engagement groups' funding/);
    assert.match(funding, /Reaches communities that are seldom heard \(weight 3\)/);
    // Signed in anew: the clock has moved past the sessions made at the start.
    const officer = await signInAs(t, 'authority_officer');
    const home = text((await officer.get('/grants')).body);
    for (const name of [
      "Engagement groups' fund",
      'Partnership fund',
      'Borough command fund',
      'Development bids',
    ])
      assert.match(home, new RegExp(name));
    const eli = await signInAs(t, 'engagement_officer');
    const yours = rowRecords(tableOf((await eli.get('/funding/applications')).body));
    assert.deepEqual(
      yours.map((r) => [r['Project title'], r.Status]),
      [
        ['Meeting the minimum standards in Camden', 'Awarded'],
        ['Listening to young people in Camden', 'Draft'],
      ],
    );
    assert.match(text((await eli.get('/')).body), /Apply for funding/);
    // Last year's grant: awarded with its conditions, monitored with a return late, evaluated.
    const [awarded] = await t.services.db
      .select()
      .from(grantApplications)
      .where(eq(grantApplications.projectTitle, 'Meeting the minimum standards in Camden'));
    const letter = text((await eli.get(`/grants/applications/${awarded!.id}/letter`)).body);
    assert.match(letter, /has awarded £7,500\.00/);
    assert.match(letter, /Interpreting is offered at every public meeting/);
    const monitoring = text((await officer.get(`/grants/monitoring/${awarded!.id}`)).body);
    assert.match(monitoring, /Late/);
    assert.match(monitoring, /A venue was given free of charge by the council/);
    assert.match(text((await officer.get('/')).body), /Pay grant instalments \(1 due\)/);

    await removeDemoData(t.services.db);
    const left = await t.services.db
      .select()
      .from(grantFunds)
      .where(eq(grantFunds.name, "Engagement groups' fund"));
    assert.equal(left.length, 0);
  } finally {
    t.clock.reset();
  }
});

test("CON-04: a draft withdrawn before it was ever submitted stays the applicant's: staff neither list nor read it", async () => {
  const fund = await makeFund(t);
  const round = await makeRound(t, fund.id);
  const draft = await makeApplication(t, round.id, {
    status: 'draft',
    projectTitle: `Unsent ${Date.now()}`,
  });
  await t.services.db
    .update(grantApplications)
    .set({ status: 'withdrawn' })
    .where(eq(grantApplications.id, draft.id));
  assert.equal((await staff.get(`/grants/applications/${draft.id}`)).statusCode, 404);
  assert.doesNotMatch(
    text((await staff.get(`/grants/rounds/${round.id}`)).body),
    new RegExp(draft.projectTitle),
  );
  assert.doesNotMatch(
    text((await staff.get(`/grants/applications?round=${round.id}&status=withdrawn`)).body),
    new RegExp(draft.projectTitle),
  );
});

test('CON-04: a closed engagement group no longer applies: it is not offered, and its draft cannot be submitted', async () => {
  const { round } = await openRound();
  const { group, agent } = await engagementOfficer();
  const draft = await makeApplication(t, round.id, {
    status: 'draft',
    engagementGroupId: group.id,
  });
  await t.services.db
    .update(engagementGroups)
    .set({ closedOn: '2026-11-20' })
    .where(eq(engagementGroups.id, group.id));
  const start = text((await agent.get(`/funding/rounds/${round.id}/apply`)).body);
  assert.doesNotMatch(start, new RegExp(group.name));
  const refused = await agent.post(`/funding/applications/${draft.id}/submit`);
  assert.equal(refused.statusCode, 409);
  assert.match(text(refused.body), /The engagement group has closed/);
  const [row] = await applicationsOf(group.id);
  assert.equal(row!.status, 'draft');
});
