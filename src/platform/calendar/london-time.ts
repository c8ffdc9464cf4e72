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
