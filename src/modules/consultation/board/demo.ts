/**
 * The strategy board's part of the demonstration dataset (CON-01): the board with four members,
 * two from the authority (the demo authority member chairs it) and two from the police; two
 * performance measures with this year's targets and last year's responses against theirs; and
 * its meetings (the meetings module keeps them, ADR 0005): one held 45 days ago that reviewed
 * the results of the consultation on stop and account, one held three weeks ago that approved
 * this year's policing priorities as a major consultation and agreed the minutes of the first,
 * and its next, in five days, with the draft on neighbourhood policing on its agenda.
 */
import { inArray } from 'drizzle-orm';
import {
  addCalendarDays,
  reportingYearOf,
  type IsoDate,
  addCalendarMonths,
} from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { loadDemoMinutedMeetings } from '../../meetings/index.js';
import { BOARD_BODY_TYPE } from '../board-rules.js';
import { demoConsultationTitles } from '../consultations/demo.js';
import { DEMO_OUTCOME_TITLE } from '../outcomes/demo.js';
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

/** The board's minutes the rest of the demo names. */
export interface DemoBoardMinutes {
  /** CON-01: the review of the results on stop and account, the decision its outcome fed. */
  review: { minuteItemId: string; reviewedOn: IsoDate };
  /** CON-01: the approval of this year's policing priorities as a major consultation. */
  approval: { minuteItemId: string; approvedOn: IsoDate };
}

const AGREED = 'Minutes of the last meeting';
const approvalOf = (title: string) => `${title}: approval of a major consultation`;

export async function loadConsultationBoardDemo(
  tx: Executor,
  members: { authorityChair: string; authorityMember: string; police: readonly string[] },
  /** The authority officer who supports the board: schedules its meetings, drafts its minutes. */
  secretariatUser: string,
  today: IsoDate,
): Promise<DemoBoardMinutes> {
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
  // Last year's policing priorities drew more responses than their target; this year's
  // consultation is still open, so only its targets are set.
  if (measures.length === 2)
    await tx.insert(consultationMeasureYears).values([
      {
        measureId: measures[0]!.id,
        startYear: startYear - 1,
        target: 3000,
        actual: 3412,
        note: 'Boosted by the citizens’ panel wave in June.',
      },
      { measureId: measures[0]!.id, startYear, target: 3200 },
      { measureId: measures[1]!.id, startYear, target: 12.5 },
    ]);
  const titles = demoConsultationTitles(today);
  const reviewedOn = addCalendarDays(today, -45);
  const approvedOn = addCalendarDays(today, -21);
  const title = 'Consultation strategy board meeting';
  const [first, second] = await loadDemoMinutedMeetings(
    tx,
    {
      type: BOARD_BODY_TYPE,
      id: board.id,
      venue: 'City Hall, Kamal Chunchie Way, London E16',
      accessNotes: 'Step-free throughout; hearing loop in the committee room.',
      startsAtMinute: 10 * 60,
    },
    {
      secretariatUser,
      chair: members.authorityChair,
      roll: [
        { personId: members.authorityChair, kind: 'member' },
        { personId: members.authorityMember, kind: 'member' },
        ...members.police.map((personId, i) => ({
          personId,
          kind: 'police' as const,
          capacity: DEMO_BOARD_POLICE_PEOPLE[i]?.jobTitle,
        })),
      ],
    },
    [
      {
        title,
        day: reviewedOn,
        held: true,
        minutesApprovedAt: 1,
        items: [
          {
            title: `Results of the consultation: ${DEMO_OUTCOME_TITLE.toLowerCase()}`,
            minute:
              'The board reviewed the results before they go to the planning panel. 17 of the 25 people who answered asked for stop and account to go on being recorded, 5 for it to stop and 3 were not sure. The board recommends that the authority ask the police to keep recording stop and account, and that the form be shortened so that it takes officers less time. The recommendations are tracked in the recommendations tracker.',
          },
          {
            title: 'Performance measures for consultation this year',
            minute:
              'The board agreed this year’s targets: 3,200 responses to the policing priorities consultation (last year’s drew 3,412 against a target of 3,000), and a cost per response of £12.50.',
          },
        ],
      },
      {
        title,
        day: approvedOn,
        held: true,
        items: [
          {
            title: AGREED,
            minute: 'The minutes of the last meeting were agreed as a true record.',
          },
          {
            title: approvalOf(titles.priorities),
            minute:
              'The board approved this year’s consultation on the policing priorities as a major consultation: open to the public for eight weeks, with six questions, its results to be reviewed by the board before they go to the planning panel.',
          },
        ],
      },
      {
        title,
        day: addCalendarDays(today, 5),
        held: false,
        items: [{ title: AGREED }, { title: approvalOf(titles.neighbourhood) }],
      },
    ],
  );
  return {
    review: { minuteItemId: first![0]!, reviewedOn },
    approval: { minuteItemId: second![1]!, approvedOn },
  };
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
