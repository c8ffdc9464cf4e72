/**
 * Issue 28 part 5: the expenses module's part of erasing a person. Claims and their items are
 * public money paid, kept for audit (six years after payment, when retention deletes the
 * receipts, DP-03): they stay whole, with every amount the budgets count, the claimant being
 * their now anonymous directory entry and account; where an item's description names them, the
 * name goes and what was paid for stays. Their own words in a dispute go; the chair's and the
 * Director's decisions and reasons stay, as the record of the decision.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import {
  ERASED_TEXT,
  mentionPattern,
  mentionsSql,
  withoutMentionsSql,
} from '../../platform/erased.js';
import type { ErasedPart, PersonDataSubject } from '../../platform/modules.js';
import type { DirectoryService } from '../directory/index.js';
import { expenseClaims, expenseDisputes, expenseItems } from './schema.js';

export function createExpensesErasure(deps: { directory: DirectoryService }) {
  return async (executor: Executor, { personId }: PersonDataSubject): Promise<ErasedPart[]> => {
    // Asked before the directory's part anonymises the entry.
    const person = (await deps.directory.lookups.people(executor, [personId])).get(personId);
    const theirClaims = executor
      .select({ id: expenseClaims.id })
      .from(expenseClaims)
      .where(eq(expenseClaims.claimantPersonId, personId));
    const disputes = await executor
      .update(expenseDisputes)
      .set({ reason: ERASED_TEXT, referralReason: null })
      .where(inArray(expenseDisputes.claimId, theirClaims))
      .returning({ id: expenseDisputes.id });
    const pattern = mentionPattern([person?.fullName, person?.email]);
    const items = pattern
      ? await executor
          .update(expenseItems)
          .set({ description: withoutMentionsSql(expenseItems.description, pattern) })
          .where(
            and(
              inArray(expenseItems.claimId, theirClaims),
              mentionsSql(expenseItems.description, pattern),
            ),
          )
          .returning({ id: expenseItems.id })
      : [];
    return [
      { kind: 'disputes', records: disputes.length, how: 'anonymised' },
      { kind: 'items naming them', records: items.length, how: 'anonymised' },
    ];
  };
}
