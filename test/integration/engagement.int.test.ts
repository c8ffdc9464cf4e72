/**
 * Issue 26 part 1 (CON-04): the register of engagement groups, their standing against the
 * minimum standards, the position statement and development plan under six headings, and the
 * issues a group raises, answered and closed; with the refusals of bad input and of those who may
 * not. Each test makes its own groups and people. The clock is 23 November 2026 (2026-27).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, isNull } from 'drizzle-orm';
import {
  engagementAssessments,
  engagementGroups,
  engagementIssues,
  engagementPlans,
  engagementStandards,
} from '../../src/modules/engagement/schema.js';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import { meetings } from '../../src/modules/meetings/schema.js';
import { createTestApp, dateFields, type Agent, type TestApp } from '../app.js';
import { makeAccount, signInAccount, signInNewAccount } from '../factories/accounts.js';
import { makeBorough } from '../factories/directory.js';
import { makeAssessment, makeIssue, makePlan, makeStandard } from '../factories/engagement.js';
import { makeEngagementGroup } from '../factories/grants.js';
import { deadErrorLinks } from '../error-summary.js';
import { mainOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
});
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));
const uniqueName = (first: string) =>
  `${first} ${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;

async function standardsInForce() {
  return t.services.db
    .select()
    .from(engagementStandards)
    .where(isNull(engagementStandards.retiredOn));
}

/** The group's own engagement officer, signed in, with their directory person. */
async function groupOfficer(groupId: string) {
  const account = await makeAccount(t, {
    role: 'engagement_officer',
    scope: { type: 'engagement_group', id: groupId },
  });
  return { account, agent: await signInAccount(t, account) };
}

test('CON-04: an authority officer adds a group with its officers; bad input names the field', async () => {
  const borough = await makeBorough(t, { name: uniqueName('Borough') });
  const refused = await officer.post('/engagement-groups/new', {
    name: '',
    boroughId: '',
    constitutionLink: 'not a link',
    chairEmail: 'chair@example.org',
    ...dateFields('constitutionAdoptedOn', '2027-01-01'),
  });
  assert.equal(refused.statusCode, 400);
  const said = text(refused.body);
  assert.match(said, /There is a problem/);
  assert.match(said, /Enter the group's name/);
  assert.match(said, /Choose the borough the group serves/);
  assert.match(said, /Enter the link to the constitution as a web address/);
  assert.match(said, /Enter the officer's full name, or leave the email address empty/);
  assert.match(said, /The date the constitution was adopted must be today or in the past/);

  const name = uniqueName('Engagement Group');
  const chair = uniqueName('Chair');
  const saved = await officer.post('/engagement-groups/new', {
    name,
    boroughId: borough.id,
    chairName: chair,
    chairEmail: `${chair.replace(/ /g, '.').toLowerCase()}@example.org`,
    secretaryName: '',
    treasurerName: uniqueName('Treasurer'),
    constitutionLink: 'https://example.org/constitution',
    contactEmail: 'group@example.org',
    ...dateFields('constitutionAdoptedOn', '2024-05-14'),
  });
  assert.equal(saved.statusCode, 303);
  const page = text((await officer.get(saved.headers.location as string)).body);
  assert.match(page, new RegExp(`${name} added`));
  assert.match(page, new RegExp(`Borough ${borough.name}`));
  assert.match(page, new RegExp(`Chair ${chair}`));
  assert.match(page, /Secretary Vacant/);
  assert.match(page, /Adopted on 14 May 2024/);
  assert.match(page, /Contact email address group@example.org/);
  assert.match(page, /Not yet assessed: 0 met, 0 partly met, 0 not met, \d+ not yet assessed/);
  assert.match(page, /2026-27: 0 of 6 headings written/);
  assert.match(page, /No meeting is arranged/);
});

test('CON-04: the register lists groups, filtered by borough and standing and searched by name; a group is changed and closed', async () => {
  const borough = await makeBorough(t, { name: uniqueName('Borough') });
  const good = await makeEngagementGroup(t, { boroughId: borough.id, name: uniqueName('Good') });
  const weak = await makeEngagementGroup(t, { boroughId: borough.id, name: uniqueName('Weak') });
  const fresh = await makeEngagementGroup(t, { boroughId: borough.id, name: uniqueName('Fresh') });
  for (const s of await standardsInForce()) await makeAssessment(t, good.id, s.id, 'met');
  const [first] = await standardsInForce();
  await makeAssessment(t, weak.id, first!.id, 'not_met');

  const all = text((await officer.get(`/engagement-groups?borough=${borough.id}`)).body);
  assert.match(all, /3 groups/);
  for (const g of [good, weak, fresh]) assert.match(all, new RegExp(g.name));
  const allMet = text(
    (await officer.get(`/engagement-groups?borough=${borough.id}&standing=all_met`)).body,
  );
  assert.match(allMet, new RegExp(good.name));
  assert.doesNotMatch(allMet, new RegExp(weak.name));
  const someNot = text(
    (await officer.get(`/engagement-groups?borough=${borough.id}&standing=some_not_met`)).body,
  );
  assert.match(someNot, new RegExp(`${weak.name}.*0 met, 0 partly met, 1 not met`));
  assert.doesNotMatch(someNot, new RegExp(good.name));
  const notYet = text(
    (await officer.get(`/engagement-groups?borough=${borough.id}&standing=not_assessed`)).body,
  );
  assert.match(notYet, new RegExp(fresh.name));
  assert.doesNotMatch(notYet, new RegExp(weak.name));
  const found = text(
    (await officer.get(`/engagement-groups?q=${encodeURIComponent(fresh.name)}`)).body,
  );
  assert.match(found, /1 group/);

  const form = text((await officer.get(`/engagement-groups/${weak.id}/edit`)).body);
  assert.match(form, /Change the group's details/);
  const renamed = uniqueName('Renamed');
  const changed = await officer.post(`/engagement-groups/${weak.id}/edit`, {
    name: renamed,
    boroughId: borough.id,
    version: '1',
    secretaryName: uniqueName('Secretary'),
  });
  assert.equal(changed.statusCode, 303);
  const stale = await officer.post(`/engagement-groups/${weak.id}/edit`, {
    name: 'Again',
    boroughId: borough.id,
    version: '1',
  });
  assert.equal(stale.statusCode, 409);

  const closed = await officer.post(`/engagement-groups/${weak.id}/close`, {});
  assert.equal(closed.statusCode, 303);
  const page = text((await officer.get(`/engagement-groups/${weak.id}`)).body);
  assert.match(page, new RegExp(`${renamed} closed`));
  assert.match(page, /Closed on 23 November 2026/);
  // Closed twice (a page left open): said, with no link to the Close button the page no longer has.
  const again = await officer.post(`/engagement-groups/${weak.id}/close`, {});
  assert.equal(again.statusCode, 409);
  assert.match(text(again.body), /The group is closed/);
  assert.doesNotMatch(again.body, /href="#close"/);
  assert.deepEqual(deadErrorLinks(again.body), []);
});

test('CON-04: standing is recorded against a standard, the latest counting, and summarised', async () => {
  const group = await makeEngagementGroup(t);
  const standard = await makeStandard(t, { title: uniqueName('Meets in public') });
  const url = `/engagement-groups/${group.id}/standing/${standard.id}`;
  const refused = await officer.post(url, { ...dateFields('assessedOn', '2026-12-25') });
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /Choose how far the group meets the standard/);
  assert.match(text(refused.body), /Enter the evidence for the assessment/);
  assert.match(text(refused.body), /The date assessed must be today or in the past/);

  const partly = await officer.post(url, {
    standing: 'partly',
    evidence: 'Met twice this year.',
    ...dateFields('assessedOn', '2026-06-01'),
  });
  assert.equal(partly.statusCode, 303);
  const met = await officer.post(url, {
    standing: 'met',
    evidence: 'Four public meetings.',
    ...dateFields('assessedOn', '2026-11-20'),
  });
  assert.equal(met.statusCode, 303);
  const standing = text((await officer.get(met.headers.location as string)).body);
  assert.match(standing, new RegExp(`${standard.code} recorded as Met`));
  assert.match(standing, new RegExp(`${standard.title} Met 20 November 2026, by Test`));
  assert.match(standing, /Four public meetings/);
  assert.match(standing, /1 met, 0 partly met, 0 not met/);
  const history = text((await officer.get(url)).body);
  assert.match(history, /1 June 2026: Partly met/);
  const rows = await t.services.db
    .select()
    .from(engagementAssessments)
    .where(eq(engagementAssessments.groupId, group.id));
  assert.equal(rows.length, 2, 'history kept');

  // A retired standard is no longer counted, and not assessed again.
  const retired = await officer.post(`/engagement-groups/standards/${standard.id}/retire`, {});
  assert.equal(retired.statusCode, 303);
  const after = text((await officer.get(`/engagement-groups/${group.id}/standing`)).body);
  assert.match(after, /0 met, 0 partly met, 0 not met/);
  const late = await officer.post(url, {
    standing: 'met',
    evidence: 'x',
    ...dateFields('assessedOn', '2026-11-21'),
  });
  assert.equal(late.statusCode, 409);
  assert.match(text(late.body), /That standard is retired/);
  assert.doesNotMatch(late.body, /href="#standing"/);
  const kept = await t.services.db
    .select()
    .from(engagementAssessments)
    .where(eq(engagementAssessments.groupId, group.id));
  assert.equal(kept.length, 2, 'nothing recorded');
  // Retired twice (a page left open): said, with no link to a Retire button the page has no more.
  const twice = await officer.post(`/engagement-groups/standards/${standard.id}/retire`, {});
  assert.equal(twice.statusCode, 409);
  assert.match(text(twice.body), /That standard is retired/);
  assert.deepEqual(deadErrorLinks(twice.body), []);
  assert.doesNotMatch(twice.body, /href="#retire"/);
});

test('CON-04: authority officers add a standard; its code must be given and unique', async () => {
  const refused = await officer.post('/engagement-groups/standards', {});
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /Enter the standard's code/);
  const code = `Z${Math.floor(Math.random() * 1e6)}`;
  const saved = await officer.post('/engagement-groups/standards', {
    code,
    title: 'Publishes an annual report',
    description: 'Tells the community what it did in the year.',
  });
  assert.equal(saved.statusCode, 303);
  const page = text((await officer.get('/engagement-groups/standards')).body);
  assert.match(page, /Publishes an annual report added/);
  assert.match(page, /MS1 Meets in public at least quarterly/);
  const twice = await officer.post('/engagement-groups/standards', {
    code,
    title: 'Again',
    description: 'Again.',
  });
  assert.equal(twice.statusCode, 400);
  assert.match(text(twice.body), /A standard already has that code/);
});

test('CON-04: the group officer writes the six headings; agreeing is refused until all six are written', async () => {
  const group = await makeEngagementGroup(t);
  const { agent } = await groupOfficer(group.id);
  const headings = [
    'staffing',
    'accommodation',
    'processes',
    'structure',
    'agencies',
    'custody_visiting',
  ];
  const base = `/engagement-groups/${group.id}/plans/2026`;
  const empty = await agent.post(`${base}/headings/staffing`, {
    ...dateFields('targetOn', '2026-01-01'),
  });
  assert.equal(empty.statusCode, 400);
  assert.match(text(empty.body), /Enter where the group stands now/);
  assert.match(text(empty.body), /Enter what the group plans/);
  assert.match(text(empty.body), /The target date must be today or in the future/);

  for (const h of headings.slice(0, 5)) {
    const saved = await agent.post(`${base}/headings/${h}`, {
      position: `Now on ${h}`,
      plan: `Plan on ${h}`,
      ...dateFields('targetOn', '2027-03-31'),
    });
    assert.equal(saved.statusCode, 303, h);
  }
  let page = text((await agent.get(base)).body);
  assert.match(page, /1 heading still to write before the plan can be agreed/);
  assert.match(page, /Links with custody visiting Not written yet/);
  assert.doesNotMatch(page, /Agree the plan/, 'the group officer does not agree');
  const refused = await officer.post(`${base}/agreement`, {});
  assert.equal(refused.statusCode, 400);
  assert.match(
    text(refused.body),
    /The plan cannot be agreed: 1 of its six headings is not written/,
  );
  // Said at the plan page's Agree button, which the page still shows.
  assert.match(refused.body, /href="#agree"/);
  assert.deepEqual(deadErrorLinks(refused.body), []);
  assert.equal(
    (await agent.post(`${base}/agreement`, {})).statusCode,
    403,
    'the group officer may not agree',
  );

  await agent.post(`${base}/headings/custody_visiting`, {
    position: 'We meet the panel once a year.',
    plan: 'Invite the panel coordinator to each meeting.',
  });
  const agreed = await officer.post(`${base}/agreement`, {});
  assert.equal(agreed.statusCode, 303);
  page = text((await officer.get(base)).body);
  assert.match(page, /Plan agreed/);
  assert.match(page, /Integration with local agencies Where the group stands now Now on agencies/);
  assert.match(page, /Target date 31 March 2027/);
  // Refusals about the plan's state are said without a link to a field the page does not show.
  const afterAgreed = await agent.post(`${base}/headings/staffing`, {
    position: 'Changed',
    plan: 'Changed',
  });
  assert.equal(afterAgreed.statusCode, 409);
  assert.match(text(afterAgreed.body), /The plan is agreed: it cannot be changed/);
  assert.doesNotMatch(afterAgreed.body, /href="#heading"/);
  assert.deepEqual(deadErrorLinks(afterAgreed.body), []);
  const twice = await officer.post(`${base}/agreement`, {});
  assert.equal(twice.statusCode, 409);
  assert.match(text(twice.body), /The plan is already agreed/);
  assert.doesNotMatch(twice.body, /href="#agree"/);
  assert.deepEqual(deadErrorLinks(twice.body), []);
  assert.match(
    text((await agent.get(base)).body),
    /Staffing Where the group stands now Now on staffing/,
  );
  const group2 = text((await agent.get(`/engagement-groups/${group.id}`)).body);
  assert.match(group2, /2026-27: 6 of 6 headings written. Agreed/);
});

/** The plan's version a page's form carries (its hidden field). */
function versionIn(html: string): string {
  const match = /name="version" value="(\d+)"/.exec(html);
  assert.ok(match, 'the form carries the plan version');
  return match[1]!;
}

test('CON-04: agreeing a plan from a page opened before a heading was rewritten is refused, and nothing changes', async () => {
  const group = await makeEngagementGroup(t);
  await makePlan(t, group.id, [
    'staffing',
    'accommodation',
    'processes',
    'structure',
    'agencies',
    'custody_visiting',
  ]);
  const { agent } = await groupOfficer(group.id);
  const base = `/engagement-groups/${group.id}/plans/2026`;
  // Officer A opens the plan to agree it; the group officer then rewrites a heading.
  const opened = versionIn((await officer.get(base)).body);
  const form = await agent.get(`${base}/headings/staffing`);
  const rewritten = await agent.post(`${base}/headings/staffing`, {
    version: versionIn(form.body),
    position: 'The secretary has left.',
    plan: 'Recruit a new secretary by March.',
  });
  assert.equal(rewritten.statusCode, 303);

  const refused = await officer.post(`${base}/agreement`, { version: opened });
  assert.equal(refused.statusCode, 409);
  assert.match(
    text(refused.body),
    /The plan was changed by someone else after you opened this page, so nothing was saved/,
  );
  assert.deepEqual(deadErrorLinks(refused.body), []);
  const [plan] = await t.services.db
    .select()
    .from(engagementPlans)
    .where(eq(engagementPlans.groupId, group.id));
  assert.equal(plan!.agreedAt, null);
  let page = text((await officer.get(base)).body);
  assert.doesNotMatch(page, /Plan agreed/);
  assert.match(page, /Staffing Where the group stands now The secretary has left\./);

  // Read again, as it is now: agreed.
  const agreed = await officer.post(`${base}/agreement`, {
    version: versionIn((await officer.get(base)).body),
  });
  assert.equal(agreed.statusCode, 303);
  page = text((await officer.get(base)).body);
  assert.match(page, /Plan agreed/);
});

test('CON-04: a heading saved from a form opened before the plan changed is refused, and the change kept', async () => {
  const group = await makeEngagementGroup(t);
  const { agent } = await groupOfficer(group.id);
  const base = `/engagement-groups/${group.id}/plans/2026`;
  // Both open a heading's form before the plan is begun; the authority officer saves first.
  const mine = versionIn((await agent.get(`${base}/headings/staffing`)).body);
  const theirs = versionIn((await officer.get(`${base}/headings/staffing`)).body);
  assert.equal(mine, '0', 'no plan yet');
  const first = await officer.post(`${base}/headings/staffing`, {
    version: theirs,
    position: 'Two volunteers.',
    plan: 'A paid coordinator by March.',
  });
  assert.equal(first.statusCode, 303);
  const late = await agent.post(`${base}/headings/staffing`, {
    version: mine,
    position: 'One volunteer.',
    plan: 'Nothing yet.',
  });
  assert.equal(late.statusCode, 409);
  assert.match(text(late.body), /The plan was changed by someone else after you opened this page/);
  assert.deepEqual(deadErrorLinks(late.body), []);
  let page = text((await agent.get(base)).body);
  assert.match(page, /Staffing Where the group stands now Two volunteers\./);
  assert.doesNotMatch(page, /One volunteer/);

  // A heading rewritten since the form was opened refuses another heading saved from it too.
  const opened = versionIn((await agent.get(`${base}/headings/processes`)).body);
  const again = await officer.post(`${base}/headings/staffing`, {
    version: versionIn((await officer.get(`${base}/headings/staffing`)).body),
    position: 'Three volunteers.',
    plan: 'A paid coordinator by March.',
  });
  assert.equal(again.statusCode, 303);
  const stale = await agent.post(`${base}/headings/processes`, {
    version: opened,
    position: 'Minutes are late.',
    plan: 'Minutes within a week.',
  });
  assert.equal(stale.statusCode, 409);
  page = text((await agent.get(base)).body);
  assert.match(page, /Consultative processes Not written yet/);
  assert.match(page, /Staffing Where the group stands now Three volunteers\./);
});

test('CON-04: an issue raised by the group officer is answered and closed; closing unanswered is refused', async () => {
  const group = await makeEngagementGroup(t);
  const { agent } = await groupOfficer(group.id);
  const bad = await agent.post(`/engagement-groups/${group.id}/issues/new`, { raisedTo: 'mayor' });
  assert.equal(bad.statusCode, 400);
  assert.match(text(bad.body), /Choose who the issue is raised with/);
  assert.match(text(bad.body), /Enter the issue/);
  assert.match(text(bad.body), /Enter what the group wants/);

  const issue = uniqueName('Stop and search in the high street');
  const raised = await agent.post(`/engagement-groups/${group.id}/issues/new`, {
    raisedTo: 'police',
    issue,
    wanted: 'Figures by ward at the next meeting.',
  });
  assert.equal(raised.statusCode, 303);
  const url = raised.headers.location as string;
  let page = text((await agent.get(url)).body);
  assert.match(page, /Issue raised/);
  assert.match(page, /State Open/);
  assert.match(page, /Raised with The police/);
  assert.doesNotMatch(page, /Save the answer/, 'the group officer does not answer');

  // Closing an unanswered issue (the page has no Close button yet): said without a link to it.
  const early = await officer.post(`${url}/close`, {});
  assert.equal(early.statusCode, 409);
  assert.match(text(early.body), /An issue cannot be closed before it is answered/);
  assert.doesNotMatch(early.body, /href="#close"/);
  assert.deepEqual(deadErrorLinks(early.body), []);
  const noWords = await officer.post(`${url}/answer`, { response: ' ' });
  assert.equal(noWords.statusCode, 400);
  assert.match(text(noWords.body), /Enter the answer/);
  assert.match(noWords.body, /href="#response"/, 'linked to the answer, which the page shows');
  assert.deepEqual(deadErrorLinks(noWords.body), []);
  assert.equal((await agent.post(`${url}/answer`, { response: 'Mine' })).statusCode, 403);

  const opened = /name="version" value="(\d+)"/.exec((await officer.get(url)).body)![1]!;
  const answered = await officer.post(`${url}/answer`, {
    version: opened,
    response: 'The borough commander will bring them.',
  });
  assert.equal(answered.statusCode, 303);
  // Answered again from the page as it was before: refused, said without a link to the hidden
  // version, and the answer kept.
  const stale = await officer.post(`${url}/answer`, { version: opened, response: 'Overwritten' });
  assert.equal(stale.statusCode, 409);
  assert.match(text(stale.body), /Someone else changed this while you were editing it/);
  assert.deepEqual(deadErrorLinks(stale.body), []);
  assert.doesNotMatch(stale.body, /href="#version"/);
  page = text((await agent.get(url)).body);
  assert.match(page, /State Answered/);
  assert.match(page, /The borough commander will bring them/);
  const open = text((await officer.get('/engagement-groups/issues?state=answered')).body);
  assert.match(open, new RegExp(issue));
  assert.equal((await officer.post(`${url}/close`, {})).statusCode, 303);
  page = text((await officer.get(url)).body);
  assert.match(page, /Issue closed/);
  assert.match(page, /State Closed/);
  // A closed issue's page has no answer form and no Close button: refusals link to neither.
  for (const [action, field] of [
    ['answer', 'response'],
    ['close', 'close'],
  ] as const) {
    const refused = await officer.post(`${url}/${action}`, { response: 'Again' });
    assert.equal(refused.statusCode, 409, action);
    assert.match(text(refused.body), /The issue is closed/);
    assert.doesNotMatch(refused.body, new RegExp(`href="#${field}"`));
    assert.deepEqual(deadErrorLinks(refused.body), []);
  }
  assert.match(text((await officer.get(url)).body), /The borough commander will bring them/);
  const closedList = text((await officer.get('/engagement-groups/issues?state=closed')).body);
  assert.match(closedList, new RegExp(issue));
  const openList = text((await officer.get('/engagement-groups/issues?state=open')).body);
  assert.doesNotMatch(openList, new RegExp(issue));
});

test('CON-04: the issues list shows days open; a group page lists its issues', async () => {
  const group = await makeEngagementGroup(t, { name: uniqueName('Days') });
  const issue = await makeIssue(t, group.id, {
    raisedOn: '2026-11-03',
    issue: uniqueName('Lighting'),
  });
  // The register-wide list shows the open issues unless asked for another state.
  const list = text((await officer.get('/engagement-groups/issues')).body);
  assert.match(list, new RegExp(`3 November 2026 ${group.name} ${issue.issue} The police Open 20`));
  const page = text((await officer.get(`/engagement-groups/${group.id}`)).body);
  assert.match(page, new RegExp(`${issue.issue} The police Open 20`));
  const closed = await makeIssue(t, group.id, { closed: true, issue: uniqueName('Parking') });
  assert.doesNotMatch(
    text((await officer.get('/engagement-groups/issues')).body),
    new RegExp(closed.issue),
  );
  assert.match(
    text((await officer.get('/engagement-groups/issues?state=all')).body),
    new RegExp(`${closed.issue} The police Closed 11`),
  );
});

test('CON-04: an officer of another group and an advisor are refused, and nothing changes', async () => {
  const group = await makeEngagementGroup(t);
  const other = await makeEngagementGroup(t);
  const { agent: stranger } = await groupOfficer(other.id);
  const issue = await makeIssue(t, group.id);
  const advisor = await signInNewAccount(t, 'advisor');

  for (const agent of [stranger, advisor]) {
    assert.equal((await agent.get(`/engagement-groups/${group.id}`)).statusCode, 403);
    assert.equal((await agent.get(`/engagement-groups/issues/${issue.id}`)).statusCode, 403);
    assert.equal((await agent.get(`/engagement-groups/${group.id}/plans/2026`)).statusCode, 403);
    const raise = await agent.post(`/engagement-groups/${group.id}/issues/new`, {
      raisedTo: 'police',
      issue: 'Not mine',
      wanted: 'Nothing',
    });
    assert.equal(raise.statusCode, 403);
    const write = await agent.post(`/engagement-groups/${group.id}/plans/2026/headings/staffing`, {
      position: 'x',
      plan: 'y',
    });
    assert.equal(write.statusCode, 403);
  }
  assert.equal((await advisor.get('/engagement-groups')).statusCode, 403);
  assert.equal((await stranger.get('/engagement-groups')).statusCode, 403);
  assert.equal(
    (await stranger.post(`/engagement-groups/issues/${issue.id}/answer`, { response: 'x' }))
      .statusCode,
    403,
  );
  const issues = await t.services.db
    .select()
    .from(engagementIssues)
    .where(eq(engagementIssues.groupId, group.id));
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.respondedOn, null);
  const plans = await t.services.db
    .select()
    .from(engagementPlans)
    .where(eq(engagementPlans.groupId, group.id));
  assert.equal(plans.length, 0);

  // Their own group is theirs: its page, and their home's task leading to it.
  const own = text((await stranger.get(`/engagement-groups/${other.id}`)).body);
  assert.match(own, /Raise an issue/);
  assert.doesNotMatch(own, /Change the group's details/);
  const home = text((await stranger.get('/')).body);
  assert.match(home, /Your engagement group/);
});

test('CON-04: the group meets: its meetings are under its page, arranged by its officer', async () => {
  const group = await makeEngagementGroup(t);
  await makePlan(t, group.id, ['staffing']);
  await makeIssue(t, group.id, { closed: true });
  const { agent } = await groupOfficer(group.id);
  const list = await agent.get(`/engagement-groups/${group.id}/meetings`);
  assert.equal(list.statusCode, 200);
  assert.match(text(list.body), new RegExp(group.name));
  const advisor = await signInNewAccount(t, 'advisor');
  assert.equal((await advisor.get(`/engagement-groups/${group.id}/meetings`)).statusCode, 403);

  // The group meets in public: a meeting with its agenda published is anyone's to read, and the
  // group's page lists its next meeting.
  const [meeting] = await t.services.db
    .insert(meetings)
    .values({
      bodyType: 'engagement_group',
      bodyId: group.id,
      title: 'Public meeting with the borough commander',
      startsAt: new Date('2026-12-03T19:00:00Z'),
      format: 'in_person',
      venue: 'Town Hall',
      agendaPublishedAt: new Date('2026-11-20T09:00:00Z'),
    })
    .returning();
  const published = await t.app.inject({
    method: 'GET',
    url: `/public/engagement-groups/${group.id}/meetings/${meeting!.id}`,
  });
  assert.equal(published.statusCode, 200);
  assert.match(text(published.body), /Public meeting with the borough commander/);
  const page = text((await agent.get(`/engagement-groups/${group.id}`)).body);
  assert.match(page, /Next: Public meeting with the borough commander, 3 December 2026 at 7pm/);
  // Under the group's page, its officer reads the meeting in the group's list of meetings.
  const listed = text((await agent.get(`/engagement-groups/${group.id}/meetings`)).body);
  assert.match(listed, /Public meeting with the borough commander/);
  assert.match(listed, /3 December 2026/);
});

test("CON-04: the demo has Camden's group with its standing, plan, issues and meetings; they go with the demo data", async () => {
  await loadDemoData(t.services.db, t.services.secretBox);
  // The demo's dates run up to the real today, so its pages are read on that day.
  t.clock.current = new Date();
  try {
    const [camden] = await t.services.db
      .select()
      .from(engagementGroups)
      .where(eq(engagementGroups.name, 'Camden Community and Police Engagement Group'));
    assert.ok(camden);
    const { agent } = await groupOfficer(camden.id);
    const home = text((await agent.get('/')).body);
    assert.match(home, /Your engagement group/);
    const page = text((await agent.get(`/engagement-groups/${camden.id}`)).body);
    assert.match(page, /Chair Eli Engagement/);
    assert.match(
      page,
      /Not all standards met yet: \d+ met, 1 partly met, 1 not met, 0 not yet assessed/,
    );
    assert.match(page, /6 of 6 headings written/);
    assert.match(page, /Next: Public meeting with the borough commander/);
    assert.match(page, /2 issues/);
    assert.match(page, /The police Closed/);
    assert.match(page, /The authority Open/);

    await removeDemoData(t.services.db);
    const left = await t.services.db
      .select()
      .from(engagementGroups)
      .where(eq(engagementGroups.id, camden.id));
    assert.equal(left.length, 0);
  } finally {
    t.clock.reset();
  }
});

test('CON-04: a closed group raises no issue and has no standing recorded; said without a link to the form’s fields', async () => {
  const group = await makeEngagementGroup(t);
  const standard = await makeStandard(t, { title: uniqueName('Meets in public') });
  const { agent } = await groupOfficer(group.id);
  await t.services.db
    .update(engagementGroups)
    .set({ closedOn: '2026-11-01' })
    .where(eq(engagementGroups.id, group.id));
  const raised = await agent.post(`/engagement-groups/${group.id}/issues/new`, {
    raisedTo: 'police',
    issue: 'Stop and search',
    wanted: 'Figures by ward',
  });
  assert.equal(raised.statusCode, 409);
  assert.match(text(raised.body), /The group is closed/);
  assert.doesNotMatch(raised.body, /href="#issue"/);
  assert.deepEqual(deadErrorLinks(raised.body), []);
  const assessed = await officer.post(`/engagement-groups/${group.id}/standing/${standard.id}`, {
    standing: 'met',
    evidence: 'Four public meetings.',
    ...dateFields('assessedOn', '2026-11-20'),
  });
  assert.equal(assessed.statusCode, 409);
  assert.match(text(assessed.body), /The group is closed/);
  assert.doesNotMatch(assessed.body, /href="#standing"/);
  const written = await t.services.db
    .select({ id: engagementIssues.id })
    .from(engagementIssues)
    .where(eq(engagementIssues.groupId, group.id));
  assert.deepEqual(written, []);
  const assessments = await t.services.db
    .select({ id: engagementAssessments.id })
    .from(engagementAssessments)
    .where(eq(engagementAssessments.groupId, group.id));
  assert.deepEqual(assessments, []);
});

test('CON-04: a closed group’s plan is kept for the record and can no longer change', async () => {
  const group = await makeEngagementGroup(t);
  await t.services.db
    .update(engagementGroups)
    .set({ closedOn: '2026-11-01' })
    .where(eq(engagementGroups.id, group.id));
  const refused = await officer.post(
    `/engagement-groups/${group.id}/plans/2026/headings/staffing`,
    {
      position: 'Two volunteers',
      plan: 'Recruit a secretary',
      ...dateFields('targetOn', '2027-03-31'),
    },
  );
  assert.equal(refused.statusCode, 409);
  assert.match(text(refused.body), /The group has closed/);
  const plans = await t.services.db
    .select()
    .from(engagementPlans)
    .where(eq(engagementPlans.groupId, group.id));
  assert.deepEqual(plans, []);
});
