/**
 * IAG-11: approved claims are paid without delay, in payment batches. The coordination unit
 * puts every approved claim not yet paid into a batch, exports it as CSV in the layout the
 * finance system takes (a setting), and marks it paid. A claim goes into one batch only, so it
 * is never paid twice; the advisor is told when it is paid.
 */
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { toLondonDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import { formatPence, penceAsDecimal } from '../../../platform/money/pence.js';
import { accountName } from '../../../platform/auth/accounts.js';
import type { ExportColumn, ExportColumnKey } from './export-columns.js';
import { expensePaths as paths } from '../paths.js';
import { budgetHolder } from '../rules.js';
import { queueLetter, type ExpensesServiceDeps } from '../service-deps.js';
import { expenseClaims, paymentBatches } from '../schema.js';
import { formatDate } from '../../../platform/i18n/dates.js';

const PAYABLE = ['approved', 'part_approved'] as const;

export type PaymentsService = ReturnType<typeof createPaymentsService>;

export function createPaymentsService(
  deps: ExpensesServiceDeps & { exportColumns: readonly ExportColumn[] },
) {
  const { db, directory, groups, t } = deps;
  const now = () => (deps.now ? deps.now() : new Date());

  function requireUnit(principal: Principal): UserPrincipal {
    if (principal?.kind !== 'user' || !can(principal, 'expenses.process'))
      throw new ForbiddenError();
    return principal;
  }

  async function findBatch(executor: Executor, id: string, lock = false) {
    if (!isUuid(id)) throw new NotFoundError();
    const query = executor.select().from(paymentBatches).where(eq(paymentBatches.id, id));
    const [batch] = lock ? await query.for('update') : await query;
    if (!batch) throw new NotFoundError();
    return batch;
  }

  /** A batch's claims, as its page and its export read them. */
  function linesOf(executor: Executor, batchId: string) {
    const owner = groups.groupOwnerIdSql(expenseClaims.groupId);
    return executor
      .select({
        id: expenseClaims.id,
        reference: expenseClaims.reference,
        payee: directory.personNameSql(expenseClaims.claimantPersonId),
        payeeId: expenseClaims.claimantPersonId,
        groupName: groups.groupNameSql(expenseClaims.groupId),
        groupType: groups.groupTypeSql(expenseClaims.groupId),
        ownerCode: directory.organisationCodeSql(owner),
        ownerName: directory.organisationNameSql(owner),
        submittedOn: expenseClaims.submittedOn,
        decidedAt: expenseClaims.decidedAt,
        secondApprovedAt: expenseClaims.secondApprovedAt,
        decidedBy: accountName(expenseClaims.decidedBy),
        approvedPence: expenseClaims.approvedPence,
        status: expenseClaims.status,
      })
      .from(expenseClaims)
      .where(eq(expenseClaims.batchId, batchId))
      .orderBy(asc(expenseClaims.reference));
  }

  /** The Diversity and Citizen Focus Directorate, which holds the corporate groups' budget. */
  async function dcfd(executor: Executor) {
    const { lookups } = directory.directory;
    const id = await lookups.organisationIdByCode(executor, 'dcfd');
    const row = id ? (await lookups.organisations(executor, [id])).get(id) : undefined;
    return { code: 'dcfd', name: row?.name ?? t('expenses:budgetHolder.dcfd') };
  }

  /** The batch's rows for the finance system, headings first. */
  async function rowsOf(executor: Executor, batch: { id: string; reference: number }) {
    const [lines, holder] = await Promise.all([linesOf(executor, batch.id), dcfd(executor)]);
    const value = (line: (typeof lines)[number], key: ExportColumnKey): string => {
      const corporate = budgetHolder(line.groupType) === 'dcfd';
      switch (key) {
        case 'batch':
          return String(batch.reference);
        case 'claim':
          return String(line.reference);
        case 'payee':
          return line.payee;
        case 'payee_id':
          return line.payeeId;
        case 'cost_centre':
          return (corporate ? holder.code : line.ownerCode) ?? '';
        case 'budget_holder':
          return (corporate ? holder.name : line.ownerName) ?? '';
        case 'group':
          return line.groupName;
        case 'submitted_on':
          return line.submittedOn ?? '';
        case 'approved_on': {
          const at = line.secondApprovedAt ?? line.decidedAt;
          return at ? toLondonDate(at) : '';
        }
        case 'approved_by':
          return line.decidedBy ?? '';
        case 'amount':
          return penceAsDecimal(line.approvedPence ?? 0);
        case 'amount_pence':
          return String(line.approvedPence ?? 0);
      }
    };
    const rows = [
      deps.exportColumns.map((c) => c.heading),
      ...lines.map((line) => deps.exportColumns.map((c) => value(line, c.key))),
    ];
    return rows;
  }

  return {
    /** What is waiting to be paid, and the batches so far, newest first. */
    async overview(principal: Principal, page: PageRequest) {
      requireUnit(principal);
      const payable = and(
        inArray(expenseClaims.status, [...PAYABLE]),
        isNull(expenseClaims.batchId),
      );
      const [[waiting], batches, [total]] = await Promise.all([
        db
          .select({
            claims: count(),
            pence: sql<string>`coalesce(sum(${expenseClaims.approvedPence}), 0)`,
          })
          .from(expenseClaims)
          .where(payable),
        db
          .select()
          .from(paymentBatches)
          .orderBy(desc(paymentBatches.createdAt))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(paymentBatches),
      ]);
      return {
        waiting: { claims: Number(waiting?.claims ?? 0), pence: Number(waiting?.pence ?? 0) },
        batches,
        total: Number(total?.n ?? 0),
      };
    },

    /**
     * Puts every approved claim not yet in a batch into a new one. Claims are taken with the
     * update itself (`batch_id is null`, re-checked under each row's lock), so two batches made
     * at the same moment never share a claim.
     */
    async createBatch(principal: Principal, auditRequestId?: string) {
      const user = requireUnit(principal);
      return db.transaction(async (tx) => {
        const [batch] = await tx
          .insert(paymentBatches)
          .values({ createdBy: user.userId, createdAt: now(), claimCount: 0, totalPence: 0 })
          .returning();
        const taken = await tx
          .update(expenseClaims)
          .set({ batchId: batch!.id })
          .where(and(inArray(expenseClaims.status, [...PAYABLE]), isNull(expenseClaims.batchId)))
          .returning({ id: expenseClaims.id, approvedPence: expenseClaims.approvedPence });
        if (!taken.length) throw new ConflictError(t('expenses:payments.errors.noneWaiting'));
        const totalPence = taken.reduce((sum, c) => sum + (c.approvedPence ?? 0), 0);
        const [made] = await tx
          .update(paymentBatches)
          .set({ claimCount: taken.length, totalPence })
          .where(eq(paymentBatches.id, batch!.id))
          .returning();
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'payment-batch.created',
          recordType: 'payment-batch',
          recordId: batch!.id,
          after: { ...made, claims: taken.map((c) => c.id) },
        });
        return made!;
      });
    },

    /** A batch with its claims, a page at a time. */
    async batch(principal: Principal, id: string, page: PageRequest) {
      requireUnit(principal);
      const batch = await findBatch(db, id);
      const lines = await linesOf(db, id).limit(page.limit).offset(page.offset);
      return { batch, lines, total: batch.claimCount };
    },

    /**
     * IAG-11: the batch for the finance system, to download again: one row per claim, with the
     * columns, order and headings the EXPENSE_EXPORT_COLUMNS setting gives. Reading it records
     * nothing, so it is there only once `exportCsv` (the export itself) has been recorded: a
     * batch never reaches the finance system unrecorded.
     */
    async batchCsv(principal: Principal, id: string) {
      requireUnit(principal);
      const batch = await findBatch(db, id);
      if (!batch.exportedAt)
        throw new ConflictError(
          t('expenses:payments.errors.notExported', { reference: batch.reference }),
        );
      return { batch, rows: await rowsOf(db, batch) };
    },

    /**
     * IAG-11: the unit exports the batch for the finance system (a POST, from the batch's page):
     * the first export is recorded on the batch, each export in the audit trail.
     */
    async exportCsv(principal: Principal, id: string, auditRequestId?: string) {
      const user = requireUnit(principal);
      return db.transaction(async (tx) => {
        const batch = await findBatch(tx, id, true);
        const rows = await rowsOf(tx, batch);
        const lines = rows.length - 1;
        if (!batch.exportedAt)
          await tx
            .update(paymentBatches)
            .set({ exportedAt: now() })
            .where(eq(paymentBatches.id, id));
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'payment-batch.exported',
          recordType: 'payment-batch',
          recordId: id,
          after: { claims: lines, totalPence: batch.totalPence },
        });
        return { batch, rows };
      });
    },

    /**
     * Marks the batch paid: its claims become paid, once; each advisor is told. A batch already
     * paid is refused, so nothing is paid twice.
     */
    async markPaid(principal: Principal, id: string, auditRequestId?: string) {
      const user = requireUnit(principal);
      return db.transaction(async (tx) => {
        const batch = await findBatch(tx, id, true);
        if (batch.paidAt) throw new ConflictError(t('expenses:payments.errors.alreadyPaid'));
        const at = now();
        const paid = await tx
          .update(expenseClaims)
          .set({ status: 'paid', paidAt: at })
          .where(and(eq(expenseClaims.batchId, id), inArray(expenseClaims.status, [...PAYABLE])))
          .returning();
        await tx
          .update(paymentBatches)
          .set({ paidAt: at, paidBy: user.userId })
          .where(eq(paymentBatches.id, id));
        const byId = await directory.directory.lookups.people(
          tx,
          paid.map((c) => c.claimantPersonId),
        );
        for (const claim of paid) {
          const to = byId.get(claim.claimantPersonId);
          if (!to?.email) continue;
          await queueLetter(deps, tx, {
            to: to.email,
            name: to.fullName,
            subject: t('expenses:payments.mail.subject', { reference: claim.reference }),
            lines: [
              t('expenses:payments.mail.body', {
                reference: claim.reference,
                occasion: claim.occasionText,
                pence: formatPence(claim.approvedPence ?? 0),
                day: formatDate(t, toLondonDate(at)),
              }),
            ],
            path: paths.claim(claim.id),
          });
        }
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'payment-batch.paid',
          recordType: 'payment-batch',
          recordId: id,
          after: { claims: paid.map((c) => c.id), totalPence: batch.totalPence },
        });
        return { ...batch, paidAt: at, claims: paid.length };
      });
    },
  };
}
