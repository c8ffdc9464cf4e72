import { easterSunday } from './easter.js';
import { addCalendarDays, isIsoDate, type IsoDate } from './iso-date.js';
import shipped from './uk-bank-holidays.json' with { type: 'json' };
import type { Said } from '../i18n/said.js';

export const UK_NATIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;

/** The three bank-holiday jurisdictions, named as gov.uk's bank-holidays.json names them. */
export type UkNation = (typeof UK_NATIONS)[number];

export interface BankHoliday {
  readonly date: IsoDate;
  readonly title: string;
  readonly nations: readonly UkNation[];
  /** A weekday standing in for a holiday that fell at a weekend. */
  readonly substitute?: boolean;
}

export interface BankHolidayData {
  /** The data lists every bank holiday of every nation from 1 January firstYear ... */
  readonly firstYear: number;
  /** ... to 31 December lastYear. */
  readonly lastYear: number;
  readonly holidays: readonly BankHoliday[];
}

/** Checks bank-holiday data (the shipped file, or a replacement) and throws on the first fault. */
export function parseBankHolidayData(input: unknown): BankHolidayData {
  if (!isRecord(input)) throw new TypeError('Bank-holiday data must be an object');
  const { firstYear, lastYear, holidays } = input;
  if (!Number.isInteger(firstYear) || !Number.isInteger(lastYear)) {
    throw new TypeError('Bank-holiday data needs whole-number firstYear and lastYear');
  }
  const first = Number(firstYear);
  const last = Number(lastYear);
  if (first > last) throw new RangeError(`firstYear ${first} is after lastYear ${last}`);
  if (!Array.isArray(holidays)) throw new TypeError('Bank-holiday data needs a holidays array');
  return {
    firstYear: first,
    lastYear: last,
    holidays: holidays.map((entry: unknown, index) => {
      const holiday = parseBankHoliday(entry, index);
      const year = Number(holiday.date.slice(0, 4));
      if (year < first || year > last) {
        throw new RangeError(`Bank holiday ${holiday.date} is outside ${first} to ${last}`);
      }
      return holiday;
    }),
  };
}

function parseBankHoliday(entry: unknown, index: number): BankHoliday {
  const fault = (what: string) => new TypeError(`Bank holiday at index ${index}: ${what}`);
  if (!isRecord(entry)) throw fault('must be an object');
  const { date, title, nations, substitute } = entry;
  if (!isIsoDate(date)) throw fault(`date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  if (typeof title !== 'string' || title.trim() === '') throw fault('title is required');
  if (!Array.isArray(nations) || nations.length === 0 || !nations.every(isUkNation)) {
    throw fault(`nations must list some of ${UK_NATIONS.join(', ')}`);
  }
  if (substitute !== undefined && typeof substitute !== 'boolean') {
    throw fault('substitute must be true or false');
  }
  return substitute ? { date, title, nations, substitute } : { date, title, nations };
}

function isUkNation(value: unknown): value is UkNation {
  return UK_NATIONS.some((nation) => nation === value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The shipped data: uk-bank-holidays.json, checked when this module loads. */
export const ukBankHolidays: BankHolidayData = parseBankHolidayData(shipped);

/** Why a bank-holidays file cannot be used, kept as a sentence (its key and values). */
export class BankHolidayFileError extends Error {
  constructor(readonly reason: Said) {
    super(`${reason.key} ${JSON.stringify(reason.values ?? {})}`);
    this.name = 'BankHolidayFileError';
  }
}

/**
 * Reads the GOV.UK bank-holidays file (https://www.gov.uk/bank-holidays.json): its three
 * divisions, each with `events` of `{ title, date, notes }`. The years it covers are those every
 * division covers; a "Substitute day" note marks a substitute. Throws a BankHolidayFileError,
 * saying what is wrong.
 */
export function parseGovUkBankHolidays(input: unknown): BankHolidayData {
  if (!isRecord(input))
    throw new BankHolidayFileError({ key: 'admin.bankHolidays.errors.reason.notObject' });
  const byDay = new Map<
    string,
    { date: IsoDate; title: string; nations: UkNation[]; substitute: boolean }
  >();
  let first = -Infinity;
  let last = Infinity;
  for (const nation of UK_NATIONS) {
    const division = input[nation];
    if (!isRecord(division) || !Array.isArray(division.events) || division.events.length === 0)
      throw new BankHolidayFileError({
        key: 'admin.bankHolidays.errors.reason.noDivision',
        values: { nation },
      });
    const years = division.events.map((event: unknown, index) => {
      if (!isRecord(event) || !isIsoDate(event.date))
        throw new BankHolidayFileError({
          key: 'admin.bankHolidays.errors.reason.eventDate',
          values: { nation, number: index + 1 },
        });
      if (typeof event.title !== 'string' || event.title.trim() === '')
        throw new BankHolidayFileError({
          key: 'admin.bankHolidays.errors.reason.eventTitle',
          values: { nation, number: index + 1, date: event.date },
        });
      const key = `${event.date} ${event.title.trim()}`;
      const seen = byDay.get(key) ?? {
        date: event.date,
        title: event.title.trim(),
        nations: [],
        substitute: typeof event.notes === 'string' && /substitute/i.test(event.notes),
      };
      seen.nations.push(nation);
      byDay.set(key, seen);
      return Number(event.date.slice(0, 4));
    });
    first = Math.max(first, Math.min(...years));
    last = Math.min(last, Math.max(...years));
  }
  if (first > last)
    throw new BankHolidayFileError({ key: 'admin.bankHolidays.errors.reason.noCommonYear' });
  return parseBankHolidayData({
    firstYear: first,
    lastYear: last,
    holidays: [...byDay.values()]
      .filter((h) => Number(h.date.slice(0, 4)) >= first && Number(h.date.slice(0, 4)) <= last)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map(({ substitute, ...h }) => (substitute ? { ...h, substitute } : h)),
  });
}

/**
 * Newer data over older: the years `update` covers come from it, the rest from `base`. They must
 * meet or overlap, so no year between them is left without data.
 */
export function mergeBankHolidayData(
  base: BankHolidayData,
  update: BankHolidayData,
): BankHolidayData {
  if (update.firstYear > base.lastYear + 1 || update.lastYear < base.firstYear - 1)
    throw new BankHolidayFileError({
      key: 'admin.bankHolidays.errors.reason.doesNotMeet',
      values: {
        first: update.firstYear,
        last: update.lastYear,
        baseFirst: base.firstYear,
        baseLast: base.lastYear,
      },
    });
  const inUpdate = (h: BankHoliday) => {
    const year = Number(h.date.slice(0, 4));
    return year >= update.firstYear && year <= update.lastYear;
  };
  return {
    firstYear: Math.min(base.firstYear, update.firstYear),
    lastYear: Math.max(base.lastYear, update.lastYear),
    holidays: [...base.holidays.filter((h) => !inUpdate(h)), ...update.holidays].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
    ),
  };
}

/**
 * The holidays that follow fixed rules, for a year past the data: New Year's Day, Good Friday,
 * Easter Monday (not in Scotland), Christmas Day and Boxing Day, a holiday at a weekend moved to
 * the next weekday not already a holiday. The others (May, August, the nations' own days) move
 * by proclamation, so a year past the data counts fewer holidays than it will really have.
 */
export function fixedRuleHolidays(year: number): BankHoliday[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const on = (month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
  const weekend = (d: IsoDate) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
  const all = [...UK_NATIONS];
  const easter = easterSunday(year);
  const holidays: BankHoliday[] = [
    { date: addCalendarDays(easter, -2), title: 'Good Friday', nations: all },
    {
      date: addCalendarDays(easter, 1),
      title: 'Easter Monday',
      nations: ['england-and-wales', 'northern-ireland'],
    },
  ];
  for (const group of [
    [{ date: on(1, 1), title: 'New Year’s Day' }],
    [
      { date: on(12, 25), title: 'Christmas Day' },
      { date: on(12, 26), title: 'Boxing Day' },
    ],
  ]) {
    const taken = new Set(group.filter((h) => !weekend(h.date)).map((h) => h.date));
    for (const h of group) {
      if (!weekend(h.date)) {
        holidays.push({ ...h, nations: all });
        continue;
      }
      let day = addCalendarDays(h.date, 1);
      while (weekend(day) || taken.has(day)) day = addCalendarDays(day, 1);
      taken.add(day);
      holidays.push({ date: day, title: h.title, nations: all, substitute: true });
    }
  }
  return holidays.sort((a, b) => (a.date < b.date ? -1 : 1));
}

let installed: BankHolidayData = ukBankHolidays;
let installedVersion = 0;

/** The bank-holiday data in use: the shipped file, with BANK_HOLIDAYS_FILE's and an upload's years over it. */
export function currentBankHolidays(): BankHolidayData {
  return installed;
}

/** Which data is in use: changes each time other data is put in use, so calendars rebuild. */
export function bankHolidaysVersion(): number {
  return installedVersion;
}

/** Puts this data in use for every working-day count in the process (start-up does it). */
export function useBankHolidays(data: BankHolidayData): void {
  if (data === installed) return;
  installed = data;
  installedVersion += 1;
}

/**
 * What administrators are told about the data: from a year before it runs out, that it will,
 * and once past it, that working days are counted from the fixed-rule holidays alone. Null while
 * more than a year remains.
 */
export function bankHolidayDataWarning(data: BankHolidayData, today: IsoDate): Said | null {
  const end = `${data.lastYear}-12-31`;
  if (today > end) return { key: 'admin.bankHolidays.dataEnded', values: { date: { date: end } } };
  if (today >= `${data.lastYear}-01-01`)
    return { key: 'admin.bankHolidays.dataEnds', values: { date: { date: end } } };
  return null;
}
