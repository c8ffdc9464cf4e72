/**
 * DP-02: custody visiting's part of what Bridge holds about a person: the panels they
 * coordinate, and their record as a lay visitor with its training courses, the availability
 * they gave for the rota and their visits on it (ICV-03). Section titles and columns are the catalogue's (`custody-visiting:personData.`).
 */
import { eq, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../platform/person-data.js';
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

export function custodyVisitingPersonData(
  t: Translate,
  executor: Executor,
  subject: PersonDataSubject,
): Promise<PersonDataSection[]> {
  return personDataSections(
    {
      title: (name) => t(`custody-visiting:personData.${name}`),
      column: (column) => t(`custody-visiting:personData.column.${column}`),
    },
    SECTIONS,
  )(executor, subject);
}
