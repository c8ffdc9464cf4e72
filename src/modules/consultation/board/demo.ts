/**
 * The strategy board's part of the demonstration dataset (CON-01): the board with four members,
 * two from the authority (the demo authority member chairs it) and two from the police, and two
 * performance measures with this year's targets, one with its actual reported. There is no demo
 * major consultation yet, so no approval is minuted.
 */
import { inArray } from 'drizzle-orm';
import {
  reportingYearOf,
  type IsoDate,
  addCalendarMonths,
} from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { ensureBoard } from './read.js';
import {
  consultationBoardMembers,
  consultationMeasureYears,
  consultationMeasures,
} from './schema.js';

/** The police members, added to the directory by the demo data. */
export const DEMO_BOARD_POLICE_PEOPLE = [
  {
    fullName: 'Chief Superintendent Ruth Adeyemi',
    jobTitle: 'Head of consultation, police service',
  },
  { fullName: 'Superintendent Mark Ellis', jobTitle: 'Corporate planning, police service' },
];

export async function loadConsultationBoardDemo(
  tx: Executor,
  members: { authorityChair: string; authorityMember: string; police: readonly string[] },
  today: IsoDate,
): Promise<void> {
  const board = await ensureBoard(tx, {
    name: 'Consultation strategy board',
    remit:
      'Oversees the consultation strategy and its action plan; approves major consultations such as the annual policing priorities; oversees borough consultation and its cost; reviews results before they go to the planning panel; agrees performance measures and targets for consultation.',
  });
  const fromOn = addCalendarMonths(today, -6);
  await tx.insert(consultationBoardMembers).values([
    {
      boardId: board.id,
      personId: members.authorityChair,
      side: 'authority',
      role: 'chair',
      fromOn,
    },
    {
      boardId: board.id,
      personId: members.authorityMember,
      side: 'authority',
      role: 'member',
      fromOn,
    },
    ...members.police.map((personId) => ({
      boardId: board.id,
      personId,
      side: 'police' as const,
      role: 'member' as const,
      fromOn,
    })),
  ]);
  const measures = await tx
    .insert(consultationMeasures)
    .values([
      {
        name: 'Responses to the policing priorities consultation',
        counts: 'Responses submitted to the annual policing priorities consultation',
        unit: 'responses',
        higherIsBetter: true,
      },
      {
        name: 'Cost per response',
        counts: 'What the year’s consultation cost, divided by the responses it drew',
        unit: '£',
        higherIsBetter: false,
      },
    ])
    .onConflictDoNothing()
    .returning({ id: consultationMeasures.id });
  const startYear = reportingYearOf(today).startYear;
  if (measures.length === 2)
    await tx.insert(consultationMeasureYears).values([
      {
        measureId: measures[0]!.id,
        startYear,
        target: 3000,
        actual: 3412,
        note: 'Boosted by the citizens’ panel wave in June.',
      },
      { measureId: measures[1]!.id, startYear, target: 12.5 },
    ]);
}

/** The demo people's memberships, before the people go. */
export async function removeConsultationBoardDemo(
  tx: Executor,
  demoPeople: readonly string[],
): Promise<void> {
  if (demoPeople.length)
    await tx
      .delete(consultationBoardMembers)
      .where(inArray(consultationBoardMembers.personId, [...demoPeople]));
}
