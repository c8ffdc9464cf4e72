/**
 * TRK-01 (issue 23): taking back what a manager wrote, as pure functions: whether a
 * recommendation, key point, action or part may still be removed, or is withdrawn instead.
 */
import type { ActionResult } from './rules.js';

/**
 * Issue 23: what has been reported against an action, for removing it or anything it is under:
 * its result now, and the result of each update recorded to it, in order.
 */
export interface ActionRecordForRemoval {
  result: ActionResult;
  updates: readonly { kind: string; result: ActionResult | null }[];
}

/**
 * TRK-01 (issue 23): a recommendation, key point or action may be removed (deleted with all
 * under it) only while no progress has been reported against it or anything under it: none of
 * its actions has a 'progress' update, and each stands at the result it was added or imported
 * with (its first update's result; an action with no such update, at the result it has). Once
 * progress is reported it stays in the record: it is withdrawn instead. The key of the refusal.
 */
export function removalRefusal(actions: readonly ActionRecordForRemoval[]): string | null {
  for (const action of actions) {
    if (action.updates.some((u) => u.kind === 'progress')) return 'tracker:editing.remove.refused';
    const first = action.updates.find((u) => u.kind === 'added' || u.kind === 'imported');
    const addedWith = first?.result ?? action.result;
    if (action.result !== addedWith) return 'tracker:editing.remove.refused';
  }
  return null;
}

/**
 * TRK-01 (issue 23): a part of a source is removed only while no progress has been reported
 * against anything in it (removalRefusal), else it is withdrawn; and only once it is empty, so
 * that no item is removed with it unseen: the clerk moves its items to another part or removes
 * them first. The key of the refusal.
 */
export function partRemovalRefusal(part: {
  items: number;
  actions: readonly ActionRecordForRemoval[];
}): string | null {
  if (removalRefusal(part.actions)) return 'tracker:structure.part.remove.refused';
  return part.items > 0 ? 'tracker:structure.part.remove.notEmpty' : null;
}
