/**
 * The citizens' panel's rules (CON-06, DP-01): how its balance is read against the area's
 * population, how a balanced sample is drawn for a wave, and when a member has gone quiet.
 * Pure: no database, no clock but the one given.
 */
import { addCalendarMonths, toLondonDate, type IsoDate } from '../../platform/calendar/index.js';
import type { SaidRefusal } from '../../platform/i18n/said.js';
import { publishedCount, suppressCells } from '../../platform/privacy/rules.js';
import { MONITORING_DIMENSIONS, type MonitoringDimension } from './monitoring.js';

/** How a member came to the panel: the public sign-up form, or an invitation from staff. */
export const PANEL_JOINED_BY = ['sign_up', 'invitation'] as const;
export type PanelJoinedBy = (typeof PANEL_JOINED_BY)[number];

/** A wave goes to the whole panel or to a balanced sample drawn by Bridge. */
export const WAVE_KINDS = ['whole', 'sample'] as const;
export type WaveKind = (typeof WAVE_KINDS)[number];

/** What the area's population is counted by: borough (ONS code), and the monitoring dimensions. */
export const POPULATION_DIMENSIONS = ['borough', 'ageBand', 'sex', 'ethnicGroup'] as const;
export type PopulationDimension = (typeof POPULATION_DIMENSIONS)[number];

/**
 * CON-06: a group is under-represented when its share of the panel is below this fraction of
 * its share of the population (four fifths: the usual rule of thumb for adverse impact).
 */
export const UNDER_REPRESENTED_RATIO = 0.8;

/** One line of the balance: a group's members against its population. */
export interface BalanceLine {
  value: string;
  members: number;
  /** The group's share of the members counted (0 to 1), and of the population. */
  memberShare: number;
  populationShare: number;
  /** memberShare − populationShare, in percentage points. */
  difference: number;
  underRepresented: boolean;
}

/**
 * CON-06: the panel's balance on one dimension: each group's count and share of the members
 * who gave an answer, against its share of the population; under-represented groups flagged.
 */
export function panelBalance(
  values: readonly string[],
  members: Readonly<Record<string, number>>,
  population: Readonly<Record<string, number>>,
): BalanceLine[] {
  const memberTotal = values.reduce((sum, v) => sum + (members[v] ?? 0), 0);
  const populationTotal = values.reduce((sum, v) => sum + (population[v] ?? 0), 0);
  return values.map((value) => {
    const count = members[value] ?? 0;
    const memberShare = memberTotal ? count / memberTotal : 0;
    const populationShare = populationTotal ? (population[value] ?? 0) / populationTotal : 0;
    return {
      value,
      members: count,
      memberShare,
      populationShare,
      difference: Math.round((memberShare - populationShare) * 1000) / 10,
      underRepresented: memberTotal > 0 && memberShare < populationShare * UNDER_REPRESENTED_RATIO,
    };
  });
}

/** A balance line as it may be shown: its members' count as published, and whether hidden. */
export interface PublishedBalanceLine extends BalanceLine {
  shownMembers: string;
  hidden: boolean;
}

/**
 * CON-06, DP-01: a monitoring dimension's balance as it may be shown. Counts below 10 are "fewer
 * than 10", and a larger one "not shown" where the number who answered less the counts shown
 * would give a small one away (platform: suppressCells). A hidden group's share and difference
 * are hidden with it (either gives its count away); it is marked under-represented only when
 * it would be even at the most a reader can tell it might be, so the mark tells nothing more.
 */
export function publishableBalance(lines: readonly BalanceLine[]): PublishedBalanceLine[] {
  const answered = lines.reduce((sum, l) => sum + l.members, 0);
  const published = suppressCells(
    [...lines.map((l) => ({ count: l.members })), { count: answered, show: 'always' as const }],
    [{ parts: lines.map((_, i) => i), whole: lines.length }],
  );
  return lines.map((line, i) => {
    const cell = published[i]!;
    const hidden = cell.shown !== 'shown';
    return {
      ...line,
      shownMembers: publishedCount(line.members, cell),
      hidden,
      underRepresented: hidden
        ? answered > 0 && cell.atMost / answered < line.populationShare * UNDER_REPRESENTED_RATIO
        : line.underRepresented,
    };
  });
}

/** A share as a page shows it: a percentage to one decimal place ("12.5%"). */
export function formatShare(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/** A difference in percentage points, signed ("+2.5", "−3.0", "0.0"). */
export function formatDifference(points: number): string {
  if (points === 0) return '0.0';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)}`;
}

/** A member a sample may draw, with what they told us about themselves (any of it may be null). */
export interface SampleCandidate {
  id: string;
  boroughId: string | null;
  ageBand?: string | null;
  sex?: string | null;
  ethnicGroup?: string | null;
}

/** The population the sample is balanced against: by borough id, and by monitoring value. */
export interface SamplePopulation {
  boroughs: Readonly<Record<string, number>>;
  ageBand: Readonly<Record<string, number>>;
  sex: Readonly<Record<string, number>>;
  ethnicGroup: Readonly<Record<string, number>>;
}

/** A small fast random generator (mulberry32): the same seed draws the same sample. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * CON-06: each borough's part of a sample of `size`, in proportion to its population (largest
 * remainders), never more than the members it has; what a borough cannot fill goes to the
 * others in the same proportion. Boroughs with no population figure share what is left over.
 */
export function boroughQuotas(
  available: ReadonlyMap<string, number>,
  population: Readonly<Record<string, number>>,
  size: number,
): Map<string, number> {
  const quotas = new Map<string, number>([...available.keys()].map((b) => [b, 0]));
  let left = Math.min(
    size,
    [...available.values()].reduce((a, b) => a + b, 0),
  );
  while (left > 0) {
    const open = [...available].filter(([b, n]) => quotas.get(b)! < n).map(([b]) => b);
    let weights = open.map((b) => population[b] ?? 0);
    if (weights.every((w) => w === 0)) weights = open.map((b) => available.get(b)!);
    const total = weights.reduce((a, b) => a + b, 0);
    const exact = open.map((b, i) => ({ b, share: (left * weights[i]!) / total }));
    const given = exact.map(({ b, share }) => ({
      b,
      n: Math.min(Math.floor(share), available.get(b)! - quotas.get(b)!),
      rest: share - Math.floor(share),
    }));
    let handed = given.reduce((a, g) => a + g.n, 0);
    // The largest remainders take one more each, in borough order when equal.
    const byRest = [...given].sort((x, y) => y.rest - x.rest || (x.b < y.b ? -1 : 1));
    for (const g of byRest) {
      if (handed >= left) break;
      if (g.n + quotas.get(g.b)! < available.get(g.b)! && g.rest > 0) {
        g.n += 1;
        handed += 1;
      }
    }
    if (handed === 0) {
      // Everything rounded to nothing: give one to the largest open borough.
      const first = [...given].sort((x, y) => y.rest - x.rest || (x.b < y.b ? -1 : 1))[0]!;
      first.n = 1;
      handed = 1;
    }
    for (const g of given) quotas.set(g.b, quotas.get(g.b)! + g.n);
    left -= handed;
  }
  return quotas;
}

const DIMENSIONS = Object.keys(MONITORING_DIMENSIONS) as MonitoringDimension[];

/**
 * CON-06: a balanced sample of `size` members for a wave, drawn by a seeded random so that the
 * same seed draws the same sample. Stratified by borough in proportion to the population; then,
 * within each borough, each next member is the one whose age band, sex and ethnic group (where
 * they gave them) the sample so far most lacks against the population's shares. Members who
 * gave none are drawn at random order. Returns the ids drawn, in the order drawn.
 */
export function balancedSample(
  candidates: readonly SampleCandidate[],
  population: SamplePopulation,
  size: number,
  seed: number,
): string[] {
  const random = seededRandom(seed);
  // A seeded shuffle first, so that ties fall at random but the same way for the same seed.
  const shuffled = [...candidates].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  if (size >= shuffled.length) return shuffled.map((c) => c.id);
  const byBorough = new Map<string, SampleCandidate[]>();
  for (const c of shuffled) {
    const key = c.boroughId ?? '';
    byBorough.set(key, [...(byBorough.get(key) ?? []), c]);
  }
  const quotas = boroughQuotas(
    new Map([...byBorough].map(([b, list]) => [b, list.length])),
    population.boroughs,
    size,
  );
  const shares = Object.fromEntries(
    DIMENSIONS.map((d) => {
      const counts = population[d];
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      return [d, (v: string) => (total ? (counts[v] ?? 0) / total : 0)];
    }),
  ) as Record<MonitoringDimension, (v: string) => number>;
  const drawn: string[] = [];
  const tally = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, number>()])) as Record<
    MonitoringDimension,
    Map<string, number>
  >;
  const answered = Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<
    MonitoringDimension,
    number
  >;
  const need = (c: SampleCandidate) =>
    DIMENSIONS.reduce((score, d) => {
      const v = c[d];
      if (!v) return score;
      return score + shares[d](v) * (answered[d] + 1) - (tally[d].get(v) ?? 0);
    }, 0);
  const remaining = new Map([...quotas].map(([b, q]) => [b, q]));
  while (drawn.length < size) {
    // The borough furthest from its quota draws next, so every borough is balanced alike.
    const [borough] = [...remaining]
      .filter(([, q]) => q > 0)
      .sort(
        ([a, qa], [b, qb]) => qb / quotas.get(b)! - qa / quotas.get(a)! || (a < b ? -1 : 1),
      )[0]!;
    const pool = byBorough.get(borough)!;
    let best = 0;
    let bestScore = -Infinity;
    pool.forEach((c, i) => {
      const score = need(c);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    const [chosen] = pool.splice(best, 1);
    drawn.push(chosen!.id);
    for (const d of DIMENSIONS) {
      const v = chosen![d];
      if (!v) continue;
      answered[d] += 1;
      tally[d].set(v, (tally[d].get(v) ?? 0) + 1);
    }
    remaining.set(borough, remaining.get(borough)! - 1);
  }
  return drawn;
}

/** A member's standing for the quiet-member question. */
export interface QuietFacts {
  /** When they were first sent a wave's invitation; null if never. */
  firstInvitedAt: Date | null;
  lastAnsweredAt: Date | null;
  stayedAt: Date | null;
  askedToStayAt: Date | null;
  leftAt: Date | null;
}

/**
 * CON-06: a member has gone quiet, and is asked once whether to stay, when they have been sent
 * at least one wave and have answered none for `months` calendar months: counted from their
 * latest answer, their latest choice to stay, or (never having answered) their first invitation.
 */
export function isQuiet(member: QuietFacts, today: IsoDate, months: number): boolean {
  if (member.leftAt || member.askedToStayAt || !member.firstInvitedAt) return false;
  const since = [member.firstInvitedAt, member.lastAnsweredAt, member.stayedAt]
    .filter((d): d is Date => d !== null)
    .reduce((a, b) => (a > b ? a : b));
  return addCalendarMonths(toLondonDate(since), months) <= today;
}

/** CON-06: the sample size asked for a wave: a whole number from 1 to the members there are. */
export function sampleSizeRefusal(raw: string, members: number): SaidRefusal | null {
  const n = /^\d{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!raw.trim())
    return { field: 'sampleSize', key: 'consultation:panel.errors.sampleSizeMissing' };
  if (!(n >= 1)) return { field: 'sampleSize', key: 'consultation:panel.errors.sampleSizeNumber' };
  if (n > members)
    return {
      field: 'sampleSize',
      key: 'consultation:panel.errors.sampleSizeTooBig',
      values: { members },
    };
  return null;
}

/** The addresses in a pasted list: one per line, or separated by commas, semicolons or spaces. */
export function addressList(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[\s,;]+/)
        .map((a) => a.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}
