/**
 * CON-07's part of the demonstration dataset: the consultation on withdrawing the recording of
 * stop and account (seed 001 para 19: it "demonstrated how the community voice can positively
 * influence decision-making"), closed two months ago, with its responses and its published
 * "you said, we did": the decision is the strategy board's review of its results (CON-01), and the
 * change promised, a shorter form, is a source in the recommendations tracker, loaded through
 * the tracker's demo face, whose actions the public page reads live. Writes only consultation's
 * tables.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { addCalendarDays, londonInstant, type IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { loadDemoTrackerSource, type DemoTrackerSource } from '../../tracker/index.js';
import { consultationBoardReviews } from '../board/schema.js';
import {
  answers,
  consultations,
  questionnaireVersions,
  questionOptions,
  questions,
  responses,
} from '../schema.js';
import { consultationOutcomes } from './schema.js';

export const DEMO_OUTCOME_TITLE = 'Withdrawing the recording of stop and account';
const TITLE = DEMO_OUTCOME_TITLE;
const PURPOSE =
  'The police propose to stop recording stop and account encounters, recorded since the Lawrence Inquiry’s recommendation 61. Tell us whether the record should be kept, before the authority decides.';
/** How many answered Yes, No and Not sure. */
const ANSWERS = [
  ['Keep recording it', 17],
  ['Stop recording it', 5],
  ['Not sure', 3],
] as const;

/** The board's recommendations on its review, as the tracker carries them. */
const trackerSource = (reviewedOn: IsoDate, today: IsoDate): DemoTrackerSource => ({
  title: 'Stop and account: the consultation strategy board’s recommendations',
  kind: 'review',
  reference: 'Consultation strategy board, review of the consultation on stop and account',
  sourceDate: reviewedOn,
  reportsTo: 'Consultation strategy board',
  summary:
    'What the board recommended once it had reviewed what people told the consultation on withdrawing the recording of stop and account.',
  isPublic: true,
  recommendations: [
    {
      number: '1',
      text: 'The authority asks the police to keep recording stop and account encounters.',
      actions: [
        {
          description: 'The police confirm that stop and account goes on being recorded',
          result: 'completed',
          completedOn: addCalendarDays(reviewedOn, 10),
          narrative: 'The police agreed, in writing to the authority, to keep the record.',
        },
      ],
    },
    {
      number: '2',
      text: 'The stop and account form is shortened, so that it takes officers less time to complete.',
      actions: [
        {
          description:
            'Redesign the form with the borough stop and search monitoring groups, and bring it into use',
          result: 'ongoing',
          dueOn: addCalendarDays(today, 60),
          narrative:
            'A shorter draft form has been shared with the borough monitoring groups for their comments.',
        },
      ],
    },
  ],
});

export async function loadConsultationOutcomesDemo(
  tx: Executor,
  today: IsoDate,
  links: {
    /** CON-01: the board's minute reviewing its results, the decision it fed. */
    review: { minuteItemId: string; reviewedOn: IsoDate };
    /** Who entered the board's recommendations in the tracker. */
    officer: { userId: string; name: string };
  },
): Promise<void> {
  const closesOn = addCalendarDays(today, -60);
  const opensOn = addCalendarDays(closesOn, -84);
  const [consultation] = await tx
    .insert(consultations)
    .values({
      title: TITLE,
      purpose: PURPOSE,
      opensOn,
      closesOn,
      audience: 'public',
      launchedAt: londonInstant(addCalendarDays(opensOn, -7), 9 * 60),
    })
    .returning({ id: consultations.id });
  const [version] = await tx
    .insert(questionnaireVersions)
    .values({ consultationId: consultation!.id, number: 1 })
    .returning({ id: questionnaireVersions.id });
  const [question] = await tx
    .insert(questions)
    .values({
      versionId: version!.id,
      position: 1,
      kind: 'single',
      text: 'Should the police keep recording stop and account encounters?',
      required: true,
    })
    .returning({ id: questions.id });
  const options = await tx
    .insert(questionOptions)
    .values(ANSWERS.map(([label], i) => ({ questionId: question!.id, position: i + 1, label })))
    .returning({ id: questionOptions.id });
  const given = ANSWERS.flatMap(([, n], i) => Array.from({ length: n }, () => options[i]!.id));
  const made = await tx
    .insert(responses)
    .values(
      given.map((_, i) => {
        const at = londonInstant(addCalendarDays(opensOn, i % 80), 12 * 60 + i);
        return {
          consultationId: consultation!.id,
          versionId: version!.id,
          startedAt: at,
          submittedAt: at,
        };
      }),
    )
    .returning({ id: responses.id });
  await tx
    .insert(answers)
    .values(
      made.map((r, i) => ({ responseId: r.id, questionId: question!.id, optionId: given[i]! })),
    );
  await tx.insert(consultationBoardReviews).values({
    consultationId: consultation!.id,
    minuteItemId: links.review.minuteItemId,
    reviewedOn: links.review.reviewedOn,
    recordedBy: links.officer.userId,
  });
  const trackerSourceId = await loadDemoTrackerSource(
    tx,
    trackerSource(links.review.reviewedOn, today),
    links.officer,
  );
  await tx.insert(consultationOutcomes).values({
    consultationId: consultation!.id,
    youSaid:
      'Most of you (17 of 25) told us to keep recording stop and account. You said the record is how a person stopped knows why, and how communities can see who is stopped and hold the police to account.\n\nSome of you said filling in the form takes officers’ time, and asked for it to be quicker.',
    weDid:
      'The authority asked the police to keep recording stop and account, and the police agreed. The borough stop and search monitoring groups keep reading the figures, and the form is being shortened so that it takes less time to complete.',
    decisionMinuteItemId: links.review.minuteItemId,
    changePromised: true,
    trackerSourceId,
    publishedAt: londonInstant(addCalendarDays(closesOn, 30), 10 * 60),
  });
}

/**
 * Takes the demo consultation off, with its responses, its review and its outcome; returns the
 * tracker sources its outcome named, for the tracker's part to remove.
 */
export async function removeConsultationOutcomesDemo(tx: Executor): Promise<string[]> {
  const demo = tx
    .select({ id: consultations.id })
    .from(consultations)
    .where(and(eq(consultations.title, TITLE), eq(consultations.purpose, PURPOSE)));
  const named = await tx
    .select({ id: consultationOutcomes.trackerSourceId })
    .from(consultationOutcomes)
    .where(inArray(consultationOutcomes.consultationId, demo));
  await tx.delete(consultations).where(inArray(consultations.id, demo));
  return named.flatMap((o) => (o.id ? [o.id] : []));
}
