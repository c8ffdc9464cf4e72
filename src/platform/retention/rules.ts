/**
 * DP-03: personal data is kept no longer than needed. The rules of the retention schedule, pure:
 * when a record's period ends, when its owner is warned, and what a legal hold does.
 */
import { addCalendarDays, addCalendarMonths, type IsoDate } from '../calendar/index.js';
import type { RetentionPeriod } from '../modules.js';

/** The longest period an administrator may set: 100 years, in either unit. */
export const PERIOD_LIMITS = { months: { min: 0, max: 1200 }, days: { min: 0, max: 36_500 } };
export const WARNING_DAYS_LIMITS = { min: 1, max: 365 };

/** DP-03: the day a record's period ends, counted from the day its clock started. */
export function retentionEndsOn(startedOn: IsoDate, period: RetentionPeriod): IsoDate {
  return period.unit === 'months'
    ? addCalendarMonths(startedOn, period.count)
    : addCalendarDays(startedOn, period.count);
}

/**
 * DP-03: the latest start day whose period has ended by `day`: every record started on or before
 * it is due. Calendar months clamp (31 January + 1 month = 28 February), so several start days can
 * end on one day: the latest of them is taken.
 */
export function startedByFor(day: IsoDate, period: RetentionPeriod): IsoDate {
  if (period.unit === 'days') return addCalendarDays(day, -period.count);
  let start = addCalendarMonths(day, -period.count);
  while (retentionEndsOn(addCalendarDays(start, 1), period) <= day)
    start = addCalendarDays(start, 1);
  return start;
}

/** DP-03: the day a record's owner is warned: the warning period before its period ends. */
export function warnedOn(
  startedOn: IsoDate,
  period: RetentionPeriod,
  warningDays: number,
): IsoDate {
  return addCalendarDays(retentionEndsOn(startedOn, period), -warningDays);
}

/**
 * DP-03: the day a record warned on `warned` is removed at the earliest: its period's end, or
 * the warning period after the warning where that is later (a period shortened on the schedule,
 * whose end has passed). The day the warning e-mail gives.
 */
export function removedOn(
  startedOn: IsoDate,
  period: RetentionPeriod,
  warned: IsoDate,
  warningDays: number,
): IsoDate {
  const endsOn = retentionEndsOn(startedOn, period);
  const afterWarning = addCalendarDays(warned, warningDays);
  return endsOn > afterWarning ? endsOn : afterWarning;
}

export interface RecordState {
  startedOn: IsoDate;
  /** The day its owner was warned, if they were. */
  warnedOn: IsoDate | null;
  /** A legal hold on the record or on a person it is about. */
  held: boolean;
}

/**
 * DP-03: what the sweep does with a record today. A held record: nothing (the hold stops the
 * clock). Otherwise its owner is warned from the warning day on, once; and it is removed once its
 * period has ended AND its owner was warned at least the warning period before, so a period
 * shortened on the schedule never removes a record its owner was not warned about.
 */
export function retentionStep(
  record: RecordState,
  period: RetentionPeriod,
  warningDays: number,
  today: IsoDate,
): 'hold' | 'wait' | 'warn' | 'remove' {
  if (record.held) return 'hold';
  if (record.warnedOn === null)
    return warnedOn(record.startedOn, period, warningDays) <= today ? 'warn' : 'wait';
  return removedOn(record.startedOn, period, record.warnedOn, warningDays) <= today
    ? 'remove'
    : 'wait';
}

/** A period an administrator set, checked: a whole number within the unit's limits. */
export function periodProblem(count: string, unit: string): 'count' | 'unit' | null {
  if (unit !== 'months' && unit !== 'days') return 'unit';
  if (!/^\d{1,6}$/.test(count.trim())) return 'count';
  const n = Number(count.trim());
  const limits = PERIOD_LIMITS[unit];
  return n < limits.min || n > limits.max ? 'count' : null;
}
