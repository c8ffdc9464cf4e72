/**
 * DP-02: the advice module's part of what Bridge holds about a person: the requests they made
 * (by their account), and as an advisor their profile, unavailability, conflicts of interest,
 * nominations, the advice they gave and what was disclosed to them. Files by name only.
 */
import { eq, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Translate } from '../../platform/i18n/messages.js';
import { accountNameSql, personDataSections } from '../../platform/person-data.js';
import {
  adviceConflicts,
  adviceDocuments,
  adviceGiven,
  adviceRequestQuestions,
  adviceRequests,
  advisorProfiles,
  advisorUnavailability,
  deployments,
  disclosures,
} from './schema.js';

export interface AdvicePersonDataDeps {
  groupNameSql(groupId: SQLWrapper): SQL<string>;
  /** The default language's words: the sections' titles and their columns' names. */
  t: Translate;
}

export function createAdvicePersonData(deps: AdvicePersonDataDeps) {
  const { groupNameSql, t } = deps;
  /** Each section titled, and its columns named, in words (`advice:personData.columns.<name>`). */
  return personDataSections(
    {
      title: (name) => t(`advice:personData.sections.${name}`),
      column: (column) => t(`advice:personData.columns.${column}`),
    },
    [
      {
        name: 'requestsForAdviceMade',
        columns: {
          request: adviceRequests.reference,
          subject: adviceRequests.subject,
          details: adviceRequests.details,
          operation: adviceRequests.operation,
          urgency: adviceRequests.urgency,
          communities: adviceRequests.communities,
          location: adviceRequests.location,
          neededFrom: adviceRequests.neededFrom,
          neededUntil: adviceRequests.neededUntil,
          status: adviceRequests.status,
          submittedAt: adviceRequests.submittedAt,
        },
        from: adviceRequests,
        where: ({ userId }) => (userId ? eq(adviceRequests.requestedBy, userId) : undefined),
        orderBy: [adviceRequests.submittedAt],
      },
      {
        name: 'questionsAnsweredAboutTheirRequests',
        columns: {
          request: adviceRequests.reference,
          question: adviceRequestQuestions.question,
          askedAt: adviceRequestQuestions.askedAt,
          answer: adviceRequestQuestions.answer,
          answeredAt: adviceRequestQuestions.answeredAt,
        },
        from: adviceRequestQuestions,
        join: [[adviceRequests, eq(adviceRequests.id, adviceRequestQuestions.requestId)]],
        where: ({ userId }) => (userId ? eq(adviceRequestQuestions.answeredBy, userId) : undefined),
        orderBy: [adviceRequestQuestions.askedAt],
      },
      {
        name: 'documentsAddedToRequests',
        columns: {
          request: adviceRequests.reference,
          title: adviceDocuments.title,
          fileName: adviceDocuments.fileName,
          uploadedAt: adviceDocuments.uploadedAt,
          removedAt: adviceDocuments.removedAt,
        },
        from: adviceDocuments,
        join: [[adviceRequests, eq(adviceRequests.id, adviceDocuments.requestId)]],
        where: ({ userId }) => (userId ? eq(adviceDocuments.uploadedBy, userId) : undefined),
        orderBy: [adviceDocuments.uploadedAt],
      },
      {
        name: 'advisorProfile',
        columns: {
          experience: advisorProfiles.experience,
          lastChangedAt: advisorProfiles.updatedAt,
        },
        from: advisorProfiles,
        where: ({ personId }) => eq(advisorProfiles.personId, personId),
      },
      {
        name: 'daysUnavailable',
        columns: {
          startsOn: advisorUnavailability.startsOn,
          endsOn: advisorUnavailability.endsOn,
          note: advisorUnavailability.note,
        },
        from: advisorUnavailability,
        where: ({ personId }) => eq(advisorUnavailability.personId, personId),
        orderBy: [advisorUnavailability.startsOn],
      },
      {
        name: 'conflictsOfInterest',
        columns: {
          request: adviceRequests.reference,
          reason: adviceConflicts.reason,
          recordedAt: adviceConflicts.recordedAt,
        },
        from: adviceConflicts,
        join: [[adviceRequests, eq(adviceRequests.id, adviceConflicts.requestId)]],
        where: ({ personId }) => eq(adviceConflicts.personId, personId),
        orderBy: [adviceConflicts.recordedAt],
      },
      {
        name: 'nominationsAndDeployments',
        columns: {
          request: adviceRequests.reference,
          subject: adviceRequests.subject,
          group: groupNameSql(deployments.groupId),
          status: deployments.status,
          deployedOn: deployments.deployedOn,
          nominatedAt: deployments.nominatedAt,
          nominatedBy: accountNameSql(deployments.nominatedBy),
          reasonForNominating: deployments.nominationReason,
          answeredAt: deployments.respondedAt,
          reasonForDeclining: deployments.declineReason,
          arrangedAt: deployments.arrangedAt,
          arrangements: deployments.arrangements,
        },
        from: deployments,
        join: [[adviceRequests, eq(adviceRequests.id, deployments.requestId)]],
        where: ({ personId }) => eq(deployments.personId, personId),
        orderBy: [deployments.nominatedAt],
        thirdParty: ['nominatedBy'],
      },
      {
        name: 'adviceGiven',
        columns: {
          request: adviceRequests.reference,
          group: groupNameSql(adviceGiven.groupId),
          givenOn: adviceGiven.givenOn,
          summary: adviceGiven.summary,
          independent: adviceGiven.independent,
          whyItIsLabelledSo: adviceGiven.independenceBasis,
          outcome: adviceGiven.outcome,
          reasonForTheOutcome: adviceGiven.outcomeReason,
        },
        from: adviceGiven,
        join: [[adviceRequests, eq(adviceRequests.id, adviceGiven.requestId)]],
        where: ({ personId }) => eq(adviceGiven.personId, personId),
        orderBy: [adviceGiven.givenOn],
      },
      {
        name: 'disclosedToThem',
        columns: {
          request: adviceRequests.reference,
          kind: disclosures.kind,
          title: disclosures.title,
          protocol: disclosures.protocol,
          terms: disclosures.terms,
          disclosedAt: disclosures.disclosedAt,
          termsAcknowledgedAt: disclosures.acknowledgedAt,
        },
        from: disclosures,
        join: [[adviceRequests, eq(adviceRequests.id, disclosures.requestId)]],
        where: ({ personId }) => eq(disclosures.personId, personId),
        orderBy: [disclosures.disclosedAt],
      },
    ],
  );
}
