/**
 * Issue 28 part 5: the groups module's part of erasing a person. What records a group's life
 * (terms served, second terms, elections, commendations, police roles, recruitment decisions)
 * stays, counted, pointing at their now anonymous directory entry, with the words about them
 * removed; what was only about them, or only served while they served, goes. One statement
 * per kind, never one per record.
 */
import { eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { ERASED_NAME, ERASED_TEXT, erasedEmailSql } from '../../platform/erased.js';
import type { ErasedPart, PersonDataSubject } from '../../platform/modules.js';
import type { DirectoryService } from '../directory/index.js';
import {
  accessExemptions,
  advisoryGroups,
  applications,
  clearances,
  commendations,
  declarations,
  diversityAnswers,
  memberships,
  reappointments,
} from './schema.js';

export function createGroupsErasure(deps: { directory: DirectoryService }) {
  return async (executor: Executor, { personId }: PersonDataSubject): Promise<ErasedPart[]> => {
    // Asked first: the directory's entry is anonymised after this module's part.
    const person = (await deps.directory.lookups.people(executor, [personId])).get(personId);
    const theirTerms = executor
      .select({ id: memberships.id })
      .from(memberships)
      .where(eq(memberships.personId, personId));

    // DP-01: their diversity answers are special-category data held only for them: deleted.
    const diversity = await executor
      .delete(diversityAnswers)
      .where(eq(diversityAnswers.personId, personId))
      .returning({ id: diversityAnswers.personId });
    // Declarations, clearances and exemptions serve only while they serve (managing conflicts,
    // vetting, access to buildings); the terms kept say that they served: deleted.
    const declared = await executor
      .delete(declarations)
      .where(eq(declarations.personId, personId))
      .returning({ id: declarations.id });
    const cleared = await executor
      .delete(clearances)
      .where(eq(clearances.personId, personId))
      .returning({ id: clearances.id });
    const exempted = await executor
      .delete(accessExemptions)
      .where(eq(accessExemptions.personId, personId))
      .returning({ id: accessExemptions.id });

    // A group's membership over time (IAG-18, and its counts) keeps their terms, never published
    // by name again, without their reasons for leaving.
    const terms = await executor
      .update(memberships)
      .set({
        leavingReason: null,
        publishName: false,
        version: sql`${memberships.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(memberships.personId, personId))
      .returning({ id: memberships.id });
    const secondTerms = await executor
      .update(reappointments)
      .set({ declinedReason: null })
      .where(inArray(reappointments.membershipId, theirTerms))
      .returning({ id: reappointments.id });
    // A recruitment round's decisions stay counted; the applicant is nobody in particular.
    // Theirs by the term it led to or by their address, as their export finds them.
    const applied = await executor
      .update(applications)
      .set({
        fullName: ERASED_NAME,
        email: erasedEmailSql(applications.id),
        phone: null,
        dateOfBirth: null,
        communities: ERASED_TEXT,
        statement: ERASED_TEXT,
        assessment: null,
        decisionReason: null,
      })
      .where(
        person?.email
          ? or(
              inArray(applications.membershipId, theirTerms),
              sql`lower(${applications.email}) = lower(${person.email})`,
            )
          : inArray(applications.membershipId, theirTerms),
      )
      .returning({ id: applications.id });
    // IAG-15: the group's record that a commendation was made stays; its citation (all about
    // them) goes.
    const commended = await executor
      .update(commendations)
      .set({ citation: ERASED_TEXT })
      .where(eq(commendations.personId, personId))
      .returning({ id: commendations.id });
    // IAG-07: the deployment contact is a role held now: the group is left to name another.
    const contactFor = await executor
      .update(advisoryGroups)
      .set({
        deploymentContactId: null,
        version: sql`${advisoryGroups.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(advisoryGroups.deploymentContactId, personId))
      .returning({ id: advisoryGroups.id });

    return [
      { kind: 'diversity-monitoring answers', records: diversity.length, how: 'deleted' },
      { kind: 'declarations of interests', records: declared.length, how: 'deleted' },
      { kind: 'security clearances', records: cleared.length, how: 'deleted' },
      { kind: 'exemptions from escorted access', records: exempted.length, how: 'deleted' },
      { kind: 'memberships', records: terms.length, how: 'anonymised' },
      { kind: 'second terms', records: secondTerms.length, how: 'anonymised' },
      { kind: 'applications to join a group', records: applied.length, how: 'anonymised' },
      { kind: 'commendations', records: commended.length, how: 'anonymised' },
      { kind: 'deployment contact roles', records: contactFor.length, how: 'deleted' },
    ];
  };
}
