/**
 * The analysis of a consultation's responses (issue 25 item 5): its figures (kept in the
 * versioned cache while the consultation's data is unchanged), breakdowns with small counts
 * suppressed (DP-01), a code frame of themes for free-text questions, tagging answers and
 * picking quotes, the responses as CSV, and what is published as open data. Each change is one
 * transaction with one audit event.
 */
import { and, asc, count, eq, inArray, isNotNull, notInArray } from 'drizzle-orm';
import { users } from '../../../platform/auth/schema.js';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { createVersionedCache } from '../../../platform/cache/versioned-cache.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { checkedValues } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import {
  BREAKDOWNS,
  csvAnswer,
  isClosed,
  openDataRefusal,
  readTags,
  themeNameRefusal,
  type Breakdown,
} from '../analysis-rules.js';
import { consultationPhase } from '../rules.js';
import { answers, consultations, questionOptions, responses } from '../schema.js';
import {
  breakdownOf,
  counted,
  figuresOf,
  structureOf,
  themesOf,
  type BreakdownFigures,
  type Figures,
} from './query.js';
import {
  consultationAnswerThemes,
  consultationOpenData,
  consultationOpenDataQuestions,
  consultationQuotes,
  consultationThemes,
} from './schema.js';

export type AnalysisService = ReturnType<typeof createAnalysisService>;
type Input = Record<string, string | string[] | undefined>;

export function createAnalysisService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
}) {
  const { db, directory, now, t } = deps;
  const phaseOf = (c: Parameters<typeof consultationPhase>[0]) =>
    consultationPhase(c, todayInLondon(now()));
  // The page's figures, built again only when the consultation's data has changed.
  const kept = createVersionedCache<Figures>(db, { kinds: ['consultation'], max: 200 });
  // The public's open data's breakdowns (borough names from the directory), kept likewise: a
  // public page must not run eight grouped queries on every request.
  const keptBreakdowns = createVersionedCache<{ by: Breakdown; figures: BreakdownFigures }[]>(db, {
    kinds: ['consultation', 'directory'],
    max: 200,
  });

  async function consultationOf(executor: Executor, id: string) {
    const [row] = isUuid(id)
      ? await executor
          .select({
            id: consultations.id,
            title: consultations.title,
            launchedAt: consultations.launchedAt,
            opensOn: consultations.opensOn,
            closesOn: consultations.closesOn,
            closedEarlyAt: consultations.closedEarlyAt,
          })
          .from(consultations)
          .where(eq(consultations.id, id))
      : [];
    if (!row) throw new NotFoundError();
    return row;
  }

  /** A free-text question of the consultation's newest version, and its themes. */
  async function textQuestion(executor: Executor, consultationId: string, questionId: string) {
    const consultation = await consultationOf(executor, consultationId);
    const structure = await structureOf(executor, consultationId);
    const question = structure.newest.find((q) => q.id === questionId && q.kind === 'text');
    if (!question) throw new NotFoundError();
    const themes = await themesOf(executor, [question.id]);
    return { consultation, structure, question, themes };
  }

  async function themeOf(executor: Executor, consultationId: string, themeId: string) {
    const [theme] = isUuid(themeId)
      ? await executor.select().from(consultationThemes).where(eq(consultationThemes.id, themeId))
      : [];
    if (!theme) throw new NotFoundError();
    const found = await textQuestion(executor, consultationId, theme.questionId);
    return { theme, ...found };
  }

  const refuse = (key: string, field: string, values?: Record<string, string | number>) => {
    throw new ValidationError(fieldErrors(t, [{ field, key, ...(values && { values }) }]));
  };

  return {
    /** The analysis page's figures; a breakdown too when one is asked for. */
    async analysis(principal: Principal, consultationId: string, by?: Breakdown) {
      requireUser(principal, 'consultation.view');
      const consultation = await consultationOf(db, consultationId);
      const figures = await kept.get(consultationId, () => figuresOf(db, consultationId));
      const breakdown = by
        ? await breakdownOf(
            db,
            directory,
            consultationId,
            by,
            await structureOf(db, consultationId),
          )
        : null;
      return { consultation, figures, breakdown };
    },

    /** A free-text question's code frame and a page of its counted answers with their tags. */
    async coding(
      principal: Principal,
      consultationId: string,
      questionId: string,
      page: { limit: number; offset: number },
    ) {
      requireUser(principal, 'consultation.manage');
      const found = await textQuestion(db, consultationId, questionId);
      const asked = [...found.structure.questionOf]
        .filter(([, to]) => to === questionId)
        .map(([from]) => from);
      const where = and(
        counted(consultationId),
        inArray(answers.questionId, asked),
        isNotNull(answers.textValue),
      );
      const [rows, [total]] = await Promise.all([
        db
          .select({ id: answers.id, text: answers.textValue, submittedAt: responses.submittedAt })
          .from(answers)
          .innerJoin(responses, eq(responses.id, answers.responseId))
          .where(where)
          .orderBy(asc(responses.submittedAt), asc(answers.id))
          .limit(page.limit)
          .offset(page.offset),
        db
          .select({ n: count() })
          .from(answers)
          .innerJoin(responses, eq(responses.id, answers.responseId))
          .where(where),
      ]);
      const ids = rows.map((r) => r.id);
      const [tags, quotes] = ids.length
        ? await Promise.all([
            db
              .select()
              .from(consultationAnswerThemes)
              .where(inArray(consultationAnswerThemes.answerId, ids)),
            db
              .select({ answerId: consultationQuotes.answerId })
              .from(consultationQuotes)
              .where(inArray(consultationQuotes.answerId, ids)),
          ])
        : [[], []];
      return {
        ...found,
        total: total?.n ?? 0,
        answers: rows.map((r) => ({
          id: r.id,
          text: r.text ?? '',
          themeIds: tags.filter((x) => x.answerId === r.id).map((x) => x.themeId),
          quote: quotes.some((q) => q.answerId === r.id),
        })),
      };
    },

    /** A theme added to a free-text question's code frame. */
    async addTheme(
      principal: Principal,
      consultationId: string,
      questionId: string,
      input: Input,
      requestId?: string,
    ) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const { themes } = await textQuestion(tx, consultationId, questionId);
        const { refusal, name } = themeNameRefusal(
          typeof input.name === 'string' ? input.name : '',
          themes.map((x) => x.name),
        );
        if (refusal) throw new ValidationError(fieldErrors(t, [refusal]));
        const [theme] = await tx
          .insert(consultationThemes)
          .values({ questionId, name, createdBy: user.userId })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-theme.added',
          recordType: 'consultation-theme',
          recordId: theme!.id,
          after: { questionId, name },
        });
        return theme!;
      });
    },

    async theme(principal: Principal, consultationId: string, themeId: string) {
      requireUser(principal, 'consultation.manage');
      return themeOf(db, consultationId, themeId);
    },

    async renameTheme(
      principal: Principal,
      consultationId: string,
      themeId: string,
      input: Input,
      requestId?: string,
    ) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const { theme, themes } = await themeOf(tx, consultationId, themeId);
        const { refusal, name } = themeNameRefusal(
          typeof input.name === 'string' ? input.name : '',
          themes.filter((x) => x.id !== themeId).map((x) => x.name),
        );
        if (refusal) throw new ValidationError(fieldErrors(t, [refusal]));
        const [after] = await tx
          .update(consultationThemes)
          .set({ name })
          .where(eq(consultationThemes.id, themeId))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-theme.renamed',
          recordType: 'consultation-theme',
          recordId: themeId,
          before: { name: theme.name },
          after: { name },
        });
        return after!;
      });
    },

    /** A theme removed, and its tags with it. */
    async removeTheme(
      principal: Principal,
      consultationId: string,
      themeId: string,
      requestId?: string,
    ) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const { theme } = await themeOf(tx, consultationId, themeId);
        await tx.delete(consultationThemes).where(eq(consultationThemes.id, themeId));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-theme.removed',
          recordType: 'consultation-theme',
          recordId: themeId,
          before: { questionId: theme.questionId, name: theme.name },
        });
        return theme;
      });
    },

    /**
     * A page of answers tagged at once: for each answer on the page, its themes and whether it
     * is a quote become what was ticked.
     */
    async tag(
      principal: Principal,
      consultationId: string,
      questionId: string,
      input: Input,
      requestId?: string,
    ) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const { structure, themes } = await textQuestion(tx, consultationId, questionId);
        const asked = [...structure.questionOf]
          .filter(([, to]) => to === questionId)
          .map(([from]) => from);
        const posted = checkedValues(input.answers);
        const onPage = posted.length
          ? (
              await tx
                .select({ id: answers.id })
                .from(answers)
                .innerJoin(responses, eq(responses.id, answers.responseId))
                .where(
                  and(
                    counted(consultationId),
                    inArray(answers.questionId, asked),
                    inArray(answers.id, posted.filter(isUuid)),
                  ),
                )
            ).map((r) => r.id)
          : [];
        const read = readTags(
          { tags: checkedValues(input.tags), quotes: checkedValues(input.quotes) },
          onPage,
          themes.map((x) => x.id),
        );
        if (!read || onPage.length !== posted.length)
          refuse('consultation:analysis.errors.tags', 'answers');
        const { tags, quotes } = read!;
        if (onPage.length) {
          await tx
            .delete(consultationAnswerThemes)
            .where(inArray(consultationAnswerThemes.answerId, onPage));
          await tx
            .delete(consultationQuotes)
            .where(
              and(
                inArray(consultationQuotes.answerId, onPage),
                quotes.length ? notInArray(consultationQuotes.answerId, quotes) : undefined,
              ),
            );
        }
        if (tags.length) await tx.insert(consultationAnswerThemes).values(tags);
        if (quotes.length)
          await tx
            .insert(consultationQuotes)
            .values(quotes.map((answerId) => ({ answerId, pickedBy: user.userId })))
            .onConflictDoNothing();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-answers.tagged',
          recordType: 'consultation-question',
          recordId: questionId,
          after: { answers: onPage, tags, quotes },
        });
        return { answers: onPage.length };
      });
    },

    /**
     * The counted responses as rows: reference, submitted date, borough, then one cell per
     * question of the newest version. No monitoring answers, no contact addresses.
     */
    async responseRows(principal: Principal, consultationId: string) {
      requireUser(principal, 'consultation.manage');
      const consultation = await consultationOf(db, consultationId);
      const { newest, questionOf } = await structureOf(db, consultationId);
      const [people, given] = await Promise.all([
        db
          .select({
            id: responses.id,
            submittedAt: responses.submittedAt,
            borough: directory.organisationNameSql(responses.boroughId),
          })
          .from(responses)
          .where(counted(consultationId))
          .orderBy(asc(responses.submittedAt), asc(responses.id)),
        db
          .select({
            responseId: answers.responseId,
            questionId: answers.questionId,
            label: questionOptions.label,
            text: answers.textValue,
            rating: answers.rating,
          })
          .from(answers)
          .innerJoin(responses, eq(responses.id, answers.responseId))
          .leftJoin(questionOptions, eq(questionOptions.id, answers.optionId))
          .where(counted(consultationId))
          .orderBy(asc(answers.responseId), asc(questionOptions.position)),
      ]);
      const column = new Map(newest.map((q, i) => [q.id, i]));
      const cells = new Map<string, string[][]>();
      for (const a of given) {
        const to = questionOf.get(a.questionId);
        const i = to === undefined ? undefined : column.get(to);
        if (i === undefined) continue;
        const row = cells.get(a.responseId) ?? newest.map(() => []);
        row[i]!.push(a.label ?? a.text ?? (a.rating === null ? '' : String(a.rating)));
        cells.set(a.responseId, row);
      }
      return {
        consultation,
        questions: newest.map((q) => q.text),
        rows: people.map((p) => ({
          reference: p.id,
          submittedOn: p.submittedAt ? todayInLondon(p.submittedAt) : '',
          borough: p.borough ?? '',
          answers: (cells.get(p.id) ?? newest.map(() => [])).map(csvAnswer),
        })),
      };
    },

    /** What is published of the consultation as open data, and who last changed it. */
    async publication(principal: Principal | 'public', consultationId: string) {
      if (principal !== 'public') requireUser(principal, 'consultation.manage');
      const consultation = await consultationOf(db, consultationId);
      const [row] = await db
        .select({
          quotes: consultationOpenData.quotes,
          publishedAt: consultationOpenData.publishedAt,
          // Staff see who last changed it; the public page never shows it.
          publishedBy: users.displayName,
        })
        .from(consultationOpenData)
        .leftJoin(users, eq(users.id, consultationOpenData.publishedBy))
        .where(eq(consultationOpenData.consultationId, consultationId));
      const questionIds = row
        ? (
            await db
              .select({ id: consultationOpenDataQuestions.questionId })
              .from(consultationOpenDataQuestions)
              .where(eq(consultationOpenDataQuestions.consultationId, consultationId))
          ).map((r) => r.id)
        : [];
      return {
        consultation,
        closed: phaseOf(consultation) === 'closed',
        published: row ?? null,
        questionIds,
      };
    },

    /**
     * Staff choose the closed questions (and whether the quotes) published as open data; once
     * the consultation has closed, and not before.
     */
    async publish(principal: Principal, consultationId: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const user = requireUser(principal, 'consultation.manage');
        const consultation = await consultationOf(tx, consultationId);
        const notClosed = openDataRefusal(phaseOf(consultation));
        if (notClosed) throw new ValidationError(fieldErrors(t, [notClosed]));
        const { newest } = await structureOf(tx, consultationId);
        const closed = newest.filter((q) => isClosed(q.kind)).map((q) => q.id);
        const chosen = [...new Set(checkedValues(input.questions))];
        if (chosen.some((id) => !closed.includes(id)))
          refuse('consultation:analysis.errors.questions', 'questions');
        const quotes = input.quotes === 'yes';
        await tx
          .insert(consultationOpenData)
          .values({ consultationId, quotes, publishedBy: user.userId, publishedAt: now() })
          .onConflictDoUpdate({
            target: consultationOpenData.consultationId,
            set: { quotes, publishedBy: user.userId, publishedAt: now() },
          });
        await tx
          .delete(consultationOpenDataQuestions)
          .where(eq(consultationOpenDataQuestions.consultationId, consultationId));
        if (chosen.length)
          await tx
            .insert(consultationOpenDataQuestions)
            .values(chosen.map((questionId) => ({ consultationId, questionId })));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-open-data.published',
          recordType: 'consultation',
          recordId: consultationId,
          after: { questionIds: chosen, quotes },
        });
        return { questions: chosen.length, quotes };
      });
    },

    /**
     * The public's open data: the published questions' counts, their breakdowns by borough and
     * the monitoring answers (suppressed below 10 by the presenter), and the quotes if published.
     * Nothing when nothing is published, or the consultation has not closed.
     */
    async openData(consultationId: string) {
      const { consultation, closed, published, questionIds } = await this.publication(
        'public',
        consultationId,
      );
      if (!published || !closed) throw new NotFoundError();
      const figures = await kept.get(consultationId, () => figuresOf(db, consultationId));
      const breakdowns = await keptBreakdowns.get(consultationId, async () => {
        const structure = await structureOf(db, consultationId);
        return Promise.all(
          BREAKDOWNS.map(async (by) => ({
            by,
            figures: await breakdownOf(db, directory, consultationId, by, structure),
          })),
        );
      });
      const pick = <Q extends { id: string }>(qs: Q[]) =>
        qs.filter((q) => questionIds.includes(q.id));
      return {
        consultation,
        published,
        questions: pick(figures.questions),
        // Whole: suppression is decided over all the breakdown's questions (DP-01).
        breakdowns,
        quotes: published.quotes ? figures.quotes : [],
      };
    },
  };
}
