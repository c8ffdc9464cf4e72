/**
 * DP-02: assessment's and the award's part of what Bridge holds about a person, kept by account:
 * the applications they were asked to assess (with any conflict of interest they declared and
 * their comments) and the panel decisions they recorded. Words from `grants:assessment.personData.`.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../../platform/person-data.js';
import { grantApplications, grantAssessments } from '../schema.js';

const SECTIONS: readonly PersonDataQuery[] = [
  {
    name: 'assessments',
    columns: {
      grant: grantApplications.projectTitle,
      askedAt: grantAssessments.createdAt,
      sentAt: grantAssessments.submittedAt,
      comments: grantAssessments.comments,
      conflictDeclaredAt: grantAssessments.conflictDeclaredAt,
      conflict: grantAssessments.conflictNote,
    },
    from: grantAssessments,
    join: [[grantApplications, eq(grantApplications.id, grantAssessments.applicationId)]],
    where: ({ userId }) => (userId ? eq(grantAssessments.assessorId, userId) : undefined),
    orderBy: [grantAssessments.createdAt, grantAssessments.id],
  },
  {
    name: 'decisions',
    columns: {
      grant: grantApplications.projectTitle,
      decidedAt: grantApplications.decidedAt,
      outcome: grantApplications.status,
      reason: grantApplications.decisionReason,
    },
    from: grantApplications,
    where: ({ userId }) => (userId ? eq(grantApplications.decidedBy, userId) : undefined),
    orderBy: [grantApplications.decidedAt, grantApplications.id],
  },
];

export function assessmentPersonData(
  t: Translate,
  executor: Executor,
  subject: PersonDataSubject,
): Promise<PersonDataSection[]> {
  return personDataSections(
    {
      title: (name) => t(`grants:assessment.personData.${name}`),
      column: (column) => t(`grants:assessment.personData.column.${column}`),
    },
    SECTIONS,
  )(executor, subject);
}
