/**
 * Who may read an expense claim: the advisor who made it, and those who process or oversee
 * claims (the coordination unit, the Director). Anyone else is told it does not exist.
 */
import { asc, eq } from 'drizzle-orm';
import { can } from '../../platform/auth/permissions.js';
import type { UserPrincipal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/errors.js';
import { isUuid } from '../../platform/http/params.js';
import { expenseClaims, expenseItems } from './schema.js';

export type Claim = typeof expenseClaims.$inferSelect;

/** The claim, locked for a change when asked; not found for a malformed id or no such claim. */
export async function findClaim(executor: Executor, id: string, lock = false): Promise<Claim> {
  if (!isUuid(id)) throw new NotFoundError();
  const query = executor.select().from(expenseClaims).where(eq(expenseClaims.id, id));
  const [claim] = lock ? await query.for('update') : await query;
  if (!claim) throw new NotFoundError();
  return claim;
}

export function isClaimant(user: UserPrincipal, claim: Claim): boolean {
  return claim.claimantUserId === user.userId;
}

/** The claim, for someone who may read it. */
export async function findVisibleClaim(
  executor: Executor,
  user: UserPrincipal,
  id: string,
  lock = false,
): Promise<Claim> {
  const claim = await findClaim(executor, id, lock);
  if (isClaimant(user, claim) || can(user, 'expenses.view-all')) return claim;
  throw new NotFoundError();
}

/** A claim's costs, oldest first: never where a receipt is kept, only whether there is one. */
export async function itemsOfClaim(executor: Executor, claimId: string) {
  const rows = await executor
    .select()
    .from(expenseItems)
    .where(eq(expenseItems.claimId, claimId))
    .orderBy(asc(expenseItems.incurredOn), asc(expenseItems.createdAt))
    .limit(200);
  return rows.map(({ receiptStorageKey, ...item }) => ({
    ...item,
    hasReceipt: receiptStorageKey !== null,
  }));
}

/**
 * Sends a claim back to the coordination unit for a new decision (a second approver's no, a
 * chair's upheld dispute): every amount approved is cleared, and the reason is kept on the claim.
 */
export async function sendBackForNewDecision(tx: Executor, claimId: string, reason: string) {
  await tx
    .update(expenseItems)
    .set({ approvedPence: null, approvalReason: null })
    .where(eq(expenseItems.claimId, claimId));
  await tx
    .update(expenseClaims)
    .set({
      status: 'submitted',
      approvedPence: null,
      decidedBy: null,
      decidedAt: null,
      decisionReason: reason,
    })
    .where(eq(expenseClaims.id, claimId));
}
