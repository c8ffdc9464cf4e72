/**
 * Issue 28 part 5: the expenses module's part of erasing a person. Claims and their items are
 * public money paid, kept for audit (six years after payment, when retention deletes the
 * receipts, DP-03): they stay whole, with every amount the budgets count, the claimant being
 * their now anonymous directory entry and account. Their own words in a dispute go; the chair's
 * and the Director's decisions and reasons stay, as the record of the decision.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { ERASED_TEXT } from '../../platform/erased.js';
import type { ErasedPart, PersonDataSubject } from '../../platform/modules.js';
import { expenseClaims, expenseDisputes } from './schema.js';

export async function eraseExpensesPerson(
  executor: Executor,
  { personId }: PersonDataSubject,
): Promise<ErasedPart[]> {
  const theirClaims = executor
    .select({ id: expenseClaims.id })
    .from(expenseClaims)
    .where(eq(expenseClaims.claimantPersonId, personId));
  const disputes = await executor
    .update(expenseDisputes)
    .set({ reason: ERASED_TEXT, referralReason: null })
    .where(inArray(expenseDisputes.claimId, theirClaims))
    .returning({ id: expenseDisputes.id });
  return [{ kind: 'disputes', records: disputes.length, how: 'anonymised' }];
}
