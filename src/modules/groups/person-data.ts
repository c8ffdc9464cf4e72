/**
 * DP-02: the groups module's part of what Bridge holds about a person: their terms in groups,
 * applications, declarations, clearances, exemptions, commendations, elections, the police
 * roles they attend in, and (DP-01, their own data, kept apart) their diversity answers.
 */
import { eq, getTableColumns, inArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
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
  /** The default language's messages: the export is made without a request. */
  t: Translate;
}

export function createGroupsPersonData(deps: GroupsPersonDataDeps) {
  const { t } = deps;
  const { personId: _person, ...diversityColumns } = getTableColumns(diversityAnswers);
  /** A section titled, and its columns named, from the catalogue (`groups:personData`). */
  const section = (name: string, rows: readonly Record<string, unknown>[]) =>
    personDataSection(t(`groups:personData.sections.${name}`), rows, (column) =>
      t(`groups:personData.columns.${column}`),
    );

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
          group: advisoryGroups.name,
          term: memberships.termNumber,
          startsOn: memberships.startsOn,
          endsOn: memberships.endsOn,
          status: memberships.status,
          leftOn: memberships.leftOn,
          leavingReason: memberships.leavingReason,
          namePublished: memberships.publishName,
          recordedAt: memberships.createdAt,
        })
        .from(memberships)
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, memberships.groupId))
        .where(eq(memberships.personId, personId))
        .orderBy(memberships.startsOn),
      executor
        .select({
          group: advisoryGroups.name,
          termStarting: memberships.startsOn,
          status: reappointments.status,
          proposedAt: reappointments.proposedAt,
          chairAgreedAt: reappointments.chairAgreedAt,
          directorAgreedAt: reappointments.directorAgreedAt,
          declinedAt: reappointments.declinedAt,
          declinedReason: reappointments.declinedReason,
          recordedAgreedOn: reappointments.recordedAgreedOn,
        })
        .from(reappointments)
        .innerJoin(memberships, eq(memberships.id, reappointments.membershipId))
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, memberships.groupId))
        .where(eq(memberships.personId, personId))
        .orderBy(reappointments.proposedAt),
      executor
        .select({
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
        })
        .from(applications)
        .innerJoin(recruitmentRounds, eq(recruitmentRounds.id, applications.roundId))
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, recruitmentRounds.groupId))
        .where(applicationIsTheirs)
        .orderBy(applications.submittedAt),
      executor
        .select({
          declaredOn: declarations.declaredOn,
          interests: declarations.interests,
          independenceConfirmed: declarations.independenceConfirmed,
          principlesConfirmed: declarations.principlesConfirmed,
        })
        .from(declarations)
        .where(eq(declarations.personId, personId))
        .orderBy(declarations.declaredOn),
      executor
        .select({
          level: clearances.level,
          grantedOn: clearances.grantedOn,
          expiresOn: clearances.expiresOn,
          requiredBy: deps.organisationNameSql(clearances.requiredById),
          withdrawnOn: clearances.withdrawnOn,
        })
        .from(clearances)
        .where(eq(clearances.personId, personId))
        .orderBy(clearances.grantedOn),
      executor
        .select({
          approvedBy: accessExemptions.approvedBy,
          approvedOn: accessExemptions.approvedOn,
          expiresOn: accessExemptions.expiresOn,
          reason: accessExemptions.reason,
          revokedOn: accessExemptions.revokedOn,
        })
        .from(accessExemptions)
        .where(eq(accessExemptions.personId, personId))
        .orderBy(accessExemptions.approvedOn),
      executor
        .select({
          group: advisoryGroups.name,
          awardedOn: commendations.awardedOn,
          citation: commendations.citation,
        })
        .from(commendations)
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, commendations.groupId))
        .where(eq(commendations.personId, personId))
        .orderBy(commendations.awardedOn),
      executor
        .select({
          group: advisoryGroups.name,
          heldOn: elections.heldOn,
          elected: electionCandidates.elected,
          votes: electionCandidates.votes,
        })
        .from(electionCandidates)
        .innerJoin(elections, eq(elections.id, electionCandidates.electionId))
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, elections.groupId))
        .where(eq(electionCandidates.personId, personId))
        .orderBy(elections.heldOn),
      executor
        .select({
          group: advisoryGroups.name,
          role: policeAttendees.role,
          rank: policeAttendees.rank,
          from: policeAttendees.fromOn,
          until: policeAttendees.untilOn,
        })
        .from(policeAttendees)
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, policeAttendees.groupId))
        .where(eq(policeAttendees.personId, personId))
        .orderBy(policeAttendees.fromOn),
      executor
        .select({ group: advisoryGroups.name })
        .from(advisoryGroups)
        .where(eq(advisoryGroups.deploymentContactId, personId))
        .orderBy(advisoryGroups.name),
      userId
        ? executor
            .select({ group: advisoryGroups.name, roundOpenedOn: recruitmentRounds.opensOn })
            .from(recruitmentPanel)
            .innerJoin(recruitmentRounds, eq(recruitmentRounds.id, recruitmentPanel.roundId))
            .innerJoin(advisoryGroups, eq(advisoryGroups.id, recruitmentRounds.groupId))
            .where(eq(recruitmentPanel.userId, userId))
            .orderBy(recruitmentRounds.opensOn)
        : [],
      // Every answer they gave, and when: the table's columns but the person's id.
      executor
        .select(diversityColumns)
        .from(diversityAnswers)
        .where(eq(diversityAnswers.personId, personId)),
    ]);
    return [
      section('terms', terms),
      section('secondTerms', secondTerms),
      section('applications', applied),
      section('declarations', declared),
      section('clearances', cleared),
      section('exemptions', exempted),
      section('commendations', commended),
      section('elections', stood),
      section('policeRoles', policeRoles),
      section('deploymentContact', deploymentContact),
      section('panels', panels),
      // DP-01: their own answers, in a section of their own, as they are held apart.
      section('diversity', diversity),
    ];
  };
}
