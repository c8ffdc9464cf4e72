/**
 * Issue 28 part 5: custody visiting's part of erasing a person. The scheme's record stays: their
 * visitor record (ICV-10's appointments and leavers are counted from it), courses, visits and
 * reports, and the panels naming them as coordinator, all pointing at their now anonymous
 * directory entry. Their reason for a suspension goes; their availability, only for drawing a
 * rota, goes; their application to join stays counted, naming nobody.
 */
import { eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { ERASED_NAME, ERASED_TEXT, erasedEmailSql } from '../../platform/erased.js';
import type { ErasedPart, PersonDataSubject } from '../../platform/modules.js';
import type { DirectoryService } from '../directory/index.js';
import { custodyVisitorApplications as applications } from './applications/schema.js';
import { custodyAvailability, custodyVisitors } from './schema.js';

export function createCustodyVisitingErasure(deps: { directory: DirectoryService }) {
  return async (executor: Executor, { personId }: PersonDataSubject): Promise<ErasedPart[]> => {
    // Asked first: the directory's entry is anonymised after this module's part.
    const person = (await deps.directory.lookups.people(executor, [personId])).get(personId);
    const theirRecord = executor
      .select({ id: custodyVisitors.id })
      .from(custodyVisitors)
      .where(eq(custodyVisitors.personId, personId));
    const availability = await executor
      .delete(custodyAvailability)
      .where(inArray(custodyAvailability.visitorId, theirRecord))
      .returning({ id: custodyAvailability.id });
    const visitor = await executor
      .update(custodyVisitors)
      .set({
        suspensionReason: null,
        version: sql`${custodyVisitors.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(custodyVisitors.personId, personId))
      .returning({ id: custodyVisitors.id });
    // An application is made without an account: theirs by the record it became, or by address.
    const applied = await executor
      .update(applications)
      .set({
        fullName: ERASED_NAME,
        email: erasedEmailSql(applications.id),
        phone: null,
        reasons: ERASED_TEXT,
        declineReason: null,
        version: sql`${applications.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(
        person?.email
          ? or(
              inArray(applications.visitorId, theirRecord),
              sql`lower(${applications.email}) = lower(${person.email})`,
            )
          : inArray(applications.visitorId, theirRecord),
      )
      .returning({ id: applications.id });
    return [
      { kind: 'availability for the rota', records: availability.length, how: 'deleted' },
      { kind: 'lay visitor record', records: visitor.length, how: 'anonymised' },
      { kind: 'applications to visit', records: applied.length, how: 'anonymised' },
    ];
  };
}
