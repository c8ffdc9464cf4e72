/**
 * The expenses module's part of the demonstration dataset (src/demo/demo-data.ts runs the parts
 * in order). The demo loads no expenses; removing the demo removes what its accounts claimed and
 * takes their names off what they decided. Writes only the expenses module's tables.
 */
import { inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import {
  expenseBudgets,
  expenseClaims,
  expenseDisputes,
  expenseItems,
  paymentBatches,
} from './schema.js';

/** inArray needs at least one value: a UUID no row has stands for "none". */
const NO_ID = '00000000-0000-0000-0000-000000000000';
const some = (ids: readonly string[]) => (ids.length ? [...ids] : [NO_ID]);

/**
 * The demo people's expense claims, with their items and disputes; payment batches left with no
 * claims go too, so no batch's total disagrees with its claims. Elsewhere their names come off.
 */
export async function removeDemoExpenses(
  tx: Executor,
  userIds: readonly string[],
  personIds: readonly string[],
): Promise<void> {
  const users_ = some(userIds);
  const people_ = some(personIds);
  const theirs = tx
    .select({ id: expenseClaims.id })
    .from(expenseClaims)
    .where(
      or(
        inArray(expenseClaims.claimantPersonId, people_),
        inArray(expenseClaims.claimantUserId, users_),
      ),
    );
  await tx.delete(expenseDisputes).where(inArray(expenseDisputes.claimId, theirs));
  await tx.delete(expenseItems).where(inArray(expenseItems.claimId, theirs));
  await tx
    .delete(expenseClaims)
    .where(
      or(
        inArray(expenseClaims.claimantPersonId, people_),
        inArray(expenseClaims.claimantUserId, users_),
      ),
    );
  await tx
    .update(expenseClaims)
    .set({ decidedBy: null })
    .where(inArray(expenseClaims.decidedBy, users_));
  await tx
    .update(expenseClaims)
    .set({ secondApprovedBy: null })
    .where(inArray(expenseClaims.secondApprovedBy, users_));
  for (const column of ['raisedBy', 'chairDecidedBy', 'directorDecidedBy'] as const)
    await tx
      .update(expenseDisputes)
      .set({ [column]: null })
      .where(inArray(expenseDisputes[column], users_));
  await tx
    .delete(paymentBatches)
    .where(
      sql`not exists (select 1 from ${expenseClaims} where ${expenseClaims.batchId} = ${paymentBatches.id})`,
    );
  await tx
    .update(paymentBatches)
    .set({ createdBy: null })
    .where(inArray(paymentBatches.createdBy, users_));
  await tx
    .update(paymentBatches)
    .set({ paidBy: null })
    .where(inArray(paymentBatches.paidBy, users_));
  await tx.update(expenseBudgets).set({ setBy: null }).where(inArray(expenseBudgets.setBy, users_));
}
