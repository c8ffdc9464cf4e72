/**
 * DP-02: the information-rights module's part of what Bridge holds about a person: the subject
 * access requests made about them (the archive sent is in the file store, not repeated here).
 */
import { eq } from 'drizzle-orm';
import type { Translate } from '../../platform/i18n/messages.js';
import { accountNameSql, personDataSections } from '../../platform/person-data.js';
import { subjectAccessRequests as requests } from './schema.js';

export function createInformationRightsPersonData(t: Translate) {
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
    ],
  );
}
