import { getMonth } from 'date-fns/getMonth';
import { getYear } from 'date-fns/getYear';
import { assertInteger, toUtcDate, type IsoDate } from './iso-date.js';

/** A police reporting year: 1 April to 31 March (IAG-25, IAG-26). */
export interface ReportingYear {
  /** The calendar year in which it starts: 2026 for 2026-27. */
  readonly startYear: number;
  /** '2026-27' */
  readonly label: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
}

const APRIL = 3; // date-fns months count from 0

export function reportingYear(startYear: number): ReportingYear {
  assertYear(startYear);
  const endYear = startYear + 1;
  return {
    startYear,
    label: `${startYear}-${String(endYear % 100).padStart(2, '0')}`,
    start: `${startYear}-04-01`,
    end: `${endYear}-03-31`,
  };
}

export function reportingYearOf(d: IsoDate): ReportingYear {
  const date = toUtcDate(d);
  const year = getYear(date);
  return reportingYear(getMonth(date) >= APRIL ? year : year - 1);
}

/** IAG-26: a corporate IAG's annual report is due by 31 July after the reporting year ends. */
export function annualReportDueDate(startYear: number): IsoDate {
  assertYear(startYear);
  return `${startYear + 1}-07-31`;
}

function assertYear(year: number): void {
  assertInteger(year, 'years');
  // Keeps the label and ISO dates four-digit.
  if (year < 1000 || year > 9998) throw new RangeError(`Reporting year out of range: ${year}`);
}
