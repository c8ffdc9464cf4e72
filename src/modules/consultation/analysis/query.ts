/**
 * The analysis's reads, aggregated in SQL: one GROUP BY over the counted responses' answers for
 * every closed question at once (never a query per question or per response), then folded onto
 * the newest version's questions (analysis-rules: matchToNewest).
 */
import { and, asc, count, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import type { DirectoryApi } from '../../directory/index.js';
import {
  isClosed,
  matchToNewest,
  percentOf,
  ratingMean,
  ratingValues,
  type Breakdown,
  type VersionQuestion,
} from '../analysis-rules.js';
import { MONITORING_DIMENSIONS } from '../monitoring.js';
import {
  answers,
  questionnaireVersions,
  questionOptions,
  questions,
  responseMonitoring,
  responses,
} from '../schema.js';
import { consultationAnswerThemes, consultationQuotes, consultationThemes } from './schema.js';

/** The responses counted: submitted and not set aside. */
export const counted = (consultationId: string) =>
  and(
    eq(responses.consultationId, consultationId),
    isNotNull(responses.submittedAt),
    isNull(responses.setAsideAt),
  );

/** Every version's questions with their options, in two queries. */
export async function structureOf(db: Executor, consultationId: string) {
  const rows = await db
    .select({
      id: questions.id,
      versionNumber: questionnaireVersions.number,
      position: questions.position,
      kind: questions.kind,
      text: questions.text,
      ratingScale: questions.ratingScale,
    })
    .from(questions)
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, questions.versionId))
    .where(eq(questionnaireVersions.consultationId, consultationId));
  const options = await db
    .select({
      id: questionOptions.id,
      questionId: questionOptions.questionId,
      label: questionOptions.label,
    })
    .from(questionOptions)
    .innerJoin(questions, eq(questions.id, questionOptions.questionId))
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, questions.versionId))
    .where(eq(questionnaireVersions.consultationId, consultationId))
    .orderBy(asc(questionOptions.position));
  const all: VersionQuestion[] = rows.map((q) => ({
    ...q,
    options: options.filter((o) => o.questionId === q.id),
  }));
  return matchToNewest(all);
}
export type Structure = Awaited<ReturnType<typeof structureOf>>;

/** The counts of a closed question: per option (or rating value), of those who answered it. */
export interface OptionFigure {
  label: string;
  count: number;
  percent: number;
}

export interface QuestionFigures {
  id: string;
  position: number;
  kind: VersionQuestion['kind'];
  text: string;
  answered: number;
  options: OptionFigure[];
  mean: number | null;
  themes: { id: string; name: string; count: number }[];
}

type Cell = { questionId: string; optionId: string | null; rating: number | null; n: number };

/** The figures of one question from the grouped counts (already folded onto it). */
function questionFigures(q: VersionQuestion, cells: Cell[], answered: number) {
  const optionCounts =
    q.kind === 'rating'
      ? ratingValues(q.ratingScale ?? 5).map((value) => ({
          label: String(value),
          count: cells.filter((c) => c.rating === value).reduce((s, c) => s + c.n, 0),
        }))
      : q.options.map((o) => ({
          label: o.label,
          count: cells.filter((c) => c.optionId === o.id).reduce((s, c) => s + c.n, 0),
        }));
  return {
    options: optionCounts.map((o) => ({ ...o, percent: percentOf(o.count, answered) })),
    mean:
      q.kind === 'rating'
        ? ratingMean(optionCounts.map((o) => ({ value: Number(o.label), count: o.count })))
        : null,
  };
}

/** The analysis page's figures: responses counted, each question's figures, themes, quotes. */
export async function figuresOf(db: Executor, consultationId: string) {
  const structure = await structureOf(db, consultationId);
  const { newest, questionOf, optionOf } = structure;
  const [[total], cells, answeredRows, themes, themeCounts, quotes] = await Promise.all([
    db.select({ n: count() }).from(responses).where(counted(consultationId)),
    db
      .select({
        questionId: answers.questionId,
        optionId: answers.optionId,
        rating: answers.rating,
        n: count(),
      })
      .from(answers)
      .innerJoin(responses, eq(responses.id, answers.responseId))
      .where(and(counted(consultationId), isNull(answers.textValue)))
      .groupBy(answers.questionId, answers.optionId, answers.rating),
    db
      .select({
        questionId: answers.questionId,
        n: sql<number>`count(distinct ${answers.responseId})::int`,
      })
      .from(answers)
      .innerJoin(responses, eq(responses.id, answers.responseId))
      .where(counted(consultationId))
      .groupBy(answers.questionId),
    themesOf(
      db,
      newest.map((q) => q.id),
    ),
    db
      .select({ themeId: consultationAnswerThemes.themeId, n: count() })
      .from(consultationAnswerThemes)
      .innerJoin(answers, eq(answers.id, consultationAnswerThemes.answerId))
      .innerJoin(responses, eq(responses.id, answers.responseId))
      .where(counted(consultationId))
      .groupBy(consultationAnswerThemes.themeId),
    quotesOf(db, consultationId),
  ]);
  const fold = (questionId: string) => questionOf.get(questionId);
  const answeredOf = new Map<string, number>();
  for (const r of answeredRows) {
    const id = fold(r.questionId);
    if (id) answeredOf.set(id, (answeredOf.get(id) ?? 0) + r.n);
  }
  const folded: Cell[] = cells.flatMap((c) => {
    const questionId = fold(c.questionId);
    if (!questionId) return [];
    const optionId = c.optionId === null ? null : (optionOf.get(c.optionId) ?? undefined);
    return optionId === undefined ? [] : [{ ...c, questionId, optionId }];
  });
  const themeCount = new Map(themeCounts.map((r) => [r.themeId, r.n]));
  const questionList: QuestionFigures[] = newest.map((q) => {
    const answered = answeredOf.get(q.id) ?? 0;
    const mine = folded.filter((c) => c.questionId === q.id);
    return {
      id: q.id,
      position: q.position,
      kind: q.kind,
      text: q.text,
      answered,
      ...(isClosed(q.kind) ? questionFigures(q, mine, answered) : { options: [], mean: null }),
      themes: themes
        .filter((t) => t.questionId === q.id)
        .map((t) => ({ id: t.id, name: t.name, count: themeCount.get(t.id) ?? 0 })),
    };
  });
  return {
    counted: total?.n ?? 0,
    questions: questionList,
    quotes: quotes.flatMap((q) => {
      const questionId = fold(q.questionId);
      return questionId ? [{ ...q, questionId }] : [];
    }),
  };
}
export type Figures = Awaited<ReturnType<typeof figuresOf>>;

export function themesOf(db: Executor, questionIds: readonly string[]) {
  if (!questionIds.length) return Promise.resolve([]);
  return db
    .select({
      id: consultationThemes.id,
      questionId: consultationThemes.questionId,
      name: consultationThemes.name,
    })
    .from(consultationThemes)
    .where(inArray(consultationThemes.questionId, [...questionIds]))
    .orderBy(sql`lower(${consultationThemes.name})`);
}

/** The quotes picked, of counted responses, in the order they were picked. */
export function quotesOf(db: Executor, consultationId: string) {
  return db
    .select({
      answerId: consultationQuotes.answerId,
      questionId: answers.questionId,
      text: sql<string>`coalesce(${answers.textValue}, '')`,
    })
    .from(consultationQuotes)
    .innerJoin(answers, eq(answers.id, consultationQuotes.answerId))
    .innerJoin(responses, eq(responses.id, answers.responseId))
    .where(counted(consultationId))
    .orderBy(asc(consultationQuotes.pickedAt), asc(consultationQuotes.answerId));
}

/** The group a response falls in for a breakdown, as SQL (null: not given). */
function groupSql(by: Breakdown, directory: DirectoryApi): SQL<string | null> {
  if (by === 'borough') return directory.organisationNameSql(responses.boroughId);
  const column = {
    ageBand: responseMonitoring.ageBand,
    sex: responseMonitoring.sex,
    ethnicGroup: responseMonitoring.ethnicGroup,
  }[by];
  return sql<string | null>`${column}`;
}

/**
 * A breakdown: for each group, its respondents and its counts per closed question's option, in
 * two grouped queries. Groups are the dimension's own values in order (boroughs by name), then
 * those who did not say.
 */
export async function breakdownOf(
  db: Executor,
  directory: DirectoryApi,
  consultationId: string,
  by: Breakdown,
  structure: Structure,
) {
  const group = groupSql(by, directory);
  const [totals, cells] = await Promise.all([
    db
      .select({ group, n: count() })
      .from(responses)
      .leftJoin(responseMonitoring, eq(responseMonitoring.responseId, responses.id))
      .where(counted(consultationId))
      .groupBy(group),
    db
      .select({
        group,
        questionId: answers.questionId,
        optionId: answers.optionId,
        rating: answers.rating,
        n: count(),
      })
      .from(responses)
      .leftJoin(responseMonitoring, eq(responseMonitoring.responseId, responses.id))
      .innerJoin(answers, eq(answers.responseId, responses.id))
      .where(and(counted(consultationId), isNull(answers.textValue)))
      .groupBy(group, answers.questionId, answers.optionId, answers.rating),
  ]);
  const known =
    by === 'borough'
      ? totals
          .map((r) => r.group)
          .filter((g): g is string => g !== null)
          .sort((a, b) => a.localeCompare(b))
      : [...MONITORING_DIMENSIONS[by]];
  const groups: (string | null)[] = [...known, null];
  const { newest, questionOf, optionOf } = structure;
  return {
    groups: groups.map((g) => ({
      value: g,
      respondents: totals.find((r) => r.group === g)?.n ?? 0,
    })),
    questions: newest
      .filter((q) => isClosed(q.kind))
      .map((q) => {
        const mine = cells.flatMap((c) => {
          if (questionOf.get(c.questionId) !== q.id) return [];
          const optionId = c.optionId === null ? null : optionOf.get(c.optionId);
          return optionId === undefined ? [] : [{ ...c, questionId: q.id, optionId }];
        });
        return {
          id: q.id,
          text: q.text,
          kind: q.kind,
          groups: groups.map((g) => {
            const inGroup = mine.filter((c) => c.group === g);
            return {
              value: g,
              counts: questionFigures(q, inGroup, 0).options.map((o) => ({
                label: o.label,
                count: o.count,
              })),
            };
          }),
        };
      }),
  };
}
export type BreakdownFigures = Awaited<ReturnType<typeof breakdownOf>>;
