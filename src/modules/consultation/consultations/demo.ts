/**
 * The demo's consultations (issue 25): this year's policing priorities, a major consultation the
 * strategy board approved at its last meeting (CON-01), launched and open, with six questions of
 * every kind, one asked only of those who answered an earlier one; and a draft major consultation
 * on neighbourhood policing that awaits the board's approval at its next.
 */
import { inArray } from 'drizzle-orm';
import { addCalendarDays, type IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import type { QuestionKind } from '../rules.js';
import { consultations, questionnaireVersions, questionOptions, questions } from '../schema.js';

interface DemoQuestion {
  kind: QuestionKind;
  text: string;
  hint?: string;
  required?: boolean;
  choices?: string[];
  ratingScale?: number;
  /** Shown only after this choice of the question at this index. */
  shownIf?: [number, string];
}

const PRIORITIES: DemoQuestion[] = [
  {
    kind: 'single',
    text: 'Do you feel safe in your neighbourhood after dark?',
    required: true,
    choices: ['Very safe', 'Fairly safe', 'Not very safe', 'Not at all safe'],
  },
  {
    kind: 'text',
    text: 'What makes you feel unsafe?',
    hint: 'For example a place, a time of day, or something that happened',
    shownIf: [0, 'Not at all safe'],
  },
  {
    kind: 'multiple',
    text: 'Which of these should be the police’s priorities next year?',
    hint: 'Select all that apply',
    required: true,
    choices: [
      'Violent crime',
      'Burglary',
      'Anti-social behaviour',
      'Knife crime',
      'Road safety',
      'Hate crime',
    ],
  },
  {
    kind: 'rating',
    text: 'How well do the police in your area listen to local people?',
    hint: '1 is not at all, 5 is very well',
    ratingScale: 5,
  },
  {
    kind: 'single',
    text: 'Have you contacted the police in the last year?',
    choices: ['Yes', 'No'],
  },
  {
    kind: 'text',
    text: 'Is there anything else you would like the police and the authority to know?',
  },
];

/** Their titles, which the board's demo minutes name. */
export const demoConsultationTitles = (today: IsoDate) => ({
  priorities: `Policing priorities for London ${Number(today.slice(0, 4)) + 1}`,
  neighbourhood: 'Neighbourhood policing in Camden',
});

async function addQuestions(tx: Executor, versionId: string, asked: readonly DemoQuestion[]) {
  const optionIds: Record<string, string>[] = [];
  for (const [i, q] of asked.entries()) {
    const [row] = await tx
      .insert(questions)
      .values({
        versionId,
        position: i + 1,
        kind: q.kind,
        text: q.text,
        hint: q.hint ?? null,
        required: q.required ?? false,
        ratingScale: q.ratingScale ?? null,
        shownIfOptionId: q.shownIf ? optionIds[q.shownIf[0]]![q.shownIf[1]]! : null,
      })
      .returning({ id: questions.id });
    const options = q.choices?.length
      ? await tx
          .insert(questionOptions)
          .values(q.choices.map((label, p) => ({ questionId: row!.id, position: p + 1, label })))
          .returning({ id: questionOptions.id, label: questionOptions.label })
      : [];
    optionIds.push(Object.fromEntries(options.map((o) => [o.label, o.id])));
  }
}

export async function loadConsultationsDemo(
  tx: Executor,
  officerUserId: string,
  today: IsoDate,
  /** CON-01: the board's minute approving the policing priorities, and its meeting's day. */
  approval: { minuteItemId: string; approvedOn: IsoDate },
) {
  const titles = demoConsultationTitles(today);
  const [open] = await tx
    .insert(consultations)
    .values({
      title: titles.priorities,
      purpose:
        'Tell us what the police should put first in your area next year. Your answers, with the public attitude survey and the citizens’ panel, shape the policing plan.',
      opensOn: addCalendarDays(today, -14),
      closesOn: addCalendarDays(today, 42),
      audience: 'public',
      major: true,
      approvalMinuteItemId: approval.minuteItemId,
      approvedOn: approval.approvedOn,
      launchedAt: new Date(`${addCalendarDays(today, -15)}T10:00:00Z`),
      createdBy: officerUserId,
    })
    .returning({ id: consultations.id });
  const [draft] = await tx
    .insert(consultations)
    .values({
      title: titles.neighbourhood,
      purpose:
        'How should neighbourhood teams in Camden spend their time? A major consultation with invited community groups, for the strategy board to approve first.',
      opensOn: addCalendarDays(today, 30),
      closesOn: addCalendarDays(today, 90),
      audience: 'invited',
      major: true,
      createdBy: officerUserId,
    })
    .returning({ id: consultations.id });
  const versions = await tx
    .insert(questionnaireVersions)
    .values([
      { consultationId: open!.id, number: 1, createdBy: officerUserId },
      { consultationId: draft!.id, number: 1, createdBy: officerUserId },
    ])
    .returning({ id: questionnaireVersions.id });
  await addQuestions(tx, versions[0]!.id, PRIORITIES);
  await addQuestions(tx, versions[1]!.id, [
    {
      kind: 'rating',
      text: 'How visible is your neighbourhood team?',
      ratingScale: 5,
      required: true,
    },
  ]);
  return { neighbourhood: draft!.id };
}

/** The demo officer's consultations, with their questionnaires (the rest cascades). */
export async function removeConsultationsDemo(tx: Executor, userIds: readonly string[]) {
  if (userIds.length)
    await tx.delete(consultations).where(inArray(consultations.createdBy, [...userIds]));
}
