/**
 * DP-03, ICV-02: an application to be a custody visitor that was declined is anonymised 12
 * months after the decision, as the groups' unsuccessful applications are: the row stays with
 * its area, status and dates so that the recruitment statistics (ICV-10) still count it; the
 * name, e-mail address, telephone, reasons and the decision's reason go. An application invited
 * to interview became a visitor (a directory person) and is kept with them.
 */
import { and, eq, inArray, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { queryRows } from '../../../platform/db/database.js';
import type { RetentionPart } from '../../../platform/modules.js';
import type { DirectoryService } from '../../directory/index.js';
import { custodyVisitors } from '../schema.js';
import { applicationReference } from '../application-rules.js';
import { applicationPaths } from './paths.js';
import { custodyVisitorApplications as applications } from './schema.js';

/** An anonymised application's text: its name is emptied, which also marks it done. */
export const APPLICATION_REMOVED = '';

export function declinedApplicationsRetention(
  now: () => Date,
  directory: DirectoryService,
): RetentionPart {
  return {
    kind: 'custody visitor applications',
    describe:
      "A declined application to be a custody visitor: the applicant's name, e-mail address, telephone, reasons for applying and the reason it was declined.",
    schedule: {
      key: 'custody-visiting.declined-applications',
      name: 'Declined applications to be a custody visitor',
      trigger: 'The day the application was declined',
      defaultPeriod: { count: 12, unit: 'months' },
      reason:
        'As for unsuccessful applications to join a group: long enough to answer a complaint or a challenge to the decision (the Equality Act 2010 allows six months for a claim) and to see a repeat application; after it the applicant has no further need to be identified.',
      action: 'anonymise',
      keeps:
        "the application's area, status and dates, so the recruitment statistics still count it",
      ownerRole: 'scheme_manager',
      async due(executor: Executor, startedBy: string, limit: number, offset: number) {
        const rows = await queryRows<{ id: string; declined_on: string }>(
          executor,
          sql`select a.id, (a.decided_at at time zone 'Europe/London')::date::text as declined_on
              from custody_visitor_applications a
              where a.status = 'declined' and a.decided_at is not null
                and a.full_name <> ${APPLICATION_REMOVED}
                and (a.decided_at at time zone 'Europe/London')::date <= ${startedBy}::date
              order by a.decided_at, a.id
              limit ${limit} offset ${offset}`,
        );
        return rows.map((r) => ({
          id: r.id,
          startedOn: r.declined_on,
          reference: `Application ${applicationReference(r.id)}`,
          href: applicationPaths.application(r.id),
          personIds: [],
        }));
      },
      // Theirs as their erasure finds them: by the visitor record it became, or by their address.
      async aboutPerson(executor: Executor, ids: readonly string[], personId: string) {
        if (!ids.length) return [];
        const email = (await directory.lookups.people(executor, [personId])).get(personId)?.email;
        const theirRecord = inArray(
          applications.visitorId,
          executor
            .select({ id: custodyVisitors.id })
            .from(custodyVisitors)
            .where(eq(custodyVisitors.personId, personId)),
        );
        const rows = await executor
          .select({ id: applications.id })
          .from(applications)
          .where(
            and(
              inArray(applications.id, [...ids]),
              email
                ? or(theirRecord, sql`lower(${applications.email}) = lower(${email})`)
                : theirRecord,
            ),
          );
        return rows.map((r) => r.id);
      },
      async apply(executor: Executor, ids: readonly string[]) {
        if (!ids.length) return 0;
        const done = await executor
          .update(applications)
          .set({
            fullName: APPLICATION_REMOVED,
            email: APPLICATION_REMOVED,
            phone: null,
            reasons: APPLICATION_REMOVED,
            declineReason: null,
            updatedAt: now(),
            version: sql`${applications.version} + 1`,
          })
          .where(
            and(
              inArray(applications.id, [...ids]),
              eq(applications.status, 'declined'),
              isNotNull(applications.decidedAt),
              ne(applications.fullName, APPLICATION_REMOVED),
            ),
          )
          .returning({ id: applications.id });
        return done.length;
      },
    },
  };
}
