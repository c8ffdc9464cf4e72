/**
 * DP-02: the advice module's part of what Bridge holds about a person: the requests they made
 * (by their account), and as an advisor their profile, unavailability, conflicts of interest,
 * nominations, the advice they gave and what was disclosed to them. Files by name only.
 */
import { eq, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSection } from '../../platform/person-data.js';
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
  /** A section, titled and its columns named in words (`advice:personData.columns.<name>`). */
  const section = (name: string, rows: Record<string, unknown>[]) =>
    personDataSection(t(`advice:personData.sections.${name}`), rows, (column) =>
      t(`advice:personData.columns.${column}`),
    );
  return async function advicePersonData(
    executor: Executor,
    subject: PersonDataSubject,
  ): Promise<PersonDataSection[]> {
    const { personId, userId } = subject;
    const [
      requested,
      questions,
      documents,
      profile,
      unavailable,
      conflicts,
      nominated,
      given,
      disclosed,
    ] = await Promise.all([
      userId
        ? executor
            .select({
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
            })
            .from(adviceRequests)
            .where(eq(adviceRequests.requestedBy, userId))
            .orderBy(adviceRequests.submittedAt)
        : [],
      userId
        ? executor
            .select({
              request: adviceRequests.reference,
              question: adviceRequestQuestions.question,
              askedAt: adviceRequestQuestions.askedAt,
              answer: adviceRequestQuestions.answer,
              answeredAt: adviceRequestQuestions.answeredAt,
            })
            .from(adviceRequestQuestions)
            .innerJoin(adviceRequests, eq(adviceRequests.id, adviceRequestQuestions.requestId))
            .where(eq(adviceRequestQuestions.answeredBy, userId))
            .orderBy(adviceRequestQuestions.askedAt)
        : [],
      userId
        ? executor
            .select({
              request: adviceRequests.reference,
              title: adviceDocuments.title,
              fileName: adviceDocuments.fileName,
              uploadedAt: adviceDocuments.uploadedAt,
              removedAt: adviceDocuments.removedAt,
            })
            .from(adviceDocuments)
            .innerJoin(adviceRequests, eq(adviceRequests.id, adviceDocuments.requestId))
            .where(eq(adviceDocuments.uploadedBy, userId))
            .orderBy(adviceDocuments.uploadedAt)
        : [],
      executor
        .select({
          experience: advisorProfiles.experience,
          lastChangedAt: advisorProfiles.updatedAt,
        })
        .from(advisorProfiles)
        .where(eq(advisorProfiles.personId, personId)),
      executor
        .select({
          startsOn: advisorUnavailability.startsOn,
          endsOn: advisorUnavailability.endsOn,
          note: advisorUnavailability.note,
        })
        .from(advisorUnavailability)
        .where(eq(advisorUnavailability.personId, personId))
        .orderBy(advisorUnavailability.startsOn),
      executor
        .select({
          request: adviceRequests.reference,
          reason: adviceConflicts.reason,
          recordedAt: adviceConflicts.recordedAt,
        })
        .from(adviceConflicts)
        .innerJoin(adviceRequests, eq(adviceRequests.id, adviceConflicts.requestId))
        .where(eq(adviceConflicts.personId, personId))
        .orderBy(adviceConflicts.recordedAt),
      executor
        .select({
          request: adviceRequests.reference,
          subject: adviceRequests.subject,
          group: groupNameSql(deployments.groupId),
          status: deployments.status,
          deployedOn: deployments.deployedOn,
          nominatedAt: deployments.nominatedAt,
          reasonForNominating: deployments.nominationReason,
          answeredAt: deployments.respondedAt,
          reasonForDeclining: deployments.declineReason,
          arrangedAt: deployments.arrangedAt,
          arrangements: deployments.arrangements,
        })
        .from(deployments)
        .innerJoin(adviceRequests, eq(adviceRequests.id, deployments.requestId))
        .where(eq(deployments.personId, personId))
        .orderBy(deployments.nominatedAt),
      executor
        .select({
          request: adviceRequests.reference,
          group: groupNameSql(adviceGiven.groupId),
          givenOn: adviceGiven.givenOn,
          summary: adviceGiven.summary,
          independent: adviceGiven.independent,
          whyItIsLabelledSo: adviceGiven.independenceBasis,
          outcome: adviceGiven.outcome,
          reasonForTheOutcome: adviceGiven.outcomeReason,
        })
        .from(adviceGiven)
        .innerJoin(adviceRequests, eq(adviceRequests.id, adviceGiven.requestId))
        .where(eq(adviceGiven.personId, personId))
        .orderBy(adviceGiven.givenOn),
      executor
        .select({
          request: adviceRequests.reference,
          kind: disclosures.kind,
          title: disclosures.title,
          protocol: disclosures.protocol,
          terms: disclosures.terms,
          disclosedAt: disclosures.disclosedAt,
          termsAcknowledgedAt: disclosures.acknowledgedAt,
        })
        .from(disclosures)
        .innerJoin(adviceRequests, eq(adviceRequests.id, disclosures.requestId))
        .where(eq(disclosures.personId, personId))
        .orderBy(disclosures.disclosedAt),
    ]);
    return [
      section('requestsForAdviceMade', requested),
      section('questionsAnsweredAboutTheirRequests', questions),
      section('documentsAddedToRequests', documents),
      section('advisorProfile', profile),
      section('daysUnavailable', unavailable),
      section('conflictsOfInterest', conflicts),
      section('nominationsAndDeployments', nominated),
      section('adviceGiven', given),
      section('disclosedToThem', disclosed),
    ];
  };
}
