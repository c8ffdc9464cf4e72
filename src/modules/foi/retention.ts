/**
 * DP-03, FOI-01: a Freedom of Information requester's name and contact details are anonymised
 * three years after the request's last stage closed (the answer, or the internal review or the
 * Information Commissioner's decision where one was asked for). The request, its dates, clock
 * stops and extensions, the answer part by part and the disclosure log stay: the Act is
 * applicant-blind, so none of them needs the requester's name.
 */
import { and, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/database.js';
import type { RetentionPart } from '../../platform/modules.js';
import { foiPaths } from './paths.js';
import { foiRequests } from './schema.js';

/** An anonymised requester's name and contact: emptied, which also marks the request done. */
export const REQUESTER_REMOVED = '';

/** The day the request's last stage closed, in SQL: null while a stage is still open. */
const closedOn = sql`case
  when r.answered_on is not null
   and (r.review_requested_on is null or r.review_decided_on is not null)
   and (r.complaint_made_on is null or r.complaint_decided_on is not null)
  then greatest(r.answered_on, r.review_decided_on, r.complaint_decided_on) end`;

export function foiRequesterRetention(now: () => Date): RetentionPart {
  return {
    kind: 'FOI requesters',
    describe:
      "A Freedom of Information request's requester: their name and contact details (an e-mail or postal address).",
    schedule: {
      key: 'foi.requesters',
      name: 'Requesters’ details on Freedom of Information requests',
      trigger:
        "The day the request's last stage closed: the answer, or the internal review's or the Information Commissioner's decision",
      defaultPeriod: { count: 36, unit: 'months' },
      reason:
        "Three years after the case closed, as The National Archives' retention guidance under the Lord Chancellor's Code of Practice (section 46, Freedom of Information Act 2000) has for request case files: long enough for a complaint to the Information Commissioner and an appeal to the Tribunal, and to see repeated or vexatious requests (section 14).",
      action: 'anonymise',
      keeps:
        'the request, what was asked, its dates, the answer part by part with the exemptions, the later stages and the disclosure log',
      ownerRole: 'coordination_unit',
      async due(executor: Executor, startedBy: string, limit: number, offset: number) {
        const rows = await queryRows<{ id: string; number: number; closed_on: string }>(
          executor,
          sql`select r.id, r.number, c.closed_on::text as closed_on
            from foi_requests r cross join lateral (select ${closedOn} as closed_on) c
            where r.answered_on <= ${startedBy}::date
              and r.requester_name <> ${REQUESTER_REMOVED}
              and c.closed_on <= ${startedBy}::date
            order by c.closed_on, r.id
            limit ${limit} offset ${offset}`,
        );
        return rows.map((r) => ({
          id: r.id,
          startedOn: r.closed_on,
          reference: `FOI-${r.number}`,
          href: foiPaths.request(r.id),
          personIds: [],
        }));
      },
      async apply(executor: Executor, ids: readonly string[]) {
        if (!ids.length) return 0;
        const done = await executor
          .update(foiRequests)
          .set({
            requesterName: REQUESTER_REMOVED,
            requesterContact: REQUESTER_REMOVED,
            version: sql`${foiRequests.version} + 1`,
            updatedAt: now(),
          })
          .where(
            and(
              inArray(foiRequests.id, [...ids]),
              isNotNull(foiRequests.answeredOn),
              ne(foiRequests.requesterName, REQUESTER_REMOVED),
              // Still closed: a review or complaint recorded since the run looked keeps it.
              sql`(${foiRequests.reviewRequestedOn} is null or ${foiRequests.reviewDecidedOn} is not null)`,
              sql`(${foiRequests.complaintMadeOn} is null or ${foiRequests.complaintDecidedOn} is not null)`,
            ),
          )
          .returning({ id: foiRequests.id });
        return done.length;
      },
    },
  };
}
