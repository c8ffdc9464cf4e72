/**
 * CDRP-12: awards are paid in instalments, in payment batches for the finance system, as expense
 * claims are (IAG-11): every instalment due by today and not held goes into a batch, the batch is
 * exported as CSV and then marked paid. An instalment goes into one batch only.
 */
import { and, asc, count, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { ConflictError, NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { penceAsDecimal } from '../../../platform/money/pence.js';
import type { DirectoryApi } from '../../directory/index.js';
import { applicationReference } from '../assessment/rules.js';
import {
  grantApplications,
  grantFunds,
  grantPaymentBatches,
  grantPayments,
  grantRounds,
} from '../schema.js';

export type GrantPaymentsService = ReturnType<typeof createGrantPaymentsService>;

/** The CSV's columns for the finance system, in order. */
const CSV_HEADINGS = [
  'batch',
  'grant',
  'payee',
  'borough',
  'fund',
  'instalment',
  'due_on',
  'amount',
  'amount_pence',
];

export function createGrantPaymentsService(deps: {
  db: Db;
  now: () => Date;
  t: Translate;
  directory: DirectoryApi;
}) {
  const { db, now, t, directory } = deps;

  /** Due by today, in no batch, not held back, of an award. */
  const payable = () =>
    and(
      isNull(grantPayments.batchId),
      isNull(grantPayments.heldReason),
      lte(grantPayments.dueOn, todayInLondon(now())),
      sql`exists (select 1 from ${grantApplications} where ${grantApplications.id} = ${grantPayments.applicationId} and ${grantApplications.status} = 'awarded')`,
    );

  async function findBatch(executor: Executor, id: string, lock = false) {
    if (!isUuid(id)) throw new NotFoundError();
    const query = executor.select().from(grantPaymentBatches).where(eq(grantPaymentBatches.id, id));
    const [batch] = lock ? await query.for('update') : await query;
    if (!batch) throw new NotFoundError();
    return batch;
  }

  /** A batch's instalments, as its page and its export read them. */
  function linesOf(executor: Executor, batchId: string) {
    return executor
      .select({
        id: grantPayments.id,
        applicationId: grantApplications.id,
        reference: grantApplications.reference,
        payee: grantApplications.applicantName,
        borough: directory.organisationNameSql(grantApplications.boroughId),
        fund: grantFunds.name,
        instalment: grantPayments.instalment,
        dueOn: grantPayments.dueOn,
        amountPence: grantPayments.amountPence,
      })
      .from(grantPayments)
      .innerJoin(grantApplications, eq(grantApplications.id, grantPayments.applicationId))
      .innerJoin(grantRounds, eq(grantRounds.id, grantApplications.roundId))
      .innerJoin(grantFunds, eq(grantFunds.id, grantRounds.fundId))
      .where(eq(grantPayments.batchId, batchId))
      .orderBy(asc(grantApplications.reference), asc(grantPayments.instalment));
  }

  async function rowsOf(executor: Executor, batch: { id: string; reference: number }) {
    const lines = await linesOf(executor, batch.id);
    return [
      CSV_HEADINGS,
      ...lines.map((l) => [
        String(batch.reference),
        applicationReference(l.reference),
        l.payee,
        l.borough ?? '',
        l.fund,
        String(l.instalment),
        l.dueOn,
        penceAsDecimal(l.amountPence),
        String(l.amountPence),
      ]),
    ];
  }

  return {
    /** What is due to be paid, and the batches so far, newest first. */
    async overview(principal: Principal, page: PageRequest) {
      requireUser(principal, 'grants.manage');
      const [[waiting], batches, [total]] = await Promise.all([
        db
          .select({
            payments: count(),
            pence: sql<string>`coalesce(sum(${grantPayments.amountPence}), 0)`,
          })
          .from(grantPayments)
          .where(payable()),
        db
          .select()
          .from(grantPaymentBatches)
          .orderBy(desc(grantPaymentBatches.createdAt))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(grantPaymentBatches),
      ]);
      return {
        waiting: { payments: Number(waiting?.payments ?? 0), pence: Number(waiting?.pence ?? 0) },
        batches,
        total: Number(total?.n ?? 0),
      };
    },

    /** How many instalments are due to be paid (for the officers' home page). */
    async dueCount() {
      const [row] = await db.select({ n: count() }).from(grantPayments).where(payable());
      return Number(row?.n ?? 0);
    },

    /**
     * Puts every instalment due into a new batch. They are taken by the update itself (`batch_id
     * is null`, checked again under each row's lock), so two batches never share one.
     */
    async createBatch(principal: Principal, requestId?: string) {
      const user = requireUser(principal, 'grants.manage');
      return db.transaction(async (tx) => {
        // Claimed first, so a batch is numbered only when it has something in it (a refused
        // batch would use up a number finance then sees missing).
        const claimed = await tx
          .select({ id: grantPayments.id })
          .from(grantPayments)
          .where(payable())
          .for('update', { skipLocked: true });
        if (!claimed.length) throw new ConflictError(t('grants:payments.errors.noneWaiting'));
        const [batch] = await tx
          .insert(grantPaymentBatches)
          .values({ createdBy: user.userId, createdAt: now(), paymentCount: 0, totalPence: 0 })
          .returning();
        const taken = await tx
          .update(grantPayments)
          .set({ batchId: batch!.id })
          .where(
            and(
              inArray(
                grantPayments.id,
                claimed.map((c) => c.id),
              ),
              isNull(grantPayments.batchId),
            ),
          )
          .returning({ id: grantPayments.id, amountPence: grantPayments.amountPence });
        const totalPence = taken.reduce((sum, p) => sum + p.amountPence, 0);
        const [made] = await tx
          .update(grantPaymentBatches)
          .set({ paymentCount: taken.length, totalPence })
          .where(eq(grantPaymentBatches.id, batch!.id))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'grant-payment-batch.created',
          recordType: 'grant-payment-batch',
          recordId: batch!.id,
          after: { ...made, payments: taken.map((p) => p.id) },
        });
        return made!;
      });
    },

    /** A batch with its instalments, a page at a time. */
    async batch(principal: Principal, id: string, page: PageRequest) {
      requireUser(principal, 'grants.manage');
      const batch = await findBatch(db, id);
      const lines = await linesOf(db, id).limit(page.limit).offset(page.offset);
      return { batch, lines, total: batch.paymentCount };
    },

    /** The batch for the finance system, downloaded again once its export has been recorded. */
    async batchCsv(principal: Principal, id: string) {
      requireUser(principal, 'grants.manage');
      const batch = await findBatch(db, id);
      if (!batch.exportedAt)
        throw new ConflictError(
          t('grants:payments.errors.notExported', { reference: batch.reference }),
        );
      return { batch, rows: await rowsOf(db, batch) };
    },

    /** The export itself: the first is recorded on the batch, each in the audit trail. */
    async exportCsv(principal: Principal, id: string, requestId?: string) {
      const user = requireUser(principal, 'grants.manage');
      return db.transaction(async (tx) => {
        const batch = await findBatch(tx, id, true);
        const rows = await rowsOf(tx, batch);
        if (!batch.exportedAt)
          await tx
            .update(grantPaymentBatches)
            .set({ exportedAt: now() })
            .where(eq(grantPaymentBatches.id, id));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'grant-payment-batch.exported',
          recordType: 'grant-payment-batch',
          recordId: id,
          after: { payments: rows.length - 1, totalPence: batch.totalPence },
        });
        return { batch, rows };
      });
    },

    /** Marks the batch paid, once. */
    async markPaid(principal: Principal, id: string, requestId?: string) {
      const user = requireUser(principal, 'grants.manage');
      return db.transaction(async (tx) => {
        const batch = await findBatch(tx, id, true);
        if (batch.paidAt) throw new ConflictError(t('grants:payments.errors.alreadyPaid'));
        if (!batch.exportedAt) throw new ConflictError(t('grants:payments.errors.exportFirst'));
        const at = now();
        const [paid] = await tx
          .update(grantPaymentBatches)
          .set({ paidAt: at, paidBy: user.userId })
          .where(eq(grantPaymentBatches.id, id))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'grant-payment-batch.paid',
          recordType: 'grant-payment-batch',
          recordId: id,
          before: batch,
          after: paid,
        });
        return paid!;
      });
    },
  };
}
