/**
 * LEG-04: what stop and search is read by. Pure arithmetic, each step as a reader of the figures
 * would do it by hand: rates per 1,000 people of each ethnic group, the disproportionality ratio
 * of each group against White with its 95% confidence interval, and the arrest and no-further-
 * action rates.
 */
import { ETHNIC_GROUPS, type EthnicGroup } from './rules.js';

/** The outcomes police.uk has written for an arrest, now and in its older files. */
export const ARREST_OUTCOMES: readonly string[] = ['Arrest', 'Suspect arrested'];
/** The outcomes police.uk has written for no further action, now and in its older files. */
export const NO_FURTHER_ACTION_OUTCOMES: readonly string[] = [
  'A no further action disposal',
  'Nothing found - no further action',
];

/** The group every other is compared with, as the Home Office's figures do. */
export const COMPARISON_GROUP: EthnicGroup = 'white';

/** A ratio this far above 1 is flagged unless the authority sets another (a setting). */
export const DEFAULT_DISPROPORTIONALITY_THRESHOLD = 2;

/** z for a two-sided 95% interval. */
const Z_95 = 1.959963984540054;

/** Searches per 1,000 people; null when there is no population to divide by. */
export function ratePerThousand(searches: number, population: number): number | null {
  return population > 0 ? (searches / population) * 1000 : null;
}

export interface RateRatio {
  ratio: number;
  lower: number;
  upper: number;
}

/**
 * LEG-04: the ratio of two rates (a of n1 against c of n2) with its 95% confidence interval on
 * the log scale (Katz): exp(ln RR ± z·√(1/a − 1/n1 + 1/c − 1/n2)). None when either group has
 * no searches or no population: a ratio of nothing is not a finding.
 */
export function rateRatio(a: number, n1: number, c: number, n2: number): RateRatio | null {
  if (a <= 0 || c <= 0 || n1 <= 0 || n2 <= 0 || a > n1 || c > n2) return null;
  const ratio = a / n1 / (c / n2);
  const se = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
  const log = Math.log(ratio);
  return { ratio, lower: Math.exp(log - Z_95 * se), upper: Math.exp(log + Z_95 * se) };
}

export interface GroupFigures {
  group: EthnicGroup;
  searches: number;
  /** Null when no population figure is held for the group. */
  population: number | null;
  perThousand: number | null;
  /** Against White; null for White itself, or when it cannot be worked out. */
  against: RateRatio | null;
  /** The ratio is above the threshold. */
  flagged: boolean;
}

/**
 * LEG-04: each broad group's searches per 1,000 people and its disproportionality ratio against
 * White, flagged where the ratio is above the threshold. Searches with no ethnicity stated are
 * not in any group (they are counted apart by the caller, never dropped).
 */
export function disproportionality(
  searches: Partial<Record<EthnicGroup, number>>,
  population: Partial<Record<EthnicGroup, number>>,
  threshold = DEFAULT_DISPROPORTIONALITY_THRESHOLD,
): GroupFigures[] {
  const white = {
    searches: searches[COMPARISON_GROUP] ?? 0,
    population: population[COMPARISON_GROUP] ?? 0,
  };
  return ETHNIC_GROUPS.map((group) => {
    const n = searches[group] ?? 0;
    const people = population[group] ?? null;
    const against =
      group === COMPARISON_GROUP || people === null
        ? null
        : rateRatio(n, people, white.searches, white.population);
    return {
      group,
      searches: n,
      population: people,
      perThousand: people === null ? null : ratePerThousand(n, people),
      against,
      flagged: against !== null && against.ratio > threshold,
    };
  });
}

export interface OutcomeRates {
  searches: number;
  arrests: number;
  noFurtherAction: number;
  /** Searches whose outcome police.uk left blank. */
  notRecorded: number;
  /** Shares of all searches (0 to 1); null when there were none. */
  arrestRate: number | null;
  noFurtherActionRate: number | null;
}

/** LEG-04: the arrest and no-further-action rates, as shares of every search (blank outcomes too). */
export function outcomeRates(byOutcome: ReadonlyMap<string | null, number>): OutcomeRates {
  let searches = 0;
  let arrests = 0;
  let noFurtherAction = 0;
  let notRecorded = 0;
  for (const [outcome, n] of byOutcome) {
    searches += n;
    if (outcome === null) notRecorded += n;
    else if (ARREST_OUTCOMES.includes(outcome)) arrests += n;
    else if (NO_FURTHER_ACTION_OUTCOMES.includes(outcome)) noFurtherAction += n;
  }
  return {
    searches,
    arrests,
    noFurtherAction,
    notRecorded,
    arrestRate: searches ? arrests / searches : null,
    noFurtherActionRate: searches ? noFurtherAction / searches : null,
  };
}
