import { isIsoDate, type IsoDate } from './iso-date.js';
import shipped from './uk-bank-holidays.json' with { type: 'json' };

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
