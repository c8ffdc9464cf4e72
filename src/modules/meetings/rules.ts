/**
 * The rules of meetings, for every body that meets (advisory groups now; engagement groups,
 * custody-visiting panels, boards and committees later). Pure functions, named by rule id.
 */
import { addCalendarMonths, type IsoDate } from '../../platform/calendar/index.js';

export const MEETING_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
export const MEETING_FORMAT_LABELS: Record<MeetingFormat, string> = {
  in_person: 'In person',
  online: 'Online',
  hybrid: 'In person and online (hybrid)',
};

export const MEETING_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: 'Scheduled',
  held: 'Held',
  cancelled: 'Cancelled',
};

export const AGENDA_ITEM_STATUSES = ['proposed', 'accepted', 'withdrawn'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

export const ATTENDANCE_STATUSES = ['present', 'apologies', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  present: 'Present',
  apologies: 'Apologies',
  absent: 'Absent',
};

/** How many meetings a series may schedule at once: ten years of monthly meetings is plenty. */
export const MAX_SERIES_LENGTH = 24;

/**
 * IAG-21d: a group meets at the interval it sets and the police service agrees. A series starts
 * on `first` and repeats every `intervalMonths` calendar months (a meeting on 31 January, monthly,
 * falls on 28 or 29 February and then on 31 March: each date is counted from the first, so a
 * short month does not pull the rest of the series earlier).
 */
export function seriesDates(first: IsoDate, intervalMonths: number, count: number): IsoDate[] {
  if (!Number.isInteger(intervalMonths) || intervalMonths < 1)
    throw new RangeError('intervalMonths must be a whole number of months, 1 or more');
  if (!Number.isInteger(count) || count < 1 || count > MAX_SERIES_LENGTH)
    throw new RangeError(`count must be between 1 and ${MAX_SERIES_LENGTH}`);
  return Array.from({ length: count }, (_, i) => addCalendarMonths(first, i * intervalMonths));
}

/** The times a person gives for a meeting: it must end after it starts, on the same day. */
export function checkMeetingTimes(
  startMinutes: number,
  endMinutes: number | null,
): { field: string; message: string } | null {
  if (endMinutes !== null && endMinutes <= startMinutes)
    return { field: 'endTime', message: 'The end time must be after the start time' };
  return null;
}

/** How a person stands to a body that meets, as far as its agenda is concerned. */
export interface AgendaRelation {
  /** A current member of the body. */
  member: boolean;
  /** A representative of the police service for this body (IAG-21e, IAG-33). */
  police: boolean;
  /** The chair or a co-chair of the body. */
  chair: boolean;
  /** Staff who support the body's meetings (for advisory groups, the coordination unit). */
  secretariat: boolean;
}

/** IAG-21e: any member, and the police service, may table an item on a group's agenda. */
export function mayTableItem(relation: AgendaRelation): boolean {
  return relation.member || relation.police || relation.chair || relation.secretariat;
}

/**
 * IAG-21e: the chair sets the agenda (orders, accepts or defers items, publishes it); the staff
 * who support the meeting may do it for them.
 */
export function mayArrangeAgenda(relation: AgendaRelation): boolean {
  return relation.chair || relation.secretariat;
}

/**
 * An item may be tabled until the agenda is published; after that only the chair (or the staff
 * supporting the meeting) may add one, as late business.
 */
export function checkTabling(
  relation: AgendaRelation,
  meeting: { status: MeetingStatus; agendaPublished: boolean },
): string | null {
  if (!mayTableItem(relation))
    return 'Only members of the group and the police service may table items (IAG-21e)';
  if (meeting.status !== 'scheduled')
    return meeting.status === 'cancelled'
      ? 'The meeting was cancelled: table the item for the next meeting'
      : 'The meeting has been held: table the item for the next meeting';
  if (meeting.agendaPublished && !mayArrangeAgenda(relation))
    return 'The agenda has been published: ask the chair to take it as late business, or table it for the next meeting';
  return null;
}

/** IAG-21f: a member who misses this many consecutive meetings may be withdrawn by the chair(s). */
export const CONSECUTIVE_ABSENCE_LIMIT = 3;

/**
 * IAG-21f: how many meetings in a row, counting back from the latest, the member missed. Only
 * meetings that were held count: a cancelled meeting neither breaks nor extends the run.
 * Apologies are not attendance, so they count as missed; attending ends the run.
 * `history` is newest first.
 */
export function consecutiveMissed(
  history: readonly { meetingStatus: MeetingStatus; attendance: AttendanceStatus | null }[],
): number {
  let missed = 0;
  for (const entry of history) {
    if (entry.meetingStatus !== 'held') continue;
    if (entry.attendance === 'present') break;
    missed += 1;
  }
  return missed;
}

export function mayBeWithdrawnForAbsence(missed: number): boolean {
  return missed >= CONSECUTIVE_ABSENCE_LIMIT;
}
