/**
 * DP-02: the indicators' part of what Bridge holds about a person: the figures they gave and the
 * targets they set (both kept by account).
 */
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../platform/person-data.js';
import { indicatorTargets as targets, indicatorValues as values, indicators } from './schema.js';

/** Hundredths as an exact decimal ("12.35"), by integer arithmetic (none is below 0). */
const decimal = (column: typeof values.value | typeof targets.target) =>
  sql<string>`(${column} / 100)::text || '.' || lpad((${column} % 100)::text, 2, '0')`;

const SECTIONS: readonly PersonDataQuery[] = [
  {
    name: 'figures',
    columns: {
      indicator: indicators.name,
      period: values.period,
      value: decimal(values.value),
      source: values.source,
      recordedAt: values.recordedAt,
    },
    from: values,
    join: [[indicators, eq(indicators.id, values.indicatorId)]],
    where: ({ userId }) => (userId ? eq(values.recordedBy, userId) : undefined),
    orderBy: [values.recordedAt, values.period],
  },
  {
    name: 'targets',
    columns: {
      indicator: indicators.name,
      period: targets.period,
      target: decimal(targets.target),
      setAt: targets.setAt,
    },
    from: targets,
    join: [[indicators, eq(indicators.id, targets.indicatorId)]],
    where: ({ userId }) => (userId ? eq(targets.setBy, userId) : undefined),
    orderBy: [targets.setAt, targets.period],
  },
];

export function indicatorsPersonData(
  executor: Executor,
  subject: PersonDataSubject,
  /** The default language's messages: the export is made without a request. */
  t: Translate,
): Promise<PersonDataSection[]> {
  return personDataSections(
    {
      title: (name) => t(`indicators:personData.sections.${name}`),
      column: (column) => t(`indicators:personData.columns.${column}`),
    },
    SECTIONS,
  )(executor, subject);
}
