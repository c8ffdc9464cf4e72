/**
 * DP-02: the groups module's part of what Bridge holds about a person: their terms in groups,
 * applications, declarations, clearances, exemptions, commendations, elections, the police
 * roles they attend in, and (DP-01, their own data, kept apart) their diversity answers.
 */
import { eq, getTableColumns, inArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Translate } from '../../platform/i18n/messages.js';
import { personDataSections } from '../../platform/person-data.js';
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
  /** The default language's messages: the export is made without a request. */
  t: Translate;
}

export function createGroupsPersonData(deps: GroupsPersonDataDeps) {
  const { t } = deps;
  const { personId: _person, ...diversityColumns } = getTableColumns(diversityAnswers);
  const group = (groupId: SQLWrapper): [typeof advisoryGroups, SQL] => [
    advisoryGroups,
    eq(advisoryGroups.id, groupId),
  ];

  /** Each section titled, and its columns named, from the catalogue (`groups:personData`). */
  return personDataSections(
    {
      title: (name) => t(`groups:personData.sections.${name}`),
      column: (column) => t(`groups:personData.columns.${column}`),
    },
    [
      {
        name: 'terms',
        columns: {
          group: advisoryGroups.name,
          term: memberships.termNumber,
          startsOn: memberships.startsOn,
          endsOn: memberships.endsOn,
          status: memberships.status,
          leftOn: memberships.leftOn,
          leavingReason: memberships.leavingReason,
          namePublished: memberships.publishName,
          recordedAt: memberships.createdAt,
        },
        from: memberships,
        join: [group(memberships.groupId)],
        where: ({ personId }) => eq(memberships.personId, personId),
        orderBy: [memberships.startsOn],
      },
      {
        name: 'secondTerms',
        columns: {
          group: advisoryGroups.name,
          termStarting: memberships.startsOn,
          status: reappointments.status,
          proposedAt: reappointments.proposedAt,
          chairAgreedAt: reappointments.chairAgreedAt,
          directorAgreedAt: reappointments.directorAgreedAt,
          declinedAt: reappointments.declinedAt,
          declinedReason: reappointments.declinedReason,
          recordedAgreedOn: reappointments.recordedAgreedOn,
        },
        from: reappointments,
        join: [
          [memberships, eq(memberships.id, reappointments.membershipId)],
          group(memberships.groupId),
        ],
        where: ({ personId }) => eq(memberships.personId, personId),
        orderBy: [reappointments.proposedAt],
      },
      {
        name: 'applications',
        columns: {
          group: advisoryGroups.name,
          submittedAt: applications.submittedAt,
          fullName: applications.fullName,
          email: applications.email,
          phone: applications.phone,
          dateOfBirth: applications.dateOfBirth,
          communities: applications.communities,
          statement: applications.statement,
          independenceConfirmed: applications.independenceConfirmed,
          principlesConfirmed: applications.principlesConfirmed,
          status: applications.status,
          assessment: applications.assessment,
          decisionReason: applications.decisionReason,
          decidedAt: applications.decidedAt,
        },
        from: applications,
        join: [
          [recruitmentRounds, eq(recruitmentRounds.id, applications.roundId)],
          group(recruitmentRounds.groupId),
        ],
        // An application is made without an account: it is theirs by its e-mail address, or by
        // the term it led to.
        where: async ({ personId }, executor) => {
          const person = (await deps.directory.lookups.people(executor, [personId])).get(personId);
          const theirMemberships = executor
            .select({ id: memberships.id })
            .from(memberships)
            .where(eq(memberships.personId, personId));
          return person?.email
            ? or(
                inArray(applications.membershipId, theirMemberships),
                sql`lower(${applications.email}) = lower(${person.email})`,
              )
            : inArray(applications.membershipId, theirMemberships);
        },
        orderBy: [applications.submittedAt],
        identifying: ['fullName', 'email', 'phone', 'dateOfBirth'],
      },
      {
        name: 'declarations',
        columns: {
          declaredOn: declarations.declaredOn,
          interests: declarations.interests,
          independenceConfirmed: declarations.independenceConfirmed,
          principlesConfirmed: declarations.principlesConfirmed,
        },
        from: declarations,
        where: ({ personId }) => eq(declarations.personId, personId),
        orderBy: [declarations.declaredOn],
      },
      {
        name: 'clearances',
        columns: {
          level: clearances.level,
          grantedOn: clearances.grantedOn,
          expiresOn: clearances.expiresOn,
          requiredBy: deps.organisationNameSql(clearances.requiredById),
          withdrawnOn: clearances.withdrawnOn,
        },
        from: clearances,
        where: ({ personId }) => eq(clearances.personId, personId),
        orderBy: [clearances.grantedOn],
      },
      {
        name: 'exemptions',
        columns: {
          approvedBy: accessExemptions.approvedBy,
          approvedOn: accessExemptions.approvedOn,
          expiresOn: accessExemptions.expiresOn,
          reason: accessExemptions.reason,
          revokedOn: accessExemptions.revokedOn,
        },
        from: accessExemptions,
        where: ({ personId }) => eq(accessExemptions.personId, personId),
        orderBy: [accessExemptions.approvedOn],
      },
      {
        name: 'commendations',
        columns: {
          group: advisoryGroups.name,
          awardedOn: commendations.awardedOn,
          citation: commendations.citation,
        },
        from: commendations,
        join: [group(commendations.groupId)],
        where: ({ personId }) => eq(commendations.personId, personId),
        orderBy: [commendations.awardedOn],
      },
      {
        // Someone else's commendation, on which this person was consulted.
        name: 'commendationsConsultedOn',
        columns: {
          group: advisoryGroups.name,
          awardedOn: commendations.awardedOn,
          consultedAs: commendations.consultedCapacity,
        },
        from: commendations,
        join: [group(commendations.groupId)],
        where: ({ personId }) => eq(commendations.consultedPersonId, personId),
        orderBy: [commendations.awardedOn],
      },
      {
        name: 'elections',
        columns: {
          group: advisoryGroups.name,
          heldOn: elections.heldOn,
          elected: electionCandidates.elected,
          votes: electionCandidates.votes,
        },
        from: electionCandidates,
        join: [
          [elections, eq(elections.id, electionCandidates.electionId)],
          group(elections.groupId),
        ],
        where: ({ personId }) => eq(electionCandidates.personId, personId),
        orderBy: [elections.heldOn],
      },
      {
        name: 'policeRoles',
        columns: {
          group: advisoryGroups.name,
          role: policeAttendees.role,
          rank: policeAttendees.rank,
          from: policeAttendees.fromOn,
          until: policeAttendees.untilOn,
        },
        from: policeAttendees,
        join: [group(policeAttendees.groupId)],
        where: ({ personId }) => eq(policeAttendees.personId, personId),
        orderBy: [policeAttendees.fromOn],
      },
      {
        name: 'deploymentContact',
        columns: { group: advisoryGroups.name },
        from: advisoryGroups,
        where: ({ personId }) => eq(advisoryGroups.deploymentContactId, personId),
        orderBy: [advisoryGroups.name],
      },
      {
        name: 'panels',
        columns: { group: advisoryGroups.name, roundOpenedOn: recruitmentRounds.opensOn },
        from: recruitmentPanel,
        join: [
          [recruitmentRounds, eq(recruitmentRounds.id, recruitmentPanel.roundId)],
          group(recruitmentRounds.groupId),
        ],
        where: ({ userId }) => (userId ? eq(recruitmentPanel.userId, userId) : undefined),
        orderBy: [recruitmentRounds.opensOn],
      },
      // DP-01: their own answers, in a section of their own, as they are held apart. Every
      // answer they gave, and when: the table's columns but the person's id.
      {
        name: 'diversity',
        columns: diversityColumns,
        from: diversityAnswers,
        where: ({ personId }) => eq(diversityAnswers.personId, personId),
      },
    ],
  );
}
