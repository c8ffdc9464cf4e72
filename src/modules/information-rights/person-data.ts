/**
 * DP-02: the information-rights module's part of what Bridge holds about a person: the subject
 * access requests made about them (the archive sent is in the file store, not repeated here), and
 * their requests to erase or correct.
 */
import { eq, sql, type SQLWrapper } from 'drizzle-orm';
import type { Translate } from '../../platform/i18n/messages.js';
import { accountNameSql, personDataSections } from '../../platform/person-data.js';
import { DECISIONS, ERASURE_KINDS } from './rules.js';
import { erasureRequests, subjectAccessRequests as requests } from './schema.js';

export function createInformationRightsPersonData(t: Translate) {
  /** A coded column (kind, decision) in words, as the request's page shows it. */
  const worded = (column: SQLWrapper, prefix: string, codes: readonly string[]) =>
    sql<string | null>`case ${column} ${sql.join(
      codes.map((c) => sql`when ${c} then ${t(`information-rights:${prefix}.${c}`)}`),
      sql` `,
    )} end`;
  return personDataSections(
    {
      title: (name) => t(`information-rights:personData.${name}`),
      column: (column) => t(`information-rights:personData.columns.${column}`),
    },
    [
      {
        name: 'subjectAccessRequests',
        columns: {
          receivedOn: requests.receivedOn,
          dueOn: requests.dueOn,
          identityMethod: requests.identityMethod,
          identityCheckedBy: accountNameSql(requests.identityCheckedBy),
          identityCheckedAt: requests.identityCheckedAt,
          extensionReason: requests.extensionReason,
          answeredAt: requests.answeredAt,
        },
        from: requests,
        where: ({ personId }) => eq(requests.personId, personId),
        orderBy: [requests.receivedOn],
        thirdParty: ['identityCheckedBy'],
      },
      {
        name: 'erasureRequests',
        columns: {
          kind: worded(erasureRequests.kind, 'kind', ERASURE_KINDS),
          receivedOn: erasureRequests.receivedOn,
          dueOn: erasureRequests.dueOn,
          asked: erasureRequests.asked,
          extensionReason: erasureRequests.extensionReason,
          decision: worded(erasureRequests.decision, 'decision', DECISIONS),
          decisionReasons: erasureRequests.decisionReasons,
          decidedBy: accountNameSql(erasureRequests.decidedBy),
          decidedAt: erasureRequests.decidedAt,
          carriedOutAt: erasureRequests.carriedOutAt,
          corrections: erasureRequests.corrections,
        },
        from: erasureRequests,
        where: ({ personId }) => eq(erasureRequests.personId, personId),
        orderBy: [erasureRequests.receivedOn],
        thirdParty: ['decidedBy'],
      },
    ],
  );
}
