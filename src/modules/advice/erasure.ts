/**
 * Issue 28 part 5: the advice module's part of erasing a person. The record of advice stays as
 * it was given (requests they made, the advice, what was disclosed under IAG-35, their
 * deployments and conflicts, which the 12-month load and later requests rely on), pointing at
 * their now anonymous directory entry and account, with the words about them removed; what only
 * offered them for future work (their experience and unavailable days) goes.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { ERASED_TEXT } from '../../platform/erased.js';
import type { ErasedPart, PersonDataSubject } from '../../platform/modules.js';
import { adviceConflicts, advisorProfiles, advisorUnavailability, deployments } from './schema.js';

export async function eraseAdvicePerson(
  executor: Executor,
  { personId }: PersonDataSubject,
): Promise<ErasedPart[]> {
  const profiles = await executor
    .delete(advisorProfiles)
    .where(eq(advisorProfiles.personId, personId))
    .returning({ id: advisorProfiles.personId });
  const unavailable = await executor
    .delete(advisorUnavailability)
    .where(eq(advisorUnavailability.personId, personId))
    .returning({ id: advisorUnavailability.id });
  // Why they were never nominated for a request stays known; the reason, about them, goes.
  const conflicts = await executor
    .update(adviceConflicts)
    .set({ reason: ERASED_TEXT })
    .where(eq(adviceConflicts.personId, personId))
    .returning({ id: adviceConflicts.requestId });
  // Why they were nominated or declined, and how they were reached, are about them alone.
  const deployed = await executor
    .update(deployments)
    .set({ nominationReason: ERASED_TEXT, declineReason: null, arrangements: null })
    .where(eq(deployments.personId, personId))
    .returning({ id: deployments.id });
  return [
    { kind: 'advisor profile', records: profiles.length, how: 'deleted' },
    { kind: 'days unavailable', records: unavailable.length, how: 'deleted' },
    { kind: 'conflicts of interest', records: conflicts.length, how: 'anonymised' },
    { kind: 'nominations and deployments', records: deployed.length, how: 'anonymised' },
  ];
}
