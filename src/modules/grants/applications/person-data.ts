/**
 * DP-02: the applications' part of what Bridge holds about a person, kept by account: the grant
 * applications they began or submitted for what they represent. Words from
 * `grants:applications.personData.`.
 */
import { eq, or } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../../platform/person-data.js';
import { grantApplications } from '../schema.js';

const SECTIONS: readonly PersonDataQuery[] = [
  {
    name: 'applications',
    columns: {
      project: grantApplications.projectTitle,
      applicant: grantApplications.applicantName,
      status: grantApplications.status,
      submittedAt: grantApplications.submittedAt,
    },
    from: grantApplications,
    where: ({ userId }) =>
      userId
        ? or(eq(grantApplications.createdBy, userId), eq(grantApplications.submittedBy, userId))
        : undefined,
    orderBy: [grantApplications.createdAt, grantApplications.id],
  },
];

export function applicationsPersonData(
  t: Translate,
  executor: Executor,
  subject: PersonDataSubject,
): Promise<PersonDataSection[]> {
  return personDataSections(
    {
      title: (name) => t(`grants:applications.personData.${name}`),
      column: (column) => t(`grants:applications.personData.column.${column}`),
    },
    SECTIONS,
  )(executor, subject);
}
