/**
 * The rules of meetings, for every body that meets (advisory groups now; engagement groups,
 * custody-visiting panels, boards and committees later). Pure functions, named by rule id.
 */
import { addCalendarMonths, workingDaysIn, type IsoDate } from '../../platform/calendar/index.js';
import { type Said } from '../../platform/i18n/said.js';

export const MEETING_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

export const MEETING_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const AGENDA_ITEM_STATUSES = ['proposed', 'accepted', 'withdrawn'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

export const ATTENDANCE_STATUSES = ['present', 'apologies', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

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
): (Said & { field: string }) | null {
  if (endMinutes !== null && endMinutes <= startMinutes)
    return { field: 'endTime', key: 'meetings:rules.endAfterStart' };
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
): Said | null {
  if (!mayTableItem(relation)) return { key: 'meetings:rules.tablingNotMember' };
  if (meeting.status !== 'scheduled')
    return meeting.status === 'cancelled'
      ? { key: 'meetings:rules.tablingCancelled' }
      : { key: 'meetings:rules.tablingHeld' };
  if (meeting.agendaPublished && !mayArrangeAgenda(relation))
    return { key: 'meetings:rules.tablingPublished' };
  return null;
}

/**
 * IAG-21e: who sees an agenda item. The chair and the staff supporting the meeting see every
 * item; before the agenda is published anyone else sees only the items they tabled themselves,
 * and after it, the accepted items too.
 */
export function maySeeAgendaItem(
  viewer: { arranges: boolean; personId: string | null },
  agendaPublished: boolean,
  item: { status: AgendaItemStatus; tabledByPersonId: string | null },
): boolean {
  return (
    viewer.arranges ||
    (agendaPublished && item.status === 'accepted') ||
    (viewer.personId !== null && item.tabledByPersonId === viewer.personId)
  );
}

/** Papers go on an item from whoever tabled it, or from the chair and supporting staff. */
export function mayAttachPaper(
  viewer: { arranges: boolean; userId: string | null },
  item: { tabledByUserId: string | null },
): boolean {
  return viewer.arranges || (viewer.userId !== null && item.tabledByUserId === viewer.userId);
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

// Minutes (IAG-27) and their approval

export const MINUTES_STATUSES = ['draft', 'approved'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];
export const MINUTES_KINDS = ['minutes', 'correction'] as const;
export type MinutesKind = (typeof MINUTES_KINDS)[number];

/** Minutes are drafted within this many working days of the meeting; the minute-taker is reminded. */
export const MINUTES_DRAFT_WORKING_DAYS = 10;

// London's default: England and Wales bank holidays.
const workingDays = workingDaysIn('england-and-wales');

/** Attendance is recorded once a meeting has started, and never for a cancelled one. */
export function checkAttendanceRecording(
  meeting: { status: MeetingStatus; startsAt: Date },
  now: Date,
): Said | null {
  if (meeting.status === 'cancelled') return { key: 'meetings:rules.attendanceCancelled' };
  if (meeting.startsAt > now) return { key: 'meetings:rules.attendanceNotStarted' };
  return null;
}

/** More representatives than this from one body is a typing slip, not a delegation. */
export const MAX_REPRESENTATIVES = 100;

/**
 * IAG-32: how many representatives came from an invited body: a whole number from 0 (nobody
 * came) up to MAX_REPRESENTATIVES. Returns the number, or what is wrong (naming the body).
 */
export function checkRepresentatives(value: unknown, inviteeName: string): number | Said {
  const typed = typeof value === 'string' ? value.trim() : '';
  const values = { name: inviteeName, max: MAX_REPRESENTATIVES };
  if (typed === '') return { key: 'meetings:rules.representativesMissing', values };
  if (!/^\d+$/.test(typed)) return { key: 'meetings:rules.representativesNotNumber', values };
  const n = Number(typed);
  if (n > MAX_REPRESENTATIVES) return { key: 'meetings:rules.representativesTooMany', values };
  return n;
}

/** Minutes are drafted once the meeting has been held (its attendance recorded). */
export function checkMinutesDrafting(meeting: { status: MeetingStatus }): Said | null {
  return meeting.status === 'held' ? null : { key: 'meetings:rules.draftOnceHeld' };
}

/** The last day for drafting a meeting's minutes: 10 working days after it was held. */
export function minutesDraftDueOn(heldOn: IsoDate): IsoDate {
  return workingDays.addWorkingDays(heldOn, MINUTES_DRAFT_WORKING_DAYS);
}

/** Whether that last day was counted past the bank-holiday data (only fixed-rule holidays known). */
export function minutesDueCountedPastData(heldOn: IsoDate): boolean {
  return workingDays.beyondData(minutesDraftDueOn(heldOn));
}

/**
 * Issue 27 part 1: of the meetings whose minutes fell due in [first, end) (London days), how
 * many had them drafted by their last day (10 working days after the meeting). A meeting with
 * no minutes yet is late; one due on `end` or later is not yet counted.
 */
export function minutesOnTime(
  meetings: readonly { heldOn: IsoDate; draftedOn: IsoDate | null }[],
  first: IsoDate,
  end: IsoDate,
): { due: number; onTime: number } {
  let due = 0;
  let onTime = 0;
  for (const m of meetings) {
    const dueOn = minutesDraftDueOn(m.heldOn);
    if (dueOn < first || dueOn >= end) continue;
    due += 1;
    if (m.draftedOn !== null && m.draftedOn <= dueOn) onTime += 1;
  }
  return { due, onTime };
}

/** Approved minutes are the record: they are never edited, only corrected by an approved correction. */
export function mayEditMinutes(status: MinutesStatus): boolean {
  return status === 'draft';
}

/**
 * Minutes (or a correction) are approved at a later meeting of the same body, once that meeting
 * has begun: the approval is itself minuted there.
 */
export function checkMinutesApproval(input: {
  status: MinutesStatus;
  hasContent: boolean;
  minutedMeetingStartsAt: Date;
  approvingMeeting: { startsAt: Date; status: MeetingStatus; sameBody: boolean };
  now: Date;
}): Said | null {
  if (input.status === 'approved') return { key: 'meetings:rules.alreadyApproved' };
  if (!input.hasContent) return { key: 'meetings:rules.empty' };
  const at = input.approvingMeeting;
  if (!at.sameBody || at.startsAt <= input.minutedMeetingStartsAt)
    return { key: 'meetings:rules.laterMeeting' };
  if (at.status === 'cancelled') return { key: 'meetings:rules.cancelledApproves' };
  if (at.startsAt > input.now) return { key: 'meetings:rules.notBegun' };
  return null;
}

/** IAG-27: whether the police used a piece of advice given at or reported to the meeting. */
export const ADVICE_USES = ['used', 'partly_used', 'not_used', 'not_yet_known'] as const;
export type AdviceUse = (typeof ADVICE_USES)[number];

/**
 * IAG-27: the minutes record, for each piece of advice, whether the police used it and why. A
 * decision either way needs its reason; "not known yet" is allowed in a draft but not in minutes
 * put forward for approval.
 */
export function checkAdviceRationale(
  advice: readonly { use: AdviceUse; rationale: string | null }[],
): Said | null {
  if (advice.some((a) => a.use === 'not_yet_known'))
    return { key: 'meetings:rules.adviceUseUnknown' };
  if (advice.some((a) => !a.rationale)) return { key: 'meetings:rules.adviceWhy' };
  return null;
}

// Actions arising

export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** An action is overdue when it is still outstanding after its due date. */
export function actionOverdue(
  action: { status: ActionStatus; dueOn: IsoDate | null },
  today: IsoDate,
): boolean {
  return action.status === 'open' && action.dueOn !== null && action.dueOn < today;
}
