/**
 * Issue 28 part 5: consultation's part of erasing a person. Their places on the strategy board
 * stay (the board's record, CON-01); a programme stage they own is left for someone else to own
 * (CON-02). Panel members, individual consultees and respondents are not directory people: they
 * are theirs by the person's e-mail address, as their export finds them. A panel membership is
 * anonymised as leaving the panel does (CON-06), so that the waves' response rates still count
 * it; a consultee who is the person is named by nobody and reached by no channel, so that the
 * consultations it was chosen for still count it; responses keep their answers, counted as
 * anyone's, without the address a link was sent to.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { ERASED_NAME } from '../../platform/erased.js';
import type { ErasedPart, PersonDataSubject } from '../../platform/modules.js';
import type { DirectoryService } from '../directory/index.js';
import { consulteeChannels, consultees } from './consultees/schema.js';
import { panelMemberMonitoring, panelMembers } from './panel/schema.js';
import { consultationProgrammeStages } from './programmes/schema.js';
import { responses } from './schema.js';

export function createConsultationErasure(deps: { directory: DirectoryService }) {
  return async (executor: Executor, { personId }: PersonDataSubject): Promise<ErasedPart[]> => {
    const stages = await executor
      .update(consultationProgrammeStages)
      .set({ ownerId: null })
      .where(eq(consultationProgrammeStages.ownerId, personId))
      .returning({ id: consultationProgrammeStages.id });
    // Asked before the directory's part anonymises the entry.
    const email = (await deps.directory.lookups.people(executor, [personId])).get(personId)?.email;
    if (!email) return [{ kind: 'programme stages owned', records: stages.length, how: 'deleted' }];
    const address = email.toLowerCase();

    const theirMembers = executor
      .select({ id: panelMembers.id })
      .from(panelMembers)
      .where(sql`lower(${panelMembers.email}) = ${address}`);
    const monitoring = await executor
      .delete(panelMemberMonitoring)
      .where(inArray(panelMemberMonitoring.memberId, theirMembers))
      .returning({ id: panelMemberMonitoring.memberId });
    const members = await executor
      .update(panelMembers)
      .set({
        fullName: null,
        email: null,
        boroughId: null,
        confirmTokenHash: null,
        leftAt: sql`coalesce(${panelMembers.leftAt}, now())`,
        anonymisedAt: sql`now()`,
      })
      .where(sql`lower(${panelMembers.email}) = ${address}`)
      .returning({ id: panelMembers.id });

    const theirConsultees = executor
      .select({ id: consulteeChannels.consulteeId })
      .from(consulteeChannels)
      .innerJoin(consultees, eq(consultees.id, consulteeChannels.consulteeId))
      .where(
        and(eq(consultees.kind, 'person'), sql`lower(${consulteeChannels.detail}) = ${address}`),
      );
    const named = await executor
      .update(consultees)
      .set({
        name: ERASED_NAME,
        consentWithdrawnAt: sql`coalesce(${consultees.consentWithdrawnAt}, now())`,
        version: sql`${consultees.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(inArray(consultees.id, theirConsultees))
      .returning({ id: consultees.id });
    const channels = named.length
      ? await executor
          .delete(consulteeChannels)
          .where(
            inArray(
              consulteeChannels.consulteeId,
              named.map((c) => c.id),
            ),
          )
          .returning({ id: consulteeChannels.id })
      : [];

    const responded = await executor
      .update(responses)
      .set({ contactEmail: null, anonymisedAt: sql`now()` })
      .where(sql`lower(${responses.contactEmail}) = ${address}`)
      .returning({ id: responses.id });
    return [
      { kind: 'programme stages owned', records: stages.length, how: 'deleted' },
      { kind: 'panel memberships', records: members.length, how: 'anonymised' },
      { kind: 'panel monitoring answers', records: monitoring.length, how: 'deleted' },
      { kind: 'consultees', records: named.length, how: 'anonymised' },
      { kind: 'ways to reach a consultee', records: channels.length, how: 'deleted' },
      { kind: 'responses', records: responded.length, how: 'anonymised' },
    ];
  };
}
