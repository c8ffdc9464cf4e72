/**
 * Meetings of an advisory group: the coordination unit schedules one, an advisor tables an item,
 * the chair accepts it and publishes the agenda; the chair records attendance and withdraws a
 * member who has missed three meetings in a row (IAG-21e, IAG-21f); minutes with the rationale
 * for advice are approved at the next meeting and published (IAG-27); every group is invited to
 * the annual conference and attendance is recorded by group (IAG-32).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { ANNUAL_CONFERENCE_ID, DIRECTOR_CHAIRS_ID } from '../../src/modules/groups/meeting-body.js';
import { meetingInvitations, meetings } from '../../src/modules/meetings/schema.js';
import {
  addCalendarDays,
  addCalendarMonths,
  reportingYearOf,
} from '../../src/platform/calendar/index.js';
import { makeGroup } from '../factories/groups.js';
import {
  makeAgenda,
  makeBodyMeeting,
  makeMeeting,
  makeMeetingBegun,
  recordAttendance,
} from '../factories/meetings.js';
import { openGroup } from './pages/groups.js';
import { expectErrors, expectSuccess, fillDate } from './pages/govuk.js';
import {
  expectAccessible,
  signInThroughPages,
  signInWithRole,
  startE2E,
  visit,
  type E2E,
} from './support.js';

let e2e: E2E;
before(async () => {
  // No demo data: each journey makes the group, people and meetings it reads.
  e2e = await startE2E({ demo: false });
});
after(() => e2e.close());

/** Today on the app's clock, and a date months before it. */
const today = () => e2e.services.meetings.today();
const monthsAgo = (n: number) => addCalendarMonths(today(), -n);

test('an advisor tables an item; the chair accepts it and publishes the agenda', async () => {
  const {
    name: group,
    chair: chairAccount,
    members,
  } = await makeGroup(e2e.app, {
    chair: true,
    members: 1,
  });
  const coordinator = await e2e.newPage();
  await signInWithRole(e2e, coordinator, 'coordination_unit');
  await openGroup(coordinator, group);
  await coordinator.getByRole('link', { name: 'Meetings' }).click();
  await coordinator.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
  await expectAccessible(coordinator);
  await coordinator.getByRole('button', { name: 'Schedule a meeting' }).click();
  await expectAccessible(coordinator);
  await coordinator.getByLabel('Start time').fill('half six');
  await coordinator.getByRole('button', { name: 'Schedule' }).click();
  await expectErrors(coordinator, [
    { field: 'date-day', message: 'Enter the date of the meeting' },
    { field: 'startTime', message: 'Enter the start time like 6:30pm or 18:30' },
    { field: 'format', message: 'Select how the meeting is held' },
  ]);
  await fillDate(coordinator, 'Date', addCalendarDays(today(), 14));
  await coordinator.getByLabel('Start time').fill('6:30pm');
  await coordinator.getByLabel('End time (optional)').fill('8:30pm');
  await coordinator.getByLabel('In person', { exact: true }).check();
  await coordinator.getByLabel('Venue').fill('Empress State Building, Lillie Road');
  await coordinator
    .getByLabel('Access arrangements (optional)')
    .fill('Step-free entrance; hearing loop in room 4');
  await coordinator.getByRole('button', { name: 'Schedule' }).click();
  await expectSuccess(coordinator, 'The meeting has been scheduled');

  // The advisor finds it from their own groups and tables an item.
  const advisor = await e2e.newPage();
  await signInThroughPages(advisor, members[0]!);
  await advisor.getByRole('link', { name: 'Your advisory groups' }).first().click();
  await advisor.getByRole('link', { name: `Meetings of the ${group}` }).click();
  await advisor.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
  await expectAccessible(advisor);
  await advisor.getByRole('link', { name: /6:30pm to 8:30pm/ }).click();
  await expectAccessible(advisor);
  await advisor.getByRole('button', { name: 'Table an item' }).click();
  await expectAccessible(advisor);
  await advisor.getByRole('button', { name: 'Table the item' }).click();
  await expectErrors(advisor, [{ field: 'title', message: 'Enter what the item is about' }]);
  await advisor.getByLabel('What is the item about?').fill('Stop and search in Brixton');
  await advisor.getByRole('button', { name: 'Table the item' }).click();
  await expectSuccess(advisor, /has been tabled. The chair will decide/);

  // A paper for the item: a text file is refused, a PDF is taken.
  await advisor.getByRole('link', { name: 'Add a paper to Stop and search in Brixton' }).click();
  await expectAccessible(advisor);
  await advisor.getByLabel('The paper').setInputFiles({
    name: 'notes.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('notes'),
  });
  await advisor.getByRole('button', { name: 'Add the paper' }).click();
  await expectErrors(advisor, [
    {
      field: 'file',
      message:
        'The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG',
    },
  ]);
  await advisor.getByLabel('Title (optional)').fill('Stop and search, last quarter');
  await advisor.getByLabel('The paper').setInputFiles({
    name: 'figures.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n'),
  });
  await advisor.getByRole('button', { name: 'Add the paper' }).click();
  await expectSuccess(advisor, '“Stop and search, last quarter” has been added to the item');

  // The chair accepts it and publishes the agenda.
  const chair = await e2e.newPage();
  await signInThroughPages(chair, chairAccount!);
  await openGroup(chair, group);
  await chair.getByRole('link', { name: 'Meetings' }).click();
  await chair.getByRole('link', { name: /6:30pm to 8:30pm/ }).click();
  await chair.getByRole('button', { name: /^Accept\W+Stop and search in Brixton$/ }).click();
  await expectSuccess(chair, '“Stop and search in Brixton” is on the agenda');
  await chair.getByRole('button', { name: 'Publish the agenda' }).click();
  await expectSuccess(chair, 'The agenda has been published');

  await advisor.reload();
  const agenda = await advisor.getByRole('main').innerText();
  assert.match(agenda, /Published/);
  assert.match(agenda, /Stop and search in Brixton/);
  assert.match(agenda, /Stop and search, last quarter \(PDF, 1KB\)/);
});

test('the chair records attendance and withdraws a member who missed three meetings in a row', async () => {
  // A group of a year's standing: two meetings held in the past with Jordan Okafor absent, and
  // one that began an hour ago.
  const {
    id,
    name: group,
    chair: chairAccount,
    members: [jordan],
  } = await makeGroup(e2e.app, {
    chair: true,
    members: ['Jordan Okafor', 'Avery Advisor'],
    startsOn: monthsAgo(12),
  });
  for (const daysAgo of [70, 40]) {
    const held = await makeMeeting(e2e.app, id, {
      title: `Meeting ${daysAgo} days ago`,
      date: addCalendarDays(today(), -daysAgo),
      fields: { format: 'in_person', venue: 'Empress State Building' },
    });
    await recordAttendance(e2e.app, held.id, { [jordan!.personId]: 'absent' });
  }
  await makeMeetingBegun(e2e.app, id, { title: 'Meeting today', minutesAgo: 60 });
  const roll = await e2e.services.meetings.providers[0]!.roll(e2e.services.db, id);

  const chair = await e2e.newPage();
  await signInThroughPages(chair, chairAccount!);
  await openGroup(chair, group);
  await chair.getByRole('link', { name: 'Meetings' }).click();
  await chair.getByRole('cell', { name: 'Meeting today' }).waitFor();
  await chair
    .getByRole('row', { name: /Meeting today/ })
    .getByRole('link')
    .click();
  await chair.getByRole('button', { name: 'Record attendance' }).click();
  await chair.getByRole('heading', { level: 1, name: 'Record attendance' }).waitFor();
  await expectAccessible(chair);
  for (const r of roll)
    await chair
      .getByRole('group', { name: r.name })
      .getByLabel(r.name === 'Jordan Okafor' ? 'Apologies' : 'Present')
      .check();
  await chair.getByRole('button', { name: 'Save attendance' }).click();
  await expectSuccess(chair, 'Attendance has been recorded');

  // Apologies are not attendance: three in a row.
  await chair.getByRole('link', { name: 'Meetings' }).click();
  await chair.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
  assert.match(await chair.getByRole('main').innerText(), /Three or more meetings missed/);
  await expectAccessible(chair);
  await chair.getByRole('link', { name: 'Decide about withdrawal of Jordan Okafor' }).click();
  await expectAccessible(chair);
  await chair.getByRole('button', { name: 'Withdraw the membership' }).click();
  await expectErrors(chair, [
    { field: 'reason', message: 'Enter the decision and why it was made' },
  ]);
  await chair
    .getByLabel('The decision and why')
    .fill('Three meetings missed; two letters unanswered.');
  await chair.getByRole('button', { name: 'Withdraw the membership' }).click();
  await expectSuccess(chair, "Jordan Okafor's membership has been withdrawn");
  assert.doesNotMatch(await chair.getByRole('main').innerText(), /Three or more meetings missed/);
});

test('the chair minutes a meeting with the rationale for advice; the next meeting approves them and members read them', async () => {
  // The group's full meeting four months ago, with its agenda and attendance, and a meeting
  // that began an hour ago.
  const {
    id,
    name: group,
    chair: chairAccount,
    members: [member],
  } = await makeGroup(e2e.app, { chair: true, members: 1, startsOn: monthsAgo(12) });
  const full = await makeMeeting(e2e.app, id, {
    title: `${group} full meeting`,
    date: monthsAgo(4),
    fields: {
      endTime: '8pm',
      format: 'in_person',
      venue: 'Empress State Building, Lillie Road, London SW6',
    },
  });
  await makeAgenda(e2e.app, full.id, [
    'Stop and search monitoring for the last quarter',
    'Recruitment of new members',
  ]);
  await recordAttendance(e2e.app, full.id);
  await makeMeetingBegun(e2e.app, id, { title: 'Meeting today', minutesAgo: 60 });

  const chair = await e2e.newPage();
  await signInThroughPages(chair, chairAccount!);
  await openGroup(chair, group);
  await chair.getByRole('link', { name: 'Meetings' }).click();
  await chair
    .getByRole('table', { name: 'Past meetings' })
    .getByRole('row', { name: /full meeting/ })
    .getByRole('link')
    .click();
  await chair.getByRole('link', { name: 'Draft the minutes' }).click();
  await chair.getByRole('heading', { level: 1, name: 'Draft the minutes' }).waitFor();
  await expectAccessible(chair);
  const firstMinute = chair.getByLabel('1. Stop and search monitoring for the last quarter');
  const firstField = (await firstMinute.getAttribute('id'))!;
  await chair.getByRole('button', { name: 'Save the draft' }).click();
  await expectErrors(chair, [
    { field: firstField, message: 'Write the minute for at least one item' },
  ]);
  await chair
    .getByLabel('1. Stop and search monitoring for the last quarter')
    .fill('The group reviewed the figures and asked for the borough breakdown.');
  await chair.getByRole('button', { name: 'Save the draft' }).click();
  await expectSuccess(chair, 'The draft minutes have been saved');

  await chair.getByRole('button', { name: 'Record advice' }).click();
  await expectAccessible(chair);
  await chair
    .getByLabel('The advice', { exact: true })
    .fill('Explain the use of section 60 to the community before the operation');
  await chair.getByLabel('The police did not use the advice').check();
  await chair.getByRole('button', { name: 'Record the advice' }).click();
  await expectErrors(chair, [
    { field: 'rationale', message: 'Enter why the police did or did not use the advice (IAG-27)' },
  ]);
  await chair
    .getByLabel('Why', { exact: true })
    .fill('The operation was brought forward after intelligence; a debrief was offered instead');
  await chair.getByRole('button', { name: 'Record the advice' }).click();
  await expectSuccess(chair, 'The advice and whether the police used it have been recorded');

  // An action arising, then the meeting where the minutes are approved.
  await chair.getByRole('link', { name: /6pm to 8pm/ }).click();
  await chair.getByRole('button', { name: 'Record an action' }).click();
  await expectAccessible(chair);
  await chair.getByLabel('What is to be done').fill('Ask the borough for its breakdown');
  await chair.getByLabel('Who will do it').fill('Chris Coordinator');
  await chair.getByRole('button', { name: 'Record the action' }).click();
  await expectSuccess(chair, 'The action has been recorded');

  await chair.getByRole('link', { name: 'Meetings' }).click();
  await chair
    .getByRole('row', { name: /Meeting today/ })
    .getByRole('link')
    .click();
  assert.match(await chair.getByRole('main').innerText(), /Ask the borough for its breakdown/);
  await chair.getByRole('button', { name: 'Approved as a correct record' }).click();
  await expectSuccess(chair, /The minutes of .* have been approved/);

  // A member reads the approved minutes, with the rationale.
  const advisor = await e2e.newPage();
  await signInThroughPages(advisor, member!);
  await advisor.getByRole('link', { name: 'Your advisory groups' }).first().click();
  await advisor.getByRole('link', { name: `Meetings of the ${group}` }).click();
  await advisor
    .getByRole('table', { name: 'Past meetings' })
    .getByRole('row', { name: /full meeting/ })
    .getByRole('link')
    .click();
  await advisor.getByRole('link', { name: 'Read the minutes' }).click();
  await advisor.getByRole('heading', { level: 1, name: 'Minutes' }).waitFor();
  await expectAccessible(advisor);
  const text = await advisor.getByRole('main').innerText();
  assert.match(text, /asked for the borough breakdown/);
  assert.match(text, /a debrief was offered instead/);

  // And the public reads them on the group's page.
  const visitor = await e2e.newPage();
  await visit(visitor, '/advisory-groups');
  await visitor.getByRole('link', { name: group }).click();
  await visitor.getByRole('heading', { level: 2, name: 'Meetings' }).waitFor();
  await visitor
    .getByRole('link', { name: /6pm to 8pm/ })
    .first()
    .click();
  await visitor.getByRole('heading', { level: 2, name: 'Minutes' }).waitFor();
  await expectAccessible(visitor);
  const record = await visitor.getByRole('main').innerText();
  assert.match(record, /asked for the borough breakdown/);
  assert.match(record, /a debrief was offered instead/);

  // Approved minutes are only corrected, by a correction approved later.
  await chair.getByRole('link', { name: 'Meetings' }).click();
  await chair
    .getByRole('table', { name: 'Past meetings' })
    .getByRole('row', { name: /full meeting/ })
    .getByRole('link')
    .click();
  await chair.getByRole('link', { name: 'Read the minutes' }).click();
  await chair.getByRole('button', { name: 'Correct the minutes' }).click();
  await chair.getByRole('heading', { level: 1, name: 'Correct the minutes' }).waitFor();
  await expectAccessible(chair);
  await chair.getByRole('button', { name: 'Draft the correction' }).click();
  await expectErrors(chair, [
    { field: 'correction', message: 'Enter what the minutes should say instead' },
  ]);
  await chair
    .getByLabel('What the minutes should say instead')
    .fill('Minute 1: the group asked for the breakdown by ward, not by borough.');
  await chair.getByRole('button', { name: 'Draft the correction' }).click();
  await expectSuccess(chair, /The correction has been drafted/);
});

test('the coordination unit invites every group to the annual conference and records attendance by group', async () => {
  // This year's conference, scheduled, invitations not sent; and a group to send one to.
  const { name: group } = await makeGroup(e2e.app);
  const conference = await makeBodyMeeting(e2e.app, 'annual_conference', ANNUAL_CONFERENCE_ID, {
    title: 'Annual conference of the advisory groups: learning and good practice',
    date: addCalendarDays(today(), 60),
    fields: {
      startTime: '10am',
      endTime: '4pm',
      format: 'hybrid',
      venue: 'City Hall, Kamal Chunchie Way',
      accessNotes: 'Step-free throughout; hearing loop in the chamber; quiet room on level 2.',
    },
  });
  const coordinator = await e2e.newPage();
  await signInWithRole(e2e, coordinator, 'coordination_unit');
  await coordinator.getByRole('link', { name: 'Advisory groups' }).first().click();
  await coordinator.getByRole('link', { name: 'The annual conference' }).click();
  await coordinator.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
  await expectAccessible(coordinator);
  await coordinator.getByRole('link', { name: /10am to 4pm/ }).click();
  await coordinator.getByRole('link', { name: 'Invitations and attendance by group' }).click();
  await coordinator
    .getByRole('heading', { level: 1, name: 'Invitations and attendance by group' })
    .waitFor();
  assert.match(await coordinator.getByRole('main').innerText(), /No groups have been invited yet/);
  await expectAccessible(coordinator);
  await coordinator.getByRole('button', { name: 'Invite every group' }).click();
  const { db } = e2e.services;
  const invited = await db
    .select()
    .from(meetingInvitations)
    .where(eq(meetingInvitations.meetingId, conference.id));
  assert.ok(invited.length > 1);
  await expectSuccess(coordinator, `${invited.length} groups have been invited`);
  assert.match(await coordinator.getByRole('main').innerText(), /Every group has been invited/);
  await expectAccessible(coordinator);

  // The conference day: it began an hour ago.
  await db
    .update(meetings)
    .set({ startsAt: new Date(Date.now() - 60 * 60 * 1000), endsAt: null })
    .where(eq(meetings.id, conference.id));
  await coordinator.reload();
  await coordinator.getByRole('button', { name: 'Record attendance by group' }).click();
  await coordinator
    .getByRole('heading', { level: 1, name: 'Record attendance by group' })
    .waitFor();
  await expectAccessible(coordinator);
  const ours = invited.find((i) => i.inviteeName === group)!;
  for (const i of invited) await coordinator.getByLabel(i.inviteeName, { exact: true }).fill('0');
  await coordinator.getByLabel(group, { exact: true }).fill('a few');
  await coordinator.getByRole('button', { name: 'Save attendance' }).click();
  await expectErrors(coordinator, [
    {
      field: `representatives-${ours.inviteeId}`,
      message: `How many came from ${group} must be a whole number, like 2`,
    },
  ]);
  await coordinator.getByLabel(group, { exact: true }).fill('3');
  await coordinator.getByRole('button', { name: 'Save attendance' }).click();
  await expectSuccess(coordinator, 'Attendance has been recorded: 3 representatives in all');
  assert.match(
    await coordinator.getByRole('main').innerText(),
    new RegExp(`3 representatives came from 1 of the ${invited.length} groups invited`),
  );
  await expectAccessible(coordinator);
});

test('a member keeps a calendar link and stops it; a meeting is cancelled; the Director sees the year flagged', async () => {
  // A member of a group with a meeting to come; and one of the reporting year's two meetings
  // of the Director with the chairs (IAG-31), scheduled.
  const {
    id,
    name: group,
    members: [member],
  } = await makeGroup(e2e.app, { members: 1 });
  await makeMeeting(e2e.app, id, {
    title: 'Extra meeting on the summer events',
    date: addCalendarDays(today(), 30),
  });
  await makeBodyMeeting(e2e.app, 'director_chairs', DIRECTOR_CHAIRS_ID, {
    title: "The Director's meeting with the corporate IAG chairs",
    date: reportingYearOf(today()).end,
    fields: {
      startTime: '2pm',
      endTime: '4pm',
      format: 'in_person',
      venue: 'New Scotland Yard, Victoria Embankment',
    },
  });

  const advisor = await e2e.newPage();
  await signInThroughPages(advisor, member!);
  await advisor.getByRole('link', { name: 'Your advisory groups' }).first().click();
  await advisor.getByRole('link', { name: 'Add your meetings to your calendar' }).click();
  await advisor
    .getByRole('heading', { level: 1, name: 'Your meetings in your calendar' })
    .waitFor();
  await expectAccessible(advisor);
  await advisor.getByRole('button', { name: 'Make a calendar link' }).click();
  // The link is on Bridge's public address; the test's Bridge listens on a port of its own.
  const link = new URL((await advisor.locator('#calendar-link').innerText()).trim()).pathname;
  await expectAccessible(advisor);
  const feed = await advisor.request.get(link);
  assert.equal(feed.status(), 200);
  assert.match(await feed.text(), /^BEGIN:VCALENDAR/);
  await advisor.getByRole('button', { name: 'Stop the link working' }).click();
  await expectSuccess(advisor, 'Your calendar link no longer works');
  assert.equal((await advisor.request.get(link)).status(), 404);

  // The coordination unit cancels a meeting, saying why.
  const coordinator = await e2e.newPage();
  await signInWithRole(e2e, coordinator, 'coordination_unit');
  await openGroup(coordinator, group);
  await coordinator.getByRole('link', { name: 'Meetings' }).click();
  await coordinator
    .getByRole('row', { name: /Extra meeting on the summer events/ })
    .getByRole('link')
    .click();
  await coordinator.getByRole('link', { name: 'Cancel this meeting' }).click();
  await coordinator.getByRole('heading', { level: 1, name: 'Cancel the meeting' }).waitFor();
  await expectAccessible(coordinator);
  await coordinator.getByRole('button', { name: 'Cancel the meeting' }).click();
  await expectErrors(coordinator, [
    { field: 'reason', message: 'Enter why the meeting is cancelled' },
  ]);
  await coordinator.getByLabel('Why is it cancelled?').fill('The venue is closed for repairs');
  await coordinator.getByRole('button', { name: 'Cancel the meeting' }).click();
  await expectSuccess(coordinator, /cancelled/);
  assert.match(
    await coordinator.getByRole('main').innerText(),
    /This meeting was cancelled: The venue is closed for repairs/,
  );

  // IAG-31: the year has one of its two meetings of the Director and the chairs.
  const director = await e2e.newPage();
  await signInWithRole(e2e, director, 'director');
  await director.getByRole('link', { name: 'Advisory groups' }).first().click();
  await director.getByRole('heading', { level: 1, name: 'Advisory groups' }).waitFor();
  const shortfall = /only 1 meeting of the Director with the corporate IAG chairs/;
  assert.match(await director.getByRole('main').innerText(), shortfall);
  await expectAccessible(director);
  await director.getByRole('link', { name: "The Director's meetings with the chairs" }).click();
  await director.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
  assert.match(await director.getByRole('main').innerText(), shortfall);
  await expectAccessible(director);
});
