/**
 * DP-03, issue 28 part 5: whether a legal hold stands on a person: on them (their directory id),
 * or on any record of a kind on the schedule that is about them (each kind says which of its held
 * records are, `RetentionSchedulePart.aboutPerson`). Asked before a person is erased: what a
 * request, complaint or case needs must not go.
 */
import { and, eq, isNotNull, isNull, or } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import type { RetentionSchedulePart } from '../modules.js';
import { retentionHolds } from './schema.js';

/** How many holds in place hold the person (0: none). Holds in place are few: one query, plus one per kind holding records. */
export async function holdsOnPerson(
  executor: Executor,
  parts: readonly RetentionSchedulePart[],
  personId: string,
): Promise<number> {
  const holds = await executor
    .select({
      kindKey: retentionHolds.kindKey,
      recordId: retentionHolds.recordId,
      personId: retentionHolds.personId,
    })
    .from(retentionHolds)
    .where(
      and(
        isNull(retentionHolds.liftedAt),
        or(eq(retentionHolds.personId, personId), isNotNull(retentionHolds.kindKey)),
      ),
    );
  let held = holds.filter((h) => h.personId === personId).length;
  const byKind = new Map<string, string[]>();
  for (const h of holds)
    if (h.kindKey && h.recordId)
      byKind.set(h.kindKey, [...(byKind.get(h.kindKey) ?? []), h.recordId]);
  for (const part of parts) {
    const ids = byKind.get(part.key);
    if (!ids || !part.aboutPerson) continue;
    const theirs = new Set(await part.aboutPerson(executor, ids, personId));
    held += ids.filter((id) => theirs.has(id)).length;
  }
  return held;
}
