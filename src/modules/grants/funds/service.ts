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
import {
  fieldErrors,
  refusal,
  say,
  type Said,
  type SaidRefusal,
} from '../../../platform/i18n/said.js';
import { grantApplications, grantFunds, grantFundYears, grantRounds } from '../schema.js';
import { createCriteriaActions } from './criteria-service.js';
import { createPublishedRounds, criteriaOf, findRound, type Criterion } from './queries.js';
import { criteriaOfRound } from './round-criteria.js';
import {
  closedFundRoundRefusal,
  closeFundRefusal,
  roundDateRefusals,
  tidy,
  validateBudget,
  validateCloseReason,
  validateFund,
  yearTakenRefusal,
} from './rules.js';

export type Fund = typeof grantFunds.$inferSelect;
export type Round = typeof grantRounds.$inferSelect;
export type { Criterion };
export type FundsService = ReturnType<typeof createFundsService>;
type Input = Record<string, string | string[] | undefined>;

export function createFundsService(deps: { db: Db; now: () => Date; t: Translate }) {
  const { db, now, t } = deps;
  const today = () => todayInLondon(now());
  // A form's stale refusal: the form is shown again with what was typed and the record's
  // version as it is now (see withCurrentVersion in routes.ts), so saving again goes through.
  const stale = () => new ConflictError(t('grants:funds.errors.staleEditSaveAgain'), 'version');
  // A button's stale refusal, shown on a page with no form: it names no field.
  const staleButton = () => new ConflictError(t('grants:funds.errors.staleEdit'));

  /** A fund; its row held (`update`, or `share` while a round of it is added or changed). */
  async function findFund(
    executor: Executor,
    id: string,
    lock?: 'update' | 'share',
  ): Promise<Fund> {
    if (!isUuid(id)) throw new NotFoundError();
    const query = executor.select().from(grantFunds).where(eq(grantFunds.id, id));
    const [row] = lock ? await query.for(lock) : await query;
    if (!row) throw new NotFoundError();
    return row;
  }

  /** A closed fund's refusal, in its words: not about a field of the form. */
  const conflict = (said: Said) => new ConflictError(say(t, said));

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
      const [years, criteria, rounds, [total]] = await Promise.all([
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
      ]);
      return { fund, years, criteria, rounds, total: Number(total?.n ?? 0), today: today() };
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
            version: String(row.version),
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
        // A new year's form may not overwrite a year that has a budget; a year's own form
        // carries the version it read: a stale change is refused.
        const taken = yearTakenRefusal(before, input.version);
        if (taken) throw new ValidationError(fieldErrors(t, [taken]));
        if (before && Number(input.version) !== before.version) throw stale();
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
                  eq(grantFundYears.version, before.version),
                ),
              )
              .returning()
          : await tx
              .insert(grantFundYears)
              .values({ fundId: fund.id, ...value })
              .returning();
        if (!row) throw stale();
        return { row, action: 'grant-fund-year.set', recordId: fund.id, before };
      }).catch((error: unknown) => {
        // The same year added by someone else at the same moment: the blank form has no version
        // to save again with, so the person looks at the year's row.
        throw isUniqueViolation(error) ? staleButton() : error;
      });
    },

    ...createCriteriaActions({ db, now, t, today, audited, stale, staleButton }),

    /** The close form's values: the fund's version, so a stale close is refused. */
    async closeValues(principal: Principal, id: string) {
      requireUser(principal, 'grants.manage');
      return { version: String((await findFund(db, id)).version) };
    },

    /**
     * CON-04, LEG-06: a fund no longer used is closed, kept for its history and offered for no
     * new round; refused while a round of it is open or still to open (see closeFundRefusal).
     */
    async closeFund(principal: Principal, id: string, input: Input, requestId?: string) {
      const { reason, refusals } = validateCloseReason(input);
      if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
      return audited(principal, requestId, async (tx) => {
        const before = await findFund(tx, id, 'update');
        if (Number(input.version ?? before.version) !== before.version) throw stale();
        const rounds = await tx
          .select({
            title: grantRounds.title,
            opensOn: grantRounds.opensOn,
            closesOn: grantRounds.closesOn,
          })
          .from(grantRounds)
          .where(and(eq(grantRounds.fundId, id), gte(grantRounds.closesOn, today())))
          .orderBy(asc(grantRounds.opensOn))
          .limit(1);
        const refused = closeFundRefusal(before, rounds, today());
        if (refused) throw conflict(refused);
        const [row] = await tx
          .update(grantFunds)
          .set({
            closedAt: now(),
            closedReason: reason,
            updatedAt: now(),
            version: sql`${grantFunds.version} + 1`,
          })
          .where(and(eq(grantFunds.id, id), eq(grantFunds.version, before.version)))
          .returning();
        if (!row) throw stale();
        return { row, action: 'grant-fund.closed', recordId: id, before };
      });
    },

    /** A closed fund opened again for new rounds. */
    async reopenFund(principal: Principal, id: string, input: Input, requestId?: string) {
      return audited(principal, requestId, async (tx) => {
        const before = await findFund(tx, id, 'update');
        if (Number(input.version ?? before.version) !== before.version) throw staleButton();
        if (!before.closedAt) throw conflict({ key: 'grants:funds.errors.notClosed' });
        const [row] = await tx
          .update(grantFunds)
          .set({
            closedAt: null,
            closedReason: null,
            updatedAt: now(),
            version: sql`${grantFunds.version} + 1`,
          })
          .where(and(eq(grantFunds.id, id), eq(grantFunds.version, before.version)))
          .returning();
        if (!row) throw staleButton();
        return { row, action: 'grant-fund.reopened', recordId: id, before };
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
        const fund = await findFund(tx, fundId, 'share');
        // A closed fund is offered for no new round.
        if (fund.closedAt) throw conflict({ key: 'grants:funds.errors.closedNoRound' });
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
        const fund = await findFund(tx, before.fundId, 'share');
        const value = await checkedRound(tx, before.fundId, input);
        const reopened = closedFundRoundRefusal(fund, value.closesOn, today());
        if (reopened) throw new ValidationError(fieldErrors(t, [reopened]));
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

    /** A round, its fund, and the criteria its applications are assessed against. */
    async findRound(principal: Principal, id: string) {
      requireUser(principal, 'grants.view');
      const found = await findRound(db, id);
      return { ...found, criteria: await criteriaOfRound(db, found.round), today: today() };
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
