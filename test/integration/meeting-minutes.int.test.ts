import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { agendaItems, meetingActions, minutes } from '../../src/modules/meetings/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { Agent, createTestApp, type TestApp, groupIdByCode } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { makeMember } from '../factories/groups.js';

let t: TestApp;
let raceId: string;
/** The coordination unit, and a member of the Race IAG. */
let unit: FactoryAccount;
let member: FactoryAccount;

before(async () => {
  // No demo data: the file makes the people it reads. The Race IAG is reference data.
  t = await createTestApp({ demo: false });
  raceId = await groupIdByCode(t, 'iag-race');
  unit = await makeAccount(t, { role: 'coordination_unit' });
  member = await makeMember(t, raceId);
  await makeMember(t, raceId, { chair: true, name: 'Charlie Chair' });
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

const auditCount = async () =>
  Number((await t.services.db.select({ n: count() }).from(auditEvents))[0]!.n);

async function schedule(agent: Agent, iso: string, time: string): Promise<string> {
  const res = await agent.post(`/groups/${raceId}/meetings/new`, {
    title: 'Race IAG full meeting',
    'date-day': iso.slice(8),
    'date-month': iso.slice(5, 7),
    'date-year': iso.slice(0, 4),
    startTime: time,
    format: 'online',
    repeat: 'once',
  });
  assert.equal(res.statusCode, 303, res.body);
  return /\/meetings\/([0-9a-f-]{36})/.exec(res.headers.location ?? '')![1]!;
}

async function recordEveryonePresent(agent: Agent, meetingId: string) {
  const form = await agent.get(`/meetings/${meetingId}/attendance`);
  const values = Object.fromEntries(
    [...form.body.matchAll(/name="(attendance-[0-9a-f-]{36})"/g)].map((m) => [m[1]!, 'present']),
  );
  assert.equal((await agent.post(`/meetings/${meetingId}/attendance`, values)).statusCode, 303);
}

test('IAG-27: minutes drafted against the agenda record whether the police used each piece of advice and why; approved at a later meeting, then only corrected', async () => {
  // Clock: 23 November 2026, 10:00. Meeting A began at 9am today; B and C are later.
  let coordinator = await signInAccount(t, unit);
  const a = await schedule(coordinator, '2026-11-23', '9am');
  const b = await schedule(coordinator, '2026-12-10', '6pm');
  const c = await schedule(coordinator, '2027-01-14', '6pm');
  for (const [title, confidential] of [
    ['Stop and search', ''],
    ['Community tension', ''],
    ['A complaint about a member', 'yes'],
  ] as const)
    assert.equal(
      (await coordinator.post(`/meetings/${a}/items/new`, { title, confidential })).statusCode,
      303,
    );
  const items = await t.services.db.select().from(agendaItems).where(eq(agendaItems.meetingId, a));
  const stopAndSearch = items.find((i) => i.title === 'Stop and search')!;
  const complaint = items.find((i) => i.title === 'A complaint about a member')!;

  // Minutes follow the meeting: not before attendance shows it was held.
  assert.equal((await coordinator.get(`/meetings/${a}/minutes/edit`)).statusCode, 409);
  await recordEveryonePresent(coordinator, a);

  const advisor = await signInAccount(t, member);
  assert.equal((await advisor.get(`/meetings/${a}/minutes/edit`)).statusCode, 403);
  assert.equal((await advisor.post(`/meetings/${a}/minutes/edit`, { other: 'x' })).statusCode, 403);

  const before = await auditCount();
  const empty = await coordinator.post(`/meetings/${a}/minutes/edit`, {});
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /Write the minute for at least one item/);
  assert.equal(await auditCount(), before);
  const drafted = await coordinator.post(`/meetings/${a}/minutes/edit`, {
    [`minute-${stopAndSearch.id}`]: 'The group reviewed the quarter’s figures.',
    [`minute-${complaint.id}`]: 'CONFIDENTIAL-MINUTE about the complaint.',
    other: 'None.',
  });
  assert.equal(drafted.statusCode, 303);

  // A draft is for those who run the meeting.
  const asAdvisor = await advisor.get(`/meetings/${a}/minutes`);
  assert.equal(asAdvisor.statusCode, 200);
  assert.doesNotMatch(asAdvisor.body, /quarter’s figures/);

  // IAG-27: a decision either way needs its reason.
  const noReason = await coordinator.post(`/meetings/${a}/minutes/advice/new`, {
    summary: 'Brief officers on the community’s concerns before the operation',
    use: 'not_used',
  });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Enter why the police did or did not use the advice \(IAG-27\)/);
  assert.equal(
    (
      await coordinator.post(`/meetings/${a}/minutes/advice/new`, {
        summary: 'Brief officers on the community’s concerns before the operation',
        use: 'not_yet_known',
      })
    ).statusCode,
    303,
  );

  // An action, due before the next meeting.
  const action = await coordinator.post(`/meetings/${a}/actions/new`, {
    description: 'Write to the borough commander about the figures',
    ownerName: 'Charlie Chair',
    'dueOn-day': '1',
    'dueOn-month': '12',
    'dueOn-year': '2026',
  });
  assert.equal(action.statusCode, 303);

  // Approval is at a later meeting, once it has begun.
  const [draft] = await t.services.db
    .select()
    .from(minutes)
    .where(and(eq(minutes.meetingId, a), eq(minutes.kind, 'minutes')));
  const sameMeeting = await coordinator.post(`/meetings/${a}/approvals`, { minutesId: draft!.id });
  assert.equal(sameMeeting.statusCode, 409);
  assert.match(sameMeeting.body, /approved at a later meeting of the same group, panel or board/);
  const tooEarly = await coordinator.post(`/meetings/${b}/approvals`, { minutesId: draft!.id });
  assert.equal(tooEarly.statusCode, 409);
  assert.match(tooEarly.body, /record the approval once it has begun/);

  // 10 December, at meeting B: the action carried to its agenda, overdue.
  t.clock.current = new Date('2026-12-10T18:30:00Z');
  coordinator = await signInAccount(t, unit);
  const atB = await coordinator.get(`/meetings/${b}`);
  assert.match(atB.body, /Matters arising/);
  assert.match(atB.body, /Write to the borough commander about the figures/);
  assert.match(atB.body, /Overdue/);
  assert.match(atB.body, /Minutes to approve at this meeting/);

  const unknown = await coordinator.post(`/meetings/${b}/approvals`, { minutesId: draft!.id });
  assert.equal(unknown.statusCode, 409);
  assert.match(unknown.body, /Record whether the police used each piece of advice/);
  const page = await coordinator.get(`/meetings/${a}/minutes`);
  const adviceId = /minutes\/advice\/([0-9a-f-]{36})\/remove/.exec(page.body)![1]!;
  assert.equal(
    (await coordinator.post(`/meetings/${a}/minutes/advice/${adviceId}/remove`)).statusCode,
    303,
  );
  assert.equal(
    (
      await coordinator.post(`/meetings/${a}/minutes/advice/new`, {
        summary: 'Brief officers on the community’s concerns before the operation',
        use: 'used',
        rationale: 'The briefing was changed and community leaders were invited to it',
      })
    ).statusCode,
    303,
  );
  const approved = await coordinator.post(`/meetings/${b}/approvals`, { minutesId: draft!.id });
  assert.equal(approved.statusCode, 303);

  // Approved: everyone who may see the meeting reads them; meeting B minutes the approval.
  const published = await (await signInAccount(t, member)).get(`/meetings/${a}/minutes`);
  assert.match(published.body, /quarter’s figures/);
  assert.match(published.body, /community leaders were invited/);
  const bMinutes = await coordinator.get(`/meetings/${b}/minutes`);
  assert.match(
    bMinutes.body,
    /The minutes of the meeting of 23 November 2026 were approved as a correct record/,
  );

  // Never edited once approved; a correction instead, approved at a later meeting.
  const beforeEdit = await auditCount();
  const edit = await coordinator.post(`/meetings/${a}/minutes/edit`, { other: 'Changed' });
  assert.equal(edit.statusCode, 409);
  assert.match(edit.body, /Approved minutes cannot be changed: record a correction/);
  const addAdvice = await coordinator.post(`/meetings/${a}/minutes/advice/new`, {
    summary: 'x',
    use: 'used',
    rationale: 'y',
  });
  assert.equal(addAdvice.statusCode, 409);
  assert.equal(await auditCount(), beforeEdit);
  assert.equal(
    (
      await coordinator.post(`/meetings/${a}/minutes/correction`, {
        correction: 'Minute 1 should read: the group reviewed the figures for two quarters.',
      })
    ).statusCode,
    303,
  );

  // The action is reported done at B, and no longer carried.
  const [raised] = await t.services.db
    .select()
    .from(meetingActions)
    .where(eq(meetingActions.meetingId, a));
  assert.equal(
    (await coordinator.post(`/meetings/${b}/actions/${raised!.id}/done`)).statusCode,
    303,
  );
  const again = await coordinator.post(`/meetings/${b}/actions/${raised!.id}/done`);
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /already been closed/);

  // 14 January, at meeting C: the correction is approved there.
  t.clock.current = new Date('2027-01-14T18:30:00Z');
  coordinator = await signInAccount(t, unit);
  const atC = await coordinator.get(`/meetings/${c}`);
  assert.doesNotMatch(atC.body, /Write to the borough commander/);
  const [correction] = await t.services.db
    .select()
    .from(minutes)
    .where(and(eq(minutes.meetingId, a), eq(minutes.kind, 'correction')));
  assert.equal(
    (await coordinator.post(`/meetings/${c}/approvals`, { minutesId: correction!.id })).statusCode,
    303,
  );
  const corrected = await coordinator.get(`/meetings/${a}/minutes`);
  assert.match(corrected.body, /the group reviewed the figures for two quarters/);
  assert.match(corrected.body, /Approved/);

  // The public reads the approved minutes, with the confidential minute withheld and said so;
  // a meeting with neither a published agenda nor approved minutes is not public.
  const visitor = new Agent(t.app);
  const groupPage = await visitor.get(`/advisory-groups/${raceId}`);
  assert.equal(groupPage.statusCode, 200);
  assert.match(groupPage.body, new RegExp(`/advisory-groups/${raceId}/meetings/${a}`));
  const record = await visitor.get(`/advisory-groups/${raceId}/meetings/${a}`);
  assert.equal(record.statusCode, 200);
  assert.match(record.body, /quarter’s figures/);
  assert.match(record.body, /community leaders were invited/);
  assert.match(record.body, /1 confidential minute was withheld from publication/);
  assert.match(record.body, /the group reviewed the figures for two quarters/);
  assert.doesNotMatch(record.body, /CONFIDENTIAL-MINUTE/);
  assert.equal((await visitor.get(`/advisory-groups/${raceId}/meetings/${c}`)).statusCode, 404);
});
