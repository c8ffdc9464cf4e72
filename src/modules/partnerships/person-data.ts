/**
 * DP-02: the partnerships register's part of what Bridge holds about a person: the entries
 * naming them as a borough's nominated officer or as its deputy, with the rank recorded and
 * published (CDRP-01), and the entries they were the last to confirm as current. Section titles
 * and columns are the catalogue's (`partnerships:personData.`).
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../platform/person-data.js';
import { partnerships } from './schema.js';

const SECTIONS: readonly PersonDataQuery[] = [
  {
    name: 'officer',
    columns: {
      partnership: partnerships.name,
      rank: partnerships.officerRank,
      lastConfirmedAt: partnerships.confirmedAt,
    },
    from: partnerships,
    where: ({ personId }) => eq(partnerships.officerId, personId),
    orderBy: [partnerships.name],
  },
  {
    name: 'deputy',
    columns: {
      partnership: partnerships.name,
      rank: partnerships.deputyRank,
      lastConfirmedAt: partnerships.confirmedAt,
    },
    from: partnerships,
    where: ({ personId }) => eq(partnerships.deputyId, personId),
    orderBy: [partnerships.name],
  },
  {
    name: 'confirmed',
    columns: { partnership: partnerships.name, confirmedAt: partnerships.confirmedAt },
    from: partnerships,
    // Kept by account: only the latest confirmation of each entry names who made it.
    where: ({ userId }) => (userId ? eq(partnerships.confirmedBy, userId) : undefined),
    orderBy: [partnerships.name],
  },
];

export function partnershipsPersonData(
  t: Translate,
  executor: Executor,
  subject: PersonDataSubject,
): Promise<PersonDataSection[]> {
  return personDataSections(
    {
      title: (name) => t(`partnerships:personData.${name}`),
      column: (column) => t(`partnerships:personData.column.${column}`),
    },
    SECTIONS,
  )(executor, subject);
}
