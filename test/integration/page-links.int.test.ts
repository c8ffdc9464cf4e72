/**
 * Issue 21 item 25: a page shows only the links the person reading it may follow. Each case is
 * read as the role that used to be shown a link leading to 403, and as a role that may follow
 * it, which is shown the link and gets the page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { findUserIdByEmail } from '../../src/platform/auth/users-service.js';
import { Agent, createTestApp, demoAccount, principalFor, signInAs, type TestApp } from '../app.js';

let t: TestApp;
const as: Record<string, Agent> = {};
let camdenId: string;
let groupId: string;
let membershipId: string;
let raceId: string;
let organisationId: string;
let personId: string;

function idFrom(location: string | undefined, pattern: RegExp): string {
  const match = pattern.exec(location ?? '');
  assert.ok(match, `expected a redirect matching ${pattern}, got ${location}`);
  return match[1]!;
}

before(async () => {
  // Walks every route over the demo data, which gives each page a record to show.
  t = await createTestApp({ demo: true });
  for (const role of [
    'administrator',
    'coordination_unit',
    'authority_officer',
    'chair',
    'deployment_contact',
    'advisor',
  ] as const)
    as[role] = await signInAs(t, role);
  const boroughs = await t.services.directory.scopeCatalogue.options('borough');
  camdenId = boroughs.find((b) => b.name === 'Camden')!.id;
  const coordinator = await principalFor(t, demoAccount('coordination_unit').email);
  const organisation = await t.services.directory.organisations.create(coordinator, {
    name: 'Links Test Community Trust',
    kind: 'partner',
  });
  organisationId = organisation.id;
  personId = (
    await t.services.directory.people.create(coordinator, {
      fullName: 'Lee Linktest',
      email: 'lee.linktest@example.org',
    })
  ).id;
  const registered = await as.coordination_unit!.post('/groups/new', {
    name: 'Links Test Independent Advisory Group',
    type: 'borough_iag',
    ownerId: camdenId,
    parentGroupId: '',
    purpose: 'Advises on policing in Camden.',
    focus: 'Camden',
    meetingIntervalMonths: '2',
    minAge: '',
    maxAge: '',
    status: 'active',
  });
  groupId = idFrom(registered.headers.location, /\/groups\/([0-9a-f-]{36})$/);
  const advisorUserId = await findUserIdByEmail(t.services.db, demoAccount('advisor').email);
  const advisorPersonId = await t.services.directory.lookups.personIdForUser(
    t.services.db,
    advisorUserId!,
  );
  const appointed = await as.coordination_unit!.post(`/groups/${groupId}/members/new`, {
    personId: advisorPersonId!,
    'startsOn-day': '23',
    'startsOn-month': '11',
    'startsOn-year': '2026',
    publishName: 'yes',
  });
  assert.equal(appointed.statusCode, 303, appointed.body.slice(0, 300));
  const group = await t.services.groups.get(coordinator, groupId);
  membershipId = group.members.find((m) => m.name === 'Avery Advisor')!.id;
  const race = await as.coordination_unit!.get('/groups?q=Race');
  raceId = /href="\/groups\/([0-9a-f-]{36})">Race Independent Advisory Group/.exec(race.body)![1]!;
});
after(() => t.close());

/** The href of the link with this text, or undefined when the page has none. */
function linkTo(html: string, text: string): string | undefined {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`<a class="govuk-link" href="([^"]+)">${escaped}</a>`).exec(html);
  return match?.[1]?.replace(/&amp;/g, '&');
}

test('issue 21 item 25: "History of changes" is shown only to those who may open the audit trail', async () => {
  const pages = {
    organisation: `/directory/organisations/${organisationId}`,
    person: `/directory/people/${personId}`,
    group: `/groups/${groupId}`,
    membership: `/groups/${groupId}/members/${membershipId}`,
  };
  const refused: [string, string[]][] = [
    ['coordination_unit', Object.values(pages)],
    ['authority_officer', [pages.organisation, pages.person, pages.group, pages.membership]],
  ];
  for (const [role, urls] of refused)
    for (const url of urls) {
      const page = await as[role]!.get(url);
      assert.equal(page.statusCode, 200, `${role} reads ${url}`);
      assert.equal(linkTo(page.body, 'History of changes'), undefined, `${role} on ${url}`);
      assert.equal((await as[role]!.get('/admin/audit')).statusCode, 403, 'it would be refused');
    }
  for (const [recordType, url] of Object.entries(pages)) {
    const page = await as.administrator!.get(url);
    assert.equal(page.statusCode, 200, url);
    const href = linkTo(page.body, 'History of changes');
    assert.ok(href, `the administrator is shown the history of the ${recordType}`);
    assert.match(href, new RegExp(`recordType=${recordType}&`));
    const history = await as.administrator!.get(href);
    assert.equal(history.statusCode, 200, href);
    assert.match(history.body, /Audit trail/);
  }
});

test('issue 21 item 25: the groups register links a chair and a deployment contact only to their own groups', async () => {
  for (const role of ['chair', 'deployment_contact']) {
    const other = await as[role]!.get('/groups?q=Links+Test');
    assert.equal(other.statusCode, 200);
    assert.match(other.body, /Links Test Independent Advisory Group/);
    assert.equal(linkTo(other.body, 'Links Test Independent Advisory Group'), undefined, role);
    assert.doesNotMatch(other.body, new RegExp(`href="/groups/${groupId}"`));
    assert.equal((await as[role]!.get(`/groups/${groupId}`)).statusCode, 403);

    const own = await as[role]!.get('/groups?q=Race');
    const href = linkTo(own.body, 'Race Independent Advisory Group');
    assert.equal(href, `/groups/${raceId}`, `${role} is linked to the group they hold office in`);
    assert.equal((await as[role]!.get(href)).statusCode, 200);
  }
  const staff = await as.coordination_unit!.get('/groups?q=Links+Test');
  const href = linkTo(staff.body, 'Links Test Independent Advisory Group');
  assert.equal(href, `/groups/${groupId}`);
  assert.equal((await as.coordination_unit!.get(href)).statusCode, 200);
});

test("issue 21 item 25: an advisor's breadcrumbs on their group's meetings do not link to the group's staff page", async () => {
  const meetings = await as.advisor!.get(`/groups/${groupId}/meetings`);
  assert.equal(meetings.statusCode, 200);
  const crumbs = /<nav class="govuk-breadcrumbs[\s\S]*?<\/nav>/.exec(meetings.body)![0];
  assert.match(crumbs, /Links Test Independent Advisory Group/, 'the group is still named');
  assert.doesNotMatch(crumbs, new RegExp(`href="/groups/${groupId}"`));
  assert.equal((await as.advisor!.get(`/groups/${groupId}`)).statusCode, 403);

  const staff = await as.coordination_unit!.get(`/groups/${groupId}/meetings`);
  const staffCrumbs = /<nav class="govuk-breadcrumbs[\s\S]*?<\/nav>/.exec(staff.body)![0];
  assert.match(staffCrumbs, new RegExp(`href="/groups/${groupId}"`));
  assert.equal((await as.coordination_unit!.get(`/groups/${groupId}`)).statusCode, 200);
});
