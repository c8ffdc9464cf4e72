/**
 * Funds, their years' budgets, criteria and rounds (CON-04, CON-05, LEG-06, CDRP-12): run by the
 * authority's officers (`grants.manage`), read by staff (`grants.view`), and the rounds open now
 * and soon published to anyone. Each action is one transaction with one audit event.
 */
import { and, asc, count, desc, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import { isUniqueViolation, type Db, type Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { dateField, dateParts } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, refusal, type SaidRefusal } from '../../../platform/i18n/said.js';
import {
  grantApplications,
  grantCriteria,
  grantFunds,
  grantFundYears,
  grantRounds,
} from '../schema.js';
import { createPublishedRounds, criteriaOf, findRound, type Criterion } from './queries.js';
import {
  criteriaLocked,
  roundDateRefusals,
  tidy,
  tooManyCriteria,
  validateBudget,
  validateCriterion,
  validateFund,
} from './rules.js';

export type Fund = typeof grantFunds.$inferSelect;
export type Round = typeof grantRounds.$inferSelect;
export type { Criterion };
export type FundsService = ReturnType<typeof createFundsService>;
type Input = Record<string, string | string[] | undefined>;

export function createFundsService(deps: { db: Db; now: () => Date; t: Translate }) {
  const { db, now, t } = deps;
  const today = () => todayInLondon(now());
  const stale = () => new ConflictError(t('grants:funds.errors.staleEdit'), 'version');

  async function findFund(executor: Executor, id: string): Promise<Fund> {
    const [row] = isUuid(id)
      ? await executor.select().from(grantFunds).where(eq(grantFunds.id, id))
      : [];
    if (!row) throw new NotFoundError();
    return row;
  }

  async function findCriterion(executor: Executor, id: string): Promise<Criterion> {
    const [row] = isUuid(id)
      ? await executor.select().from(grantCriteria).where(eq(grantCriteria.id, id))
      : [];
    if (!row) throw new NotFoundError();
    return row;
  }

  /** CON-04: criteria are fixed once any round of the fund has an application submitted. */
  async function refuseIfLocked(tx: Executor, fundId: string) {
    const [row] = await tx
      .select({ n: count() })
      .from(grantApplications)
      .innerJoin(grantRounds, eq(grantRounds.id, grantApplications.roundId))
      .where(and(eq(grantRounds.fundId, fundId), isNotNull(grantApplications.submittedAt)));
    const locked = criteriaLocked(Number(row?.n ?? 0));
    if (locked) throw new ValidationError(fieldErrors(t, [locked]));
  }

  function checkedFund(input: Input) {
    const { value, refusals } = validateFund(input);
    if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
    return value;
  }

  /** A round's fields checked: a reporting year the fund has a budget for, and its dates. */
  async function checkedRound(executor: Executor, fundId: string, input: Input) {
    const errors: FieldError[] = [];
    const refusals: SaidRefusal[] = [];
    const title = tidy(input.title);
    if (!title) refusals.push({ field: 'title', key: 'grants:funds.errors.roundTitleMissing' });
    else if (title.length > 200)
      refusals.push({ field: 'title', key: 'grants:funds.errors.tooLong', values: { max: 200 } });
    const startYear = Number(tidy(input.startYear));
    const [year] = Number.isInteger(startYear)
      ? await executor
          .select({ startYear: grantFundYears.startYear })
          .from(grantFundYears)
          .where(and(eq(grantFundYears.fundId, fundId), eq(grantFundYears.startYear, startYear)))
      : [];
    if (!year) refusals.push({ field: 'startYear', key: 'grants:funds.errors.roundYearMissing' });
    const opensOn = dateField(t, input, 'opensOn', t('grants:funds.rounds.opensLabel'), errors);
    const closesOn = dateField(t, input, 'closesOn', t('grants:funds.rounds.closesLabel'), errors);
    const decisionsBy = dateField(
      t,
      input,
      'decisionsBy',
      t('grants:funds.rounds.decisionsLabel'),
      errors,
      { required: false },
    );
    refusals.push(...roundDateRefusals(opensOn, closesOn, decisionsBy));
    const all = [...errors, ...fieldErrors(t, refusals)];
    if (all.length || !opensOn || !closesOn) throw new ValidationError(all);
    return { title, startYear, opensOn, closesOn, decisionsBy };
  }

  async function audited<R>(
    principal: Principal,
    requestId: string | undefined,
    work: (tx: Executor) => Promise<{ row: R; action: string; recordId: string; before?: unknown }>,
  ) {
    const user = requireUser(principal, 'grants.manage');
    return db.transaction(async (tx) => {
      const { row, action, recordId, before } = await work(tx);
      await recordAudit(tx, actorOf(user, requestId), {
        action,
        recordType: action.split('.')[0]!,
        recordId,
        before,
        after: row,
      });
      return row;
    });
  }

  return {
    /** Staff's grants home: the funds, rounds open now, and how many await a decision. */
    async home(principal: Principal, page: PageRequest) {
      requireUser(principal, 'grants.view');
      const on = today();
      const [funds, [total], open, [awaiting]] = await Promise.all([
        db
          .select()
          .from(grantFunds)
          .orderBy(asc(grantFunds.name))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(grantFunds),
        db
          .select({ round: grantRounds, fundName: grantFunds.name })
          .from(grantRounds)
          .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
          .where(and(lte(grantRounds.opensOn, on), gte(grantRounds.closesOn, on)))
          .orderBy(asc(grantRounds.closesOn))
          .limit(50),
        db
          .select({ n: count() })
          .from(grantApplications)
          .where(eq(grantApplications.status, 'submitted')),
      ]);
      return {
        funds,
        total: Number(total?.n ?? 0),
        open,
        awaiting: Number(awaiting?.n ?? 0),
      };
    },

    /** A fund, its years' budgets, its criteria and its rounds (newest first, a page at a time). */
    async fund(principal: Principal, id: string, page: PageRequest) {
      requireUser(principal, 'grants.view');
      const fund = await findFund(db, id);
      const [years, criteria, rounds, [total], [submitted]] = await Promise.all([
        db
          .select()
          .from(grantFundYears)
          .where(eq(grantFundYears.fundId, fund.id))
          .orderBy(desc(grantFundYears.startYear))
          .limit(20),
        criteriaOf(db, [fund.id]),
        db
          .select()
          .from(grantRounds)
          .where(eq(grantRounds.fundId, fund.id))
          .orderBy(desc(grantRounds.opensOn), asc(grantRounds.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(grantRounds).where(eq(grantRounds.fundId, fund.id)),
        db
          .select({ n: count() })
          .from(grantApplications)
          .innerJoin(grantRounds, eq(grantRounds.id, grantApplications.roundId))
          .where(and(eq(grantRounds.fundId, fund.id), isNotNull(grantApplications.submittedAt))),
      ]);
      return {
        fund,
        years,
        criteria,
        rounds,
        total: Number(total?.n ?? 0),
        criteriaLocked: Number(submitted?.n ?? 0) > 0,
        today: today(),
      };
    },

    async findFund(principal: Principal, id: string) {
      requireUser(principal, 'grants.view');
      return findFund(db, id);
    },

    /** Every fund by name, for a filter's select list. */
    async fundOptions(principal: Principal) {
      requireUser(principal, 'grants.view');
      return db
        .select({ id: grantFunds.id, name: grantFunds.name })
        .from(grantFunds)
        .orderBy(asc(grantFunds.name))
        .limit(200);
    },

    async fundValues(principal: Principal, id: string) {
      requireUser(principal, 'grants.manage');
      const f = await findFund(db, id);
      return {
        name: f.name,
        kind: f.kind,
        description: f.description,
        conditions: f.conditions,
        applicantKinds: f.applicantKinds,
        returnIntervalMonths: String(f.returnIntervalMonths),
        version: String(f.version),
      };
    },

    /** CON-04, LEG-06: a fund set up with its description, conditions and who may apply. */
    async createFund(principal: Principal, input: Input, requestId?: string) {
      const value = checkedFund(input);
      try {
        return await audited(principal, requestId, async (tx) => {
          const [row] = await tx
            .insert(grantFunds)
            .values({ ...value, createdBy: principal?.kind === 'user' ? principal.userId : null })
            .returning();
          return { row: row!, action: 'grant-fund.created', recordId: row!.id };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw refusal(t, 'name', 'grants:funds.errors.nameTaken');
        throw error;
      }
    },

    async updateFund(principal: Principal, id: string, input: Input, requestId?: string) {
      const value = checkedFund(input);
      try {
        return await audited(principal, requestId, async (tx) => {
          const before = await findFund(tx, id);
          if (Number(input.version ?? before.version) !== before.version) throw stale();
          const [row] = await tx
            .update(grantFunds)
            .set({ ...value, updatedAt: now(), version: sql`${grantFunds.version} + 1` })
            .where(and(eq(grantFunds.id, id), eq(grantFunds.version, before.version)))
            .returning();
          if (!row) throw stale();
          return { row, action: 'grant-fund.updated', recordId: id, before };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw refusal(t, 'name', 'grants:funds.errors.nameTaken');
        throw error;
      }
    },

    /** The budget form's values: the year asked for (its budget as it stands), or this year. */
    async budgetValues(principal: Principal, fundId: string, year: string | undefined) {
      requireUser(principal, 'grants.manage');
      const fund = await findFund(db, fundId);
      const startYear = /^\d{4}$/.test(year ?? '') ? Number(year) : null;
      const [row] = startYear
        ? await db
            .select()
            .from(grantFundYears)
            .where(and(eq(grantFundYears.fundId, fund.id), eq(grantFundYears.startYear, startYear)))
        : [];
      return row
        ? {
            startYear: String(row.startYear),
            budget: (row.budgetPence / 100).toFixed(2),
          }
        : {};
    },

    /**
     * CDRP-12: a reporting year's budget set (added or changed); refused below what is already
     * committed, the year's row held while it is checked.
     */
    async setBudget(principal: Principal, fundId: string, input: Input, requestId?: string) {
      return audited(principal, requestId, async (tx) => {
        const fund = await findFund(tx, fundId);
        const startYear = Number(tidy(input.startYear));
        const [before] = Number.isInteger(startYear)
          ? await tx
              .select()
              .from(grantFundYears)
              .where(
                and(eq(grantFundYears.fundId, fund.id), eq(grantFundYears.startYear, startYear)),
              )
              .for('update')
          : [];
        const { value, refusals } = validateBudget(input, before?.committedPence ?? 0);
        if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
        const [row] = before
          ? await tx
              .update(grantFundYears)
              .set({
                budgetPence: value.budgetPence,
                updatedAt: now(),
                version: sql`${grantFundYears.version} + 1`,
              })
              .where(
                and(
                  eq(grantFundYears.fundId, fund.id),
                  eq(grantFundYears.startYear, value.startYear),
                ),
              )
              .returning()
          : await tx
              .insert(grantFundYears)
              .values({ fundId: fund.id, ...value })
              .returning();
        return { row: row!, action: 'grant-fund-year.set', recordId: fund.id, before };
      });
    },

    async findCriterion(principal: Principal, id: string) {
      requireUser(principal, 'grants.manage');
      return findCriterion(db, id);
    },

    async criterionValues(principal: Principal, id: string) {
      requireUser(principal, 'grants.manage');
      const c = await findCriterion(db, id);
      return { title: c.title, guidance: c.guidance ?? '', weight: String(c.weight) };
    },

    /** CON-04: a published criterion added at the end, while none of the fund's rounds has submissions. */
    async addCriterion(principal: Principal, fundId: string, input: Input, requestId?: string) {
      const { value, refusals } = validateCriterion(input);
      if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
      return audited(principal, requestId, async (tx) => {
        const fund = await findFund(tx, fundId);
        await tx
          .select({ id: grantFunds.id })
          .from(grantFunds)
          .where(eq(grantFunds.id, fund.id))
          .for('update');
        await refuseIfLocked(tx, fund.id);
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

    async updateCriterion(principal: Principal, id: string, input: Input, requestId?: string) {
      const { value, refusals } = validateCriterion(input);
      if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
      return audited(principal, requestId, async (tx) => {
        const before = await findCriterion(tx, id);
        await refuseIfLocked(tx, before.fundId);
        const [row] = await tx
          .update(grantCriteria)
          .set({ ...value, updatedAt: now(), version: sql`${grantCriteria.version} + 1` })
          .where(eq(grantCriteria.id, id))
          .returning();
        return { row: row!, action: 'grant-criterion.updated', recordId: id, before };
      });
    },

    /** A criterion swapped with the one above or below it. */
    async moveCriterion(principal: Principal, id: string, input: Input, requestId?: string) {
      const up = input.direction === 'up';
      return audited(principal, requestId, async (tx) => {
        const before = await findCriterion(tx, id);
        await refuseIfLocked(tx, before.fundId);
        const all = await tx
          .select()
          .from(grantCriteria)
          .where(eq(grantCriteria.fundId, before.fundId))
          .orderBy(asc(grantCriteria.position), asc(grantCriteria.id))
          .for('update');
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
                .set({ position: n + 1 })
                .where(eq(grantCriteria.id, c.id));
        }
        return { row: before, action: 'grant-criterion.moved', recordId: id };
      });
    },

    async removeCriterion(principal: Principal, id: string, _input: Input, requestId?: string) {
      return audited(principal, requestId, async (tx) => {
        const before = await findCriterion(tx, id);
        await refuseIfLocked(tx, before.fundId);
        await tx.delete(grantCriteria).where(eq(grantCriteria.id, id));
        return { row: before, action: 'grant-criterion.removed', recordId: id, before };
      });
    },

    /** The reporting years a round may be for: those the fund has a budget for. */
    async fundYears(principal: Principal, fundId: string) {
      requireUser(principal, 'grants.view');
      return db
        .select({ startYear: grantFundYears.startYear })
        .from(grantFundYears)
        .where(eq(grantFundYears.fundId, fundId))
        .orderBy(desc(grantFundYears.startYear))
        .limit(20);
    },

    /** CON-04: a round of a fund added, for a reporting year that has a budget. */
    async createRound(principal: Principal, fundId: string, input: Input, requestId?: string) {
      return audited(principal, requestId, async (tx) => {
        const fund = await findFund(tx, fundId);
        const value = await checkedRound(tx, fund.id, input);
        const [row] = await tx
          .insert(grantRounds)
          .values({
            fundId: fund.id,
            ...value,
            createdBy: principal?.kind === 'user' ? principal.userId : null,
          })
          .returning();
        return { row: row!, action: 'grant-round.created', recordId: row!.id };
      });
    },

    async updateRound(principal: Principal, id: string, input: Input, requestId?: string) {
      return audited(principal, requestId, async (tx) => {
        const { round: before } = await findRound(tx, id);
        if (Number(input.version ?? before.version) !== before.version) throw stale();
        const value = await checkedRound(tx, before.fundId, input);
        // CDRP-12: its awards are committed against its year, so once anything has been
        // submitted to it the round stays in that year.
        if (value.startYear !== before.startYear) {
          const [submitted] = await tx
            .select({ n: count() })
            .from(grantApplications)
            .where(
              and(eq(grantApplications.roundId, id), isNotNull(grantApplications.submittedAt)),
            );
          if (Number(submitted?.n ?? 0) > 0)
            throw refusal(t, 'startYear', 'grants:funds.errors.roundYearFixed');
        }
        const [row] = await tx
          .update(grantRounds)
          .set({ ...value, updatedAt: now(), version: sql`${grantRounds.version} + 1` })
          .where(and(eq(grantRounds.id, id), eq(grantRounds.version, before.version)))
          .returning();
        if (!row) throw stale();
        return { row, action: 'grant-round.updated', recordId: id, before };
      });
    },

    async findRound(principal: Principal, id: string) {
      requireUser(principal, 'grants.view');
      return { ...(await findRound(db, id)), today: today() };
    },

    async roundValues(principal: Principal, id: string) {
      requireUser(principal, 'grants.manage');
      const { round } = await findRound(db, id);
      return {
        title: round.title,
        startYear: String(round.startYear),
        ...dateParts('opensOn', round.opensOn),
        ...dateParts('closesOn', round.closesOn),
        ...dateParts('decisionsBy', round.decisionsBy),
        version: String(round.version),
      };
    },

    /** Every round by newest, for a filter's select list. */
    async roundOptions(principal: Principal) {
      requireUser(principal, 'grants.view');
      return db
        .select({ id: grantRounds.id, title: grantRounds.title, fundName: grantFunds.name })
        .from(grantRounds)
        .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
        .orderBy(desc(grantRounds.opensOn))
        .limit(200);
    },

    ...createPublishedRounds({ db, now }),
  };
}
