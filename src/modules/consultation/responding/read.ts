/**
 * Reading a response as its pages need it: its consultation, the questionnaire version it
 * answers (questions with their options, in order), its answers by question, and the questions
 * its answers so far make it ask.
 */
import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { visibleQuestions, type Answer, type RuleQuestion } from '../response-rules.js';
import {
  answers,
  consultations,
  questionnaireVersions,
  responseMonitoring,
  responses,
} from '../schema.js';
import { questionsOf } from '../questions.js';

export type Consultation = typeof consultations.$inferSelect;
export type ResponseRow = typeof responses.$inferSelect;

export interface Question extends RuleQuestion {
  hint: string | null;
  options: { id: string; label: string }[];
}

/** The questionnaire version a response begun now answers: the consultation's newest. */
export async function newestVersionId(
  executor: Executor,
  consultationId: string,
): Promise<string | undefined> {
  const [version] = await executor
    .select({ id: questionnaireVersions.id })
    .from(questionnaireVersions)
    .where(eq(questionnaireVersions.consultationId, consultationId))
    .orderBy(desc(questionnaireVersions.number))
    .limit(1);
  return version?.id;
}

/** A response's answers by question: chosen options gathered, or a text, or a rating. */
export async function answersOf(
  executor: Executor,
  responseId: string,
): Promise<Map<string, Answer>> {
  const rows = await executor.select().from(answers).where(eq(answers.responseId, responseId));
  const byQuestion = new Map<string, Answer>();
  for (const row of rows) {
    if (row.optionId) {
      const had = byQuestion.get(row.questionId);
      const optionIds = had?.kind === 'options' ? had.optionIds : [];
      byQuestion.set(row.questionId, { kind: 'options', optionIds: [...optionIds, row.optionId] });
    } else if (row.rating !== null)
      byQuestion.set(row.questionId, { kind: 'rating', rating: row.rating });
    else if (row.textValue !== null)
      byQuestion.set(row.questionId, { kind: 'text', text: row.textValue });
  }
  return byQuestion;
}

/** The options an answer set chooses. */
export function chosenOptions(given: ReadonlyMap<string, Answer>): Set<string> {
  return new Set([...given.values()].flatMap((a) => (a.kind === 'options' ? a.optionIds : [])));
}

/** The rows that keep one answer. */
export function answerRows(responseId: string, questionId: string, answer: Answer) {
  if (answer.kind === 'options')
    return answer.optionIds.map((optionId) => ({ responseId, questionId, optionId }));
  if (answer.kind === 'rating') return [{ responseId, questionId, rating: answer.rating }];
  return [{ responseId, questionId, textValue: answer.text }];
}

export interface ResponseState {
  response: ResponseRow;
  consultation: Consultation;
  questions: Question[];
  answers: Map<string, Answer>;
  /** The questions its answers so far make it ask, in order. */
  visible: Question[];
  monitoring: typeof responseMonitoring.$inferSelect | undefined;
}

/** A response by the hash of its link's token, whole; undefined when there is none. */
export async function responseByTokenHash(
  executor: Executor,
  tokenHash: string,
  options: { lock?: boolean } = {},
): Promise<ResponseState | undefined> {
  const query = executor
    .select({ response: responses, consultation: consultations })
    .from(responses)
    .innerJoin(consultations, eq(consultations.id, responses.consultationId))
    .where(eq(responses.resumeTokenHash, tokenHash));
  const [row] = options.lock ? await query.for('update', { of: responses }) : await query;
  if (!row) return undefined;
  const [qs, given, [monitoring]] = await Promise.all([
    questionsOf(executor, row.response.versionId),
    answersOf(executor, row.response.id),
    executor
      .select()
      .from(responseMonitoring)
      .where(eq(responseMonitoring.responseId, row.response.id)),
  ]);
  return {
    ...row,
    questions: qs,
    answers: given,
    visible: visibleQuestions(qs, chosenOptions(given)),
    monitoring,
  };
}

export { questionsOf };
