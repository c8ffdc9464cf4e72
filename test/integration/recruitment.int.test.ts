import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { applications, memberships } from '../../src/modules/groups/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { Agent, createTestApp, type TestApp, dateFields } from '../app.js';
import { accountFor, signInAsRole } from '../factories/accounts.js';
import { makeBoroughCommander, referenceOrganisationId } from '../factories/directory.js';
import { makeGroup } from '../factories/groups.js';

/** The breadcrumbs' words, in order. */
function breadcrumbs(body: string): string[] {
  return [...body.matchAll(/class="govuk-breadcrumbs__link"[^>]*>([^<]*)</g)].map((m) => m[1]!);
}

let t: TestApp;
let coordinator: Agent;
let director: Agent;

before(async () => {
  t = await createTestApp({ demo: false });
  coordinator = await signInAsRole(t, 'coordination_unit');
  director = await signInAsRole(t, 'director');
  // Two boroughs have a commander recorded; the rest do not.
  for (const [code, name] of [
    ['E09000007', 'camden'],
    ['E09000012', 'hackney'],
  ] as const)
    await makeBoroughCommander(t, await referenceOrganisationId(t, code), {
      email: `commander.${name}@factory.example`,
    });
});
after(() => t.close());

async function openRound(
  groupId: string,
  opensOn: string,
  closesOn = '2026-12-31',
  appointmentDate = '2027-04-01',
) {
  const panel = (await accountFor(t, 'coordination_unit')).email;
  const chair = (await accountFor(t, 'chair')).email;
  return coordinator.post(`/groups/${groupId}/recruitment/new`, {
    ...dateFields('opensOn', opensOn),
    ...dateFields('closesOn', closesOn),
    ...dateFields('appointmentDate', appointmentDate),
    targetAudiences: 'Young people in care; young Gypsy and Traveller people',
    panel: `${panel}\n${chair}`,
  });
}

const application = (overrides: Record<string, string | string[]> = {}) => ({
  fullName: 'Tia Young',
  email: 'tia.young@example.org',
  ...dateFields('dateOfBirth', '2008-06-15'),
  communities: 'Young carers in Lewisham',
  statement: 'I want young people to be heard by the police.',
  confirm: ['independent', 'principles'],
  ...overrides,
});

/**
 * A youth IAG of the test's own (a corporate IAG taking ages 14 to 25), with a round opened from
 * 20 November 2026 for appointments starting on 1 April 2027, its panel the coordination unit
 * and the chair.
 */
async function youthRound(name?: string) {
  const { id: youthId } = await makeGroup(t, {
    type: 'corporate_iag',
    name,
    minAge: 14,
    maxAge: 25,
  });
  const response = await openRound(youthId, '2026-11-20');
  assert.equal(response.statusCode, 303, response.body.slice(0, 300));
  const location = response.headers.location!;
  const roundId = /recruitment\/([0-9a-f-]{36})$/.exec(location)![1]!;
  return { youthId, roundId, location };
}

/** Applies to the group through its public form, as a visitor; gives the application's id. */
async function applyTo(youthId: string, roundId: string, overrides: Record<string, string> = {}) {
  const ok = await new Agent(t.app).post(
    `/advisory-groups/${youthId}/apply`,
    application(overrides),
  );
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
  const round = await coordinator.get(`/groups/${youthId}/recruitment/${roundId}`);
  return /applications\/([0-9a-f-]{36})/.exec(round.body)![1]!;
}

test('IAG-16, IAG-17: opening a corporate round tells every borough commander recorded', async () => {
  const { location } = await youthRound('Westminster Youth Independent Advisory Group');
  const page = await coordinator.get(location);
  assert.match(page.body, /2 borough commanders have been told; 31 boroughs have no commander/);
  assert.deepEqual(breadcrumbs(page.body).slice(0, 2), ['Home', 'Advisory groups']);
  const told = await t.services.db
    .select({ to: outbox.toAddress })
    .from(outbox)
    .where(eq(outbox.subject, 'Recruitment open: Westminster Youth Independent Advisory Group'));
  assert.deepEqual(told.map((m) => m.to).sort(), [
    'commander.camden@factory.example',
    'commander.hackney@factory.example',
  ]);
});

test('IAG-20: a second round for a corporate IAG within 12 months is refused with the date the next may open', async () => {
  const { youthId } = await youthRound();
  const response = await openRound(youthId, '2027-06-01', '2027-07-01', '2027-09-01');
  assert.equal(response.statusCode, 409);
  assert.match(response.body, /at most one recruitment in any 12 months/);
  assert.match(response.body, /The next may open on 20 November 2027/);
  assert.equal(
    (await openRound(youthId, '2027-11-20', '2027-12-20', '2028-01-10')).statusCode,
    303,
  );
});

test('IAG-17: the public applies without an account; the Youth IAG takes ages 14 to 25 on the appointment date', async () => {
  const { youthId } = await youthRound();
  const visitor = new Agent(t.app);
  const form = await visitor.get(`/advisory-groups/${youthId}/apply`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Date of birth/);
  assert.deepEqual(breadcrumbs(form.body).slice(0, 2), ['Home', 'Advisory groups']);

  const tooOld = await visitor.post(
    `/advisory-groups/${youthId}/apply`,
    application({ ...dateFields('dateOfBirth', '2001-03-31') }),
  );
  assert.equal(tooOld.statusCode, 400);
  assert.match(
    tooOld.body,
    /aged 14 to 25 on the date of appointment, 1 April 2027; you would be 26/,
  );

  const missing = await visitor.post(`/advisory-groups/${youthId}/apply`, {
    ...application(),
    confirm: 'independent',
    statement: '',
  });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /Tell us why you want to join/);
  assert.match(missing.body, /Seven Principles of Public Life/);

  const ok = await visitor.post(`/advisory-groups/${youthId}/apply`, application());
  assert.equal(ok.statusCode, 303);
  const done = await visitor.get(ok.headers.location!);
  assert.match(done.body, /Application received/);
  const twice = await visitor.post(`/advisory-groups/${youthId}/apply`, application());
  assert.equal(twice.statusCode, 409);
  assert.match(twice.body, /already been received/);

  const events = await t.services.db
    .select({ after: auditEvents.after })
    .from(auditEvents)
    .where(eq(auditEvents.action, 'application.submitted'));
  assert.doesNotMatch(
    JSON.stringify(events),
    /Tia|tia\.young/,
    'no applicant details in the audit',
  );
});

test("applicants' details are seen only by the round's panel and the coordination unit", async () => {
  const { youthId, roundId } = await youthRound();
  const applicationId = await applyTo(youthId, roundId);
  const round = await coordinator.get(`/groups/${youthId}/recruitment/${roundId}`);
  assert.match(round.body, /tia.young@example.org/);
  const url = `/groups/${youthId}/recruitment/${roundId}/applications/${applicationId}`;

  const chair = await signInAsRole(t, 'chair');
  assert.match(
    (await chair.get(url)).body,
    /Young carers in Lewisham/,
    'the chair is on the panel',
  );
  const directorView = await director.get(url);
  assert.equal(directorView.statusCode, 200);
  assert.match(directorView.body, /Tia Young/);
  assert.doesNotMatch(directorView.body, /tia.young@example.org|Young carers|2008/);
  for (const role of ['ctset', 'authority_officer', 'advisor'] as const) {
    const agent = await signInAsRole(t, role);
    assert.equal((await agent.get(url)).statusCode, 403, role);
  }
});

test('IAG-16: the panel assesses, the Director accepts, and acceptance creates the appointment', async () => {
  // An address of its own, so the mail counted below is this application's alone.
  const email = 'tia.young.accepted@example.org';
  const { youthId, roundId } = await youthRound();
  const applicationId = await applyTo(youthId, roundId, { email });
  const base = `/groups/${youthId}/recruitment/${roundId}/applications/${applicationId}`;

  const early = await director.post(`${base}/decide`, { decision: 'accept' });
  assert.equal(early.statusCode, 409);
  assert.match(early.body, /not assessed this application yet/);

  const notPanel = await director.post(`${base}/assess`, {
    recommendation: 'recommended',
    assessment: 'Strong.',
  });
  assert.equal(notPanel.statusCode, 403, 'the Director is not on the panel');
  const assessed = await coordinator.post(`${base}/assess`, {
    recommendation: 'recommended',
    assessment: 'Strong links with young carers; clear about independence.',
  });
  assert.equal(assessed.statusCode, 303);

  const byUnit = await coordinator.post(`${base}/decide`, { decision: 'accept' });
  assert.equal(byUnit.statusCode, 403, 'only the Director accepts');
  const accepted = await director.post(`${base}/decide`, { decision: 'accept' });
  assert.equal(accepted.statusCode, 303);
  const [row] = await t.services.db
    .select({ status: applications.status, membershipId: applications.membershipId })
    .from(applications)
    .where(eq(applications.id, applicationId));
  assert.equal(row!.status, 'accepted');
  const [membership] = await t.services.db
    .select()
    .from(memberships)
    .where(eq(memberships.id, row!.membershipId!));
  assert.equal(membership!.groupId, youthId);
  assert.equal(membership!.startsOn, '2027-04-01');
  assert.equal(membership!.endsOn, '2031-04-01');
  const told = await t.services.db
    .select({ subject: outbox.subject, body: outbox.bodyText })
    .from(outbox)
    .where(eq(outbox.toAddress, email));
  assert.equal(told.length, 2, 'acknowledged, then told the outcome');
  assert.match(told[1]!.body, /accepted your appointment/);
  const again = await director.post(`${base}/decide`, { decision: 'decline', reason: 'x' });
  assert.equal(again.statusCode, 409);
});

test('IAG-17: the application form says the ages a group takes, with one end or both', async () => {
  const visitor = new Agent(t.app);
  const hintOf = async (ages: { minAge?: number; maxAge?: number }) => {
    // Owned by a borough of the reference data: a borough made here would be one more without
    // a commander in what a corporate round says (the first test above).
    const { id } = await makeGroup(t, {
      type: 'borough_iag',
      ownerId: await referenceOrganisationId(t, 'E09000001'),
      ...ages,
    });
    const round = await coordinator.post(`/groups/${id}/recruitment/new`, {
      ...dateFields('opensOn', '2026-11-20'),
      ...dateFields('closesOn', '2026-12-31'),
      ...dateFields('appointmentDate', '2027-04-01'),
      targetAudiences: 'Young people',
      panel: (await accountFor(t, 'coordination_unit')).email,
    });
    assert.equal(round.statusCode, 303, round.body.slice(0, 300));
    const form = await visitor.get(`/advisory-groups/${id}/apply`);
    assert.equal(form.statusCode, 200);
    return /This group takes members aged [^<]*/.exec(form.body)?.[0]?.trim();
  };
  assert.equal(
    await hintOf({ maxAge: 25 }),
    'This group takes members aged up to 25 on the day appointments start',
  );
  assert.equal(
    await hintOf({ minAge: 16 }),
    'This group takes members aged 16 or over on the day appointments start',
  );
  assert.equal(
    await hintOf({ minAge: 14, maxAge: 25 }),
    'This group takes members aged 14 to 25 on the day appointments start',
  );
});
