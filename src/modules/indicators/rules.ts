/**
 * Performance indicators (issue 27 parts 1 and 4): CON-01, the strategy board sets performance
 * measures and targets; CDRP-10, partnerships' targets and performance are kept centrally and
 * published; LEG-04, equality measures are monitored over time and published; ICV-10, the
 * scheme's figures against target. Pure rules: no I/O.
 *
 * Numbers are kept as whole hundredths (scaled integers), never floating point: what a person
 * typed ("12.35") is read digit by digit into 1235 and shown back exactly, and RAG compares
 * integers. Two decimal places is as fine as any unit here is given (a percentage, a rate per
 * 1,000, days, pounds and pence), and money's hundredths are its pence.
 */
import { parse } from 'csv-parse/sync';
import { addCalendarMonths } from '../../platform/calendar/calendar-months.js';
import { isIsoDate, type IsoDate } from '../../platform/calendar/iso-date.js';
import { reportingYearOf } from '../../platform/calendar/reporting-year.js';
import type { Said, SaidRefusal } from '../../platform/i18n/said.js';

/** What an indicator counts or measures. `people` is a count of people (DP-01 on public pages). */
export const UNITS = ['count', 'people', 'percent', 'rate_per_1000', 'days', 'pounds'] as const;
export type Unit = (typeof UNITS)[number];

/** Whether more is better (visits made) or worse (days to answer). */
export const POLARITIES = ['higher_better', 'lower_better'] as const;
export type Polarity = (typeof POLARITIES)[number];

/** How often it is measured; quarters and years follow the reporting year from April. */
export const FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** What it is kept by: the whole area only, or each borough too. */
export const BREAKDOWNS = ['none', 'borough'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** Where a value came from. */
export const VALUE_SOURCES = ['typed', 'csv', 'bridge', 'import'] as const;
export type ValueSource = (typeof VALUE_SOURCES)[number];

export const RAG_STATUSES = ['green', 'amber', 'red', 'none'] as const;
export type RagStatus = (typeof RAG_STATUSES)[number];

export const LIMITS = { name: 200, definition: 5000, note: 500 };
/** A value or target, in hundredths: large enough for any count a police area keeps. */
export const MAX_HUNDREDTHS = 100_000_000_000_000;
export const DEFAULT_TOLERANCE = 5;

type Input = Record<string, string | string[] | undefined>;
const text = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '');
const line = (value: string | string[] | undefined) => text(value).trim().replace(/\s+/g, ' ');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const oneOf = <T extends string>(list: readonly T[], value: unknown): T | undefined =>
  list.find((x) => x === value);

// --- Periods -------------------------------------------------------------------------------

/**
 * CON-01, ICV-10: the period a date falls in, keyed by its first day: its month; its quarter of
 * the reporting year (April, July, October, January); its reporting year (1 April).
 */
export function periodOf(date: IsoDate, frequency: Frequency): IsoDate {
  const month = date.slice(0, 7);
  if (frequency === 'monthly') return `${month}-01`;
  const year = reportingYearOf(date);
  if (frequency === 'yearly') return year.start;
  const monthsIn = (Number(date.slice(5, 7)) + 8) % 12; // April 0 … March 11
  return addCalendarMonths(year.start, monthsIn - (monthsIn % 3));
}

/** Whether the date is the first day of a period of this frequency. */
export function isPeriodStart(date: string, frequency: Frequency): boolean {
  return isIsoDate(date) && periodOf(date, frequency) === date;
}

/** The period after this one. */
export function nextPeriod(period: IsoDate, frequency: Frequency): IsoDate {
  return addCalendarMonths(
    period,
    frequency === 'monthly' ? 1 : frequency === 'quarterly' ? 3 : 12,
  );
}

/** The `count` periods ending with the one the date falls in, oldest first. */
export function periodsUpTo(date: IsoDate, frequency: Frequency, count: number): IsoDate[] {
  const step = frequency === 'monthly' ? 1 : frequency === 'quarterly' ? 3 : 12;
  const last = periodOf(date, frequency);
  return Array.from({ length: count }, (_, i) => addCalendarMonths(last, (i - count + 1) * step));
}

/** A period as a sentence names it: "April 2026", "Q1 2026-27" (April to June), "2026-27". */
export function periodLabel(period: IsoDate, frequency: Frequency): Said {
  if (frequency === 'monthly')
    return { key: 'indicators:periods.month', values: { month: { month: period } } };
  const year = reportingYearOf(period).label;
  if (frequency === 'yearly') return { key: 'indicators:periods.year', values: { year } };
  const quarter = Math.floor(((Number(period.slice(5, 7)) + 8) % 12) / 3) + 1;
  return { key: 'indicators:periods.quarter', values: { quarter, year } };
}

// --- Values --------------------------------------------------------------------------------

/** How many decimal places a unit's value may be typed with. */
export function decimalsOf(unit: Unit): number {
  return unit === 'count' || unit === 'people' ? 0 : 2;
}

/**
 * CON-01, CDRP-10: a value (or target) as typed, read exactly into hundredths: a number not
 * below nought, with no more decimal places than its unit has (none for a count), a
 * percentage no more than 100. Commas between thousands, a leading £ and a trailing % are
 * allowed. Returns the hundredths, or the reason it cannot be read.
 */
export function readValue(
  typed: string,
  unit: Unit,
):
  | { hundredths: number }
  | { refusal: 'missing' | 'notNumber' | 'decimals' | 'negative' | 'tooLarge' } {
  let s = typed.trim().replace(/\s+/g, '');
  if (!s) return { refusal: 'missing' };
  if (unit === 'pounds') s = s.replace(/^£/, '');
  if (unit === 'percent') s = s.replace(/%$/, '');
  if (/^-/.test(s)) return { refusal: 'negative' };
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d*)?$/.test(s)) return { refusal: 'notNumber' };
  const [whole, fraction = ''] = s.replace(/,/g, '').split('.');
  const places = fraction.replace(/0+$/, '');
  if (places.length > decimalsOf(unit)) return { refusal: 'decimals' };
  if (whole!.replace(/^0+/, '').length > 13) return { refusal: 'tooLarge' };
  const hundredths = Number(whole) * 100 + Number(places.padEnd(2, '0'));
  if (hundredths > MAX_HUNDREDTHS) return { refusal: 'tooLarge' };
  if (unit === 'percent' && hundredths > 100_00) return { refusal: 'tooLarge' };
  return { hundredths };
}

/** The refusal of a value typed into `field`, as its message names it. */
export function valueRefusal(
  field: string,
  unit: Unit,
  refusal: 'missing' | 'notNumber' | 'decimals' | 'negative' | 'tooLarge',
  what: 'value' | 'target' = 'value',
): SaidRefusal {
  return {
    field,
    key: `indicators:errors.${what}.${refusal}`,
    values: {
      unit: { key: `indicators:units.${unit}`, lower: true },
      ...(refusal === 'tooLarge' && unit === 'percent' ? { max: '100' } : {}),
    },
  };
}

/** Hundredths written as a plain decimal ("1234.5" for 123450), as a form shows it again. */
export function hundredthsAsDecimal(hundredths: number, unit: Unit): string {
  const whole = Math.trunc(hundredths / 100);
  const part = Math.abs(hundredths % 100);
  if (decimalsOf(unit) === 0 && part === 0) return String(whole);
  return part === 0 ? String(whole) : `${whole}.${String(part).padStart(2, '0').replace(/0$/, '')}`;
}

// --- RAG -----------------------------------------------------------------------------------

/**
 * CON-01, CDRP-10, ICV-10: how a value stands against its target. Green when it meets the
 * target by the indicator's polarity (at or above it when higher is better; at or below when
 * lower is); amber when it misses by no more than the tolerance, a percentage of the target;
 * red when it misses by more; none without a target or a value. Integer arithmetic throughout.
 */
export function ragStatus(
  value: number | null | undefined,
  target: number | null | undefined,
  polarity: Polarity,
  tolerancePercent: number,
): RagStatus {
  if (value == null || target == null) return 'none';
  const miss = polarity === 'higher_better' ? target - value : value - target;
  if (miss <= 0) return 'green';
  return miss * 100 <= tolerancePercent * Math.abs(target) ? 'amber' : 'red';
}

/**
 * DP-01: a status as the public may read it. Beside a count of people below 10 (published as
 * "fewer than 10") a status would say which side of its target the hidden count falls, so it
 * is withheld too.
 */
export type ShownRag = RagStatus | 'withheld';
export function publicRag(value: number | null, unit: Unit, rag: RagStatus): ShownRag {
  return value !== null && countsPeople(unit) && value < 1000 ? 'withheld' : rag;
}

/** The order a dashboard reads statuses in: off target first, then near it, on it, and none. */
export const RAG_ORDER: readonly ShownRag[] = ['red', 'amber', 'green', 'none', 'withheld'];

/**
 * CON-01, CDRP-10: indicators as every dashboard lists them (the committee's, a borough's, the
 * public's): the ones off target first (red, then amber), then green, then those without a
 * status; by name within each.
 */
export function offTargetFirst<T extends { name: string; rag: ShownRag }>(list: readonly T[]): T[] {
  const rank = (r: ShownRag) => RAG_ORDER.indexOf(r);
  return [...list].sort(
    (a, b) => rank(a.rag) - rank(b.rag) || a.name.localeCompare(b.name, 'en-GB'),
  );
}

/** CON-01, CDRP-10: how many indicators stand at each status, in `RAG_ORDER`. */
export function ragCounts(list: readonly { rag: ShownRag }[]): { rag: ShownRag; count: number }[] {
  return RAG_ORDER.map((rag) => ({ rag, count: list.filter((i) => i.rag === rag).length }));
}

// --- An indicator --------------------------------------------------------------------------

export interface IndicatorValue {
  name: string;
  definition: string;
  unit: Unit;
  polarity: Polarity;
  /** A directory organisation or unit. */
  ownerId: string;
  frequency: Frequency;
  breakdown: Breakdown;
  isPublic: boolean;
  /** RAG's amber band, a whole percentage of the target (0 to 100). */
  tolerance: number;
  /** The figure Bridge counts that its values are, if any (a module's measure's key). */
  measureKey: string | null;
}

/**
 * CON-01: an indicator needs a name, its definition, a unit, a polarity, an owner, a frequency
 * and a breakdown from their lists; its tolerance a whole percentage from 0 to 100 (5 if blank).
 */
export function validateIndicator(input: Input): {
  refusals: SaidRefusal[];
  value: IndicatorValue;
} {
  const refusals: SaidRefusal[] = [];
  const need = (field: string) =>
    refusals.push({ field, key: `indicators:errors.${field}Missing` });
  const name = line(input.name);
  if (!name) need('name');
  else if (name.length > LIMITS.name)
    refusals.push({
      field: 'name',
      key: 'indicators:errors.tooLong',
      values: { max: LIMITS.name },
    });
  const definition = text(input.definition).trim();
  if (!definition) need('definition');
  else if (definition.length > LIMITS.definition)
    refusals.push({
      field: 'definition',
      key: 'indicators:errors.tooLong',
      values: { max: LIMITS.definition },
    });
  const unit = oneOf(UNITS, input.unit);
  if (!unit) need('unit');
  const polarity = oneOf(POLARITIES, input.polarity);
  if (!polarity) need('polarity');
  const ownerId = line(input.ownerId);
  if (!UUID.test(ownerId)) need('ownerId');
  const frequency = oneOf(FREQUENCIES, input.frequency);
  if (!frequency) need('frequency');
  const breakdown = oneOf(BREAKDOWNS, input.breakdown);
  if (!breakdown) need('breakdown');
  const toleranceText = line(input.tolerance);
  const tolerance = toleranceText === '' ? DEFAULT_TOLERANCE : Number(toleranceText);
  if (!/^\d{0,3}$/.test(toleranceText) || tolerance > 100)
    refusals.push({ field: 'tolerance', key: 'indicators:errors.tolerance' });
  return {
    refusals,
    value: {
      name,
      definition,
      unit: unit ?? 'count',
      polarity: polarity ?? 'higher_better',
      ownerId: ownerId.toLowerCase(),
      frequency: frequency ?? 'monthly',
      breakdown: breakdown ?? 'none',
      isPublic: input.isPublic === 'yes',
      tolerance: Number.isInteger(tolerance) ? tolerance : DEFAULT_TOLERANCE,
      measureKey: line(input.measureKey) || null,
    },
  };
}

/**
 * CON-01: what may not change once the indicator has values: its unit and frequency (the
 * values would mean something else, or fall between periods).
 */
export function changeRefusals(
  before: Pick<IndicatorValue, 'unit' | 'frequency'>,
  after: Pick<IndicatorValue, 'unit' | 'frequency'>,
  hasValues: boolean,
): SaidRefusal[] {
  if (!hasValues) return [];
  return (['unit', 'frequency'] as const)
    .filter((f) => before[f] !== after[f])
    .map((field) => ({ field, key: `indicators:errors.${field}Fixed` }));
}

/**
 * Issue 27 part 1: an indicator whose values Bridge counts takes its measure's unit (a count, a
 * percentage, days), and its values are counted only for periods that have ended.
 */
export function measureRefusal(
  value: Pick<IndicatorValue, 'unit'>,
  measure: { unit: Unit } | undefined,
): SaidRefusal | null {
  if (!measure) return { field: 'measureKey', key: 'indicators:errors.measureKeyMissing' };
  if (measure.unit !== value.unit)
    return {
      field: 'measureKey',
      key: 'indicators:errors.measureUnit',
      values: { unit: { key: `indicators:units.${measure.unit}` } },
    };
  return null;
}

/** The periods of these that have ended by the date (a count of them is final). */
export function closedPeriods(periods: readonly IsoDate[], frequency: Frequency, today: IsoDate) {
  return periods.filter((p) => nextPeriod(p, frequency) <= today);
}

/** DP-01: whether a value of this unit counts people, so small counts are hidden in public. */
/**
 * CDRP-10: a target is set for the whole area. It is a borough's too only for a unit that does
 * not add up across boroughs (a rate, a percentage, days); a borough's count or spend is a part
 * of the area's, so the area's target says nothing of it, and it has no status.
 */
export function areaTargetFitsBorough(unit: Unit): boolean {
  return unit !== 'count' && unit !== 'people' && unit !== 'pounds';
}

export function countsPeople(unit: Unit): boolean {
  return unit === 'people';
}

// --- Values uploaded as CSV ----------------------------------------------------------------

/** CDRP-10: the header of an owner's file of values. */
export const CSV_COLUMNS = ['period', 'borough_code', 'value', 'note'] as const;
/** Beyond this many, the rest of a bad file's problems are not listed (it is refused anyway). */
export const MAX_PROBLEMS_LISTED = 50;
export const MAX_CSV_LINES = 10_000;

export interface CsvRow {
  line: number;
  period: IsoDate;
  /** The borough's code as written; null for the whole area. */
  boroughCode: string | null;
  hundredths: number;
  note: string | null;
}

export interface LineProblem {
  line: number;
  message: Said;
}

/**
 * CDRP-10: an owner's file of values read whole: its header exactly `period,borough_code,value,
 * note`; on each line a period's first day (2026-04-01), a borough's code or blank for the whole
 * area (blank only, when the indicator is not kept by borough), a value as its unit allows and
 * an optional note; no period and borough twice. Every bad line is named; a file with any is
 * not imported at all.
 */
export function readValuesCsv(
  text: string,
  indicator: Pick<IndicatorValue, 'unit' | 'frequency' | 'breakdown'>,
): { rows: CsvRow[]; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const say = (line: number, name: string, values?: Said['values']) =>
    problems.push({ line, message: { key: `indicators:csv.problems.${name}`, values } });
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch {
    say(1, 'notCsv');
    return { rows: [], problems };
  }
  const [header, ...lines] = records;
  if (!header || header.map((h) => h.toLowerCase()).join(',') !== CSV_COLUMNS.join(',')) {
    say(1, 'header', { columns: CSV_COLUMNS.join(',') });
    return { rows: [], problems };
  }
  if (!lines.length) say(1, 'empty');
  if (lines.length > MAX_CSV_LINES) {
    say(1, 'tooMany', { max: MAX_CSV_LINES });
    return { rows: [], problems };
  }
  const rows: CsvRow[] = [];
  const seen = new Set<string>();
  lines.forEach((cells, i) => {
    const lineNo = i + 2;
    if (cells.length !== CSV_COLUMNS.length) {
      say(lineNo, 'columns', { count: CSV_COLUMNS.length });
      return;
    }
    const [period, code, typed, note] = cells as [string, string, string, string];
    let ok = true;
    if (!isPeriodStart(period, indicator.frequency)) {
      say(lineNo, `period.${indicator.frequency}`, { period });
      ok = false;
    }
    if (code && indicator.breakdown === 'none') {
      say(lineNo, 'noBoroughs');
      ok = false;
    }
    const read = readValue(typed, indicator.unit);
    if ('refusal' in read) {
      say(lineNo, `value.${read.refusal}`, {
        unit: { key: `indicators:units.${indicator.unit}`, lower: true },
      });
      ok = false;
    }
    if (note.length > LIMITS.note) {
      say(lineNo, 'noteTooLong', { max: LIMITS.note });
      ok = false;
    }
    const key = `${period}|${code.toUpperCase()}`;
    if (ok && seen.has(key)) {
      say(lineNo, 'twice');
      ok = false;
    }
    if (ok && 'hundredths' in read) {
      seen.add(key);
      rows.push({
        line: lineNo,
        period,
        boroughCode: code || null,
        hundredths: read.hundredths,
        note: note || null,
      });
    }
  });
  return { rows, problems: problems.slice(0, MAX_PROBLEMS_LISTED) };
}
