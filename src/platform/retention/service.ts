/**
 * DP-03: the retention schedule (each kind's period: the module's default, or the one an
 * administrator set), legal holds, and what was done under it. The sweep is in sweep.ts.
 */
import { isUuid } from '../http/params.js';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service.js';
import { requireUser } from '../auth/permissions.js';
import { actorOf, type Principal } from '../auth/principal.js';
import type { Db, Executor } from '../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { Translate } from '../i18n/messages.js';
import type { RetentionPeriod, RetentionSchedulePart } from '../modules.js';
import { periodProblem } from './rules.js';
import { retentionActions, retentionHolds, retentionPeriods, retentionWarnings } from './schema.js';

export type RetentionService = ReturnType<typeof createRetentionService>;

export interface ScheduleEntry {
  part: RetentionSchedulePart;
  period: RetentionPeriod;
  /** Whether an administrator set the period (else the default is in use). */
  changed: boolean;
  /** The override's version (0: none yet), carried by the form so a stale edit is refused. */
  version: number;
}

const MAX_TEXT = 500;

export function createRetentionService(deps: {
  db: Db;
  parts: readonly RetentionSchedulePart[];
  /**
   * Whether a directory id names a person the directory knows (asked of the directory through
   * app.ts: the platform names no module), so that a hold is never placed on nobody.
   */
  personExists: (executor: Executor, personId: string) => Promise<boolean>;
  now: () => Date;
  t: Translate;
}) {
  const { db, parts, personExists, now, t } = deps;
  const byKey = new Map(parts.map((p) => [p.key, p]));
  const partFor = (key: string) => {
    const part = byKey.get(key);
    if (!part) throw new NotFoundError();
    return part;
  };

  async function schedule(executor: Executor = db): Promise<ScheduleEntry[]> {
    const overrides = new Map(
      (await executor.select().from(retentionPeriods)).map((o) => [o.kindKey, o]),
    );
    return parts.map((part) => {
      const o = overrides.get(part.key);
      return o
        ? {
            part,
            period: { count: o.count, unit: o.unit as RetentionPeriod['unit'] },
            changed: true,
            version: o.version,
          }
        : { part, period: part.defaultPeriod, changed: false, version: 0 };
    });
  }

  function text(
    value: unknown,
    field: string,
    missing: string,
    errors: { field: string; message: string }[],
  ) {
    const v = typeof value === 'string' ? value.trim() : '';
    if (!v) errors.push({ field, message: missing });
    else if (v.length > MAX_TEXT)
      errors.push({ field, message: t('admin.retention.errors.tooLong', { max: MAX_TEXT }) });
    return v;
  }

  return {
    parts,
    schedule,
    entry: async (key: string, executor: Executor = db) => {
      partFor(key);
      return (await schedule(executor)).find((e) => e.part.key === key)!;
    },

    /** DP-03: an administrator sets a kind's period; audited with the period before and after. */
    async setPeriod(
      principal: Principal,
      key: string,
      input: { count?: unknown; unit?: unknown; version?: unknown },
      requestId?: string,
    ): Promise<void> {
      const user = requireUser(principal, 'retention.manage');
      const part = partFor(key);
      const countText = typeof input.count === 'string' ? input.count : '';
      const unit = typeof input.unit === 'string' ? input.unit : '';
      const problem = periodProblem(countText, unit);
      if (problem)
        throw new ValidationError([
          {
            field: problem,
            message:
              problem === 'count'
                ? t('admin.retention.errors.count')
                : t('admin.retention.errors.unit'),
          },
        ]);
      const period: RetentionPeriod = { count: Number(countText.trim()), unit: unit as 'months' };
      await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`retention-period:${key}`}))`);
        const [before] = await tx
          .select()
          .from(retentionPeriods)
          .where(eq(retentionPeriods.kindKey, key));
        if (Number(input.version ?? 0) !== (before?.version ?? 0))
          throw new ConflictError(t('admin.retention.errors.stale'));
        if (before)
          await tx
            .update(retentionPeriods)
            .set({
              ...period,
              updatedBy: user.userId,
              updatedAt: now(),
              version: before.version + 1,
            })
            .where(eq(retentionPeriods.kindKey, key));
        else
          await tx.insert(retentionPeriods).values({
            kindKey: key,
            ...period,
            updatedBy: user.userId,
            createdAt: now(),
            updatedAt: now(),
          });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'retention.period-changed',
          recordType: 'retention-kind',
          recordId: key,
          before: before ? { count: before.count, unit: before.unit } : part.defaultPeriod,
          after: period,
        });
      });
    },

    /** DP-03: a legal hold on a record (its kind and id) or on a person, with why and for whom. */
    async placeHold(
      principal: Principal,
      input: Record<string, unknown>,
      requestId?: string,
    ): Promise<string> {
      const user = requireUser(principal, 'retention.manage');
      const errors: { field: string; message: string }[] = [];
      const on = input.on === 'person' ? 'person' : input.on === 'record' ? 'record' : null;
      if (!on) errors.push({ field: 'on', message: t('admin.retention.errors.on') });
      const kindKey = typeof input.kindKey === 'string' ? input.kindKey : '';
      const recordId = typeof input.recordId === 'string' ? input.recordId.trim() : '';
      const personId = typeof input.personId === 'string' ? input.personId.trim() : '';
      if (on === 'record' && !byKey.has(kindKey))
        errors.push({ field: 'kindKey', message: t('admin.retention.errors.kindKey') });
      if (on === 'record' && !isUuid(recordId))
        errors.push({ field: 'recordId', message: t('admin.retention.errors.recordId') });
      if (on === 'person' && !isUuid(personId))
        errors.push({ field: 'personId', message: t('admin.retention.errors.personId') });
      const reason = text(
        input.reason,
        'reason',
        t('admin.retention.errors.reasonMissing'),
        errors,
      );
      const requestedBy = text(
        input.requestedBy,
        'requestedBy',
        t('admin.retention.errors.requestedByMissing'),
        errors,
      );
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        // A hold on an id the directory does not know would stop nothing: refused, by its field.
        if (on === 'person' && !(await personExists(tx, personId.toLowerCase())))
          throw new ValidationError([
            { field: 'personId', message: t('admin.retention.errors.personUnknown') },
          ]);
        const [hold] = await tx
          .insert(retentionHolds)
          .values({
            ...(on === 'record'
              ? { kindKey, recordId: recordId.toLowerCase() }
              : { personId: personId.toLowerCase() }),
            reason,
            requestedBy,
            placedBy: user.userId,
            placedAt: now(),
          })
          .returning({ id: retentionHolds.id });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'retention.hold-placed',
          recordType: 'retention-hold',
          recordId: hold!.id,
          // The hold keeps its reason and who asked; the trail, which is never cleaned, does not.
          after: { on, kindKey: on === 'record' ? kindKey : null },
        });
        return hold!.id;
      });
    },

    async liftHold(principal: Principal, holdId: string, requestId?: string): Promise<void> {
      const user = requireUser(principal, 'retention.manage');
      await db.transaction(async (tx) => {
        const lifted = await tx
          .update(retentionHolds)
          .set({ liftedAt: now(), liftedBy: user.userId })
          .where(and(eq(retentionHolds.id, holdId), isNull(retentionHolds.liftedAt)))
          .returning({ id: retentionHolds.id });
        if (!lifted.length) throw new ConflictError(t('admin.retention.errors.notHeld'));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'retention.hold-lifted',
          recordType: 'retention-hold',
          recordId: holdId,
        });
      });
    },

    /** Holds in place, newest first. */
    async holds(page: { limit: number; offset: number }) {
      const where = isNull(retentionHolds.liftedAt);
      const [items, [total]] = await Promise.all([
        db
          .select()
          .from(retentionHolds)
          .where(where)
          .orderBy(desc(retentionHolds.placedAt), desc(retentionHolds.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(retentionHolds).where(where),
      ]);
      return { items, total: total?.n ?? 0 };
    },

    /** What the sweep did, newest first. */
    async actions(page: { limit: number; offset: number }) {
      const [items, [total]] = await Promise.all([
        db
          .select()
          .from(retentionActions)
          .orderBy(desc(retentionActions.doneAt), desc(retentionActions.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(retentionActions),
      ]);
      return { items, total: total?.n ?? 0 };
    },

    /** Records whose owners were warned, soonest first: removed unless a hold stops them. */
    async upcoming(page: { limit: number; offset: number }) {
      const [items, [total]] = await Promise.all([
        db
          .select()
          .from(retentionWarnings)
          .orderBy(
            retentionWarnings.warnedOn,
            retentionWarnings.kindKey,
            retentionWarnings.recordId,
          )
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(retentionWarnings),
      ]);
      return { items, total: total?.n ?? 0 };
    },
  };
}
