/**
 * Information rights (issue 28 part 3): DP-02, a subject access request is answered within one
 * calendar month of receipt, extendable by up to two further months with a reason; it cannot be
 * answered before the requester's identity is checked. Pure rules: no I/O.
 */
import {
  addCalendarDays,
  addCalendarMonths,
  subjectAccessDueDate,
  type IsoDate,
} from '../../platform/calendar/index.js';
import type { SaidRefusal } from '../../platform/i18n/said.js';

/** DP-02: the most an answer may be put off beyond the first month. */
export const MAX_EXTENSION_MONTHS = 2;
/** A request due within this many days is "due soon" on the register. */
export const DUE_SOON_DAYS = 7;
export const REASON_MAX = 2000;
export const METHOD_MAX = 500;

export const STATUSES = ['open', 'dueSoon', 'overdue', 'answered'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * DP-02: the day the answer is due: one calendar month after receipt (31 January gives 28 or 29
 * February), plus any extension in whole calendar months counted from receipt.
 */
export function dueDate(receivedOn: IsoDate, extensionMonths = 0): IsoDate {
  return extensionMonths
    ? addCalendarMonths(receivedOn, 1 + extensionMonths)
    : subjectAccessDueDate(receivedOn);
}

/** Where a request stands on `today`. */
export function status(
  request: { dueOn: IsoDate; answeredAt: Date | null },
  today: IsoDate,
): Status {
  if (request.answeredAt) return 'answered';
  if (today > request.dueOn) return 'overdue';
  if (request.dueOn <= addCalendarDays(today, DUE_SOON_DAYS)) return 'dueSoon';
  return 'open';
}

/** A request's date of receipt: given, and not after today. */
export function validateReceived(receivedOn: IsoDate | null, today: IsoDate): SaidRefusal[] {
  if (receivedOn && receivedOn > today)
    return [{ field: 'receivedOn-day', key: 'information-rights:errors.receivedInFuture' }];
  return [];
}

/**
 * DP-02: an extension of one or two further months in all (never more), with its reason, decided
 * while the request is open and no later than the first month's due date (the requester must be
 * told within that month).
 */
export function validateExtension(
  request: { receivedOn: IsoDate; extensionMonths: number },
  input: { months: string; reason: string },
  today: IsoDate,
): { refusals: SaidRefusal[]; months: number } {
  const refusals: SaidRefusal[] = [];
  const months = /^\d+$/.test(input.months) ? Number(input.months) : NaN;
  if (!Number.isInteger(months) || months < 1)
    refusals.push({ field: 'months', key: 'information-rights:errors.monthsMissing' });
  else if (months > MAX_EXTENSION_MONTHS)
    refusals.push({ field: 'months', key: 'information-rights:errors.monthsTooMany' });
  else if (months <= request.extensionMonths)
    refusals.push({ field: 'months', key: 'information-rights:errors.monthsNotLonger' });
  if (!input.reason)
    refusals.push({ field: 'reason', key: 'information-rights:errors.reasonMissing' });
  else if (input.reason.length > REASON_MAX)
    refusals.push({ field: 'reason', key: 'information-rights:errors.reasonTooLong' });
  if (!refusals.length && today > subjectAccessDueDate(request.receivedOn))
    refusals.push({ field: 'months', key: 'information-rights:errors.extensionTooLate' });
  return { refusals, months };
}
