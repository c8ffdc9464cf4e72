/**
 * DP-02: monitoring's part of what Bridge holds about a person, kept by account: the returns they
 * sent and accepted, the underspend and clawback they recorded, and the evaluations they made.
 * For the grants module's `personData`, beside the applications' sections. Section titles and
 * columns are the catalogue's (`grants:monitoring.personData.`).
 */
import { eq, type AnyColumn } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../../platform/person-data.js';
import { grantAdjustments, grantApplications, grantEvaluations, grantReturns } from '../schema.js';

const onGrant = (column: AnyColumn) =>
  [[grantApplications, eq(grantApplications.id, column)]] as const;

const SECTIONS: readonly PersonDataQuery[] = [
  {
    name: 'returnsSent',
    columns: {
      grant: grantApplications.projectTitle,
      period: grantReturns.period,
      sentAt: grantReturns.submittedAt,
      progress: grantReturns.progress,
    },
    from: grantReturns,
    join: onGrant(grantReturns.applicationId),
    where: ({ userId }) => (userId ? eq(grantReturns.submittedBy, userId) : undefined),
    orderBy: [grantReturns.submittedAt, grantReturns.id],
  },
  {
    name: 'returnsAccepted',
    columns: {
      grant: grantApplications.projectTitle,
      period: grantReturns.period,
      acceptedAt: grantReturns.acceptedAt,
    },
    from: grantReturns,
    join: onGrant(grantReturns.applicationId),
    where: ({ userId }) => (userId ? eq(grantReturns.acceptedBy, userId) : undefined),
    orderBy: [grantReturns.acceptedAt, grantReturns.id],
  },
  {
    name: 'adjustments',
    columns: {
      grant: grantApplications.projectTitle,
      kind: grantAdjustments.kind,
      amountPence: grantAdjustments.amountPence,
      reason: grantAdjustments.reason,
      recordedOn: grantAdjustments.recordedOn,
    },
    from: grantAdjustments,
    join: onGrant(grantAdjustments.applicationId),
    where: ({ userId }) => (userId ? eq(grantAdjustments.recordedBy, userId) : undefined),
    orderBy: [grantAdjustments.recordedOn, grantAdjustments.id],
  },
  {
    name: 'evaluations',
    columns: {
      grant: grantApplications.projectTitle,
      evaluatedOn: grantEvaluations.evaluatedOn,
    },
    from: grantEvaluations,
    join: onGrant(grantEvaluations.applicationId),
    where: ({ userId }) => (userId ? eq(grantEvaluations.evaluatedBy, userId) : undefined),
    orderBy: [grantEvaluations.evaluatedOn, grantEvaluations.applicationId],
  },
];

export function monitoringPersonData(
  t: Translate,
  executor: Executor,
  subject: PersonDataSubject,
): Promise<PersonDataSection[]> {
  return personDataSections(
    {
      title: (name) => t(`grants:monitoring.personData.${name}`),
      column: (column) => t(`grants:monitoring.personData.column.${column}`),
    },
    SECTIONS,
  )(executor, subject);
}
