/**
 * CON-01: the board's approval cleared when a major consultation is changed materially before
 * launch (board-rules.ts says which changes are), in the transaction of the change, so that what
 * is launched is what the board approved. The consultation keeps the minute it was approved at
 * and what changed, so its page says why it must go back to the board.
 */
import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import type { Actor } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/database.js';
import { approvalClearedBy, type MaterialChange } from '../board-rules.js';
import { consultations } from '../schema.js';

type Consultation = typeof consultations.$inferSelect;

/**
 * The columns that clear the approval, for the change's own update; none when the change leaves
 * it standing (not approved, launched, or nothing material).
 */
export function clearedApproval(
  before: Pick<Consultation, 'approvalMinuteItemId' | 'launchedAt'>,
  changes: readonly MaterialChange[],
  now: Date,
) {
  if (!approvalClearedBy(before, changes)) return {};
  return {
    approvalMinuteItemId: null,
    approvedOn: null,
    approvalClearedAt: now,
    approvalClearedMinuteItemId: before.approvalMinuteItemId,
    approvalClearedChanges: [...changes],
  };
}

/** What undoes a cleared approval's record: the board approved it again, or it was withdrawn. */
export const noClearedApproval = {
  approvalClearedAt: null,
  approvalClearedMinuteItemId: null,
  approvalClearedChanges: null,
};

/**
 * The approval cleared by a change to another record (a question), in the caller's transaction:
 * the consultation updated and its own audit event, so its history says why. Gives whether it
 * was cleared.
 */
export async function clearApprovalFor(
  tx: Executor,
  actor: Actor,
  consultation: Consultation,
  changes: readonly MaterialChange[],
  now: Date,
): Promise<boolean> {
  const columns = clearedApproval(consultation, changes, now);
  if (!('approvalClearedAt' in columns)) return false;
  await tx
    .update(consultations)
    .set({ ...columns, updatedAt: now, version: sql`${consultations.version} + 1` })
    .where(eq(consultations.id, consultation.id));
  await recordAudit(tx, actor, {
    action: 'consultation.board-approval-cleared',
    recordType: 'consultation',
    recordId: consultation.id,
    before: {
      approvalMinuteItemId: consultation.approvalMinuteItemId,
      approvedOn: consultation.approvedOn,
    },
    after: { approvalMinuteItemId: null, approvedOn: null, changes },
  });
  return true;
}
