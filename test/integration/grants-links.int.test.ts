/**
 * Issue 26 (CON-04, LEG-06): an awarded grant tied to the engagement it served, through its
 * pages: an authority officer pastes the address of a meeting, a tracker recommendation and a
 * consultation, sees their titles on the grant's staff application page and its monitoring
 * page, and removes one; a bad address, a record not in Bridge, a duplicate and a person who
 * may not are each refused, and nothing is written.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { linksPersonData } from '../../src/modules/grants/links/person-data.js';
import { grantLinks } from '../../src/modules/grants/schema.js';
import { trackerRecommendations } from '../../src/modules/tracker/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { createTestApp, type Agent, type TestApp } from '../app.js';
import { makeAccount, signInAccount, signInNewAccount } from '../factories/accounts.js';
import { makeConsultation } from '../factories/consultation.js';
import { uniqueTag } from '../factories/directory.js';
import {
  makeApplication,
  makeAwardedApplication,
  makeFund,
  makeRound,
} from '../factories/grants.js';
import { makeGroup } from '../factories/groups.js';
import { makeMeeting } from '../factories/meetings.js';
import { makeTrackerSource } from '../factories/tracker.js';
import { mainOf, rowRecords, tableOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;

before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
});
afterEach(() => t.clock.reset());
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));

async function awardedGrant() {
  const round = await makeRound(t, (await makeFund(t)).id);
  return makeAwardedApplication(t, round.id);
}

/** A meeting, a recommendation and a consultation, each named uniquely, with their pages. */
async function records() {
  const tag = uniqueTag();
  const group = await makeGroup(t);
  const meeting = await makeMeeting(t, group.id, {
    title: `Community meeting ${tag}`,
    date: '2026-12-10',
  });
  const sourceTitle = `Stop and search review ${tag}`;
  const sourceId = await makeTrackerSource(t, [
    {
      source_title: sourceTitle,
      source_kind: 'review',
      recommendation: '4',
      recommendation_text: 'Explain every search to the person searched',
      action: 'Brief every officer',
      result: 'ongoing',
    },
  ]);
  const [recommendation] = await t.services.db
    .select({ id: trackerRecommendations.id })
    .from(trackerRecommendations)
    .where(eq(trackerRecommendations.sourceId, sourceId));
  const consultation = await makeConsultation(t, { title: `Policing priorities ${tag}` });
  return {
    meeting: { id: meeting.id, title: meeting.title },
    recommendation: { id: recommendation!.id, title: `Recommendation 4: ${sourceTitle}` },
    consultation,
  };
}

const linksOf = (applicationId: string) =>
  t.services.db.select().from(grantLinks).where(eq(grantLinks.applicationId, applicationId));
const auditsOf = (applicationId: string) =>
  t.services.db
    .select()
    .from(auditEvents)
    .where(
      and(eq(auditEvents.recordType, 'grant-application'), eq(auditEvents.recordId, applicationId)),
    );

test('CON-04: an officer ties a grant to a meeting, a recommendation and a consultation, sees them on both pages, and removes one', async () => {
  const grant = await awardedGrant();
  const r = await records();
  const addUrl = `/grants/monitoring/${grant.id}/links/new`;

  // The form on its own page, and on the grant's pages.
  const form = await officer.get(addUrl);
  assert.equal(form.statusCode, 200);
  assert.match(text(form.body), /Address of the record in Bridge/);
  const before = await officer.get(`/grants/monitoring/${grant.id}`);
  assert.match(text(before.body), /Tied to/);
  assert.match(text(before.body), /not tied to any meeting, recommendation or consultation yet/);

  // A meeting under its group's pages, as a full address; a recommendation's page; a
  // consultation's public page; each from the grant page it was sent from.
  const sent = [
    {
      address: `https://bridge.example.gov.uk/groups/${uniqueTag()}/meetings/${r.meeting.id}`,
      note: 'Paid for the hall and the interpreters.',
      back: 'monitoring',
    },
    { address: `/tracker/recommendations/${r.recommendation.id}`, note: '', back: 'application' },
    { address: `/consultations/${r.consultation.id}?from=email`, note: '', back: 'monitoring' },
  ];
  for (const body of sent) {
    const added = await officer.post(addUrl, body);
    assert.equal(added.statusCode, 303, added.body);
    assert.equal(
      added.headers.location,
      body.back === 'application'
        ? `/grants/applications/${grant.id}`
        : `/grants/monitoring/${grant.id}`,
    );
  }
  const flash = await officer.get(`/grants/monitoring/${grant.id}`);
  assert.match(text(flash.body), new RegExp(`tied to “Policing priorities .*” \\(Consultation\\)`));
  assert.equal((await linksOf(grant.id)).length, 3);
  const audits = await auditsOf(grant.id);
  assert.equal(audits.filter((a) => a.action === 'grant-link.added').length, 3);

  // Both pages show each record's kind, title, link and note.
  for (const page of [`/grants/monitoring/${grant.id}`, `/grants/applications/${grant.id}`]) {
    const html = (await officer.get(page)).body;
    const table = tableOf(html, /meetings, recommendations and consultations this grant served/);
    assert.deepEqual(
      rowRecords(table)
        .map((row) => [row.Kind, row.Record, row['What the grant did for it']])
        .sort(),
      [
        ['Consultation', r.consultation.title, ''],
        ['Meeting', r.meeting.title, 'Paid for the hall and the interpreters.'],
        ['Recommendation', r.recommendation.title, ''],
      ],
      page,
    );
    assert.match(html, new RegExp(`href="/meetings/${r.meeting.id}"`));
    assert.match(html, new RegExp(`href="/tracker/recommendations/${r.recommendation.id}"`));
    assert.match(html, new RegExp(`href="/consultation/consultations/${r.consultation.id}"`));
  }

  // The recommendation removed: the others stay.
  const tie = (await linksOf(grant.id)).find((l) => l.kind === 'recommendation')!;
  const removed = await officer.post(`/grants/monitoring/${grant.id}/links/${tie.id}/remove`, {
    back: 'application',
  });
  assert.equal(removed.statusCode, 303);
  assert.equal(removed.headers.location, `/grants/applications/${grant.id}`);
  const page = text((await officer.get(`/grants/applications/${grant.id}`)).body);
  assert.match(page, /The tie was removed/);
  assert.ok(!page.includes(r.recommendation.title));
  assert.ok(page.includes(r.meeting.title));
  assert.deepEqual((await linksOf(grant.id)).map((l) => l.kind).sort(), [
    'consultation',
    'meeting',
  ]);
  assert.equal(
    (await auditsOf(grant.id)).filter((a) => a.action === 'grant-link.removed').length,
    1,
  );
});

test('CON-04: a bad address, a record not in Bridge and a duplicate are refused naming the address; nothing is written', async () => {
  const grant = await awardedGrant();
  const r = await records();
  const addUrl = `/grants/monitoring/${grant.id}/links/new`;

  const empty = await officer.post(addUrl, { address: ' ', note: '' });
  assert.equal(empty.statusCode, 400);
  assert.match(text(empty.body), /There is a problem/);
  assert.match(
    text(empty.body),
    /Enter the address of a meeting, recommendation or consultation in Bridge/,
  );
  assert.match(empty.body, /href="#address"/);

  const bad = await officer.post(addUrl, { address: `/tracker/sources/${r.meeting.id}`, note: '' });
  assert.equal(bad.statusCode, 400);
  assert.match(
    text(bad.body),
    /Enter the address of a meeting, a tracker recommendation or a consultation page in Bridge/,
  );
  assert.match(bad.body, /href="#address"/);
  // What was typed is kept.
  assert.match(bad.body, new RegExp(`value="/tracker/sources/${r.meeting.id}"`));

  // An address of the right shape naming nothing: a consultation's id given as a meeting's.
  const unknown = await officer.post(addUrl, { address: `/meetings/${r.consultation.id}` });
  assert.equal(unknown.statusCode, 400);
  assert.match(
    text(unknown.body),
    /There is no meeting, recommendation or consultation at that address in Bridge/,
  );
  assert.match(unknown.body, /href="#address"/);
  assert.equal((await linksOf(grant.id)).length, 0);

  // Once tied, the same record again (by another of its addresses) is refused.
  const address = `/consultation/consultations/${r.consultation.id}`;
  assert.equal((await officer.post(addUrl, { address, note: 'First' })).statusCode, 303);
  const again = await officer.post(addUrl, {
    address: `/consultations/${r.consultation.id}`,
    note: 'Second',
  });
  assert.equal(again.statusCode, 400);
  assert.match(text(again.body), /This grant is already tied to that record/);
  assert.match(again.body, /href="#address"/);
  const kept = await linksOf(grant.id);
  assert.deepEqual(
    kept.map((l) => l.note),
    ['First'],
  );
  assert.equal((await auditsOf(grant.id)).filter((a) => a.action === 'grant-link.added').length, 1);
});

test('CON-04: only the authority officers tie and untie; others are refused and nothing is written', async () => {
  const grant = await awardedGrant();
  const r = await records();
  const addUrl = `/grants/monitoring/${grant.id}/links/new`;
  assert.equal(
    (await officer.post(addUrl, { address: `/meetings/${r.meeting.id}` })).statusCode,
    303,
  );
  const [tie] = await linksOf(grant.id);

  const volunteer = await signInNewAccount(t, 'advisor');
  assert.equal((await volunteer.get(addUrl)).statusCode, 403);
  const refused = await volunteer.post(addUrl, {
    address: `/consultations/${r.consultation.id}`,
  });
  assert.equal(refused.statusCode, 403);
  const notRemoved = await volunteer.post(
    `/grants/monitoring/${grant.id}/links/${tie!.id}/remove`,
    {},
  );
  assert.equal(notRemoved.statusCode, 403);
  assert.equal((await linksOf(grant.id)).length, 1);
  assert.equal(
    (await auditsOf(grant.id)).filter((a) => a.action.startsWith('grant-link.')).length,
    1,
  );

  // Staff who read grants but do not manage them see the ties, without the forms.
  const reader = await signInNewAccount(t, 'coordination_unit');
  const page = await reader.get(`/grants/applications/${grant.id}`);
  assert.equal(page.statusCode, 200);
  assert.ok(text(page.body).includes(r.meeting.title));
  assert.doesNotMatch(text(page.body), /Tie to a meeting, recommendation or consultation/);
  assert.doesNotMatch(page.body, /links\/[^"]*\/remove/);

  // A reader of grants sees each tied record with its link; a partnership officer, whose
  // borough competes for the same money, does not read the grant at all.
  const consultationAddress = `/consultations/${r.consultation.id}`;
  assert.equal((await officer.post(addUrl, { address: consultationAddress })).statusCode, 303);
  const theirs = await reader.get(`/grants/monitoring/${grant.id}`);
  assert.equal(theirs.statusCode, 200);
  assert.ok(text(theirs.body).includes(r.consultation.title));
  assert.match(theirs.body, new RegExp(`href="/consultation/consultations/${r.consultation.id}"`));
  assert.match(theirs.body, new RegExp(`href="/meetings/${r.meeting.id}"`));
  const partnership = await signInNewAccount(t, 'partnership_officer');
  assert.equal((await partnership.get(`/grants/monitoring/${grant.id}`)).statusCode, 403);

  // A grant not awarded has nothing to tie.
  const round = await makeRound(t, (await makeFund(t)).id);
  const submitted = await makeApplication(t, round.id);
  const none = await officer.post(`/grants/monitoring/${submitted.id}/links/new`, {
    address: `/meetings/${r.meeting.id}`,
  });
  assert.equal(none.statusCode, 404);
  assert.equal((await linksOf(submitted.id)).length, 0);
});

test('DP-02: the ties a person made are part of what Bridge holds about them', async () => {
  const grant = await awardedGrant();
  const r = await records();
  const account = await makeAccount(t, { role: 'authority_officer' });
  const agent = await signInAccount(t, account);
  const added = await agent.post(`/grants/monitoring/${grant.id}/links/new`, {
    address: `/meetings/${r.meeting.id}`,
    note: 'Paid for the hall.',
  });
  assert.equal(added.statusCode, 303);
  const [section] = await linksPersonData(t.services.t, t.services.db, {
    personId: account.personId,
    userId: account.userId,
  });
  assert.equal(section!.title, 'Grants you tied to meetings, recommendations and consultations');
  assert.deepEqual(
    section!.rows.map((row) => [row.Grant, row['Tied to a'], row['What the grant did for it']]),
    [[grant.projectTitle, 'meeting', 'Paid for the hall.']],
  );
});
