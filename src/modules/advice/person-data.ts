/**
 * DP-02: the advice module's part of what Bridge holds about a person: the requests they made
 * (by their account), and as an advisor their profile, unavailability, conflicts of interest,
 * nominations, the advice they gave and what was disclosed to them. Files by name only.
 */
import { eq, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
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
}

export function createAdvicePersonData(deps: AdvicePersonDataDeps) {
  const { groupNameSql } = deps;
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
              Request: adviceRequests.reference,
              Subject: adviceRequests.subject,
              Details: adviceRequests.details,
              Operation: adviceRequests.operation,
              Urgency: adviceRequests.urgency,
              Communities: adviceRequests.communities,
              Location: adviceRequests.location,
              'Needed from': adviceRequests.neededFrom,
              'Needed until': adviceRequests.neededUntil,
              Status: adviceRequests.status,
              'Submitted at': adviceRequests.submittedAt,
            })
            .from(adviceRequests)
            .where(eq(adviceRequests.requestedBy, userId))
            .orderBy(adviceRequests.submittedAt)
        : [],
      userId
        ? executor
            .select({
              Request: adviceRequests.reference,
              Question: adviceRequestQuestions.question,
              'Asked at': adviceRequestQuestions.askedAt,
              Answer: adviceRequestQuestions.answer,
              'Answered at': adviceRequestQuestions.answeredAt,
            })
            .from(adviceRequestQuestions)
            .innerJoin(adviceRequests, eq(adviceRequests.id, adviceRequestQuestions.requestId))
            .where(eq(adviceRequestQuestions.answeredBy, userId))
            .orderBy(adviceRequestQuestions.askedAt)
        : [],
      userId
        ? executor
            .select({
              Request: adviceRequests.reference,
              Title: adviceDocuments.title,
              'File name': adviceDocuments.fileName,
              'Uploaded at': adviceDocuments.uploadedAt,
              'Removed at': adviceDocuments.removedAt,
            })
            .from(adviceDocuments)
            .innerJoin(adviceRequests, eq(adviceRequests.id, adviceDocuments.requestId))
            .where(eq(adviceDocuments.uploadedBy, userId))
            .orderBy(adviceDocuments.uploadedAt)
        : [],
      executor
        .select({
          Experience: advisorProfiles.experience,
          'Last changed at': advisorProfiles.updatedAt,
        })
        .from(advisorProfiles)
        .where(eq(advisorProfiles.personId, personId)),
      executor
        .select({
          'Starts on': advisorUnavailability.startsOn,
          'Ends on': advisorUnavailability.endsOn,
          Note: advisorUnavailability.note,
        })
        .from(advisorUnavailability)
        .where(eq(advisorUnavailability.personId, personId))
        .orderBy(advisorUnavailability.startsOn),
      executor
        .select({
          Request: adviceRequests.reference,
          Reason: adviceConflicts.reason,
          'Recorded at': adviceConflicts.recordedAt,
        })
        .from(adviceConflicts)
        .innerJoin(adviceRequests, eq(adviceRequests.id, adviceConflicts.requestId))
        .where(eq(adviceConflicts.personId, personId))
        .orderBy(adviceConflicts.recordedAt),
      executor
        .select({
          Request: adviceRequests.reference,
          Subject: adviceRequests.subject,
          Group: groupNameSql(deployments.groupId),
          Status: deployments.status,
          'Deployed on': deployments.deployedOn,
          'Nominated at': deployments.nominatedAt,
          'Reason for nominating': deployments.nominationReason,
          'Answered at': deployments.respondedAt,
          'Reason for declining': deployments.declineReason,
          'Arranged at': deployments.arrangedAt,
          Arrangements: deployments.arrangements,
        })
        .from(deployments)
        .innerJoin(adviceRequests, eq(adviceRequests.id, deployments.requestId))
        .where(eq(deployments.personId, personId))
        .orderBy(deployments.nominatedAt),
      executor
        .select({
          Request: adviceRequests.reference,
          Group: groupNameSql(adviceGiven.groupId),
          'Given on': adviceGiven.givenOn,
          Summary: adviceGiven.summary,
          Independent: adviceGiven.independent,
          'Why it is labelled so': adviceGiven.independenceBasis,
          Outcome: adviceGiven.outcome,
          'Reason for the outcome': adviceGiven.outcomeReason,
        })
        .from(adviceGiven)
        .innerJoin(adviceRequests, eq(adviceRequests.id, adviceGiven.requestId))
        .where(eq(adviceGiven.personId, personId))
        .orderBy(adviceGiven.givenOn),
      executor
        .select({
          Request: adviceRequests.reference,
          Kind: disclosures.kind,
          Title: disclosures.title,
          Protocol: disclosures.protocol,
          Terms: disclosures.terms,
          'Disclosed at': disclosures.disclosedAt,
          'Terms acknowledged at': disclosures.acknowledgedAt,
        })
        .from(disclosures)
        .innerJoin(adviceRequests, eq(adviceRequests.id, disclosures.requestId))
        .where(eq(disclosures.personId, personId))
        .orderBy(disclosures.disclosedAt),
    ]);
    return [
      personDataSection('Requests for advice made', requested),
      personDataSection('Questions answered about their requests', questions),
      personDataSection('Documents added to requests', documents),
      personDataSection('Advisor profile', profile),
      personDataSection('Days unavailable', unavailable),
      personDataSection('Conflicts of interest', conflicts),
      personDataSection('Nominations and deployments', nominated),
      personDataSection('Advice given', given),
      personDataSection('Disclosed to them', disclosed),
    ];
  };
}
