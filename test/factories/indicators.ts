/**
 * Indicators a test makes for itself (CON-01, CDRP-10): real rows, named uniquely, with the
 * targets and values asked for (in hundredths, as stored), the whole area's and boroughs'.
 */
import type { Breakdown, Frequency, Polarity, Unit } from '../../src/modules/indicators/rules.js';
import {
  indicatorTargets,
  indicatorValues,
  indicators,
} from '../../src/modules/indicators/schema.js';
import type { TestApp } from '../app.js';
import { makeOrganisation, uniqueTag } from './directory.js';

export async function makeIndicator(
  t: TestApp,
  options: {
    name?: string;
    unit?: Unit;
    polarity?: Polarity;
    frequency?: Frequency;
    breakdown?: Breakdown;
    isPublic?: boolean;
    tolerance?: number;
    ownerId?: string;
    /** A figure Bridge counts ('consultation.responses'), for its values. */
    measureKey?: string;
    targets?: Record<string, number>;
    values?: Record<string, number>;
    /** Each borough's values by period: `{ [boroughId]: { '2026-10-01': 1200 } }`. */
    boroughValues?: Record<string, Record<string, number>>;
  } = {},
) {
  const ownerId = options.ownerId ?? (await makeOrganisation(t, { kind: 'partner' })).id;
  const [row] = await t.services.db
    .insert(indicators)
    .values({
      name: options.name ?? `Indicator ${uniqueTag()}`,
      definition: 'What is counted.',
      unit: options.unit ?? 'count',
      polarity: options.polarity ?? 'higher_better',
      ownerId,
      frequency: options.frequency ?? 'monthly',
      breakdown: options.breakdown ?? 'none',
      isPublic: options.isPublic ?? false,
      tolerance: options.tolerance ?? 5,
      measureKey: options.measureKey ?? null,
    })
    .returning();
  const targets = Object.entries(options.targets ?? {});
  if (targets.length)
    await t.services.db
      .insert(indicatorTargets)
      .values(targets.map(([period, target]) => ({ indicatorId: row!.id, period, target })));
  const values = [
    ...Object.entries(options.values ?? {}).map(([period, value]) => ({
      period,
      value,
      boroughId: null as string | null,
    })),
    ...Object.entries(options.boroughValues ?? {}).flatMap(([boroughId, byPeriod]) =>
      Object.entries(byPeriod).map(([period, value]) => ({ period, value, boroughId })),
    ),
  ];
  if (values.length)
    await t.services.db.insert(indicatorValues).values(
      values.map((v) => ({
        indicatorId: row!.id,
        ...v,
        source: 'typed' as const,
        recordedAt: t.clock.now(),
      })),
    );
  return row!;
}
