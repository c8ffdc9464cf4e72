/**
 * CON-06: the population figures the panel's balance and its samples are read against. Anyone
 * who reads consultation reads them, with their source and date; an authority officer replaces
 * them all at once (every group's figure, a source and the date they describe), in one
 * transaction with one audit event. Until then the shipped figures (population.json) are used.
 */
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { ValidationError, type FieldError } from '../../../platform/errors.js';
import { dateField } from '../../../platform/http/form-fields.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import { MONITORING_DIMENSIONS, type MonitoringDimension } from '../monitoring.js';
import {
  populationFigures,
  POPULATION_DIMENSIONS,
  type PopulationCategory,
  type PopulationDimension,
} from '../panel-rules.js';
import { currentPopulation } from './population.js';
import { panelPopulation, panelPopulationSource } from './schema.js';

export type PopulationService = ReturnType<typeof createPopulationService>;
type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value.trim() : '');
/** The longest source an officer may give. */
export const MOST_SOURCE = 500;

export function createPopulationService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
}) {
  const { db, now, t } = deps;

  /** The groups the figures must give: the directory's boroughs (by ONS code), then the rest. */
  async function categories(executor: Executor): Promise<PopulationCategory[]> {
    const { organisations, lookups } = deps.directory.directory;
    const boroughs = await organisations.options(['borough']);
    const coded = await lookups.organisations(
      executor,
      boroughs.map((b) => b.id),
    );
    const dimensionLabel = (d: PopulationDimension) =>
      t(
        d === 'borough'
          ? 'consultation:panel.balance.borough'
          : `consultation:panel.monitoring.${d}`,
      );
    return [
      ...boroughs.flatMap((b) => {
        const code = coded.get(b.id)?.code;
        return code
          ? [
              {
                dimension: 'borough' as const,
                value: code,
                label: b.name,
                dimensionLabel: dimensionLabel('borough'),
              },
            ]
          : [];
      }),
      ...(Object.keys(MONITORING_DIMENSIONS) as MonitoringDimension[]).flatMap((d) =>
        MONITORING_DIMENSIONS[d].map((value) => ({
          dimension: d,
          value,
          label: t(`consultation:panel.values.${d}.${value}`),
          dimensionLabel: dimensionLabel(d),
        })),
      ),
    ];
  }

  /** Each group with its figure in use (null where the figures in use give none). */
  async function read(executor: Executor) {
    const [{ rows, about }, groups] = await Promise.all([
      currentPopulation(executor),
      categories(executor),
    ]);
    const people = new Map(rows.map((r) => [`${r.dimension}:${r.value}`, r.people]));
    return {
      about,
      dimensions: POPULATION_DIMENSIONS.map((dimension) => {
        const lines = groups
          .filter((g) => g.dimension === dimension)
          .map((g) => ({ ...g, people: people.get(`${g.dimension}:${g.value}`) ?? null }));
        return {
          dimension,
          label: lines[0]?.dimensionLabel ?? dimension,
          total: lines.reduce((sum, l) => sum + (l.people ?? 0), 0),
          lines,
        };
      }),
    };
  }

  return {
    /** CON-06: the figures in use, by dimension, with their source and date. */
    async figures(principal: Principal) {
      requireUser(principal, 'consultation.view');
      return read(db);
    },

    /**
     * CON-06: an authority officer replaces the figures: every group's, with where they come
     * from and the date they describe. All or nothing; one audit event with before and after.
     */
    async replace(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, 'consultation.manage');
      const source = one(input.source).replace(/\s+/g, ' ');
      const errors: FieldError[] = [];
      if (!source)
        errors.push({ field: 'source', message: t('consultation:panel.population.errors.source') });
      else if (source.length > MOST_SOURCE)
        errors.push({
          field: 'source',
          message: t('consultation:panel.population.errors.sourceLong', { most: MOST_SOURCE }),
        });
      const asOf = dateField(
        t,
        input,
        'asOf',
        t('consultation:panel.population.asOfLabel'),
        errors,
      );
      if (asOf && asOf > todayInLondon(now()))
        errors.push({
          field: 'asOf-day',
          message: t('consultation:panel.population.errors.asOfFuture'),
        });
      // The groups are read before the transaction: the directory reads on its own connection.
      const groups = await categories(db);
      return db.transaction(async (tx) => {
        const { rows, refusals } = populationFigures(groups, input);
        const all = [...errors, ...fieldErrors(t, refusals)];
        // The error summary lists the fields in the form's order: the source first.
        if (all.length) throw new ValidationError(all);
        // Two officers replacing the figures at once take turns: the later one's stand.
        await tx.execute(
          sql`select pg_advisory_xact_lock(hashtext('consultation-panel-population'))`,
        );
        const before = await currentPopulation(tx);
        await tx.delete(panelPopulation);
        await tx.insert(panelPopulation).values(rows);
        const given = { source, asOf: asOf!, replacedAt: now(), replacedBy: user.userId };
        await tx
          .insert(panelPopulationSource)
          .values({ id: 'current', ...given })
          .onConflictDoUpdate({ target: panelPopulationSource.id, set: given });
        const figures = (list: typeof rows) =>
          Object.fromEntries(list.map((r) => [`${r.dimension}:${r.value}`, r.people]));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-panel-population.replaced',
          recordType: 'consultation-panel-population',
          recordId: 'current',
          before: {
            source: before.about.source,
            asOf: before.about.asOf,
            figures: figures(before.rows),
          },
          after: { source, asOf, figures: figures(rows) },
        });
        return { groups: rows.length };
      });
    },
  };
}
