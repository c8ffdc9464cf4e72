import {
  bankHolidaysVersion,
  currentBankHolidays,
  fixedRuleHolidays,
  type BankHoliday,
  type BankHolidayData,
  type UkNation,
} from './bank-holidays.js';
import { easterSunday } from './easter.js';
import { addCalendarDays, assertInteger, assertIsoDate, type IsoDate } from './iso-date.js';

/** FOI-01, FOIA s.10(1): "not later than the twentieth working day following the date of receipt". */
export const FOI_RESPONSE_WORKING_DAYS = 20;

export interface WorkingDayCalendar {
  /**
   * FOI-01, FOIA s.10(6): not a Saturday, Sunday, Christmas Day, Good Friday, or a bank holiday
   * in any part of the United Kingdom.
   */
  isWorkingDay(d: IsoDate): boolean;
  /** The n-th working day after d (d itself is not counted); before d when n is negative. */
  addWorkingDays(d: IsoDate, n: number): IsoDate;
  /** Working days after `from` up to and including `to`; negative when `to` is before `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  /** FOI-01: the twentieth working day following the day of receipt (which may be any day). */
  foiResponseDueDate(received: IsoDate): IsoDate;
  /**
   * Whether d is past the bank-holiday data, so only the holidays that follow fixed rules are
   * known for it (see `fixedRuleHolidays`): a count through it may be short of holidays.
   */
  beyondData(d: IsoDate): boolean;
}

export interface WorkingDayCalendarOptions {
  /**
   * The years the holiday list is complete for. In a year outside them only the holidays that
   * follow fixed rules are counted (never an error: a deadline past the data is still worked
   * out), and `beyondData` says so.
   */
  readonly coveredYears?: { readonly first: number; readonly last: number };
  /** Which nations' fixed-rule holidays count past the data: every nation's unless given. */
  readonly nation?: UkNation;
}

/** Holidays of every nation count: FOIA s.10(6) excludes a bank holiday in any part of the UK. */
export function createWorkingDayCalendar(
  holidays: readonly BankHoliday[],
  options: WorkingDayCalendarOptions = {},
): WorkingDayCalendar {
  const holidayDates = new Set(holidays.map((holiday) => holiday.date));
  const { coveredYears, nation } = options;
  const beyond = (year: number) =>
    coveredYears !== undefined && (year < coveredYears.first || year > coveredYears.last);
  // Past the data, each year's fixed-rule holidays, worked out once.
  const fixedRule = new Map<number, Set<IsoDate>>();
  const fixedRuleDates = (year: number) => {
    let dates = fixedRule.get(year);
    if (!dates) {
      dates = new Set(
        fixedRuleHolidays(year)
          .filter((h) => !nation || h.nations.includes(nation))
          .map((h) => h.date),
      );
      fixedRule.set(year, dates);
    }
    return dates;
  };

  // Native UTC fields, not date-fns on a TZDate: a TZDate asks Intl for its offset on every
  // operation, and a queue of requests counts working days for every row (issue 8: the triage
  // queue spent a fifth of its time there). Each date's answer is kept, so a count steps through
  // days already known.
  const known = new Map<IsoDate, boolean>();

  function isWorkingDay(d: IsoDate): boolean {
    const kept = known.get(d);
    if (kept !== undefined) return kept;
    assertIsoDate(d);
    const date = new Date(`${d}T00:00:00Z`);
    const year = date.getUTCFullYear();
    const weekday = date.getUTCDay();
    const working =
      weekday !== 0 &&
      weekday !== 6 &&
      !(beyond(year) ? fixedRuleDates(year) : holidayDates).has(d) &&
      // Named in the Act, so excluded even when a holiday list leaves them out.
      d.slice(5) !== '12-25' &&
      d !== addCalendarDays(easterSunday(year), -2);
    if (known.size > 100_000) known.clear();
    known.set(d, working);
    return working;
  }

  function addWorkingDays(d: IsoDate, n: number): IsoDate {
    assertIsoDate(d);
    assertInteger(n, 'working days');
    const step = Math.sign(n);
    let day = d;
    for (let counted = 0; counted < Math.abs(n);) {
      day = addCalendarDays(day, step);
      if (isWorkingDay(day)) counted += 1;
    }
    return day;
  }

  function workingDaysBetween(from: IsoDate, to: IsoDate): number {
    assertIsoDate(from);
    assertIsoDate(to);
    if (to < from) return -workingDaysBetween(to, from);
    let count = 0;
    for (let day = from; day < to;) {
      day = addCalendarDays(day, 1);
      if (isWorkingDay(day)) count += 1;
    }
    return count;
  }

  return {
    isWorkingDay,
    addWorkingDays,
    workingDaysBetween,
    foiResponseDueDate: (received) => addWorkingDays(received, FOI_RESPONSE_WORKING_DAYS),
    beyondData: (d) => {
      assertIsoDate(d);
      return beyond(Number(d.slice(0, 4)));
    },
  };
}

/**
 * A calendar that follows the bank-holiday data in use (`useBankHolidays`), built again when it
 * changes, so rules that hold one keep counting with the newest data without a restart.
 */
function following(build: (data: BankHolidayData) => WorkingDayCalendar): WorkingDayCalendar {
  let version = -1;
  let calendar: WorkingDayCalendar | null = null;
  const now = () => {
    if (!calendar || version !== bankHolidaysVersion()) {
      version = bankHolidaysVersion();
      calendar = build(currentBankHolidays());
    }
    return calendar;
  };
  return {
    isWorkingDay: (d) => now().isWorkingDay(d),
    addWorkingDays: (d, n) => now().addWorkingDays(d, n),
    workingDaysBetween: (from, to) => now().workingDaysBetween(from, to),
    foiResponseDueDate: (received) => now().foiResponseDueDate(received),
    beyondData: (d) => now().beyondData(d),
  };
}

/** Working days for FOI-01, from the bank holidays of all three UK jurisdictions in use. */
export const ukWorkingDays: WorkingDayCalendar = following((data) =>
  createWorkingDayCalendar(data.holidays, {
    coveredYears: { first: data.firstYear, last: data.lastYear },
  }),
);

/**
 * Working days under one nation's bank holidays, for ordinary deadlines (minutes to draft,
 * reminders) that follow the local calendar rather than FOIA's all-UK rule.
 */
export function workingDaysIn(nation: UkNation): WorkingDayCalendar {
  return following((data) =>
    createWorkingDayCalendar(
      data.holidays.filter((holiday) => holiday.nations.includes(nation)),
      { coveredYears: { first: data.firstYear, last: data.lastYear }, nation },
    ),
  );
}
