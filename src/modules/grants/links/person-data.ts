/**
 * DP-02: the grant links' part of what Bridge holds about a person, kept by account: the ties of
 * grants to meetings, recommendations and consultations they made. Words from
 * `grants:links.personData.`.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../../platform/person-data.js';
import { grantApplications, grantLinks } from '../schema.js';

const SECTIONS: readonly PersonDataQuery[] = [
  {
    name: 'links',
    columns: {
      grant: grantApplications.projectTitle,
      kind: grantLinks.kind,
      note: grantLinks.note,
      createdAt: grantLinks.createdAt,
    },
    from: grantLinks,
    join: [[grantApplications, eq(grantApplications.id, grantLinks.applicationId)]],
    where: ({ userId }) => (userId ? eq(grantLinks.createdBy, userId) : undefined),
    orderBy: [grantLinks.createdAt, grantLinks.id],
  },
];

export function linksPersonData(
  t: Translate,
  executor: Executor,
  subject: PersonDataSubject,
): Promise<PersonDataSection[]> {
  return personDataSections(
    {
      title: (name) => t(`grants:links.personData.${name}`),
      column: (column) => t(`grants:links.personData.column.${column}`),
    },
    SECTIONS,
  )(executor, subject);
}
