/**
 * Meetings a test makes for itself: scheduled through the meetings service as the coordination
 * unit schedules them (IAG-21d), and held by recording attendance (IAG-21f), so the rows are
 * the ones the pages read.
 */
import type { BodyType } from '../../src/modules/meetings/index.js';
import type { Role } from '../../src/platform/auth/roles.js';
import type { UserPrincipal } from '../../src/platform/auth/principal.js';
import {
  londonMinutes,
  toLondonDate,
  todayInLondon,
} from '../../src/platform/calendar/london-time.js';
import { dateFields, principalFor, type TestApp } from '../app.js';
import { makeAccount } from './accounts.js';

/** Accounts made to act as a role in services, one per app and role. */
const staff = new WeakMap<TestApp, Map<Role, Promise<UserPrincipal>>>();

/** The principal of an account with this role, made the first time a test asks for one. */
export function staffPrincipal(t: TestApp, role: Role): Promise<UserPrincipal> {
  let roles = staff.get(t);
  if (!roles) staff.set(t, (roles = new Map()));
  let principal = roles.get(role);
  if (!principal) {
    principal = makeAccount(t, { role }).then((a) => principalFor(t, a.email));
    roles.set(role, principal);
  }
  return principal;
}

export type Meeting = Awaited<ReturnType<TestApp['services']['meetings']['schedule']>>[number];

/**
 * Schedules one meeting of an advisory group on `date` (YYYY-MM-DD), online at 6pm unless
 * `fields` (the schedule form's: `startTime`, `format`, `venue`, ...) say otherwise. A meeting
 * may only be scheduled for today or later, so one in the past is scheduled as it was: the clock
 * is put at noon the day before it while scheduling, and back afterwards.
 */
export function makeMeeting(
  t: TestApp,
  groupId: string,
  options: { title: string; date: string; fields?: Record<string, string> },
): Promise<Meeting> {
  return makeBodyMeeting(t, 'advisory_group', groupId, options);
}

/**
 * Schedules one meeting of any body that meets (ADR 0005: the Director's meetings with the
 * chairs, the annual conference), as makeMeeting does for a group.
 */
export async function makeBodyMeeting(
  t: TestApp,
  type: BodyType,
  bodyId: string,
  options: { title: string; date: string; fields?: Record<string, string> },
): Promise<Meeting> {
  const unit = await staffPrincipal(t, 'coordination_unit');
  const kept = t.clock.current;
  if (options.date < todayInLondon(kept))
    t.clock.current = new Date(new Date(`${options.date}T12:00:00Z`).getTime() - 86_400_000);
  try {
    const [meeting] = await t.services.meetings.schedule(unit, type, bodyId, {
      title: options.title,
      ...dateFields('date', options.date),
      startTime: '6pm',
      format: 'online',
      repeat: 'once',
      ...options.fields,
    });
    return meeting!;
  } finally {
    t.clock.current = kept;
  }
}

/**
 * Schedules a meeting of the group that began `minutesAgo` minutes ago on the app's clock (to
 * the minute, with no end time unless `fields` give one): one whose attendance may be recorded.
 */
export function makeMeetingBegun(
  t: TestApp,
  groupId: string,
  options: { title: string; minutesAgo: number; fields?: Record<string, string> },
): Promise<Meeting> {
  const startsAt = new Date(t.clock.now().getTime() - options.minutesAgo * 60_000);
  const minutes = londonMinutes(startsAt);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return makeMeeting(t, groupId, {
    title: options.title,
    date: toLondonDate(startsAt),
    fields: { startTime: `${hh}:${mm}`, ...options.fields },
  });
}

/**
 * Tables these items on a meeting's agenda as the coordination unit supporting the meeting,
 * which accepts them as it tables them (IAG-21e), and publishes the agenda unless told not to.
 * The meeting must still be scheduled (not yet marked held), whatever its date.
 */
export async function makeAgenda(
  t: TestApp,
  meetingId: string,
  items: readonly string[],
  options: { publish?: boolean } = {},
): Promise<void> {
  const unit = await staffPrincipal(t, 'coordination_unit');
  for (const title of items) await t.services.meetings.tableItem(unit, meetingId, { title });
  if (options.publish ?? true) await t.services.meetings.publishAgenda(unit, meetingId);
}

export type AttendanceStatus = 'present' | 'apologies' | 'absent';

/**
 * Records the attendance of everyone on the meeting's roll, which marks it held: each person
 * as `statuses` gives them (by person id), everyone else as `others` (present unless told).
 * The meeting must have begun on the app's clock.
 */
export async function recordAttendance(
  t: TestApp,
  meetingId: string,
  statuses: Record<string, AttendanceStatus> = {},
  others: AttendanceStatus = 'present',
): Promise<void> {
  const unit = await staffPrincipal(t, 'coordination_unit');
  const { roll } = await t.services.meetings.attendanceForm(unit, meetingId);
  await t.services.meetings.recordAttendance(
    unit,
    meetingId,
    Object.fromEntries(
      roll.map((r) => [`attendance-${r.personId}`, statuses[r.personId] ?? others]),
    ),
  );
}
