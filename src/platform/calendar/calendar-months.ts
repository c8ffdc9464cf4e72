import { addMonths } from 'date-fns';
import { assertInteger, assertIsoDate, fromUtcDate, toUtcDate, type IsoDate } from './iso-date.js';

/**
 * The same day n calendar months later (or earlier, for negative n); where that month has no such
 * day, its last day: 31 August + 3 months = 30 November, 31 January + 1 month = 28 or 29 February.
 */
export function addCalendarMonths(d: IsoDate, n: number): IsoDate {
  assertInteger(n, 'months');
  // date-fns clamps to the end of a shorter month, which is the rule we want.
  return fromUtcDate(addMonths(toUtcDate(d), n));
}

/** The last day of a period of n calendar months starting on `start` (the period runs to its end). */
export function calendarMonthsDeadline(start: IsoDate, n: number): IsoDate {
  if (n < 0) throw new RangeError(`A period needs a non-negative number of months: ${n}`);
  return addCalendarMonths(start, n);
}

/** Whether `candidate` falls from `start` to the end of the deadline day, both days included. */
export function withinCalendarMonths(start: IsoDate, n: number, candidate: IsoDate): boolean {
  const deadline = calendarMonthsDeadline(start, n);
  assertIsoDate(candidate);
  // 'YYYY-MM-DD' strings sort in date order.
  return candidate >= start && candidate <= deadline;
}

/** DP-02: a subject access request is due one calendar month after the day it was received. */
export function subjectAccessDueDate(received: IsoDate): IsoDate {
  return addCalendarMonths(received, 1);
}
