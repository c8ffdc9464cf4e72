/**
 * FOI-01 (Freedom of Information Act 2000 s.10): when a request counts as received, when its
 * answer is due, how a stopped clock and an extension move that date, and whether it was answered
 * on time. Pure: the working days are the platform calendar's (every UK nation's bank holidays).
 */
import {
  addCalendarDays,
  FOI_RESPONSE_WORKING_DAYS,
  londonClock,
  ukWorkingDays,
  type IsoDate,
  type WorkingDayCalendar,
} from '../../platform/calendar/index.js';

/** How a request came in. */
export const FOI_CHANNELS = ['email', 'letter', 'web-form', 'other'] as const;
export type FoiChannel = (typeof FOI_CHANNELS)[number];

/** Why the clock stops: a fees notice (s.9) or a request for clarification (s.1(3)). */
export const STOP_REASONS = ['fee', 'clarification'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

/** What happened to one part of a request. */
export const PART_OUTCOMES = ['released', 'withheld-in-part', 'withheld-in-full'] as const;
export type PartOutcome = (typeof PART_OUTCOMES)[number];

/** An internal review's or the Information Commissioner's outcome. */
export const STAGE_OUTCOMES = ['upheld', 'partly-upheld', 'overturned', 'withdrawn'] as const;
export type StageOutcome = (typeof STAGE_OUTCOMES)[number];

/** The default time the office closes, in minutes after London midnight (17:00). */
export const DEFAULT_OFFICE_CLOSES = 17 * 60;

export interface Exemption {
  /** As the Act numbers it: 's.40'. */
  code: string;
  name: string;
}

/** The Act's Part II exemptions (ss.21–44), the shipped default of the setting. */
export const FOIA_EXEMPTIONS: readonly Exemption[] = [
  { code: 's.21', name: 'Information accessible to applicant by other means' },
  { code: 's.22', name: 'Information intended for future publication' },
  { code: 's.22A', name: 'Research' },
  {
    code: 's.23',
    name: 'Information supplied by, or relating to, bodies dealing with security matters',
  },
  { code: 's.24', name: 'National security' },
  { code: 's.26', name: 'Defence' },
  { code: 's.27', name: 'International relations' },
  { code: 's.28', name: 'Relations within the United Kingdom' },
  { code: 's.29', name: 'The economy' },
  { code: 's.30', name: 'Investigations and proceedings conducted by public authorities' },
  { code: 's.31', name: 'Law enforcement' },
  { code: 's.32', name: 'Court records, etc.' },
  { code: 's.33', name: 'Audit functions' },
  { code: 's.34', name: 'Parliamentary privilege' },
  { code: 's.35', name: 'Formulation of government policy, etc.' },
  { code: 's.36', name: 'Prejudice to effective conduct of public affairs' },
  { code: 's.37', name: 'Communications with His Majesty, etc. and honours' },
  { code: 's.38', name: 'Health and safety' },
  { code: 's.39', name: 'Environmental information' },
  { code: 's.40', name: 'Personal information' },
  { code: 's.41', name: 'Information provided in confidence' },
  { code: 's.42', name: 'Legal professional privilege' },
  { code: 's.43', name: 'Commercial interests' },
  { code: 's.44', name: 'Prohibitions on disclosure' },
];

/** Why the day of receipt is not the day the request arrived. */
export type ReceiptMoved = 'after-hours' | 'non-working-day' | null;

/**
 * FOI-01: the day a request counts as received. One that arrives after the office closes counts
 * as received on the next working day. One that arrives on a day that is not a working day is
 * received that day: s.10(1) counts the twenty working days following it, the first of which is
 * the next working day, so that day is not moved (moving it would make the request a day late).
 */
export function dayOfReceipt(
  receivedAt: Date,
  officeCloses: number = DEFAULT_OFFICE_CLOSES,
  calendar: WorkingDayCalendar = ukWorkingDays,
): { date: IsoDate; moved: ReceiptMoved } {
  const clock = londonClock(receivedAt);
  if (!calendar.isWorkingDay(clock.date)) return { date: clock.date, moved: 'non-working-day' };
  if (clock.hours * 60 + clock.minutes >= officeCloses)
    return { date: calendar.addWorkingDays(clock.date, 1), moved: 'after-hours' };
  return { date: clock.date, moved: null };
}

/**
 * A clock stop: from the day it stopped (the fees notice given, the clarification asked for) to
 * the day the fee or clarification arrived (or open).
 */
export interface ClockStop {
  reason: StopReason;
  stoppedOn: IsoDate;
  restartedOn: IsoDate | null;
}

export interface Extension {
  newDate: IsoDate;
}

export interface DueState {
  /** The day the answer is due; null while the clock is stopped (it is not yet known). */
  due: IsoDate | null;
  /** Working days of the twenty already used (counted up to the last stop, or to `today`). */
  used: number;
  /** Whether the clock is stopped now. */
  stopped: boolean;
  /** Whether the due date is an extension's rather than the twentieth working day. */
  extended: boolean;
}

/**
 * FOI-01: the due date after the clock stops, stops taken in date order.
 * - A fee (s.10(2)): the working days from the day the fees notice was given to the day the fee
 *   arrived are disregarded; the days used before the notice are kept, and the rest of the
 *   twenty are counted from the day after the fee arrived.
 * - A clarification (s.1(3)): the authority need not answer until it has it; the twenty working
 *   days start afresh, following the day the clarification arrived (the ICO's reading).
 * An extension (public interest test) sets the date itself: the latest one stands.
 */
export function dueState(
  receivedOn: IsoDate,
  stops: readonly ClockStop[] = [],
  extensions: readonly Extension[] = [],
  calendar: WorkingDayCalendar = ukWorkingDays,
): DueState {
  let start = receivedOn;
  let used = 0;
  const ordered = [...stops].sort((a, b) => (a.stoppedOn < b.stoppedOn ? -1 : 1));
  for (const stop of ordered) {
    // The working days after the last start and before the day the clock stopped.
    used += Math.max(0, calendar.workingDaysBetween(start, addCalendarDays(stop.stoppedOn, -1)));
    if (stop.restartedOn === null) return { due: null, used, stopped: true, extended: false };
    start = stop.restartedOn < stop.stoppedOn ? stop.stoppedOn : stop.restartedOn;
    if (stop.reason === 'clarification') used = 0;
  }
  const remaining = Math.max(0, FOI_RESPONSE_WORKING_DAYS - used);
  const counted = calendar.addWorkingDays(start, remaining);
  const latest = extensions.reduce<IsoDate | null>(
    (max, e) => (max === null || e.newDate > max ? e.newDate : max),
    null,
  );
  if (latest !== null && latest > counted)
    return { due: latest, used, stopped: false, extended: true };
  return { due: counted, used, stopped: false, extended: false };
}

/**
 * The most working days an extension for the public interest test may add to the twentieth
 * working day (s.10(3) says "such time as is reasonable"; the ICO's guidance is no more than a
 * further twenty working days).
 */
export const EXTENSION_MAX_WORKING_DAYS = 20;

/**
 * Why an extension cannot be recorded, or null when it can: not while the clock is stopped, not
 * before the date now due, and not more than twenty working days past the twentieth working day
 * (`statutoryDue`, the due date without extensions).
 */
export function extensionProblem(
  current: DueState,
  newDate: IsoDate,
  statutoryDue: IsoDate | null = null,
  calendar: WorkingDayCalendar = ukWorkingDays,
): 'clock-stopped' | 'before-due' | 'too-long' | null {
  if (current.due === null) return 'clock-stopped';
  if (newDate < current.due) return 'before-due';
  if (statutoryDue && newDate > calendar.addWorkingDays(statutoryDue, EXTENSION_MAX_WORKING_DAYS))
    return 'too-long';
  return null;
}

/** Why a clock cannot stop or restart on that day, or null when it can. */
export function stopProblem(
  receivedOn: IsoDate,
  stops: readonly ClockStop[],
  stoppedOn: IsoDate,
): 'already-stopped' | 'before-receipt' | 'before-last-restart' | null {
  if (stops.some((s) => s.restartedOn === null)) return 'already-stopped';
  if (stoppedOn < receivedOn) return 'before-receipt';
  if (stops.some((s) => s.restartedOn !== null && stoppedOn < s.restartedOn))
    return 'before-last-restart';
  return null;
}

export function restartProblem(
  stop: ClockStop | undefined,
  restartedOn: IsoDate,
): 'not-stopped' | 'before-stop' | null {
  if (!stop || stop.restartedOn !== null) return 'not-stopped';
  if (restartedOn < stop.stoppedOn) return 'before-stop';
  return null;
}

/** FOI-01: answered on or before the due date. */
export const answeredOnTime = (answeredOn: IsoDate, due: IsoDate): boolean => answeredOn <= due;

/**
 * Working days from `today` to the due date: positive while days are left, negative once it is
 * overdue (the number of working days past it), 0 on the day itself.
 */
export function workingDaysLeft(
  today: IsoDate,
  due: IsoDate,
  calendar: WorkingDayCalendar = ukWorkingDays,
): number {
  return calendar.workingDaysBetween(today, due);
}

/** A calendar quarter, '2026-Q2' (January to March is Q1). */
export function calendarQuarter(d: IsoDate): string {
  return `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
}

/** FOI-01: of the requests answered in each calendar quarter, how many were on time. */
export function onTimeByQuarter(
  answered: readonly { answeredOn: IsoDate; due: IsoDate }[],
): { quarter: string; answered: number; onTime: number }[] {
  const by = new Map<string, { answered: number; onTime: number }>();
  for (const a of answered) {
    const q = calendarQuarter(a.answeredOn);
    const row = by.get(q) ?? { answered: 0, onTime: 0 };
    row.answered += 1;
    if (answeredOnTime(a.answeredOn, a.due)) row.onTime += 1;
    by.set(q, row);
  }
  return [...by.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([quarter, row]) => ({ quarter, ...row }));
}

/** Whether a part's outcome needs an exemption (anything withheld does). */
export const needsExemption = (outcome: PartOutcome): boolean => outcome !== 'released';

/**
 * The setting's text: one exemption a line or `;`-separated, each `s.40=Personal information`.
 * Returns null when any entry is not of that shape.
 */
export function parseExemptions(text: string): Exemption[] | null {
  const entries = text
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter(Boolean);
  const out: Exemption[] = [];
  for (const entry of entries) {
    const match = /^(s\.\s?\d+[A-Z]?(?:\(\d+\))*)\s*=\s*(.+)$/.exec(entry);
    if (!match) return null;
    out.push({ code: match[1]!.replace(/\s/g, ''), name: match[2]!.trim() });
  }
  return out.length ? out : null;
}

/** Issue 28 part 2: the kinds of Bridge record a request may name as touched. */
export const LINKED_RECORD_TYPES = ['advisory-group', 'meeting', 'advice-request'] as const;
export type LinkedRecordType = (typeof LINKED_RECORD_TYPES)[number];
