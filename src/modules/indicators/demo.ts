/**
 * The indicators' part of the demonstration dataset (CON-01, CDRP-10, ICV-10): two indicators
 * with a year of figures and their targets. Custody visits made, monthly and public, owned by
 * the authority; days to answer a community group's issue, quarterly, kept for the whole area and
 * for Camden and Hackney, not public. Their figures were typed by the demo authority officer
 * (by whom they are removed).
 */
import { inArray } from 'drizzle-orm';
import type { IsoDate } from '../../platform/calendar/iso-date.js';
import type { Executor } from '../../platform/db/database.js';
import { periodsUpTo } from './rules.js';
import { indicatorTargets, indicatorValues, indicators } from './schema.js';

/** The authority (owner), Camden and Hackney, by their reference codes. */
export const DEMO_INDICATOR_ORGANISATIONS = ['authority', 'E09000007', 'E09000012'] as const;

/** Figures in hundredths, oldest first: the last twelve months' custody visits. */
const VISITS = [38, 41, 44, 36, 40, 42, 45, 39, 31, 37, 43, 46].map((n) => n * 100);
/** The last four quarters' average days to answer: the whole area, Camden, Hackney. */
const DAYS = {
  area: [2350, 2100, 1980, 1850],
  E09000007: [1900, 1720, 1640, 1500],
  E09000012: [2800, 2610, 2450, 2240],
};

export async function loadIndicatorsDemo(
  tx: Executor,
  officerUser: string,
  /** DEMO_INDICATOR_ORGANISATIONS' ids by code. */
  organisations: ReadonlyMap<string, string>,
  today: IsoDate,
  now: Date,
): Promise<void> {
  const owner = organisations.get('authority');
  if (!owner) return;
  const [visits, days] = await tx
    .insert(indicators)
    .values([
      {
        name: 'Independent custody visits made',
        definition:
          'Unannounced visits to police custody made by the lay visitors of every panel in the month (ICV-10).',
        unit: 'count',
        polarity: 'higher_better',
        ownerId: owner,
        frequency: 'monthly',
        breakdown: 'none',
        isPublic: true,
        tolerance: 5,
      },
      {
        name: 'Days to answer a community group’s issue',
        definition:
          'The average number of days from an engagement group raising an issue with the police to the answer, for issues answered in the quarter.',
        unit: 'days',
        polarity: 'lower_better',
        ownerId: owner,
        frequency: 'quarterly',
        breakdown: 'borough',
        isPublic: false,
        tolerance: 10,
      },
    ])
    .returning({ id: indicators.id });
  // The months and quarters before this one: figures are given once a period has closed.
  const months = periodsUpTo(today, 'monthly', 13).slice(0, 12);
  const quarters = periodsUpTo(today, 'quarterly', 5).slice(0, 4);
  const typed = { source: 'typed' as const, recordedBy: officerUser, recordedAt: now };
  await tx.insert(indicatorTargets).values([
    ...months.map((period) => ({
      indicatorId: visits!.id,
      period,
      target: 4000,
      setBy: officerUser,
    })),
    ...quarters.map((period) => ({
      indicatorId: days!.id,
      period,
      target: 2000,
      setBy: officerUser,
    })),
  ]);
  await tx.insert(indicatorValues).values([
    ...months.map((period, i) => ({
      indicatorId: visits!.id,
      period,
      value: VISITS[i]!,
      ...typed,
    })),
    ...Object.entries(DAYS).flatMap(([code, figures]) => {
      const boroughId = code === 'area' ? null : organisations.get(code);
      if (boroughId === undefined) return [];
      return quarters.map((period, i) => ({
        indicatorId: days!.id,
        period,
        boroughId,
        value: figures[i]!,
        ...typed,
      }));
    }),
  ]);
}

/** Removes the indicators whose figures or targets the demo's accounts gave. */
export async function removeIndicatorsDemo(
  tx: Executor,
  demoUsers: readonly string[],
): Promise<void> {
  if (!demoUsers.length) return;
  const users = [...demoUsers];
  const given = await tx
    .selectDistinct({ id: indicatorValues.indicatorId })
    .from(indicatorValues)
    .where(inArray(indicatorValues.recordedBy, users));
  const targeted = await tx
    .selectDistinct({ id: indicatorTargets.indicatorId })
    .from(indicatorTargets)
    .where(inArray(indicatorTargets.setBy, users));
  const ids = [...new Set([...given, ...targeted].map((r) => r.id))];
  // Their targets and values go with them (on delete cascade).
  if (ids.length) await tx.delete(indicators).where(inArray(indicators.id, ids));
  // Figures the demo's accounts gave to indicators kept: no longer theirs.
  await tx
    .update(indicatorValues)
    .set({ recordedBy: null })
    .where(inArray(indicatorValues.recordedBy, users));
  await tx
    .update(indicatorTargets)
    .set({ setBy: null })
    .where(inArray(indicatorTargets.setBy, users));
}
