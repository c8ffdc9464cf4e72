import { TZDate, tz } from '@date-fns/tz';
import { format, getHours, getMinutes } from 'date-fns';
import { enGB } from 'date-fns/locale';
import { toUtcDate, type IsoDate } from './iso-date.js';

export const LONDON_TIME_ZONE = 'Europe/London';

const london = tz(LONDON_TIME_ZONE);

/** The calendar date in Europe/London at that instant (GMT in winter, BST in summer). */
export function toLondonDate(instant: Date): IsoDate {
  return format(instant, 'yyyy-MM-dd', { in: london });
}

/** Today's date for the people using Bridge; `now` is passed in so callers and tests pin time. */
export function todayInLondon(now: Date): IsoDate {
  return toLondonDate(now);
}

/** GOV.UK style: '1 April 2026'. */
export function formatDate(d: IsoDate): string {
  return format(toUtcDate(d), 'd MMMM yyyy', { locale: enGB });
}

/**
 * GOV.UK style for a time in Europe/London: '2:05pm', '2pm' (not '2:00pm'), 'midday' and
 * 'midnight' (not '12pm' or '12am'). Seconds are not shown.
 */
export function formatTime(instant: Date): string {
  const hours = getHours(instant, { in: london });
  const minutes = getMinutes(instant, { in: london });
  if (minutes === 0 && hours === 12) return 'midday';
  if (minutes === 0 && hours === 0) return 'midnight';
  return format(instant, minutes === 0 ? 'haaa' : 'h:mmaaa', { in: london, locale: enGB });
}

/** GOV.UK style: '1 April 2026 at 2:05pm', in Europe/London. */
export function formatDateTime(instant: Date): string {
  return `${formatDate(toLondonDate(instant))} at ${formatTime(instant)}`;
}

/** The instant a calendar day begins in London (midnight local time, GMT or BST). */
export function startOfLondonDay(d: IsoDate): Date {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, day, LONDON_TIME_ZONE).getTime());
}

/**
 * A time of day as people type it: '18:30', '6:30pm', '6.30 pm', '6pm', 'midday', 'midnight'.
 * Returns minutes after midnight, or null when it is not a time.
 */
export function parseClockTime(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  if (t === 'midday' || t === 'noon') return 12 * 60;
  if (t === 'midnight') return 0;
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(t);
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3];
  if (minutes > 59) return null;
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
  } else if (match[2] === undefined || hours > 23) {
    // '6' alone is ambiguous; a 24-hour time needs its minutes.
    return null;
  }
  return hours * 60 + minutes;
}

/** The instant of a London wall-clock time on a date, GMT or BST as that day has it. */
export function londonInstant(d: IsoDate, minutesAfterMidnight: number): Date {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const hours = Math.floor(minutesAfterMidnight / 60);
  return new Date(
    new TZDate(y, m - 1, day, hours, minutesAfterMidnight % 60, LONDON_TIME_ZONE).getTime(),
  );
}

/** Minutes after midnight, London time, of an instant (for filling in a form again). */
export function londonMinutes(instant: Date): number {
  return getHours(instant, { in: london }) * 60 + getMinutes(instant, { in: london });
}
