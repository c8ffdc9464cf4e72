/**
 * ICV-10, LEG-05: the scheme's performance for a quarter: visits made against each suite's
 * target and their spread, suite by suite, panel by panel (a panel's suites are those of its
 * area) and across the police area. Visits are counted when made or missed, never planned: a
 * planned visit is the visitors' alone until it has happened (ICV-03).
 */
import { addCalendarMonths, type IsoDate } from '../../platform/calendar/index.js';
import { reportingYearOf } from '../../platform/calendar/reporting-year.js';
import { publishedCount, suppressCells, type CountLine } from '../../platform/privacy/rules.js';
import {
  nextQuarter,
  previousQuarter,
  quarterOf,
  quarterTarget,
  quarterWeeks,
  type Spread,
} from './rota-rules.js';
import { NOT_SEEN_REASONS, type NotSeenReason } from './report-rules.js';

/** A suite's visits in a quarter, as the database counts them. */
export interface SuiteQuarter {
  id?: string;
  name: string;
  area: string;
  visitsPerWeek: number;
  made: number;
  missed: number;
  spread: Spread;
  /** ICV-10, LEG-05: the quarter's target counting surges (`surgedQuarterTarget`), when known. */
  target?: number;
}

/** A line of the statistics: a suite, a panel's suites together, or every suite. */
export interface PerformanceLine {
  name: string;
  target: number;
  made: number;
  missed: number;
  /** Visits made as a whole percentage of the target; null when there was no target. */
  percentOfTarget: number | null;
  /** ICV-10: the target met or passed. */
  onTarget: boolean;
  spread: Spread;
}

const NO_SPREAD: Spread = { weekdayDay: 0, weekdayEvening: 0, weekendDay: 0, weekendEvening: 0 };

function line(name: string, target: number, made: number, missed: number, spread: Spread) {
  return {
    name,
    target,
    made,
    missed,
    percentOfTarget: target > 0 ? Math.round((made / target) * 100) : null,
    onTarget: made >= target,
    spread,
  };
}

/**
 * ICV-10: a suite's line: its target over the quarter's weeks (ICV-03), raised by any surge,
 * and what was made. Over a year (the weeks of each of its quarters), the target is its
 * quarters' targets added up, so a year's figures are its four quarters' together.
 */
export function suiteLine(suite: SuiteQuarter, weeks: number | readonly number[]): PerformanceLine {
  const quarters = typeof weeks === 'number' ? [weeks] : weeks;
  return line(
    suite.name,
    suite.target ?? quarters.reduce((n, w) => n + quarterTarget(suite.visitsPerWeek, w), 0),
    suite.made,
    suite.missed,
    suite.spread,
  );
}

/** ICV-10: several lines added together: a panel's suites, or the whole police area's. */
export function totalLine(name: string, lines: readonly PerformanceLine[]): PerformanceLine {
  const spread = { ...NO_SPREAD };
  for (const l of lines)
    for (const key of Object.keys(spread) as (keyof Spread)[]) spread[key] += l.spread[key];
  const sum = (pick: (l: PerformanceLine) => number) => lines.reduce((n, l) => n + pick(l), 0);
  return line(
    name,
    sum((l) => l.target),
    sum((l) => l.made),
    sum((l) => l.missed),
    spread,
  );
}

export interface QuarterPerformance {
  /** Every suite together. */
  total: PerformanceLine;
  /** Each area's suites, by area, with their total. */
  areas: { area: string; total: PerformanceLine; suites: PerformanceLine[] }[];
}

/** ICV-10: the quarter's statistics, by area (in the order given) and in total. */
export function quarterPerformance(
  suites: readonly SuiteQuarter[],
  weeks: number | readonly number[],
  totalName: string,
): QuarterPerformance {
  const byArea = new Map<string, PerformanceLine[]>();
  for (const suite of suites) {
    const lines = byArea.get(suite.area) ?? [];
    lines.push(suiteLine(suite, weeks));
    byArea.set(suite.area, lines);
  }
  const areas = [...byArea].map(([area, lines]) => ({
    area,
    total: totalLine(area, lines),
    suites: lines,
  }));
  return {
    total: totalLine(
      totalName,
      areas.flatMap((a) => a.suites),
    ),
    areas,
  };
}

/** The quarter the statistics open on: the last whole quarter before today's. */
export function latestWholeQuarter(today: IsoDate): IsoDate {
  return previousQuarter(quarterOf(today));
}

/** The quarters that may be chosen, newest first: today's (so far) and the eleven before. */
export function quarterChoices(today: IsoDate, count = 12): IsoDate[] {
  const quarters = [quarterOf(today)];
  while (quarters.length < count) quarters.push(previousQuarter(quarters.at(-1)!));
  return quarters;
}

// ---- Quarters and years (ICV-10: quarterly and annual statistics) ----

/** A period the statistics are for: a quarter, or a police-reporting year (1 April to 31 March). */
export interface Period {
  kind: 'quarter' | 'year';
  /** Its first day. */
  start: IsoDate;
}

/** The police-reporting year a day is in, named by its first day, 1 April. */
export function financialYearOf(on: IsoDate): IsoDate {
  return reportingYearOf(on).start;
}

/** A year as an address gives it ("2025-04-01"), or null when it is not one. */
export function parseYear(text: string | undefined): IsoDate | null {
  const match = /^\d{4}-04-01$/.exec(text ?? '');
  return match ? match[0] : null;
}

/** The years that may be chosen, newest first: this one (so far) and the two before. */
export function yearChoices(today: IsoDate, count = 3): IsoDate[] {
  const years = [financialYearOf(today)];
  while (years.length < count) years.push(addCalendarMonths(years.at(-1)!, -12));
  return years;
}

/** The quarters a period is made of, in order: one, or a year's four. */
export function periodQuarters(period: Period): IsoDate[] {
  const quarters = [period.start];
  if (period.kind === 'year')
    while (quarters.length < 4) quarters.push(nextQuarter(quarters.at(-1)!));
  return quarters;
}

/** The day after a period's last. */
export function periodEnd(period: Period): IsoDate {
  return nextQuarter(periodQuarters(period).at(-1)!);
}

/** The weeks of each of a period's quarters (ICV-03), for its targets. */
export function periodWeeks(period: Period): number[] {
  return periodQuarters(period).map((q) => quarterWeeks(q).length);
}

// ---- Detainees, admission delays and issues, from the reports sent (ICV-04, ICV-05, ICV-08) ----

// The reasons a detainee was not seen are the report's own (ICV-07).
export { NOT_SEEN_REASONS, type NotSeenReason };

/**
 * A suite's sent reports of visits in a period, and the issues raised from them, as the database
 * gives them: counts, each delayed admission's minutes, each resolved issue's days.
 */
export interface SuiteReports {
  name: string;
  area: string;
  reports: number;
  detaineesPresent: number;
  seen: number;
  notSeen: Record<NotSeenReason, number>;
  childrenSeen: number;
  vulnerableSeen: number;
  /** ICV-04: each admission later than arrival, in minutes. */
  delays: readonly number[];
  issuesRaised: number;
  /** ICV-08: issues closed as resolved; each one's calendar days from raising to closing. */
  daysToResolve: readonly number[];
}

/** A line of these figures: a suite, a panel's suites, or every suite. */
export interface ReportLine {
  name: string;
  reports: number;
  detaineesPresent: number;
  seen: number;
  notSeen: Record<NotSeenReason, number>;
  childrenSeen: number;
  vulnerableSeen: number;
  /** ICV-04: how many admissions were delayed, the median and the longest delay, in minutes. */
  delayed: number;
  medianDelay: number | null;
  longestDelay: number | null;
  issuesRaised: number;
  issuesResolved: number;
  /** ICV-10: issues resolved as a whole percentage of those raised; null when none were raised. */
  percentResolved: number | null;
  medianDaysToResolve: number | null;
  /** The values the medians are of, kept so that lines can be added together. */
  delays: readonly number[];
  daysToResolve: readonly number[];
}

/** The middle value (the mean of the middle two, rounded, when their number is even); null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]!
    : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

/** A part as a whole percentage of the whole; null when the whole is nothing. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}

const NOBODY_NOT_SEEN: Record<NotSeenReason, number> = {
  asleep: 0,
  interview: 0,
  solicitor: 0,
  declined: 0,
  safety: 0,
};

/** ICV-04, ICV-05, ICV-08, ICV-10: a suite's figures, or several suites' added together. */
export function reportLine(name: string, suites: readonly SuiteReports[]): ReportLine {
  const sum = (pick: (s: SuiteReports) => number) => suites.reduce((n, s) => n + pick(s), 0);
  const notSeen = { ...NOBODY_NOT_SEEN };
  for (const s of suites)
    for (const reason of NOT_SEEN_REASONS) notSeen[reason] += s.notSeen[reason];
  const delays = suites.flatMap((s) => s.delays);
  const daysToResolve = suites.flatMap((s) => s.daysToResolve);
  const issuesRaised = sum((s) => s.issuesRaised);
  return {
    name,
    reports: sum((s) => s.reports),
    detaineesPresent: sum((s) => s.detaineesPresent),
    seen: sum((s) => s.seen),
    notSeen,
    childrenSeen: sum((s) => s.childrenSeen),
    vulnerableSeen: sum((s) => s.vulnerableSeen),
    delayed: delays.length,
    medianDelay: median(delays),
    longestDelay: delays.length ? Math.max(...delays) : null,
    issuesRaised,
    issuesResolved: daysToResolve.length,
    percentResolved: percentOf(daysToResolve.length, issuesRaised),
    medianDaysToResolve: median(daysToResolve),
    delays,
    daysToResolve,
  };
}

export interface ReportFigures {
  total: ReportLine;
  areas: { area: string; total: ReportLine; suites: ReportLine[] }[];
}

/** ICV-10, LEG-05: the period's report figures, suite by suite, by area (in the order given) and in total. */
export function reportFigures(suites: readonly SuiteReports[], totalName: string): ReportFigures {
  const byArea = new Map<string, SuiteReports[]>();
  for (const suite of suites) byArea.set(suite.area, [...(byArea.get(suite.area) ?? []), suite]);
  return {
    total: reportLine(totalName, suites),
    areas: [...byArea].map(([area, list]) => ({
      area,
      total: reportLine(area, list),
      suites: list.map((s) => reportLine(s.name, [s])),
    })),
  };
}

/** DP-01: how a line's children and vulnerable people seen are published. */
export interface PublishedSeen {
  childrenSeen: string;
  vulnerableSeen: string;
}

/**
 * DP-01: children and vulnerable people seen, as published for the total, each area and each
 * suite: below 10 "fewer than 10", and a larger count "not shown" where the total (or an area's)
 * less the others shown would give a small one away (platform: suppressCells).
 */
export function publishedSeen(figures: ReportFigures): (line: ReportLine) => PublishedSeen {
  const all = [figures.total, ...figures.areas.flatMap((a) => [a.total, ...a.suites])];
  const at = (line: ReportLine) => all.indexOf(line);
  const lines: CountLine[] = [
    { parts: figures.areas.map((a) => at(a.total)), whole: 0 },
    ...figures.areas.map((a) => ({ parts: a.suites.map(at), whole: at(a.total) })),
  ];
  const published = (pick: (l: ReportLine) => number) => {
    const cells = suppressCells(
      all.map((l) => ({ count: pick(l) })),
      lines,
    );
    return all.map((l, i) => publishedCount(pick(l), cells[i]!));
  };
  const children = published((l) => l.childrenSeen);
  const vulnerable = published((l) => l.vulnerableSeen);
  return (line) => {
    const i = at(line);
    if (i < 0) throw new Error(`${line.name} is not a line of these figures`);
    return { childrenSeen: children[i]!, vulnerableSeen: vulnerable[i]! };
  };
}
