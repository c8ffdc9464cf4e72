import { assertInteger, assertIsoDate, type IsoDate } from './iso-date.js';

/**
 * The same day n calendar months later (or earlier, for negative n); where that month has no such
 * day, its last day: 31 August + 3 months = 30 November, 31 January + 1 month = 28 or 29 February.
 */
export function addCalendarMonths(d: IsoDate, n: number): IsoDate {
  assertIsoDate(d);
  assertInteger(n, 'months');
  // Native UTC arithmetic rather than date-fns on a TZDate, which took ~10µs a call: a page that
  // works out every member's term dates called this thousands of times (measured in the bench).
  const months = Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1 + n;
  const year = Math.floor(months / 12);
  const month = months - year * 12;
  // Day 0 of the month after is the last day of this one: clamp to it. setUTCFullYear, not
  // Date.UTC, which reads years 0 to 99 as 1900 to 1999.
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month + 1, 0);
  const date = new Date(0);
  date.setUTCFullYear(year, month, Math.min(Number(d.slice(8, 10)), lastDay.getUTCDate()));
  return date.toISOString().slice(0, 10);
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
