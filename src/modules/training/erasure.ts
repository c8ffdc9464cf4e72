/**
 * Issue 28 part 5: the training module's part of erasing a person. Their attendance stays (a
 * session's numbers, CDRP-11 and IAG-34's counts of who was trained), pointing at their now
 * anonymous directory entry; the needs recorded for them only planned their future training:
 * deleted.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { ErasedPart, PersonDataSubject } from '../../platform/modules.js';
import { trainingNeeds } from './schema.js';

export async function eraseTrainingPerson(
  executor: Executor,
  { personId }: PersonDataSubject,
): Promise<ErasedPart[]> {
  const needs = await executor
    .delete(trainingNeeds)
    .where(eq(trainingNeeds.personId, personId))
    .returning({ id: trainingNeeds.id });
  return [{ kind: 'training needs', records: needs.length, how: 'deleted' }];
}
