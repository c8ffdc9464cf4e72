import { TZDate } from '@date-fns/tz';
// Each function from its own module: the package's index loads all of date-fns (150 ms of start-up).
import { format } from 'date-fns/format';
import { isExists } from 'date-fns/isExists';

/** A calendar date, 'YYYY-MM-DD'. Plain string so database `date` columns pass straight through. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function parseIsoDate(s: string): IsoDate | null {
  const match = ISO_DATE.exec(s);
  if (!match) return null;
  // isExists rejects impossible days such as 2023-02-30.
  return isExists(Number(match[1]), Number(match[2]) - 1, Number(match[3])) ? s : null;
}

export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && parseIsoDate(s) !== null;
}

export function assertIsoDate(d: string): void {
  if (parseIsoDate(d) === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): '${d}'`);
}

export function assertInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`Number of ${what} must be a whole number: ${n}`);
}

/**
 * For this module's date-fns arithmetic: midnight UTC on that date, zoned to UTC so neither the
 * server's time zone nor BST can shift the day. Throws on a malformed date.
 */
export function toUtcDate(d: IsoDate): TZDate {
  assertIsoDate(d);
  return new TZDate(`${d}T00:00:00Z`, 'UTC');
}

export function fromUtcDate(date: TZDate): IsoDate {
  return format(date, 'yyyy-MM-dd');
}

export function addCalendarDays(d: IsoDate, n: number): IsoDate {
  assertIsoDate(d);
  assertInteger(n, 'days');
  // Native UTC arithmetic, not TZDate: a UTC day is always 24 hours, and working-day counts step
  // through thousands of days, where TZDate's ~10µs per operation made them take seconds.
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * MS_PER_DAY).toISOString().slice(0, 10);
}
