/**
 * The consultation strategy board's rows a test makes for itself (CON-01): the board's id, and a
 * board meeting held on a day with one minute drafted, made through the meetings service as the
 * authority officer supporting the board schedules, minutes and holds it (ADR 0005).
 */
import { toLondonDate } from '../../src/platform/calendar/index.js';
import { dateFields, type TestApp } from '../app.js';
import { consultationBoardMembers } from '../../src/modules/consultation/board/schema.js';
import { makePerson } from './directory.js';
import { staffPrincipal } from './meetings.js';

export async function boardId(t: TestApp): Promise<string> {
  return (await t.services.consultationBoard.board()).id;
}

/**
 * A meeting of the board (or of `body`, another body) held on `date` (before today), with one
 * agenda item minuted under `heading`. Gives the meeting and the minute's id.
 */
export async function makeBoardMinute(
  t: TestApp,
  options: {
    title: string;
    heading: string;
    date: string;
    body?: { type: 'consultation_board' | 'advisory_group'; id: string };
  },
): Promise<{ meetingId: string; minuteItemId: string }> {
  const officer = await staffPrincipal(
    t,
    options.body?.type === 'advisory_group' ? 'coordination_unit' : 'authority_officer',
  );
  const body = options.body ?? { type: 'consultation_board' as const, id: await boardId(t) };
  // The board's roll must have someone on it to hold a meeting: a member serving since 2000.
  if (body.type === 'consultation_board')
    await t.services.db.insert(consultationBoardMembers).values({
      boardId: body.id,
      personId: (await makePerson(t)).id,
      side: 'authority',
      role: 'member',
      fromOn: '2000-01-01',
    });
  const kept = t.clock.current;
  try {
    // Scheduled the day before it, then held (its attendance recorded) in the evening.
    t.clock.current = new Date(new Date(`${options.date}T12:00:00Z`).getTime() - 86_400_000);
    const [meeting] = await t.services.meetings.schedule(officer, body.type, body.id, {
      title: options.title,
      ...dateFields('date', options.date),
      startTime: '10am',
      format: 'online',
      repeat: 'once',
    });
    const item = await t.services.meetings.tableItem(officer, meeting!.id, {
      title: options.heading,
    });
    t.clock.current = new Date(`${options.date}T16:00:00Z`);
    const { roll } = await t.services.meetings.attendanceForm(officer, meeting!.id);
    await t.services.meetings.recordAttendance(
      officer,
      meeting!.id,
      Object.fromEntries(roll.map((r) => [`attendance-${r.personId}`, 'present'])),
    );
    await t.services.meetingMinutes.saveDraft(officer, meeting!.id, {
      [`minute-${item.id}`]: 'Agreed.',
    });
    const refs = await t.services.meetingMinuteReferences.ofBodies(
      t.services.db,
      body.type,
      body.id,
      50,
    );
    const minute = refs.find((r) => r.meetingId === meeting!.id && r.heading === options.heading);
    if (!minute) throw new Error(`no minute made on ${toLondonDate(meeting!.startsAt)}`);
    return { meetingId: meeting!.id, minuteItemId: minute.minuteItemId };
  } finally {
    t.clock.current = kept;
  }
}
