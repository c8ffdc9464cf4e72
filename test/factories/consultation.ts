/**
 * Consultations a test makes for itself: a consultation with its first questionnaire version and
 * the questions asked, launched unless asked not to, and responses to it, so a test reads what
 * it wrote. Dates default to a consultation open on the day given (or today in London).
 */
import {
  answers,
  consultations,
  questionnaireVersions,
  questionOptions,
  questions,
  responseMonitoring,
  responses,
} from '../../src/modules/consultation/schema.js';
import type { Audience, QuestionKind } from '../../src/modules/consultation/rules.js';
import type { AgeBand, EthnicGroup, Sex } from '../../src/modules/consultation/monitoring.js';
import type { TestApp } from '../app.js';
import { uniqueTag } from './directory.js';

export interface FactoryQuestionSpec {
  kind: QuestionKind;
  text: string;
  /** The choices of a single or multiple choice question. */
  options?: string[];
  required?: boolean;
  /** The top of a rating's scale (default 5). */
  ratingScale?: number;
  /** Asked only after this answer: [the earlier question's index, the option's label]. */
  shownIf?: [number, string];
}

export interface FactoryQuestion {
  id: string;
  kind: QuestionKind;
  text: string;
  /** Option ids by label. */
  options: Record<string, string>;
}

export interface FactoryConsultation {
  id: string;
  title: string;
  versionId: string;
  questions: FactoryQuestion[];
}

const DEFAULT_QUESTIONS: FactoryQuestionSpec[] = [
  {
    kind: 'single',
    text: 'Should neighbourhood policing be a priority?',
    options: ['Yes', 'No', 'Not sure'],
    required: true,
  },
  { kind: 'text', text: 'What else should the police do in your area?' },
];

/** A consultation with its first version's questions; launched and open unless told otherwise. */
export async function makeConsultation(
  t: TestApp,
  options: {
    title?: string;
    purpose?: string;
    opensOn?: string;
    closesOn?: string;
    audience?: Audience;
    major?: boolean;
    launched?: boolean;
    questions?: FactoryQuestionSpec[];
  } = {},
): Promise<FactoryConsultation> {
  const title = options.title ?? `Test consultation ${uniqueTag()}`;
  const [consultation] = await t.services.db
    .insert(consultations)
    .values({
      title,
      purpose: options.purpose ?? 'To hear what matters to people where they live.',
      opensOn: options.opensOn ?? '2000-01-01',
      closesOn: options.closesOn ?? '2099-12-31',
      audience: options.audience ?? 'public',
      major: options.major ?? false,
      launchedAt: options.launched === false ? null : new Date('2000-01-01T09:00:00Z'),
    })
    .returning({ id: consultations.id });
  const [version] = await t.services.db
    .insert(questionnaireVersions)
    .values({ consultationId: consultation!.id, number: 1 })
    .returning({ id: questionnaireVersions.id });
  const made: FactoryQuestion[] = [];
  for (const [index, spec] of (options.questions ?? DEFAULT_QUESTIONS).entries()) {
    const shownIfOptionId = spec.shownIf
      ? made[spec.shownIf[0]]!.options[spec.shownIf[1]]
      : undefined;
    const [question] = await t.services.db
      .insert(questions)
      .values({
        versionId: version!.id,
        position: index + 1,
        kind: spec.kind,
        text: spec.text,
        required: spec.required ?? false,
        ratingScale: spec.kind === 'rating' ? (spec.ratingScale ?? 5) : null,
        shownIfOptionId: shownIfOptionId ?? null,
      })
      .returning({ id: questions.id });
    const optionIds: Record<string, string> = {};
    for (const [position, label] of (spec.options ?? []).entries()) {
      const [option] = await t.services.db
        .insert(questionOptions)
        .values({ questionId: question!.id, position: position + 1, label })
        .returning({ id: questionOptions.id });
      optionIds[label] = option!.id;
    }
    made.push({ id: question!.id, kind: spec.kind, text: spec.text, options: optionIds });
  }
  return { id: consultation!.id, title, versionId: version!.id, questions: made };
}

/** An answer by the question's index: option labels, a text, or a rating. */
export type FactoryAnswer = string | string[] | number;

/** A submitted response (unless `submitted: false`), answering the questions given by index. */
export async function makeResponse(
  t: TestApp,
  consultation: FactoryConsultation,
  given: Record<number, FactoryAnswer>,
  options: {
    boroughId?: string;
    addressHash?: string;
    submitted?: boolean;
    submittedAt?: Date;
    monitoring?: { ageBand?: AgeBand; sex?: Sex; ethnicGroup?: EthnicGroup };
  } = {},
): Promise<{ id: string }> {
  const submittedAt = options.submittedAt ?? new Date();
  const [response] = await t.services.db
    .insert(responses)
    .values({
      consultationId: consultation.id,
      versionId: consultation.versionId,
      boroughId: options.boroughId ?? null,
      addressHash: options.addressHash ?? null,
      startedAt: submittedAt,
      submittedAt: options.submitted === false ? null : submittedAt,
    })
    .returning({ id: responses.id });
  const rows: (typeof answers.$inferInsert)[] = [];
  for (const [index, value] of Object.entries(given)) {
    const question = consultation.questions[Number(index)]!;
    if (typeof value === 'number')
      rows.push({ responseId: response!.id, questionId: question.id, rating: value });
    else if (question.kind === 'text')
      rows.push({ responseId: response!.id, questionId: question.id, textValue: String(value) });
    else
      for (const label of [value].flat())
        rows.push({
          responseId: response!.id,
          questionId: question.id,
          optionId: question.options[label]!,
        });
  }
  if (rows.length > 0) await t.services.db.insert(answers).values(rows);
  if (options.monitoring)
    await t.services.db
      .insert(responseMonitoring)
      .values({ responseId: response!.id, ...options.monitoring });
  return { id: response!.id };
}
