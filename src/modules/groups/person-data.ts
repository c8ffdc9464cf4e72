/**
 * DP-02: the groups module's part of what Bridge holds about a person: their terms in groups,
 * applications, declarations, clearances, exemptions, commendations, elections, the police
 * roles they attend in, and (DP-01, their own data, kept apart) their diversity answers.
 */
import { eq, inArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSection } from '../../platform/person-data.js';
import type { DirectoryService } from '../directory/index.js';
import {
  accessExemptions,
  advisoryGroups,
  applications,
  clearances,
  commendations,
  declarations,
  diversityAnswers,
  electionCandidates,
  elections,
  memberships,
  policeAttendees,
  reappointments,
  recruitmentPanel,
  recruitmentRounds,
} from './schema.js';

export interface GroupsPersonDataDeps {
  directory: DirectoryService;
  organisationNameSql(organisationId: SQLWrapper): SQL<string | null>;
}

export function createGroupsPersonData(deps: GroupsPersonDataDeps) {
  return async function groupsPersonData(
    executor: Executor,
    subject: PersonDataSubject,
  ): Promise<PersonDataSection[]> {
    const { personId, userId } = subject;
    const person = (await deps.directory.lookups.people(executor, [personId])).get(personId);
    // An application is made without an account: it is theirs by its e-mail address, or by
    // the term it led to.
    const theirMemberships = executor
      .select({ id: memberships.id })
      .from(memberships)
      .where(eq(memberships.personId, personId));
    const applicationIsTheirs = person?.email
      ? or(
          inArray(applications.membershipId, theirMemberships),
          sql`lower(${applications.email}) = lower(${person.email})`,
        )
      : inArray(applications.membershipId, theirMemberships);

    const [
      terms,
      secondTerms,
      applied,
      declared,
      cleared,
      exempted,
      commended,
      stood,
      policeRoles,
      deploymentContact,
      panels,
      diversity,
    ] = await Promise.all([
      executor
        .select({
          Group: advisoryGroups.name,
          Term: memberships.termNumber,
          'Starts on': memberships.startsOn,
          'Ends on': memberships.endsOn,
          Status: memberships.status,
          'Left on': memberships.leftOn,
          'Reason for leaving': memberships.leavingReason,
          'Name published': memberships.publishName,
          'Recorded at': memberships.createdAt,
        })
        .from(memberships)
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, memberships.groupId))
        .where(eq(memberships.personId, personId))
        .orderBy(memberships.startsOn),
      executor
        .select({
          Group: advisoryGroups.name,
          'Term starting': memberships.startsOn,
          Status: reappointments.status,
          'Proposed at': reappointments.proposedAt,
          'Agreed by the chair at': reappointments.chairAgreedAt,
          'Agreed by the Director at': reappointments.directorAgreedAt,
          'Declined at': reappointments.declinedAt,
          'Reason for declining': reappointments.declinedReason,
          'Agreed on (before Bridge)': reappointments.recordedAgreedOn,
        })
        .from(reappointments)
        .innerJoin(memberships, eq(memberships.id, reappointments.membershipId))
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, memberships.groupId))
        .where(eq(memberships.personId, personId))
        .orderBy(reappointments.proposedAt),
      executor
        .select({
          Group: advisoryGroups.name,
          'Submitted at': applications.submittedAt,
          'Full name': applications.fullName,
          'E-mail address': applications.email,
          Phone: applications.phone,
          'Date of birth': applications.dateOfBirth,
          Communities: applications.communities,
          Statement: applications.statement,
          'Independence confirmed': applications.independenceConfirmed,
          'Principles confirmed': applications.principlesConfirmed,
          Status: applications.status,
          Assessment: applications.assessment,
          'Reason for the decision': applications.decisionReason,
          'Decided at': applications.decidedAt,
        })
        .from(applications)
        .innerJoin(recruitmentRounds, eq(recruitmentRounds.id, applications.roundId))
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, recruitmentRounds.groupId))
        .where(applicationIsTheirs)
        .orderBy(applications.submittedAt),
      executor
        .select({
          'Declared on': declarations.declaredOn,
          Interests: declarations.interests,
          'Independence confirmed': declarations.independenceConfirmed,
          'Principles confirmed': declarations.principlesConfirmed,
        })
        .from(declarations)
        .where(eq(declarations.personId, personId))
        .orderBy(declarations.declaredOn),
      executor
        .select({
          Level: clearances.level,
          'Granted on': clearances.grantedOn,
          'Expires on': clearances.expiresOn,
          'Required by': deps.organisationNameSql(clearances.requiredById),
          'Withdrawn on': clearances.withdrawnOn,
        })
        .from(clearances)
        .where(eq(clearances.personId, personId))
        .orderBy(clearances.grantedOn),
      executor
        .select({
          'Approved by': accessExemptions.approvedBy,
          'Approved on': accessExemptions.approvedOn,
          'Expires on': accessExemptions.expiresOn,
          Reason: accessExemptions.reason,
          'Revoked on': accessExemptions.revokedOn,
        })
        .from(accessExemptions)
        .where(eq(accessExemptions.personId, personId))
        .orderBy(accessExemptions.approvedOn),
      executor
        .select({
          Group: advisoryGroups.name,
          'Awarded on': commendations.awardedOn,
          Citation: commendations.citation,
        })
        .from(commendations)
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, commendations.groupId))
        .where(eq(commendations.personId, personId))
        .orderBy(commendations.awardedOn),
      executor
        .select({
          Group: advisoryGroups.name,
          'Held on': elections.heldOn,
          Elected: electionCandidates.elected,
          Votes: electionCandidates.votes,
        })
        .from(electionCandidates)
        .innerJoin(elections, eq(elections.id, electionCandidates.electionId))
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, elections.groupId))
        .where(eq(electionCandidates.personId, personId))
        .orderBy(elections.heldOn),
      executor
        .select({
          Group: advisoryGroups.name,
          Role: policeAttendees.role,
          Rank: policeAttendees.rank,
          From: policeAttendees.fromOn,
          Until: policeAttendees.untilOn,
        })
        .from(policeAttendees)
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, policeAttendees.groupId))
        .where(eq(policeAttendees.personId, personId))
        .orderBy(policeAttendees.fromOn),
      executor
        .select({ Group: advisoryGroups.name })
        .from(advisoryGroups)
        .where(eq(advisoryGroups.deploymentContactId, personId))
        .orderBy(advisoryGroups.name),
      userId
        ? executor
            .select({ Group: advisoryGroups.name, 'Round opened on': recruitmentRounds.opensOn })
            .from(recruitmentPanel)
            .innerJoin(recruitmentRounds, eq(recruitmentRounds.id, recruitmentPanel.roundId))
            .innerJoin(advisoryGroups, eq(advisoryGroups.id, recruitmentRounds.groupId))
            .where(eq(recruitmentPanel.userId, userId))
            .orderBy(recruitmentRounds.opensOn)
        : [],
      executor
        .select({
          Ethnicity: diversityAnswers.ethnicity,
          'Religion or belief': diversityAnswers.religion,
          Disability: diversityAnswers.disability,
          'Sexual orientation': diversityAnswers.sexualOrientation,
          'Trans history': diversityAnswers.transHistory,
          'Age band': diversityAnswers.ageBand,
          'Answered at': diversityAnswers.answeredAt,
        })
        .from(diversityAnswers)
        .where(eq(diversityAnswers.personId, personId)),
    ]);
    return [
      personDataSection('Memberships of advisory groups', terms),
      personDataSection('Second terms', secondTerms),
      personDataSection('Applications to join a group', applied),
      personDataSection('Declarations of interests', declared),
      personDataSection('Security clearances', cleared),
      personDataSection('Exemptions from escorted access', exempted),
      personDataSection('Commendations', commended),
      personDataSection('Elections stood in', stood),
      personDataSection('Attending group meetings for the police', policeRoles),
      personDataSection('Groups they are the deployment contact for', deploymentContact),
      personDataSection('Recruitment panels sat on', panels),
      // DP-01: their own answers, in a section of their own, as they are held apart.
      personDataSection('Diversity-monitoring answers', diversity),
    ];
  };
}
