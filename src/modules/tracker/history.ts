/**
 * Issue 23: what editing, removing and withdrawing share across the tracker's services: the row
 * of the history each writes, the reason a withdrawal gives, and what has been reported against
 * the actions that would be removed (for removal-rules.removalRefusal and partRemovalRefusal).
 */
import { asc, inArray } from 'drizzle-orm';
import type { UserPrincipal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/database.js';
import { ValidationError, type FieldError } from '../../platform/errors.js';
import { text, tooLong } from '../../platform/http/form-fields.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { ActionResult } from './rules.js';
import type { ActionRecordForRemoval } from './removal-rules.js';
import { trackerUpdates, type FieldChange, type UPDATE_SUBJECTS } from './schema.js';

type Input = Record<string, string | string[] | undefined>;

const MAX_REASON = 20_000;

/** One row of the history: something a manager wrote edited, withdrawn (why) or removed. */
export async function recordChange(
  tx: Executor,
  user: UserPrincipal,
  at: Date,
  row: {
    kind: 'edited' | 'withdrawn' | 'removed';
    sourceId: string;
    /** Null for a change to the source itself or to one of its parts. */
    recommendationId: string | null;
    subject: (typeof UPDATE_SUBJECTS)[number];
    subjectId: string;
    changes: FieldChange[];
    rationale?: string;
  },
): Promise<void> {
  await tx.insert(trackerUpdates).values({
    ...row,
    recordedAt: at,
    authorUserId: user.userId,
    authorLabel: user.displayName,
  });
}

/** Why something is withdrawn, as the form gives it: required, refused naming the field. */
export function readWithdrawalReason(input: Input, t: Translate): string {
  const errors: FieldError[] = [];
  const reason = text(input.reason);
  if (!reason)
    errors.push({ field: 'reason', message: t('tracker:editing.withdraw.reason.missing') });
  tooLong(t, errors, 'reason', t('tracker:editing.withdraw.reason.name'), reason, MAX_REASON);
  if (errors.length) throw new ValidationError(errors);
  return reason!;
}

/** Each action's result now and the updates recorded to it, in order, in one query. */
export async function removalRecords(
  executor: Executor,
  actions: readonly { id: string; result: ActionResult }[],
): Promise<ActionRecordForRemoval[]> {
  const updates = actions.length
    ? await executor
        .select({
          actionId: trackerUpdates.actionId,
          kind: trackerUpdates.kind,
          result: trackerUpdates.result,
        })
        .from(trackerUpdates)
        .where(
          inArray(
            trackerUpdates.actionId,
            actions.map((a) => a.id),
          ),
        )
        .orderBy(asc(trackerUpdates.recordedAt), asc(trackerUpdates.id))
    : [];
  return actions.map((a) => ({
    result: a.result,
    updates: updates.filter((u) => u.actionId === a.id),
  }));
}
