/**
 * The questionnaire builder (issue 25, CON-07): questions added, changed, removed and moved in
 * the current version, each shown to everyone or only after a choice of an earlier question.
 * A version once answered is never changed: the officer opens a new version, a copy of it,
 * and earlier responses keep theirs. Each action is the officer's, one transaction with one
 * audit event; a refused one changes nothing.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Actor, type Principal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { questionChangeIsMaterial, type ApprovedQuestion } from '../board-rules.js';
import { clearApprovalFor } from '../board/approval-cleared.js';
import { fieldErrors, say, type Said } from '../../../platform/i18n/said.js';
import {
  clearedByRemoving,
  hasChoices,
  matchChoices,
  moveRefusal,
  newVersionRefusal,
  planCopy,
  questionnaireChangeRefusal,
  validateQuestion,
  type QuestionValue,
} from '../questionnaire-rules.js';
import { questionnaireVersions, questionOptions, questions } from '../schema.js';
import {
  consultationById,
  currentVersion,
  questionsOf,
  responsesToVersion,
  type Consultation,
  type Question,
} from './read.js';

export type QuestionnaireService = ReturnType<typeof createQuestionnaireService>;
type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value : undefined);
const fields = (input: Input) =>
  Object.fromEntries(Object.entries(input).map(([k, v]) => [k, one(v)]));

/** A question as the board's approval rule compares it (CON-01). */
const asApproved = (q: {
  kind: QuestionValue['kind'];
  text: string;
  ratingScale: number | null;
  shownIfOptionId: string | null;
  choices: readonly string[];
}): ApprovedQuestion => ({
  kind: q.kind,
  text: q.text,
  choices: hasChoices(q.kind) ? q.choices : [],
  ratingScale: q.ratingScale,
  shownIfOptionId: q.shownIfOptionId,
});

export function createQuestionnaireService(deps: { db: Db; t: Translate; now: () => Date }) {
  const { db, t, now } = deps;

  /** The consultation's current version, its questions, and whether it has been answered. */
  async function load(executor: Executor, consultationId: string) {
    const consultation = await consultationById(executor, consultationId);
    const version = await currentVersion(executor, consultation.id);
    const [asked, answered] = await Promise.all([
      questionsOf(executor, version.id),
      responsesToVersion(executor, version.id),
    ]);
    return { consultation, version, questions: asked, answered };
  }

  /** The version may change: refused, in the officer's words, once it has any response. */
  function unlocked(answered: number, field = 'questionnaire') {
    const refusal = questionnaireChangeRefusal(answered);
    if (refusal) throw new ConflictError(say(t, refusal), field);
  }

  /** CON-01: a material change to the questions clears the board's approval (when it governs). */
  const questionsChanged = (tx: Executor, actor: Actor, consultation: Consultation) =>
    clearApprovalFor(tx, actor, consultation, ['questionnaire'], now());

  const questionIn = (asked: readonly Question[], questionId: string) => {
    const question = asked.find((q) => q.id === questionId);
    if (!question) throw new NotFoundError();
    return question;
  };

  async function insertOptions(tx: Executor, questionId: string, labels: readonly string[]) {
    if (!labels.length) return [];
    return tx
      .insert(questionOptions)
      .values(labels.map((label, i) => ({ questionId, position: i + 1, label })))
      .returning({ id: questionOptions.id });
  }

  const columns = (value: QuestionValue) => ({
    kind: value.kind,
    text: value.text,
    hint: value.hint,
    required: value.required,
    ratingScale: value.ratingScale,
    shownIfOptionId: value.shownIfOptionId,
  });

  return {
    /** The builder's page: the current version and its questions, and whether it is answered. */
    async builder(principal: Principal, consultationId: string) {
      requireUser(principal, 'consultation.view');
      return load(db, consultationId);
    },

    /** One question of the current version, for its form or its remove page. */
    async question(principal: Principal, consultationId: string, questionId: string) {
      requireUser(principal, 'consultation.manage');
      const loaded = await load(db, consultationId);
      const question = questionIn(loaded.questions, questionId);
      return { ...loaded, question, cleared: clearedByRemoving(loaded.questions, question) };
    },

    /** A question added at the end of the current version. */
    async add(principal: Principal, consultationId: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'consultation.manage');
      return db.transaction(async (tx) => {
        const {
          consultation,
          version,
          questions: asked,
          answered,
        } = await load(tx, consultationId);
        unlocked(answered);
        const { refusals, value } = validateQuestion(fields(input), {
          questions: asked,
          editing: null,
        });
        if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
        const [made] = await tx
          .insert(questions)
          .values({ versionId: version.id, position: asked.length + 1, ...columns(value) })
          .returning();
        await insertOptions(tx, made!.id, value.choices);
        // CON-01: a question added is not what the board approved.
        const approvalCleared = await questionsChanged(tx, actorOf(user, requestId), consultation);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-question.added',
          recordType: 'consultation-question',
          recordId: made!.id,
          after: { ...made, choices: value.choices, versionNumber: version.number },
        });
        return { ...made!, approvalCleared };
      });
    },

    /**
     * A question changed: kept choices keep their ids (and the later questions shown by them
     * their link); dropping a choice a later question is shown by is refused, naming it.
     */
    async update(
      principal: Principal,
      consultationId: string,
      questionId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'consultation.manage');
      return db.transaction(async (tx) => {
        const { consultation, questions: asked, answered } = await load(tx, consultationId);
        unlocked(answered);
        const before = questionIn(asked, questionId);
        const { refusals, value } = validateQuestion(fields(input), {
          questions: asked,
          editing: before,
        });
        if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
        const { kept, added, removedIds } = matchChoices(
          before.options,
          hasChoices(value.kind) ? value.choices : [],
        );
        if (removedIds.length)
          await tx.delete(questionOptions).where(inArray(questionOptions.id, removedIds));
        for (const k of kept)
          await tx
            .update(questionOptions)
            .set({ label: k.label, position: k.position })
            .where(eq(questionOptions.id, k.id));
        if (added.length)
          await tx
            .insert(questionOptions)
            .values(added.map((a) => ({ questionId, position: a.position, label: a.label })));
        const [after] = await tx
          .update(questions)
          .set(columns(value))
          .where(eq(questions.id, questionId))
          .returning();
        // CON-01: a change to what is asked, or of whom, is not what the board approved.
        const material = questionChangeIsMaterial(
          asApproved({ ...before, choices: before.options.map((o) => o.label) }),
          asApproved(value),
        );
        const approvalCleared =
          material && (await questionsChanged(tx, actorOf(user, requestId), consultation));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-question.changed',
          recordType: 'consultation-question',
          recordId: questionId,
          before: { ...before },
          after: { ...after, choices: value.choices },
        });
        return { ...after!, approvalCleared };
      });
    },

    /**
     * A question removed; the questions after it move up. Those shown only after one of its
     * choices stay, shown to everyone: their link is cleared (the remove page named them).
     */
    async remove(
      principal: Principal,
      consultationId: string,
      questionId: string,
      _input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'consultation.manage');
      return db.transaction(async (tx) => {
        const {
          consultation,
          version,
          questions: asked,
          answered,
        } = await load(tx, consultationId);
        unlocked(answered);
        const question = questionIn(asked, questionId);
        const cleared = clearedByRemoving(asked, question);
        // CON-01: a question removed is not what the board approved.
        const approvalCleared = await questionsChanged(tx, actorOf(user, requestId), consultation);
        if (cleared.length)
          await tx
            .update(questions)
            .set({ shownIfOptionId: null })
            .where(
              inArray(
                questions.id,
                cleared.map((q) => q.id),
              ),
            );
        await tx.delete(questions).where(eq(questions.id, questionId));
        await tx
          .update(questions)
          .set({ position: sql`${questions.position} - 1` })
          .where(
            and(
              eq(questions.versionId, version.id),
              sql`${questions.position} > ${question.position}`,
            ),
          );
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-question.removed',
          recordType: 'consultation-question',
          recordId: questionId,
          before: question,
          after: { showIfCleared: cleared.map((q) => q.id) },
        });
        return { question, cleared, approvalCleared };
      });
    },

    /** A question moved one place up or down; refused where it would break a show-if link. */
    async move(
      principal: Principal,
      consultationId: string,
      questionId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'consultation.manage');
      const direction = one(input.direction) === 'up' ? 'up' : 'down';
      return db.transaction(async (tx) => {
        const { questions: asked, answered } = await load(tx, consultationId);
        unlocked(answered);
        const question = questionIn(asked, questionId);
        const refusal = moveRefusal(asked, questionId, direction);
        if (refusal) throw new ConflictError(say(t, refusal), 'questionnaire');
        const other = asked.find(
          (q) => q.position === question.position + (direction === 'up' ? -1 : 1),
        )!;
        await tx
          .update(questions)
          .set({ position: other.position })
          .where(eq(questions.id, question.id));
        await tx
          .update(questions)
          .set({ position: question.position })
          .where(eq(questions.id, other.id));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-question.moved',
          recordType: 'consultation-question',
          recordId: questionId,
          before: { position: question.position },
          after: { position: other.position },
        });
        return { question, position: other.position };
      });
    },

    /**
     * A new version opened over an answered one: its questions and choices copied, each
     * show-if link pointing at the copy; responses so far keep the version they answered.
     */
    async openNewVersion(
      principal: Principal,
      consultationId: string,
      _input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'consultation.manage');
      return db.transaction(async (tx) => {
        const {
          consultation,
          version,
          questions: asked,
          answered,
        } = await load(tx, consultationId);
        const refusal: Said | null = newVersionRefusal(answered);
        if (refusal) throw new ConflictError(say(t, refusal), 'questionnaire');
        const [made] = await tx
          .insert(questionnaireVersions)
          .values({
            consultationId: consultation.id,
            number: version.number + 1,
            createdBy: user.userId,
          })
          .returning();
        const copiedOptions: { id: string }[][] = [];
        const copiedQuestions: string[] = [];
        const plan = planCopy(asked);
        for (const [i, { source }] of plan.entries()) {
          const [copy] = await tx
            .insert(questions)
            .values({
              versionId: made!.id,
              position: i + 1,
              kind: source.kind,
              text: source.text,
              hint: source.hint,
              required: source.required,
              ratingScale: source.ratingScale,
            })
            .returning({ id: questions.id });
          copiedQuestions.push(copy!.id);
          copiedOptions.push(
            await insertOptions(
              tx,
              copy!.id,
              source.options.map((o) => o.label),
            ),
          );
        }
        for (const [i, { shownIf }] of plan.entries())
          if (shownIf)
            await tx
              .update(questions)
              .set({ shownIfOptionId: copiedOptions[shownIf.question]![shownIf.option]!.id })
              .where(eq(questions.id, copiedQuestions[i]!));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultation-questionnaire.version-opened',
          recordType: 'consultation',
          recordId: consultation.id,
          before: { version: version.number },
          after: { version: made!.number, questions: plan.length },
        });
        return made!;
      });
    },
  };
}
