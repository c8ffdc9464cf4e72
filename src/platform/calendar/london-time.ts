import { TZDate, tzOffset } from '@date-fns/tz';
import type { IsoDate } from './iso-date.js';

export const LONDON_TIME_ZONE = 'Europe/London';

const MS_PER_HOUR = 3_600_000;
/**
 * London's offset from UTC in minutes, by UTC hour. The clocks change on the hour (01:00 UTC), so
 * the offset is the same for a whole UTC hour, and asking the time zone database once an hour
 * rather than once a date is what keeps a page of a thousand dates fast (measured: the tracker's
 * report spent a sixth of its time here). Bounded, so a long-running server cannot grow it.
 */
const offsets = new Map<number, number>();
function londonOffsetMinutes(instant: Date): number {
  const hour = Math.floor(instant.getTime() / MS_PER_HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    if (offsets.size > 50_000) offsets.clear();
    offset = tzOffset(LONDON_TIME_ZONE, new Date(hour * MS_PER_HOUR));
    offsets.set(hour, offset);
  }
  return offset;
}

/** The instant as London's wall clock reads it, in a Date's UTC fields. */
function londonWallClock(instant: Date): Date {
  return new Date(instant.getTime() + londonOffsetMinutes(instant) * 60_000);
}

/** The calendar date in Europe/London at that instant (GMT in winter, BST in summer). */
export function toLondonDate(instant: Date): IsoDate {
  return londonWallClock(instant).toISOString().slice(0, 10);
}

/** Today's date for the people using Bridge; `now` is passed in so callers and tests pin time. */
export function todayInLondon(now: Date): IsoDate {
  return toLondonDate(now);
}

/**
 * London's wall clock at an instant: its date, hours and minutes (seconds dropped). The words
 * for them (month names, "midday") are the catalogue's: `src/platform/i18n/dates.ts`.
 */
export function londonClock(instant: Date): { date: IsoDate; hours: number; minutes: number } {
  const wall = londonWallClock(instant);
  return {
    date: wall.toISOString().slice(0, 10),
    hours: wall.getUTCHours(),
    minutes: wall.getUTCMinutes(),
  };
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
  const wall = londonWallClock(instant);
  return wall.getUTCHours() * 60 + wall.getUTCMinutes();
}
