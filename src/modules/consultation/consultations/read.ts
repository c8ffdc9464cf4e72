/**
 * What the consultation pages read: a consultation, its current questionnaire version with the
 * questions and their choices (two queries, never one per question), and its responses counted.
 */
import { and, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { NotFoundError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { BuilderQuestion } from '../questionnaire-rules.js';
import { consultations, questionnaireVersions, responses } from '../schema.js';
import { questionsOf } from '../questions.js';

export type Consultation = typeof consultations.$inferSelect;

export type Question = BuilderQuestion & {
  hint: string | null;
  required: boolean;
  ratingScale: number | null;
};

/** The consultation, or not found (an id that is not a UUID included). */
export async function consultationById(executor: Executor, id: string): Promise<Consultation> {
  const [row] = isUuid(id)
    ? await executor.select().from(consultations).where(eq(consultations.id, id))
    : [];
  if (!row) throw new NotFoundError();
  return row;
}

/** The version answered now: the highest number. Made with the consultation, so always one. */
export async function currentVersion(executor: Executor, consultationId: string) {
  const [version] = await executor
    .select({ id: questionnaireVersions.id, number: questionnaireVersions.number })
    .from(questionnaireVersions)
    .where(eq(questionnaireVersions.consultationId, consultationId))
    .orderBy(desc(questionnaireVersions.number))
    .limit(1);
  if (!version) throw new NotFoundError();
  return version;
}

/** How many responses a version has, in progress, submitted or set aside. */
export async function responsesToVersion(executor: Executor, versionId: string): Promise<number> {
  const [row] = await executor
    .select({ n: count() })
    .from(responses)
    .where(eq(responses.versionId, versionId));
  return Number(row?.n ?? 0);
}

/** A consultation's responses: submitted, in progress, and set aside (whichever they were). */
export async function responseCounts(executor: Executor, consultationId: string) {
  const [row] = await executor
    .select({
      submitted: sql<number>`count(*) filter (where ${isNotNull(responses.submittedAt)} and ${isNull(responses.setAsideAt)})`,
      inProgress: sql<number>`count(*) filter (where ${isNull(responses.submittedAt)} and ${isNull(responses.setAsideAt)})`,
      setAside: sql<number>`count(*) filter (where ${isNotNull(responses.setAsideAt)})`,
    })
    .from(responses)
    .where(and(eq(responses.consultationId, consultationId)));
  return {
    submitted: Number(row?.submitted ?? 0),
    inProgress: Number(row?.inProgress ?? 0),
    setAside: Number(row?.setAside ?? 0),
  };
}

export { questionsOf };
