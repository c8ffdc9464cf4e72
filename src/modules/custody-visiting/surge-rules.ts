/**
 * ICV-10, LEG-05: surges. In disturbances the scheme manager raises the target visits a week of
 * a set of suites for a period ("Lay visitors were able to increase the number of visits
 * conducted during this time to match the increased demand", seed 001 para 12). A week any day
 * of which a surge covers takes the surge's target for its suites (the rota draws by the week);
 * a surge never lowers a suite's own target.
 */
import { addCalendarDays, type IsoDate } from '../../platform/calendar/index.js';
import type { SaidRefusal } from '../../platform/i18n/said.js';
import { MAX_VISITS_PER_WEEK, tidy } from './rules.js';
import { quarterOf } from './rota-rules.js';

/** A surge as the rules read it: its days, its raised target and its suites. */
export interface SurgeSpan {
  startsOn: IsoDate;
  /** Its last day (the day it was ended, when ended early). */
  endsOn: IsoDate;
  visitsPerWeek: number;
  suiteIds: readonly string[];
}

export interface SurgeInput {
  name?: string | undefined;
  visitsPerWeek?: string | undefined;
}

export interface SurgeValue {
  name: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  visitsPerWeek: number;
  suiteIds: string[];
}

/**
 * ICV-10: a surge declared: its name or reason, its first and last days (the last not before
 * the first), at least one suite of those there are, and its raised target visits a week (more
 * than none, at most three a day, in hundredths).
 */
export function validateSurge(
  input: SurgeInput,
  dates: { startsOn: IsoDate | null; endsOn: IsoDate | null },
  suiteIds: readonly string[],
  knownSuiteIds: readonly string[],
): { refusals: SaidRefusal[]; value: SurgeValue } {
  const refusals: SaidRefusal[] = [];
  const name = tidy(input.name);
  if (!name) refusals.push({ field: 'name', key: 'custody-visiting:surges.errors.nameMissing' });
  else if (name.length > 200)
    refusals.push({
      field: 'name',
      key: 'custody-visiting:surges.errors.nameTooLong',
      values: { max: 200 },
    });
  const { startsOn, endsOn } = dates;
  if (startsOn && endsOn && endsOn < startsOn)
    refusals.push({ field: 'endsOn-day', key: 'custody-visiting:surges.errors.endsBeforeStart' });
  const chosen = [...new Set(suiteIds)];
  if (!chosen.length)
    refusals.push({ field: 'suites', key: 'custody-visiting:surges.errors.suitesMissing' });
  else if (chosen.some((id) => !knownSuiteIds.includes(id)))
    refusals.push({ field: 'suites', key: 'custody-visiting:surges.errors.suiteUnknown' });
  const targetText = tidy(input.visitsPerWeek);
  const target = /^\d{1,2}(\.\d{1,2})?$/.test(targetText) ? Number(targetText) : NaN;
  if (!targetText)
    refusals.push({
      field: 'visitsPerWeek',
      key: 'custody-visiting:surges.errors.targetMissing',
    });
  else if (Number.isNaN(target) || target <= 0 || target > MAX_VISITS_PER_WEEK)
    refusals.push({
      field: 'visitsPerWeek',
      key: 'custody-visiting:errors.target',
      values: { max: MAX_VISITS_PER_WEEK },
    });
  return {
    refusals,
    value: {
      name,
      startsOn: startsOn ?? '',
      endsOn: endsOn ?? '',
      visitsPerWeek: target,
      suiteIds: chosen,
    },
  };
}

/**
 * ICV-10, LEG-05: a surge begins in this quarter or later: one that began in a quarter before
 * would change targets already published in that quarter's and year's statistics.
 */
export function surgeStartRefusal(startsOn: IsoDate, today: IsoDate): SaidRefusal | null {
  const earliest = quarterOf(today);
  return startsOn < earliest
    ? {
        field: 'startsOn-day',
        key: 'custody-visiting:surges.errors.startsBeforeQuarter',
        values: { date: { date: earliest } },
      }
    : null;
}

/**
 * ICV-03, ICV-10: the surges the public statistics name: those begun by today. One declared to
 * begin later is not published, as it would tell where visits will come.
 */
export function publishedSurges<S extends { startsOn: IsoDate }>(
  surges: readonly S[],
  today: IsoDate,
): S[] {
  return surges.filter((s) => s.startsOn <= today);
}

/**
 * ICV-10: a surge ended early: on a day from its first to the day before its last, not one
 * already gone (the surge's weeks drawn or made stay as they were).
 */
export function surgeEndRefusal(
  surge: Pick<SurgeSpan, 'startsOn' | 'endsOn'>,
  on: IsoDate,
  today: IsoDate,
): SaidRefusal | null {
  const field = 'endsOn-day';
  if (surge.endsOn < today) return { field, key: 'custody-visiting:surges.errors.over' };
  if (on < surge.startsOn || on >= surge.endsOn)
    return {
      field,
      key: 'custody-visiting:surges.errors.endNotInside',
      values: { from: { date: surge.startsOn }, to: { date: surge.endsOn } },
    };
  if (on < today) return { field, key: 'custody-visiting:surges.errors.endGone' };
  return null;
}

/** Whether a surge runs on any day of the week beginning on Monday `week`. */
export function surgeInWeek(surge: Pick<SurgeSpan, 'startsOn' | 'endsOn'>, week: IsoDate): boolean {
  return surge.startsOn <= addCalendarDays(week, 6) && surge.endsOn >= week;
}

/**
 * ICV-10, LEG-05: a suite's target visits for a week: its own, or the highest target of the
 * surges covering it that run that week, whichever is higher.
 */
export function weekTarget(
  suite: { id: string; visitsPerWeek: number },
  week: IsoDate,
  surges: readonly SurgeSpan[],
): number {
  let target = suite.visitsPerWeek;
  for (const s of surges)
    if (s.suiteIds.includes(suite.id) && surgeInWeek(s, week))
      target = Math.max(target, s.visitsPerWeek);
  return target;
}

/**
 * ICV-03, ICV-10: a suite's target over a quarter counting surges: each week's target added
 * up, rounded up to whole visits. Without a surge it is `quarterTarget` (visits a week × weeks).
 */
export function surgedQuarterTarget(
  suite: { id: string; visitsPerWeek: number },
  weeks: readonly IsoDate[],
  surges: readonly SurgeSpan[],
): number {
  const total = weeks.reduce((n, week) => n + weekTarget(suite, week, surges), 0);
  return Math.ceil(total - 1e-9);
}

/** The surges that raised any of these suites' targets in any of these weeks. */
export function surgesApplied<S extends SurgeSpan>(
  surges: readonly S[],
  suites: readonly { id: string; visitsPerWeek: number }[],
  weeks: readonly IsoDate[],
): S[] {
  return surges.filter((s) =>
    suites.some(
      (suite) =>
        s.suiteIds.includes(suite.id) &&
        s.visitsPerWeek > suite.visitsPerWeek &&
        weeks.some((w) => surgeInWeek(s, w)),
    ),
  );
}
