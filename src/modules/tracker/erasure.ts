/**
 * Issue 28 part 5: the tracker's part of erasing a person. Who leads a key point or owns an
 * action, and every update's history, are the record of how recommendations were carried out:
 * they stay, pointing at their now anonymous directory entry and account. The name copied onto
 * the updates they wrote (so that history reads the same after a rename) goes.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { ERASED_NAME } from '../../platform/erased.js';
import type { ErasedPart, PersonDataSubject } from '../../platform/modules.js';
import { trackerUpdates } from './schema.js';

export async function eraseTrackerPerson(
  executor: Executor,
  { userId }: PersonDataSubject,
): Promise<ErasedPart[]> {
  // Written by account: a person without one wrote none.
  const written = userId
    ? await executor
        .update(trackerUpdates)
        .set({ authorLabel: ERASED_NAME })
        .where(eq(trackerUpdates.authorUserId, userId))
        .returning({ id: trackerUpdates.id })
    : [];
  return [{ kind: 'updates written', records: written.length, how: 'anonymised' }];
}
