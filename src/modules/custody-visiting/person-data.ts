/**
 * DP-02: custody visiting's part of what Bridge holds about a person: the panels they
 * coordinate, and their record as a lay visitor with its training courses, the availability
 * they gave for the rota and their visits on it (ICV-03), and their applications (ICV-01). Section titles and columns are the catalogue's (`custody-visiting:personData.`).
 */
import { eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../platform/person-data.js';
import type { DirectoryService } from '../directory/index.js';
import { custodyVisitorApplications as applications } from './applications/schema.js';
import {
  custodyAvailability,
  custodyPanels,
  custodyRotaRounds,
  custodySuites,
  custodyVisitorCourses,
  custodyVisitors,
  custodyVisits,
} from './schema.js';

const SECTIONS: readonly PersonDataQuery[] = [
  {
    name: 'coordinates',
    columns: { name: custodyPanels.name, area: custodyPanels.area },
    from: custodyPanels,
    where: ({ personId }) => eq(custodyPanels.coordinatorId, personId),
    orderBy: [custodyPanels.area],
  },
  {
    name: 'visitor',
    columns: {
      name: custodyPanels.name,
      declaredOn: custodyVisitors.declaredOn,
      interviewedOn: custodyVisitors.interviewedOn,
      interviewOutcome: custodyVisitors.interviewOutcome,
      vettingResult: custodyVisitors.vettingResult,
      vettedOn: custodyVisitors.vettedOn,
      vettingExpiresOn: custodyVisitors.vettingExpiresOn,
      appointedOn: custodyVisitors.appointedOn,
      termEndsOn: custodyVisitors.termEndsOn,
      probationSignedOffOn: custodyVisitors.probationSignedOffOn,
      suspendedFrom: custodyVisitors.suspendedFrom,
      suspensionReason: custodyVisitors.suspensionReason,
      leftOn: custodyVisitors.leftOn,
      leavingReason: custodyVisitors.leavingReason,
    },
    from: custodyVisitors,
    join: [[custodyPanels, eq(custodyPanels.id, custodyVisitors.panelId)]],
    where: ({ personId }) => eq(custodyVisitors.personId, personId),
  },
  {
    name: 'courses',
    columns: { course: custodyVisitorCourses.name, completedOn: custodyVisitorCourses.completedOn },
    from: custodyVisitorCourses,
    join: [[custodyVisitors, eq(custodyVisitors.id, custodyVisitorCourses.visitorId)]],
    where: ({ personId }) => eq(custodyVisitors.personId, personId),
    orderBy: [custodyVisitorCourses.completedOn],
  },
  {
    name: 'availability',
    columns: {
      quarter: custodyRotaRounds.quarterStart,
      unavailableWeeks: sql<string>`array_to_string(${custodyAvailability.unavailableWeeks}, ', ')`,
      note: custodyAvailability.note,
    },
    from: custodyAvailability,
    join: [
      [custodyVisitors, eq(custodyVisitors.id, custodyAvailability.visitorId)],
      [custodyRotaRounds, eq(custodyRotaRounds.id, custodyAvailability.roundId)],
    ],
    where: ({ personId }) => eq(custodyVisitors.personId, personId),
    orderBy: [custodyRotaRounds.quarterStart],
  },
  {
    name: 'visits',
    columns: {
      weekStarting: custodyVisits.weekStarting,
      suite: custodySuites.name,
      status: custodyVisits.status,
      visitOn: custodyVisits.visitOn,
    },
    from: custodyVisits,
    join: [
      [
        custodyVisitors,
        or(
          eq(custodyVisitors.id, custodyVisits.firstVisitorId),
          eq(custodyVisitors.id, custodyVisits.secondVisitorId),
        )!,
      ],
      [custodySuites, eq(custodySuites.id, custodyVisits.suiteId)],
    ],
    where: ({ personId }) => eq(custodyVisitors.personId, personId),
    orderBy: [custodyVisits.weekStarting],
  },
];

/**
 * ICV-01: their applications to be a lay visitor, made without an account: theirs by the
 * visitor record one became, or by their e-mail address (as erasure finds them).
 */
const applicationsOf = (directory: DirectoryService): PersonDataQuery => ({
  name: 'applications',
  columns: {
    fullName: applications.fullName,
    email: applications.email,
    phone: applications.phone,
    applicationArea: applications.area,
    reasons: applications.reasons,
    declaredOn: applications.declaredOn,
    applicationStatus: applications.status,
    declineReason: applications.declineReason,
    decidedAt: applications.decidedAt,
  },
  from: applications,
  where: async ({ personId }, executor) => {
    const email = (await directory.lookups.people(executor, [personId])).get(personId)?.email;
    const theirRecord = executor
      .select({ id: custodyVisitors.id })
      .from(custodyVisitors)
      .where(eq(custodyVisitors.personId, personId));
    return email
      ? or(
          inArray(applications.visitorId, theirRecord),
          sql`lower(${applications.email}) = lower(${email})`,
        )
      : inArray(applications.visitorId, theirRecord);
  },
  orderBy: [applications.declaredOn],
  identifying: ['fullName', 'email', 'phone'],
});

export function custodyVisitingPersonData(
  t: Translate,
  directory: DirectoryService,
  executor: Executor,
  subject: PersonDataSubject,
): Promise<PersonDataSection[]> {
  return personDataSections(
    {
      title: (name) => t(`custody-visiting:personData.${name}`),
      column: (column) => t(`custody-visiting:personData.column.${column}`),
    },
    [...SECTIONS, applicationsOf(directory)],
  )(executor, subject);
}
