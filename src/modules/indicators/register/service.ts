/**
 * CON-01, CDRP-10: the indicators as staff keep them. Read by police and authority staff and
 * members and partnership officers (`indicators.view`); defined and changed by the authority's
 * officers (`indicators.manage`). Each change is one transaction with one audit event.
 */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { Measure } from '../../../platform/modules.js';
import type { PageRequest } from '../../../platform/db/search.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import { boroughsIn, latestOf, seriesOf, type Indicator } from '../figures.js';
import {
  changeRefusals,
  measureRefusal,
  validateIndicator,
  type IndicatorValue,
} from '../rules.js';
import { indicators, indicatorValues } from '../schema.js';

export type RegisterService = ReturnType<typeof createRegisterService>;
type Input = Record<string, string | string[] | undefined>;

/** The kinds of organisation that may own an indicator: the bodies that keep figures. */
const OWNER_KINDS = ['authority', 'borough', 'directorate', 'police_unit', 'partner'] as const;

export function createRegisterService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
  /** The figures Bridge's modules count (asked when needed: every module is built by then). */
  measures: () => readonly Measure[];
}) {
  const { db, directory, now, t, measures } = deps;
  const stale = () => new ConflictError(t('indicators:errors.staleEdit'), 'version');
  const ownerName = directory.organisationNameSql(indicators.ownerId);

  async function find(executor: Executor, id: string, lock = false): Promise<Indicator> {
    if (!isUuid(id)) throw new NotFoundError();
    const query = executor.select().from(indicators).where(eq(indicators.id, id));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw new NotFoundError();
    return row;
  }

  /** The rule's checks, then the owner a live organisation of a kind that keeps figures. */
  async function checked(executor: Executor, input: Input, before?: Indicator) {
    const { refusals, value } = validateIndicator(input);
    const errors: FieldError[] = fieldErrors(t, refusals);
    if (!errors.some((e) => e.field === 'ownerId')) {
      const owner = (
        await directory.directory.lookups.organisations(executor, [value.ownerId])
      ).get(value.ownerId);
      const kindOk = owner && (OWNER_KINDS as readonly string[]).includes(owner.kind);
      if (!owner || !kindOk || (owner.archived && value.ownerId !== before?.ownerId))
        errors.push({ field: 'ownerId', message: t('indicators:errors.ownerIdMissing') });
    }
    if (value.measureKey) {
      const measure = measures().find((m) => m.key === value.measureKey);
      const refused = measureRefusal(value, measure);
      if (refused) errors.push(...fieldErrors(t, [refused]));
    }
    if (before) {
      const [held] = await executor
        .select({ n: count() })
        .from(indicatorValues)
        .where(eq(indicatorValues.indicatorId, before.id));
      errors.push(...fieldErrors(t, changeRefusals(before, value, Number(held?.n ?? 0) > 0)));
    }
    if (errors.length) throw new ValidationError(errors);
    return value;
  }

  return {
    find: (id: string) => find(db, id),

    /** CON-01: every indicator by name, a page at a time, with its latest value, target and RAG. */
    async list(principal: Principal, page: PageRequest) {
      requireUser(principal, 'indicators.view');
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: indicators.id,
            name: indicators.name,
            unit: indicators.unit,
            polarity: indicators.polarity,
            frequency: indicators.frequency,
            tolerance: indicators.tolerance,
            isPublic: indicators.isPublic,
            owner: ownerName,
          })
          .from(indicators)
          .orderBy(asc(indicators.name), asc(indicators.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(indicators),
      ]);
      const latest = await latestOf(db, items);
      return {
        items: items.map((i) => ({ ...i, latest: latest.get(i.id) ?? null })),
        total: Number(total?.n ?? 0),
      };
    },

    /** The organisations that may own an indicator, for the form. */
    owners: () => directory.directory.organisations.options([...OWNER_KINDS]),
    /** The figures Bridge counts, for the form. */
    measures: () => measures(),
    /** Every live borough, for the values form and the chart's choice of borough. */
    boroughs: () => directory.directory.scopeCatalogue.options('borough'),

    /**
     * CON-01, CDRP-10: an indicator with its owner's name, its series for the whole area or a
     * borough, and (kept by borough) each borough's value for the latest period with one.
     */
    async indicator(principal: Principal, id: string, boroughId: string | null) {
      requireUser(principal, 'indicators.view');
      if (!isUuid(id)) throw new NotFoundError();
      const [row] = await db
        .select({ indicator: indicators, owner: ownerName })
        .from(indicators)
        .where(eq(indicators.id, id));
      if (!row) throw new NotFoundError();
      const key =
        row.indicator.breakdown === 'borough' && boroughId && isUuid(boroughId) ? boroughId : null;
      const series = await seriesOf(db, row.indicator, key, now());
      const byBorough = row.indicator.breakdown === 'borough';
      const latestPeriod = byBorough
        ? ([...series].reverse().find((p) => p.value !== null)?.period ?? null)
        : null;
      const boroughs = latestPeriod
        ? await boroughsIn(db, row.indicator, latestPeriod, directory.organisationNameSql)
        : [];
      return { ...row, series, boroughId: key, boroughPeriod: latestPeriod, boroughs };
    },

    /** What the edit form starts with. */
    async values(principal: Principal, id: string) {
      requireUser(principal, 'indicators.manage');
      const i = await find(db, id);
      return {
        name: i.name,
        definition: i.definition,
        unit: i.unit,
        polarity: i.polarity,
        ownerId: i.ownerId,
        frequency: i.frequency,
        breakdown: i.breakdown,
        isPublic: i.isPublic ? 'yes' : 'no',
        tolerance: String(i.tolerance),
        measureKey: i.measureKey ?? '',
        version: String(i.version),
      };
    },

    /** CON-01: an indicator defined. */
    async create(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, 'indicators.manage');
      return db.transaction(async (tx) => {
        const value: IndicatorValue = await checked(tx, input);
        const [row] = await tx.insert(indicators).values(value).returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'indicators.defined',
          recordType: 'indicator',
          recordId: row!.id,
          after: row,
        });
        return row!;
      });
    },

    /** CON-01: an indicator changed, while it is as the form saw it. */
    async update(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'indicators.manage');
      return db.transaction(async (tx) => {
        const before = await find(tx, id, true);
        if (input.version === undefined || Number(input.version) !== before.version) throw stale();
        const value = await checked(tx, input, before);
        const [after] = await tx
          .update(indicators)
          .set({ ...value, updatedAt: now(), version: sql`${indicators.version} + 1` })
          .where(and(eq(indicators.id, id), eq(indicators.version, before.version)))
          .returning();
        if (!after) throw stale();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'indicators.changed',
          recordType: 'indicator',
          recordId: id,
          before,
          after,
        });
        return after;
      });
    },
  };
}
