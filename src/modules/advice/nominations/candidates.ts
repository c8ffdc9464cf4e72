/** What a nomination is judged by: the chosen advisors' membership, clearances and record. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import type { AdviceLookups } from '../access.js';
import {
  adviceConflicts,
  adviceRequests,
  advisorProfiles,
  advisorUnavailability,
  deployments,
} from '../schema.js';

type AdviceRequest = typeof adviceRequests.$inferSelect;

/**
 * IAG-02, IAG-07, IAG-29: the facts `nominationProblem` judges, for the advisors a contact
 * chose; judged again when one of them accepts.
 */
export function createCandidateFacts(lookups: AdviceLookups) {
  const { groupColumns: groups, advisorRecords } = lookups;
  return async function candidateFacts(
    executor: Executor,
    request: AdviceRequest,
    groupId: string,
    personIds: readonly string[],
  ) {
    const members = groups.currentMembers(groupId);
    const [named, current, held, away, conflicts, asked, profiles] = await Promise.all([
      lookups.peopleByIds(executor, personIds),
      executor
        .select({ personId: members.personId })
        .from(members.from)
        .where(inArray(members.personId, [...personIds])),
      advisorRecords.clearancesOf(executor, personIds),
      executor
        .select({
          personId: advisorUnavailability.personId,
          startsOn: advisorUnavailability.startsOn,
          endsOn: advisorUnavailability.endsOn,
        })
        .from(advisorUnavailability)
        .where(inArray(advisorUnavailability.personId, personIds)),
      executor
        .select({ personId: adviceConflicts.personId })
        .from(adviceConflicts)
        .where(
          and(
            eq(adviceConflicts.requestId, request.id),
            inArray(adviceConflicts.personId, personIds),
          ),
        ),
      executor
        .select({ personId: deployments.personId })
        .from(deployments)
        .where(
          and(eq(deployments.requestId, request.id), inArray(deployments.personId, personIds)),
        ),
      executor
        .select({ personId: advisorProfiles.personId, experience: advisorProfiles.experience })
        .from(advisorProfiles)
        .where(inArray(advisorProfiles.personId, personIds)),
    ]);
    const of = <T extends { personId: string }>(rows: T[], id: string) =>
      rows.filter((r) => r.personId === id);
    return personIds
      .flatMap((id) => {
        const person = named.get(id);
        return person ? [{ id, name: person.fullName }] : [];
      })
      .map((p) => ({
        id: p.id,
        name: p.name,
        currentMember: of(current, p.id).length > 0,
        clearances: held.get(p.id) ?? [],
        unavailable: of(away, p.id),
        conflicted: of(conflicts, p.id).length > 0,
        alreadyAsked: of(asked, p.id).length > 0,
        experience: of(profiles, p.id)[0]?.experience ?? [],
      }));
  };
}
