/**
 * CON-01, CDRP-10: an indicator's figures as its keepers give them (`indicators.manage`): a value
 * typed for a period (a correction replaces the earlier one, which its audit event keeps), the
 * targets of a reporting year's periods, and a file of values uploaded whole or refused by line.
 * Each is one transaction with one audit event, keeping who gave it and when.
 */
import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { reportingYear, reportingYearOf } from '../../../platform/calendar/reporting-year.js';
import { todayInLondon } from '../../../platform/calendar/london-time.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { Measure } from '../../../platform/modules.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, say } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import { SERIES_LENGTH, type Indicator } from '../figures.js';
import { countValues, countablePeriods } from './bridge.js';
import {
  LIMITS,
  isPeriodStart,
  nextPeriod,
  periodOf,
  periodsUpTo,
  readValue,
  readValuesCsv,
  valueRefusal,
  type LineProblem,
} from '../rules.js';
import { indicatorTargets as targets, indicatorValues as values, indicators } from '../schema.js';

export type ValuesService = ReturnType<typeof createValuesService>;
type Input = Record<string, string | string[] | undefined>;
const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v.trim() : '');

/** The periods of a reporting year for an indicator's frequency, first day of each. */
export function periodsOfYear(indicator: Pick<Indicator, 'frequency'>, startYear: number) {
  const year = reportingYear(startYear);
  const periods: string[] = [];
  for (let p = year.start; p <= year.end; p = nextPeriod(p, indicator.frequency)) periods.push(p);
  return periods;
}

export function createValuesService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
  measures: () => readonly Measure[];
}) {
  const { db, directory, now, t, measures } = deps;

  async function find(executor: Executor, id: string, lock = false): Promise<Indicator> {
    if (!isUuid(id)) throw new NotFoundError();
    const query = executor.select().from(indicators).where(eq(indicators.id, id));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw new NotFoundError();
    return row;
  }

  /** Whether the ids are live boroughs of the directory. */
  async function liveBoroughs(executor: Executor, ids: readonly string[]) {
    const found = await directory.directory.lookups.organisations(executor, ids);
    return new Set(
      [...found.values()].filter((o) => o.kind === 'borough' && !o.archived).map((o) => o.id),
    );
  }

  /** CON-01: a value is for a period already begun, not one still to come. */
  const isFuture = (period: string) => period > periodOf(todayInLondon(now()), 'monthly');

  return {
    /** The periods a value may be typed for: the latest first, back as far as the chart goes. */
    periodChoices: (indicator: Pick<Indicator, 'frequency'>) =>
      periodsUpTo(
        todayInLondon(now()),
        indicator.frequency,
        SERIES_LENGTH[indicator.frequency],
      ).reverse(),

    /** The reporting year a targets form is for: the one asked for, or this one. */
    targetYear(asked: string | undefined) {
      const n = Number(asked);
      return Number.isInteger(n) && n >= 2000 && n <= 2100
        ? n
        : reportingYearOf(todayInLondon(now())).startYear;
    },

    /** A period's targets form starts with each period's target as it stands. */
    async targetValues(principal: Principal, id: string, startYear: number) {
      requireUser(principal, 'indicators.manage');
      const indicator = await find(db, id);
      const periods = periodsOfYear(indicator, startYear);
      const rows = await db
        .select({ period: targets.period, target: targets.target })
        .from(targets)
        .where(and(eq(targets.indicatorId, id), inArray(targets.period, periods)));
      return { indicator, periods, rows };
    },

    /**
     * CON-01, CDRP-10: a value typed for a period and breakdown key; a value already there is
     * corrected, the earlier one kept in the audit event.
     */
    async recordValue(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'indicators.manage');
      return db.transaction(async (tx) => {
        const indicator = await find(tx, id, true);
        const errors: FieldError[] = [];
        const period = str(input.period);
        if (!isPeriodStart(period, indicator.frequency))
          errors.push({ field: 'period', message: t('indicators:errors.periodMissing') });
        else if (isFuture(period))
          errors.push({ field: 'period', message: t('indicators:errors.periodFuture') });
        const boroughText = str(input.boroughId);
        const boroughId = boroughText ? boroughText.toLowerCase() : null;
        if (boroughId) {
          const ok =
            indicator.breakdown === 'borough' &&
            isUuid(boroughId) &&
            (await liveBoroughs(tx, [boroughId])).has(boroughId);
          if (!ok)
            errors.push({ field: 'boroughId', message: t('indicators:errors.boroughIdMissing') });
        }
        const read = readValue(str(input.value), indicator.unit);
        if ('refusal' in read)
          errors.push(...fieldErrors(t, [valueRefusal('value', indicator.unit, read.refusal)]));
        const note = str(input.note);
        if (note.length > LIMITS.note)
          errors.push({
            field: 'note',
            message: t('indicators:errors.tooLong', { max: LIMITS.note }),
          });
        if (errors.length || 'refusal' in read) throw new ValidationError(errors);

        const key = and(
          eq(values.indicatorId, id),
          eq(values.period, period),
          boroughId ? eq(values.boroughId, boroughId) : isNull(values.boroughId),
        );
        const [before] = await tx.select().from(values).where(key).for('update');
        const given = {
          value: read.hundredths,
          source: 'typed' as const,
          note: note || null,
          recordedAt: now(),
          recordedBy: user.userId,
        };
        const [after] = before
          ? await tx.update(values).set(given).where(eq(values.id, before.id)).returning()
          : await tx
              .insert(values)
              .values({ ...given, indicatorId: id, period, boroughId })
              .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: before ? 'indicators.value-corrected' : 'indicators.value-recorded',
          recordType: 'indicator',
          recordId: id,
          ...(before ? { before } : {}),
          after,
        });
        return { indicator, value: after!, corrected: Boolean(before) };
      });
    },

    /**
     * CON-01: the targets of a reporting year's periods, each as typed (blank for none); those
     * that did not change are left as they were.
     */
    async setTargets(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'indicators.manage');
      const startYear = Number(str(input.year));
      if (!Number.isInteger(startYear) || startYear < 2000 || startYear > 2100)
        throw new NotFoundError();
      return db.transaction(async (tx) => {
        const indicator = await find(tx, id, true);
        const periods = periodsOfYear(indicator, startYear);
        const errors: FieldError[] = [];
        const wanted = new Map<string, number | null>();
        for (const period of periods) {
          const field = `target-${period}`;
          const typed = str(input[field]);
          if (!typed) {
            wanted.set(period, null);
            continue;
          }
          const read = readValue(typed, indicator.unit);
          if ('refusal' in read)
            errors.push(
              ...fieldErrors(t, [valueRefusal(field, indicator.unit, read.refusal, 'target')]),
            );
          else wanted.set(period, read.hundredths);
        }
        if (errors.length) throw new ValidationError(errors);
        const before = await tx
          .select({ period: targets.period, target: targets.target })
          .from(targets)
          .where(and(eq(targets.indicatorId, id), inArray(targets.period, periods)));
        const had = new Map(before.map((b) => [b.period, b.target]));
        const changed = periods.filter((p) => (had.get(p) ?? null) !== wanted.get(p));
        const removed = changed.filter((p) => wanted.get(p) === null);
        const set = changed.filter((p) => wanted.get(p) !== null);
        if (removed.length)
          await tx
            .delete(targets)
            .where(and(eq(targets.indicatorId, id), inArray(targets.period, removed)));
        if (set.length)
          await tx
            .insert(targets)
            .values(
              set.map((period) => ({
                indicatorId: id,
                period,
                target: wanted.get(period)!,
                setBy: user.userId,
                setAt: now(),
              })),
            )
            .onConflictDoUpdate({
              target: [targets.indicatorId, targets.period],
              set: {
                target: sql`excluded.target`,
                setBy: sql`excluded.set_by`,
                setAt: sql`excluded.set_at`,
              },
            });
        if (changed.length)
          await recordAudit(tx, actorOf(user, requestId), {
            action: 'indicators.targets-set',
            recordType: 'indicator',
            recordId: id,
            before: Object.fromEntries(changed.map((p) => [p, had.get(p) ?? null])),
            after: Object.fromEntries(changed.map((p) => [p, wanted.get(p)])),
          });
        return { indicator, changed: changed.length };
      });
    },

    /**
     * Issue 27 part 1: the whole area's values of an indicator Bridge counts, counted again for
     * each period on its chart that has ended, replacing what was there (the audit event keeps
     * it). The whole area's only: the sweep (bridge.ts) writes each borough's once a period ends.
     */
    async refreshFromBridge(principal: Principal, id: string, _input: Input, requestId?: string) {
      const user = requireUser(principal, 'indicators.manage');
      return db.transaction(async (tx) => {
        const indicator = await find(tx, id, true);
        const measure = measures().find((m) => m.key === indicator.measureKey);
        if (!measure) throw new ConflictError(t('indicators:errors.notCounted'));
        const periods = countablePeriods(todayInLondon(now()), indicator.frequency);
        const counted = await countValues(tx, measure, indicator, periods, [null], {
          recordedAt: now(),
          recordedBy: user.userId,
        });
        const replaced = periods.length
          ? await tx
              .delete(values)
              .where(
                and(
                  eq(values.indicatorId, id),
                  isNull(values.boroughId),
                  inArray(values.period, periods),
                ),
              )
              .returning()
          : [];
        if (counted.length) await tx.insert(values).values(counted);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'indicators.values-counted',
          recordType: 'indicator',
          recordId: id,
          before: { replaced },
          after: { values: counted.map((c) => ({ period: c.period, value: c.value })) },
        });
        return { indicator, values: counted.length };
      });
    },

    /**
     * CDRP-10: a file of values (`period,borough_code,value,note`) taken whole: any bad line
     * refuses it, each named, and nothing is written. A value of the same period and borough is
     * replaced (the audit event keeps the values replaced).
     */
    async uploadValues(principal: Principal, id: string, text: string, requestId?: string) {
      const user = requireUser(principal, 'indicators.manage');
      return db.transaction(async (tx) => {
        const indicator = await find(tx, id, true);
        const { rows, problems } = readValuesCsv(text, indicator);
        const codes = [...new Set(rows.flatMap((r) => (r.boroughCode ? [r.boroughCode] : [])))];
        const matched = codes.length
          ? await directory.directory.lookups.resolveReferences(tx, codes)
          : new Map<string, { organisationId: string | null }>();
        const live = await liveBoroughs(
          tx,
          [...matched.values()].flatMap((m) => (m.organisationId ? [m.organisationId] : [])),
        );
        const boroughOf = (code: string) => {
          const orgId = matched.get(code)?.organisationId;
          return orgId && live.has(orgId) ? orgId : undefined;
        };
        const more: LineProblem[] = [];
        // The same borough may be named by its code on one line and its id on another: the
        // file's own check cannot see that, so it is made again on the boroughs found.
        const placed = new Set<string>();
        for (const r of rows) {
          const boroughId = r.boroughCode ? boroughOf(r.boroughCode) : null;
          if (r.boroughCode && !boroughId)
            more.push({
              line: r.line,
              message: { key: 'indicators:csv.problems.borough', values: { code: r.boroughCode } },
            });
          else if (placed.has(`${r.period}|${boroughId}`))
            more.push({ line: r.line, message: { key: 'indicators:csv.problems.twice' } });
          else placed.add(`${r.period}|${boroughId}`);
          if (isFuture(r.period))
            more.push({ line: r.line, message: { key: 'indicators:csv.problems.future' } });
        }
        const all = [...problems, ...more].sort((a, b) => a.line - b.line);
        if (all.length)
          throw new ValidationError(
            all.map((p) => ({
              field: 'file',
              message: t('indicators:csv.line', { line: p.line, problem: say(t, p.message) }),
            })),
          );
        const given = rows.map((r) => ({
          indicatorId: id,
          period: r.period,
          boroughId: r.boroughCode ? boroughOf(r.boroughCode)! : null,
          value: r.hundredths,
          note: r.note,
          source: 'csv' as const,
          recordedAt: now(),
          recordedBy: user.userId,
        }));
        const same = or(
          ...given.map((g): SQL =>
            and(
              eq(values.period, g.period),
              g.boroughId ? eq(values.boroughId, g.boroughId) : isNull(values.boroughId),
            )!,
          ),
        );
        const replaced = await tx
          .delete(values)
          .where(and(eq(values.indicatorId, id), same))
          .returning();
        // A slice at a time: 9 columns × 5,000 stays well within the bind parameters' limit.
        for (let i = 0; i < given.length; i += 5000)
          await tx.insert(values).values(given.slice(i, i + 5000));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'indicators.values-uploaded',
          recordType: 'indicator',
          recordId: id,
          before: { replaced },
          after: { values: given.length },
        });
        return { indicator, values: given.length, replaced: replaced.length };
      });
    },
  };
}
