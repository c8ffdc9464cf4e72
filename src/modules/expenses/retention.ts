/**
 * DP-03: receipts are kept six years after the claim was paid, then their files are deleted and
 * the items no longer point at them. The claim and its items (what was claimed, approved and
 * paid) stay: they are the accounts' record of the payment.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/database.js';
import type { FileStore } from '../../platform/files/store.js';
import type { RetentionPart } from '../../platform/modules.js';
import { expensePaths } from './paths.js';
import { expenseClaims, expenseItems } from './schema.js';

export function expenseReceiptsRetention(files: FileStore): RetentionPart {
  return {
    kind: 'expense receipts',
    describe:
      "The receipts an advisor uploaded with a claim (tickets, invoices): they can carry the person's name, address and journeys.",
    schedule: {
      key: 'expenses.receipts',
      name: 'Receipts on expense claims',
      trigger: 'The day the claim was paid',
      defaultPeriod: { count: 72, unit: 'months' },
      reason:
        'Six years after payment, as financial records are kept for audit and HMRC, and a claim about a payment can be brought (Limitation Act 1980).',
      action: 'delete',
      keeps: 'the claim, its items and the amounts claimed, approved and paid',
      ownerRole: 'coordination_unit',
      async due(executor: Executor, startedBy: string, limit: number, offset: number) {
        const rows = await queryRows<{
          id: string;
          paid_on: string;
          reference: number;
          person_id: string;
        }>(
          executor,
          sql`select c.id, (c.paid_at at time zone 'Europe/London')::date::text as paid_on,
                     c.reference, c.claimant_person_id as person_id
              from expense_claims c
              where c.paid_at is not null
                and (c.paid_at at time zone 'Europe/London')::date <= ${startedBy}::date
                and exists (select 1 from expense_items i
                            where i.claim_id = c.id and i.receipt_storage_key is not null)
              order by c.paid_at, c.id
              limit ${limit} offset ${offset}`,
        );
        return rows.map((r) => ({
          id: r.id,
          startedOn: r.paid_on,
          reference: `Expense claim ${r.reference}`,
          href: expensePaths.claim(r.id),
          personIds: [r.person_id],
        }));
      },
      async aboutPerson(executor: Executor, ids: readonly string[], personId: string) {
        if (!ids.length) return [];
        const rows = await executor
          .select({ id: expenseClaims.id })
          .from(expenseClaims)
          .where(
            and(inArray(expenseClaims.id, [...ids]), eq(expenseClaims.claimantPersonId, personId)),
          );
        return rows.map((r) => r.id);
      },
      async apply(executor: Executor, ids: readonly string[]) {
        if (!ids.length) return 0;
        const receipts = and(
          inArray(expenseItems.claimId, [...ids]),
          isNotNull(expenseItems.receiptStorageKey),
        );
        const items = await executor
          .select({ claimId: expenseItems.claimId, key: expenseItems.receiptStorageKey })
          .from(expenseItems)
          .where(receipts)
          .for('update');
        await executor
          .update(expenseItems)
          .set({
            receiptFileName: null,
            receiptMediaType: null,
            receiptSizeBytes: null,
            receiptSha256: null,
            receiptStorageKey: null,
          })
          .where(receipts);
        // Last, so that nothing after it in the transaction can fail and leave a row pointing
        // at a deleted file; a file left by a failed removal is only an orphan, never read.
        for (const { key } of items) if (key) await files.remove(key);
        return new Set(items.map((c) => c.claimId)).size;
      },
    },
  };
}
