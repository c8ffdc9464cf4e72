/**
 * DP-02: the engagement module's part of what Bridge holds about a person: the groups naming them
 * as an officer, the issues they raised for a group, and the assessments they made.
 */
import { eq } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../platform/person-data.js';
import {
  engagementAssessments,
  engagementGroups,
  engagementIssues,
  engagementStandards,
} from './schema.js';

/** The groups naming the person in one office. */
const office = (name: string, column: PgColumn): PersonDataQuery => ({
  name,
  columns: {
    group: engagementGroups.name,
    constitutionAdoptedOn: engagementGroups.constitutionAdoptedOn,
    closedOn: engagementGroups.closedOn,
  },
  from: engagementGroups,
  where: ({ personId }) => eq(column, personId),
  orderBy: [engagementGroups.name],
});

const SECTIONS: readonly PersonDataQuery[] = [
  office('chair', engagementGroups.chairId),
  office('secretary', engagementGroups.secretaryId),
  office('treasurer', engagementGroups.treasurerId),
  {
    name: 'issues',
    columns: {
      group: engagementGroups.name,
      raisedOn: engagementIssues.raisedOn,
      raisedTo: engagementIssues.raisedTo,
      issue: engagementIssues.issue,
      wanted: engagementIssues.wanted,
      response: engagementIssues.response,
      closedOn: engagementIssues.closedOn,
    },
    from: engagementIssues,
    join: [[engagementGroups, eq(engagementGroups.id, engagementIssues.groupId)]],
    // Raised by account: a person without one raised none.
    where: ({ userId }) => (userId ? eq(engagementIssues.raisedBy, userId) : undefined),
    orderBy: [engagementIssues.raisedOn],
  },
  {
    name: 'assessments',
    columns: {
      group: engagementGroups.name,
      standard: engagementStandards.title,
      standing: engagementAssessments.standing,
      evidence: engagementAssessments.evidence,
      assessedOn: engagementAssessments.assessedOn,
    },
    from: engagementAssessments,
    join: [
      [engagementGroups, eq(engagementGroups.id, engagementAssessments.groupId)],
      [engagementStandards, eq(engagementStandards.id, engagementAssessments.standardId)],
    ],
    where: ({ userId }) => (userId ? eq(engagementAssessments.assessedBy, userId) : undefined),
    orderBy: [engagementAssessments.assessedOn],
  },
];

export function engagementPersonData(
  executor: Executor,
  subject: PersonDataSubject,
  /** The default language's messages: the export is made without a request. */
  t: Translate,
): Promise<PersonDataSection[]> {
  return personDataSections(
    {
      title: (name) => t(`engagement:personData.sections.${name}`),
      column: (column) => t(`engagement:personData.columns.${column}`),
    },
    SECTIONS,
  )(executor, subject);
}
