import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { like } from 'drizzle-orm';
import { outbox } from '../../src/platform/mail/schema.js';
import { createTestApp, type TestApp, groupIdByCode } from '../app.js';
import { makeAccount, signInAccount } from '../factories/accounts.js';
import { makeMember } from '../factories/groups.js';

let t: TestApp;
let raceId: string;

before(async () => {
  // No demo data: each test makes the people it reads. The Race IAG is reference data.
  t = await createTestApp({ demo: false });
  raceId = await groupIdByCode(t, 'iag-race');
});
after(() => t.close());
// Each test begins at the same moment, whatever the tests before it did to the clock.
afterEach(() => t.clock.reset());

const mailAbout = (subject: string) =>
  t.services.db
    .select()
    .from(outbox)
    .where(like(outbox.subject, `%${subject}%`));

test('those expected are reminded of a meeting two days before it, once, with the published agenda', async () => {
  // Clock: Monday 23 November 2026, 10:00. A meeting on Wednesday 25th at 6pm.
  const member = await makeMember(t, raceId);
  const coordinator = await signInAccount(t, await makeAccount(t, { role: 'coordination_unit' }));
  const res = await coordinator.post(`/groups/${raceId}/meetings/new`, {
    title: 'Race IAG reminder check',
    'date-day': '25',
    'date-month': '11',
    'date-year': '2026',
    startTime: '6pm',
    format: 'in_person',
    venue: 'Empress State Building',
    accessNotes: 'Step-free entrance on Lillie Road',
    repeat: 'once',
  });
  const meetingId = /\/meetings\/([0-9a-f-]{36})/.exec(res.headers.location ?? '')![1]!;
  await coordinator.post(`/meetings/${meetingId}/items/new`, { title: 'Stop and search' });
  await coordinator.post(`/meetings/${meetingId}/publish`);

  // Not yet: it is more than 48 hours away.
  assert.equal(await t.services.meetingReminders.sendMeetingReminders(), 0);
  t.clock.current = new Date('2026-11-23T19:00:00Z');
  assert.ok((await t.services.meetingReminders.sendMeetingReminders()) >= 1);
  const sent = await mailAbout('Reminder: Race IAG reminder check');
  const to = sent.map((m) => m.toAddress).sort();
  assert.ok(to.includes(member.email), `members are reminded: ${to.join(', ')}`);
  const one = sent[0]!;
  assert.match(one.bodyText, /25 November 2026, 6pm/);
  assert.match(one.bodyText, /Access: Step-free entrance on Lillie Road/);
  assert.match(one.bodyText, /1\. Stop and search/);
  assert.equal(new Set(to).size, to.length, 'each person once');
  assert.equal(await t.services.meetingReminders.sendMeetingReminders(), 0, 'never twice');
});

test('whoever scheduled a held meeting is reminded when its minutes are not drafted within 10 working days', async () => {
  // A meeting on Tuesday 24 November at 9am, held (attendance recorded) that day.
  t.clock.current = new Date('2026-11-23T20:00:00Z');
  await makeMember(t, raceId);
  const scheduler = await makeAccount(t, { role: 'coordination_unit' });
  const coordinator = await signInAccount(t, scheduler);
  const res = await coordinator.post(`/groups/${raceId}/meetings/new`, {
    title: 'Race IAG minutes check',
    'date-day': '24',
    'date-month': '11',
    'date-year': '2026',
    startTime: '9am',
    format: 'online',
    repeat: 'once',
  });
  const meetingId = /\/meetings\/([0-9a-f-]{36})/.exec(res.headers.location ?? '')![1]!;
  t.clock.current = new Date('2026-11-24T12:00:00Z');
  const staff = await signInAccount(t, scheduler);
  const form = await staff.get(`/meetings/${meetingId}/attendance`);
  const values = Object.fromEntries(
    [...form.body.matchAll(/name="(attendance-[0-9a-f-]{36})"/g)].map((m) => [m[1]!, 'present']),
  );
  assert.equal((await staff.post(`/meetings/${meetingId}/attendance`, values)).statusCode, 303);

  // Due by Tuesday 8 December (10 working days): nothing on the 8th, a reminder on the 9th.
  t.clock.current = new Date('2026-12-08T12:00:00Z');
  assert.equal(await t.services.meetingReminders.sendMinutesReminders(), 0);
  t.clock.current = new Date('2026-12-09T09:00:00Z');
  assert.equal(await t.services.meetingReminders.sendMinutesReminders(), 1);
  const [mail] = await mailAbout('Minutes not yet drafted: Race IAG minutes check');
  assert.ok(mail);
  assert.equal(mail.toAddress, scheduler.email);
  assert.match(mail.bodyText, /were due by 8 December 2026/);
  assert.match(mail.bodyText, new RegExp(`/meetings/${meetingId}/minutes/edit`));
  assert.equal(await t.services.meetingReminders.sendMinutesReminders(), 0, 'never twice');
});
