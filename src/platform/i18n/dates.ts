/**
 * Dates and times in words, in GOV.UK's style and in the language of the `t` given (ADR 0015):
 * '1 April 2026', 'April 2026', '2:05pm', '2pm' (not '2:00pm'), 'midday' and 'midnight' (not
 * '12pm' or '12am'), '1 April 2026 at 2:05pm'. Times are London's (GMT or BST); seconds are not
 * shown. The month names and the patterns are the platform catalogue's `dates.*`, so a second
 * catalogue words them in its own language.
 */
import { assertIsoDate, type IsoDate } from '../calendar/iso-date.js';
import { londonClock } from '../calendar/london-time.js';
import type { Translate } from './messages.js';

/** The catalogue's month names, January first (a table of keys, so the catalogue test sees them). */
const MONTH_KEYS = [
  'dates.month.january',
  'dates.month.february',
  'dates.month.march',
  'dates.month.april',
  'dates.month.may',
  'dates.month.june',
  'dates.month.july',
  'dates.month.august',
  'dates.month.september',
  'dates.month.october',
  'dates.month.november',
  'dates.month.december',
] as const;

/** A month's name by its number, 1 for January: 'July'. */
export function monthNameOf(t: Translate, month: number): string {
  return t(MONTH_KEYS[month - 1]!);
}

function monthName(t: Translate, d: IsoDate): string {
  return monthNameOf(t, Number(d.slice(5, 7)));
}

/** A month: 'April 2026' (of any day in it). */
export function formatMonth(t: Translate, d: IsoDate): string {
  assertIsoDate(d);
  return t('dates.monthOfYear', { month: monthName(t, d), year: d.slice(0, 4) });
}

/** A day: '1 April 2026'. */
export function formatDate(t: Translate, d: IsoDate): string {
  assertIsoDate(d);
  return t('dates.day', {
    day: Number(d.slice(8, 10)),
    month: monthName(t, d),
    year: d.slice(0, 4),
  });
}

/** A time in London: '2:05pm', '2pm', 'midday', 'midnight'. */
export function formatTime(t: Translate, instant: Date): string {
  return clockWords(t, londonClock(instant));
}

function clockWords(t: Translate, { hours, minutes }: { hours: number; minutes: number }) {
  if (minutes === 0 && hours === 12) return t('dates.midday');
  if (minutes === 0 && hours === 0) return t('dates.midnight');
  const clock = `${hours % 12 || 12}${minutes === 0 ? '' : `:${String(minutes).padStart(2, '0')}`}`;
  return t(hours < 12 ? 'dates.morning' : 'dates.afternoon', { clock });
}

/** A day and time in London: '1 April 2026 at 2:05pm'. */
export function formatDateTime(t: Translate, instant: Date): string {
  const clock = londonClock(instant);
  return t('dates.dateTime', { date: formatDate(t, clock.date), time: clockWords(t, clock) });
}
