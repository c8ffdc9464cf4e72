/**
 * The workforce's part of the demonstration dataset (LEG-04): six yearly snapshots, as at
 * 31 March 2006 to 2011. ILLUSTRATIVE figures: only their two ends come from the seed (paragraph
 * 10 of the 2011 legacy report: minority-ethnic personnel 13.4% in 2005/06 and 16.6% now, female
 * 32.2% and 34.4%, personnel from about 38,000 to over 55,000); the years between, the split by
 * workforce, rank band and group are made up, plausibly, by straight lines between them. Typed by
 * the demo authority officer, by whom they are removed.
 */
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import {
  bandsOf,
  MINORITY_GROUPS,
  WORKFORCES,
  type EthnicGroup,
  type RankBand,
  type Sex,
  type Workforce,
  type WorkforceCount,
} from './rules.js';
import { workforceCounts, workforceSnapshots } from './schema.js';

export const DEMO_YEARS = [2006, 2007, 2008, 2009, 2010, 2011] as const;

/** Each workforce's share of personnel, first year and last. */
const WORKFORCE_SHARE: Record<Workforce, [number, number]> = {
  officer: [0.6, 0.58],
  staff: [0.34, 0.335],
  pcso: [0.06, 0.085],
};
/** Each band's share of its workforce; how far its women and its minorities run from the whole. */
const BANDS: Record<RankBand, { share: number; women: number; minority: number }> = {
  constable: { share: 0.78, women: 0.75, minority: 0.9 },
  sergeant: { share: 0.14, women: 0.5, minority: 0.55 },
  inspector: { share: 0.065, women: 0.4, minority: 0.45 },
  superintendent: { share: 0.015, women: 0.35, minority: 0.35 },
  staff_junior: { share: 0.6, women: 1.75, minority: 1.45 },
  staff_middle: { share: 0.32, women: 1.45, minority: 1.1 },
  staff_senior: { share: 0.08, women: 1.1, minority: 0.6 },
  pcso: { share: 1, women: 1, minority: 2 },
};
/** How the minority-ethnic personnel divide between the groups. */
const MINORITY_SPLIT: Record<(typeof MINORITY_GROUPS)[number], number> = {
  asian: 0.4,
  black: 0.33,
  mixed: 0.17,
  other: 0.1,
};
const NOT_STATED = 0.03;

/** The illustrative headcounts as at 31 March of `year`: 2006 to 2011 (see above). */
export function demoCounts(year: number): WorkforceCount[] {
  const f = (year - DEMO_YEARS[0]) / (DEMO_YEARS.at(-1)! - DEMO_YEARS[0]);
  const between = ([a, b]: readonly [number, number]) => a + (b - a) * f;
  const total = Math.round(between([38_000, 55_300]));
  const minority = between([0.134, 0.166]);
  const women = between([0.322, 0.344]);
  const cells = new Map<string, WorkforceCount>();
  const put = (
    workforce: Workforce,
    rankBand: RankBand,
    sex: Sex,
    ethnicGroup: EthnicGroup,
    n: number,
  ) => {
    const key = [rankBand, sex, ethnicGroup].join('|');
    const cell = cells.get(key) ?? { workforce, rankBand, sex, ethnicGroup, headcount: 0 };
    cell.headcount += n;
    cells.set(key, cell);
  };
  for (const workforce of WORKFORCES) {
    const people = total * between(WORKFORCE_SHARE[workforce]);
    for (const band of bandsOf(workforce)) {
      const shape = BANDS[band];
      const h = Math.round(people * shape.share);
      const female = Math.round(h * women * shape.women);
      for (const [sex, n] of [
        ['female', female],
        ['male', h - female],
      ] as const) {
        const notStated = Math.round(n * NOT_STATED);
        const m = Math.round((n - notStated) * minority * shape.minority);
        let given = 0;
        for (const [group, part] of Object.entries(MINORITY_SPLIT)) {
          const k = Math.round(m * part);
          given += k;
          put(workforce, band, sex, group as EthnicGroup, k);
        }
        put(workforce, band, sex, 'not_stated', notStated);
        put(workforce, band, sex, 'white', n - notStated - given);
      }
    }
  }
  // The whole's shares brought to the seed's lines exactly, in the largest band's cells.
  const all = [...cells.values()];
  const sum = (pick: (c: WorkforceCount) => boolean) =>
    all.filter(pick).reduce((s, c) => s + c.headcount, 0);
  const headcount = sum(() => true);
  const femaleDelta = Math.round(women * headcount) - sum((c) => c.sex === 'female');
  put('staff', 'staff_junior', 'female', 'white', femaleDelta);
  put('staff', 'staff_junior', 'male', 'white', -femaleDelta);
  const isMinority = (c: WorkforceCount) =>
    (MINORITY_GROUPS as readonly string[]).includes(c.ethnicGroup);
  const stated = sum((c) => isMinority(c) || c.ethnicGroup === 'white');
  const minorityDelta = Math.round(minority * stated) - sum(isMinority);
  put('staff', 'staff_junior', 'female', 'asian', minorityDelta);
  put('staff', 'staff_junior', 'female', 'white', -minorityDelta);
  return [...cells.values()];
}

/** Loads the snapshots, each unless its date has one already (the demo never replaces figures). */
export async function loadWorkforceDemo(
  tx: Executor,
  officerUser: string,
  now: Date,
): Promise<void> {
  const made = await tx
    .insert(workforceSnapshots)
    .values(
      DEMO_YEARS.map((y) => ({
        asAt: `${y}-03-31`,
        source: 'typed',
        recordedBy: officerUser,
        recordedAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: workforceSnapshots.id, asAt: workforceSnapshots.asAt });
  for (const { id, asAt } of made)
    await tx
      .insert(workforceCounts)
      .values(demoCounts(Number(asAt.slice(0, 4))).map((c) => ({ snapshotId: id, ...c })));
}

/** Removes the snapshots the demo's accounts last gave (their counts go with them). */
export async function removeWorkforceDemo(
  tx: Executor,
  demoUsers: readonly string[],
): Promise<void> {
  if (!demoUsers.length) return;
  await tx.delete(workforceSnapshots).where(inArray(workforceSnapshots.recordedBy, [...demoUsers]));
}
