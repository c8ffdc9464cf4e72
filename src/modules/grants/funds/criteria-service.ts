/**
 * CON-04: a fund's published criteria added, changed, reordered and removed by the authority's
 * officers. A change applies to the fund's rounds not yet fixed: before it is made, every round
 * that has opened keeps the criteria it was published with (see round-criteria.ts), so an
 * application is always assessed against the criteria of its round as submitted.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { requireUser } from '../../../platform/auth/permissions.js';
import type { Principal } from '../../../platform/auth/principal.js';
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors } from '../../../platform/i18n/said.js';
import { grantCriteria, grantFunds } from '../schema.js';
import type { Criterion } from './queries.js';
import { fixOpenedRounds } from './round-criteria.js';
import { tooManyCriteria, validateCriterion } from './rules.js';

type Input = Record<string, string | string[] | undefined>;

/** One audited action of the funds' service (see `audited` in service.ts). */
export type Audited = <R>(
  principal: Principal,
  requestId: string | undefined,
  work: (tx: Executor) => Promise<{ row: R; action: string; recordId: string; before?: unknown }>,
) => Promise<R>;

export function createCriteriaActions(deps: {
  db: Db;
  now: () => Date;
  t: Translate;
  today: () => IsoDate;
  audited: Audited;
  stale: () => ConflictError;
  /** The stale refusal of a button on the fund's page: it names no field. */
  staleButton: () => ConflictError;
}) {
  const { db, now, t, today, audited, stale, staleButton } = deps;

  async function findCriterion(executor: Executor, id: string): Promise<Criterion> {
    const [row] = isUuid(id)
      ? await executor.select().from(grantCriteria).where(eq(grantCriteria.id, id))
      : [];
    if (!row) throw new NotFoundError();
    return row;
  }

  /**
   * CON-04: the fund held while its criteria change, and its rounds that have opened fixed first
   * with the criteria as they stood (their applicants read those; their applications are judged
   * by them).
   */
  async function beforeChange(tx: Executor, fundId: string) {
    await tx
      .select({ id: grantFunds.id })
      .from(grantFunds)
      .where(eq(grantFunds.id, fundId))
      .for('update');
    await fixOpenedRounds(tx, fundId, today(), now());
  }

  /**
   * A criterion as the form or button saw it: the fund held (see beforeChange), then the
   * criterion read again and refused (`stale`) if it has changed since the page was read.
   */
  async function heldAsSeen(
    tx: Executor,
    id: string,
    input: Input,
    refused: () => ConflictError = staleButton,
  ) {
    await beforeChange(tx, (await findCriterion(tx, id)).fundId);
    const before = await findCriterion(tx, id);
    if (Number(input.version ?? before.version) !== before.version) throw refused();
    return before;
  }

  return {
    async findCriterion(principal: Principal, id: string) {
      requireUser(principal, 'grants.manage');
      return findCriterion(db, id);
    },

    async criterionValues(principal: Principal, id: string) {
      requireUser(principal, 'grants.manage');
      const c = await findCriterion(db, id);
      return {
        title: c.title,
        guidance: c.guidance ?? '',
        weight: String(c.weight),
        version: String(c.version),
      };
    },

    /** CON-04: a published criterion added at the end, for the rounds not yet fixed. */
    async addCriterion(principal: Principal, fundId: string, input: Input, requestId?: string) {
      const { value, refusals } = validateCriterion(input);
      if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
      return audited(principal, requestId, async (tx) => {
        const [fund] = isUuid(fundId)
          ? await tx.select({ id: grantFunds.id }).from(grantFunds).where(eq(grantFunds.id, fundId))
          : [];
        if (!fund) throw new NotFoundError();
        await beforeChange(tx, fund.id);
        const [last] = await tx
          .select({
            n: sql<number>`coalesce(max(${grantCriteria.position}), 0)::int`,
            count: sql<number>`count(*)::int`,
          })
          .from(grantCriteria)
          .where(eq(grantCriteria.fundId, fund.id));
        const tooMany = tooManyCriteria(Number(last?.count ?? 0));
        if (tooMany) throw new ValidationError(fieldErrors(t, [tooMany]));
        const [row] = await tx
          .insert(grantCriteria)
          .values({ fundId: fund.id, position: Number(last?.n ?? 0) + 1, ...value })
          .returning();
        return { row: row!, action: 'grant-criterion.added', recordId: row!.id };
      });
    },

    /** CON-04: a criterion changed while it is as the form saw it (a stale change is refused). */
    async updateCriterion(principal: Principal, id: string, input: Input, requestId?: string) {
      const { value, refusals } = validateCriterion(input);
      if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
      return audited(principal, requestId, async (tx) => {
        const before = await heldAsSeen(tx, id, input, stale);
        const [row] = await tx
          .update(grantCriteria)
          .set({ ...value, updatedAt: now(), version: sql`${grantCriteria.version} + 1` })
          .where(and(eq(grantCriteria.id, id), eq(grantCriteria.version, before.version)))
          .returning();
        if (!row) throw stale();
        return { row, action: 'grant-criterion.updated', recordId: id, before };
      });
    },

    /**
     * A criterion swapped with the one above or below it, while it is as the fund's page saw it
     * (the button carries its version); each criterion renumbered is changed, so its version too.
     */
    async moveCriterion(principal: Principal, id: string, input: Input, requestId?: string) {
      const up = input.direction === 'up';
      return audited(principal, requestId, async (tx) => {
        const before = await heldAsSeen(tx, id, input);
        const all = await tx
          .select()
          .from(grantCriteria)
          .where(eq(grantCriteria.fundId, before.fundId))
          .orderBy(asc(grantCriteria.position), asc(grantCriteria.id));
        const i = all.findIndex((c) => c.id === id);
        const j = up ? i - 1 : i + 1;
        const other = all[j];
        if (other) {
          // Renumbered in order, the two swapped: positions stay 1..n whatever they were.
          [all[i], all[j]] = [other, all[i]!];
          for (const [n, c] of all.entries())
            if (c.position !== n + 1)
              await tx
                .update(grantCriteria)
                .set({
                  position: n + 1,
                  updatedAt: now(),
                  version: sql`${grantCriteria.version} + 1`,
                })
                .where(eq(grantCriteria.id, c.id));
        }
        return { row: before, action: 'grant-criterion.moved', recordId: id };
      });
    },

    /** A criterion removed, while it is as the fund's page saw it. */
    async removeCriterion(principal: Principal, id: string, input: Input, requestId?: string) {
      return audited(principal, requestId, async (tx) => {
        const before = await heldAsSeen(tx, id, input);
        await tx.delete(grantCriteria).where(eq(grantCriteria.id, id));
        return { row: before, action: 'grant-criterion.removed', recordId: id, before };
      });
    },
  };
}
