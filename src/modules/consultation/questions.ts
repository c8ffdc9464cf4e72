/**
 * A questionnaire version's questions as every part of consultation reads them (the builder, the
 * response pages): each with its choices, in the order asked, in two queries (never one a
 * question).
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { QuestionKind } from './rules.js';
import { questionOptions, questions } from './schema.js';

export interface QuestionRecord {
  id: string;
  position: number;
  kind: QuestionKind;
  text: string;
  hint: string | null;
  required: boolean;
  ratingScale: number | null;
  /** Asked only of those who chose this option of an earlier question. */
  shownIfOptionId: string | null;
  options: { id: string; label: string }[];
}

export async function questionsOf(
  executor: Executor,
  versionId: string,
): Promise<QuestionRecord[]> {
  const rows = await executor
    .select()
    .from(questions)
    .where(eq(questions.versionId, versionId))
    .orderBy(asc(questions.position));
  const options = rows.length
    ? await executor
        .select()
        .from(questionOptions)
        .where(
          inArray(
            questionOptions.questionId,
            rows.map((q) => q.id),
          ),
        )
        .orderBy(asc(questionOptions.position))
    : [];
  return rows.map((q) => ({
    id: q.id,
    position: q.position,
    kind: q.kind,
    text: q.text,
    hint: q.hint,
    required: q.required,
    ratingScale: q.ratingScale,
    shownIfOptionId: q.shownIfOptionId,
    options: options
      .filter((o) => o.questionId === q.id)
      .map((o) => ({ id: o.id, label: o.label })),
  }));
}
