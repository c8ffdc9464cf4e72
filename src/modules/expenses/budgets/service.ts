/**
 * IAG-11, IAG-13: budgets are managed and fully auditable. Each group has a budget for each
 * reporting year (April to March), held where the review says (corporate groups by the
 * Diversity and Citizen Focus Directorate, specialist groups by their sponsoring directorate,
 * borough groups locally). Spend is shown against it: committed (approved, not yet paid) and
 * paid, per group and per advisor; and a report for auditors lists each claim in a period with
 * who approved and who paid it.
 */
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import {
  addCalendarMonths,
  reportingYear,
  reportingYearOf,
  todayInLondon,
  toLondonDate,
  type IsoDate,
  type ReportingYear,
} from '../../../platform/calendar/index.js';
import type { PageRequest } from '../../../platform/db/search.js';
import {
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { dateField, text } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import { formatPence, penceAsDecimal, readPounds } from '../../../platform/money/pence.js';
import type { GroupType } from '../../groups/index.js';
import { accountName } from '../../../platform/auth/accounts.js';
import { SPENDING } from '../processing/service.js';
import { budgetHolder } from '../rules.js';
import type { ExpensesServiceDeps } from '../service-deps.js';
import { expenseBudgets, expenseClaims, paymentBatches } from '../schema.js';

type Input = Record<string, string | string[] | undefined>;

/** The auditors' CSV's columns, in order (each named by the catalogue). */
const AUDIT_COLUMNS = [
  'claim',
  'claimant',
  'group',
  'sent',
  'status',
  'claimed',
  'approved',
  'decidedBy',
  'decidedOn',
  'secondApprovalBy',
  'batch',
  'paidOn',
  'paidBy',
] as const;

/** The most a budget can be: a guard against a slip of the keyboard, not a policy. */
const MAX_BUDGET_PENCE = 100_000_000;

export type BudgetsService = ReturnType<typeof createBudgetsService>;

export function createBudgetsService(deps: Omit<ExpensesServiceDeps, 'mail' | 'publicUrl'>) {
  const { db, directory, groups, t } = deps;
  const now = () => (deps.now ? deps.now() : new Date());

  function requireViewer(principal: Principal): UserPrincipal {
    if (principal?.kind !== 'user' || !can(principal, 'expenses.view-all'))
      throw new ForbiddenError();
    return principal;
  }

  /** The reporting year asked for (its first calendar year), else the current one. */
  function yearOf(input: Input): ReportingYear {
    const asked = Number(text(input.year));
    const current = reportingYearOf(todayInLondon(now()));
    return Number.isInteger(asked) && asked >= 2000 && asked <= current.startYear + 1
      ? reportingYear(asked)
      : current;
  }

  // Committed is approved but not yet paid (a claim waiting for its second approval included).
  const committed = sql<string>`coalesce(sum(${expenseClaims.approvedPence}) filter (where ${expenseClaims.status} in ('awaiting_second_approval', 'approved', 'part_approved')), 0)`;
  const paid = sql<string>`coalesce(sum(${expenseClaims.approvedPence}) filter (where ${expenseClaims.status} = 'paid'), 0)`;
  const inYear = (year: ReportingYear) =>
    sql`${expenseClaims.submittedOn} between ${year.start} and ${year.end}`;

  /** The budget holder's organisation: DCFD for corporate groups, the group's owner otherwise. */
  async function holderOrganisation(type: GroupType, ownerId: string | null) {
    if (budgetHolder(type) !== 'dcfd') return ownerId;
    return (await directory.directory.lookups.organisationIdByCode(db, 'dcfd')) ?? ownerId;
  }

  return {
    yearOf,

    /** Every working group's budget for the year, and its spend against it, a page at a time. */
    async overview(principal: Principal, input: Input, page: PageRequest) {
      requireViewer(principal);
      const year = yearOf(input);
      const working = groups.workingGroupsSql();
      const [rows, [total], [totals]] = await Promise.all([
        db
          .select({
            id: working.id,
            name: working.name,
            type: working.type,
            budgetPence: expenseBudgets.amountPence,
            holder: expenseBudgets.holder,
            committedPence: committed,
            paidPence: paid,
          })
          .from(working)
          .leftJoin(
            expenseBudgets,
            and(
              eq(expenseBudgets.groupId, working.id),
              eq(expenseBudgets.yearStart, year.startYear),
            ),
          )
          .leftJoin(expenseClaims, and(eq(expenseClaims.groupId, working.id), inYear(year)))
          .groupBy(working.id, working.name, working.type, expenseBudgets.id)
          .orderBy(asc(working.name))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(working),
        db
          .select({
            budgetPence: sql<string>`(select coalesce(sum(${expenseBudgets.amountPence}), 0) from ${expenseBudgets} where ${expenseBudgets.yearStart} = ${year.startYear})`,
            committedPence: committed,
            paidPence: paid,
          })
          .from(expenseClaims)
          .where(inYear(year)),
      ]);
      const items = rows.map((r) => {
        const spent = Number(r.committedPence) + Number(r.paidPence);
        return {
          ...r,
          typeLabel: groups.groupTypeLabel(r.type),
          heldBy: r.holder ?? budgetHolder(r.type),
          committedPence: Number(r.committedPence),
          paidPence: Number(r.paidPence),
          remainingPence: r.budgetPence === null ? null : r.budgetPence - spent,
          over: r.budgetPence !== null && spent > r.budgetPence,
        };
      });
      return {
        year,
        currentYear: reportingYearOf(todayInLondon(now())).startYear,
        items,
        total: Number(total?.n ?? 0),
        totals: {
          budgetPence: Number(totals?.budgetPence ?? 0),
          committedPence: Number(totals?.committedPence ?? 0),
          paidPence: Number(totals?.paidPence ?? 0),
        },
        mayEdit: can(principal, 'expenses.process'),
      };
    },

    /** Spend per advisor for the year, the most first. */
    async perAdvisor(principal: Principal, input: Input, page: PageRequest) {
      requireViewer(principal);
      const year = yearOf(input);
      const where = and(inYear(year), sql`${expenseClaims.status} in ${SPENDING}`);
      const name = directory.personNameSql(expenseClaims.claimantPersonId);
      const [items, [total]] = await Promise.all([
        db
          .select({
            personId: expenseClaims.claimantPersonId,
            name,
            claims: count(),
            committedPence: committed,
            paidPence: paid,
          })
          .from(expenseClaims)
          .where(where)
          .groupBy(expenseClaims.claimantPersonId)
          .orderBy(desc(sql`sum(${expenseClaims.approvedPence})`), asc(name))
          .limit(page.limit)
          .offset(page.offset),
        db
          .select({ n: sql<string>`count(distinct ${expenseClaims.claimantPersonId})` })
          .from(expenseClaims)
          .where(where),
      ]);
      return {
        year,
        items: items.map((i) => ({
          ...i,
          committedPence: Number(i.committedPence),
          paidPence: Number(i.paidPence),
        })),
        total: Number(total?.n ?? 0),
      };
    },

    async budgetForm(principal: Principal, groupId: string, input: Input) {
      if (!can(principal, 'expenses.process')) throw new ForbiddenError();
      if (!isUuid(groupId)) throw new NotFoundError();
      const group = await groups.groupProfile(db, groupId);
      if (!group) throw new NotFoundError();
      const year = yearOf(input);
      const [budget] = await db
        .select()
        .from(expenseBudgets)
        .where(
          and(eq(expenseBudgets.groupId, groupId), eq(expenseBudgets.yearStart, year.startYear)),
        );
      return {
        group,
        year,
        budget: budget ?? null,
        heldBy: budgetHolder(group.type),
      };
    },

    /** Sets (or changes) a group's budget for a reporting year; the change is audited. */
    async setBudget(principal: Principal, groupId: string, input: Input, auditRequestId?: string) {
      if (principal?.kind !== 'user' || !can(principal, 'expenses.process'))
        throw new ForbiddenError();
      const user = principal;
      const { group, year } = await this.budgetForm(principal, groupId, input);
      const read = readPounds(text(input.amount), MAX_BUDGET_PENCE);
      const errors: FieldError[] = [];
      if (read === null)
        errors.push({ field: 'amount', message: t('expenses:budgets.form.errors.amount') });
      else if (read === 'too-large')
        errors.push({
          field: 'amount',
          message: t('expenses:budgets.form.errors.tooMuch', {
            max: formatPence(MAX_BUDGET_PENCE),
          }),
        });
      if (errors.length || typeof read !== 'number') throw new ValidationError(errors);
      const amountPence = read;
      const holderOrganisationId = await holderOrganisation(group.type, group.ownerId);
      return db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(expenseBudgets)
          .where(
            and(eq(expenseBudgets.groupId, groupId), eq(expenseBudgets.yearStart, year.startYear)),
          )
          .for('update');
        const values = {
          groupId,
          yearStart: year.startYear,
          amountPence: amountPence!,
          holder: budgetHolder(group.type),
          holderOrganisationId,
          setBy: user.userId,
          setAt: now(),
        };
        const [after] = await tx
          .insert(expenseBudgets)
          .values(values)
          .onConflictDoUpdate({
            target: [expenseBudgets.groupId, expenseBudgets.yearStart],
            set: {
              amountPence: values.amountPence,
              holder: values.holder,
              holderOrganisationId,
              setBy: user.userId,
              setAt: values.setAt,
            },
          })
          .returning();
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'expense-budget.set',
          recordType: 'advisory-group',
          recordId: groupId,
          before: before ?? null,
          after,
        });
        return { group, year, budget: after! };
      });
    },

    /**
     * For auditors: every claim sent in a period, with what was claimed and approved, who
     * decided it, who gave the second approval, and which batch paid it, when and by whom.
     */
    async auditReport(principal: Principal, input: Input, page: PageRequest | null) {
      requireViewer(principal);
      const errors: FieldError[] = [];
      const today = todayInLondon(now());
      const from: IsoDate =
        dateField(t, input, 'from', t('expenses:budgets.audit.errors.fromDay'), errors, {
          required: false,
        }) ?? addCalendarMonths(today, -12);
      const to: IsoDate =
        dateField(t, input, 'to', t('expenses:budgets.audit.errors.toDay'), errors, {
          required: false,
        }) ?? today;
      if (!errors.length && to < from)
        errors.push({ field: 'to-day', message: t('expenses:budgets.audit.errors.order') });
      if (errors.length) throw new ValidationError(errors);
      const where = sql`${expenseClaims.submittedOn} between ${from} and ${to}`;
      const query = db
        .select({
          id: expenseClaims.id,
          reference: expenseClaims.reference,
          claimant: directory.personNameSql(expenseClaims.claimantPersonId),
          groupName: groups.groupNameSql(expenseClaims.groupId),
          submittedOn: expenseClaims.submittedOn,
          status: expenseClaims.status,
          claimedPence: expenseClaims.claimedPence,
          approvedPence: expenseClaims.approvedPence,
          decidedBy: accountName(expenseClaims.decidedBy),
          decidedAt: expenseClaims.decidedAt,
          secondApprovedBy: accountName(expenseClaims.secondApprovedBy),
          batch: paymentBatches.reference,
          paidAt: expenseClaims.paidAt,
          paidBy: accountName(paymentBatches.paidBy),
        })
        .from(expenseClaims)
        .leftJoin(paymentBatches, eq(paymentBatches.id, expenseClaims.batchId))
        .where(where)
        .orderBy(asc(expenseClaims.submittedOn), asc(expenseClaims.reference));
      const [items, [summary]] = await Promise.all([
        page ? query.limit(page.limit).offset(page.offset) : query.limit(100_000),
        db
          .select({
            n: count(),
            claimedPence: sql<string>`coalesce(sum(${expenseClaims.claimedPence}), 0)`,
            approvedPence: sql<string>`coalesce(sum(${expenseClaims.approvedPence}), 0)`,
            paidPence: paid,
          })
          .from(expenseClaims)
          .where(where),
      ]);
      return {
        from,
        to,
        items,
        total: Number(summary?.n ?? 0),
        totals: {
          claimedPence: Number(summary?.claimedPence ?? 0),
          approvedPence: Number(summary?.approvedPence ?? 0),
          paidPence: Number(summary?.paidPence ?? 0),
        },
      };
    },

    /** The auditors' report as CSV rows, a header first. */
    async auditCsv(principal: Principal, input: Input) {
      const report = await this.auditReport(principal, input, null);
      return {
        ...report,
        rows: [
          AUDIT_COLUMNS.map((column) => t(`expenses:budgets.audit.csvHeaders.${column}`)),
          ...report.items.map((c) => [
            String(c.reference),
            c.claimant,
            c.groupName,
            c.submittedOn ?? '',
            t(`expenses:claimStatus.${c.status}`),
            penceAsDecimal(c.claimedPence),
            c.approvedPence === null ? '' : penceAsDecimal(c.approvedPence),
            c.decidedBy ?? '',
            c.decidedAt ? toLondonDate(c.decidedAt) : '',
            c.secondApprovedBy ?? '',
            c.batch === null ? '' : String(c.batch),
            c.paidAt ? toLondonDate(c.paidAt) : '',
            c.paidBy ?? '',
          ]),
        ],
      };
    },
  };
}
