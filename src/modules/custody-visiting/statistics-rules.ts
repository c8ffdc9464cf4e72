/**
 * ICV-10, LEG-05: the scheme's performance for a quarter: visits made against each suite's
 * target and their spread, suite by suite, panel by panel (a panel's suites are those of its
 * area) and across the police area. Visits are counted when made or missed, never planned: a
 * planned visit is the visitors' alone until it has happened (ICV-03).
 */
import type { IsoDate } from '../../platform/calendar/index.js';
import { previousQuarter, quarterOf, quarterTarget, type Spread } from './rules.js';

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
 * and what was made.
 */
export function suiteLine(suite: SuiteQuarter, weeks: number): PerformanceLine {
  return line(
    suite.name,
    suite.target ?? quarterTarget(suite.visitsPerWeek, weeks),
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
  weeks: number,
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
