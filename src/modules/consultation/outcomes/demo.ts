/**
 * CON-07's part of the demonstration dataset: the consultation on withdrawing the recording of
 * stop and account (seed 001 para 19: it "demonstrated how the community voice can positively
 * influence decision-making"), closed two months ago, with its responses and its published
 * "you said, we did". The demo's meetings minute nothing about it and the demo loads no tracker
 * source, so it is published without a decision minute or a tracker source. Writes only
 * consultation's tables.
 */
import { and, eq } from 'drizzle-orm';
import { addCalendarDays, londonInstant, type IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import {
  answers,
  consultations,
  questionnaireVersions,
  questionOptions,
  questions,
  responses,
} from '../schema.js';
import { consultationOutcomes } from './schema.js';

const TITLE = 'Withdrawing the recording of stop and account';
const PURPOSE =
  'The police propose to stop recording stop and account encounters, recorded since the Lawrence Inquiry’s recommendation 61. Tell us whether the record should be kept, before the authority decides.';
/** How many answered Yes, No and Not sure. */
const ANSWERS = [
  ['Keep recording it', 17],
  ['Stop recording it', 5],
  ['Not sure', 3],
] as const;

export async function loadConsultationOutcomesDemo(tx: Executor, today: IsoDate): Promise<void> {
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
  await tx.insert(consultationOutcomes).values({
    consultationId: consultation!.id,
    youSaid:
      'Most of you (17 of 25) told us to keep recording stop and account. You said the record is how a person stopped knows why, and how communities can see who is stopped and hold the police to account.\n\nSome of you said filling in the form takes officers’ time, and asked for it to be quicker.',
    weDid:
      'The authority asked the police to keep recording stop and account, and the police agreed. The borough stop and search monitoring groups keep reading the figures, and the form is being shortened so that it takes less time to complete.',
    changePromised: false,
    publishedAt: londonInstant(addCalendarDays(closesOn, 30), 10 * 60),
  });
}

/** Takes the demo consultation off, with its responses and its outcome. */
export async function removeConsultationOutcomesDemo(tx: Executor): Promise<void> {
  await tx
    .delete(consultations)
    .where(and(eq(consultations.title, TITLE), eq(consultations.purpose, PURPOSE)));
}
