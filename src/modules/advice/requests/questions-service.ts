/**
 * IAG-08: before triaging, the strategic engagement team may ask the requester a question; the
 * request waits on the answer, and each side is e-mailed.
 */
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import {
  ConflictError,
  ForbiddenError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import { accountOf, findVisibleRequest } from '../access.js';
import { advicePaths as paths } from '../paths.js';
import { checkQuestion } from '../rules.js';
import { adviceRequestEvents, adviceRequestQuestions } from '../schema.js';
import { openQuestion, type Input, type RequestParts } from './records.js';
import { say } from '../../../platform/i18n/said.js';

export function createQuestionsService(parts: RequestParts) {
  const { db, mail, now, t, publicUrl } = parts;
  const questionClosed = () => t('advice:requests.answer.refusals.closed');
  const noQuestion = () => t('advice:requests.answer.refusals.none');

  return {
    async questionForm(principal: Principal, id: string) {
      const user = requireUser(principal, 'advice.triage');
      const request = await findVisibleRequest(db, user, id);
      const refusal = checkQuestion(request.status, !!(await openQuestion(db, id)));
      if (refusal) throw new ConflictError(say(t, refusal));
      return { request };
    },

    /** IAG-08: CTSET asks the requester a question before triaging; the requester is e-mailed. */
    async askQuestion(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'advice.triage');
      const question = text(input.question);
      const errors: FieldError[] = [];
      if (!question)
        errors.push({
          field: 'question',
          message: t('advice:requests.question.question.required'),
        });
      tooLong(t, errors, 'question', t('advice:requests.question.question.name'), question, 2000);
      return db.transaction(async (tx) => {
        const request = await findVisibleRequest(tx, user, id, true);
        const refusal = checkQuestion(request.status, !!(await openQuestion(tx, id)));
        if (refusal) throw new ConflictError(say(t, refusal), 'question');
        if (errors.length) throw new ValidationError(errors);
        const at = now();
        const [row] = await tx
          .insert(adviceRequestQuestions)
          .values({ requestId: id, question: question!, askedBy: user.userId, askedAt: at })
          .returning();
        await tx.insert(adviceRequestEvents).values({
          requestId: id,
          kind: 'question_asked',
          at,
          actorUserId: user.userId,
          text: t('advice:requests.event.questionAsked', { question }),
        });
        const requester = await accountOf(tx, request.requestedBy);
        if (requester?.email)
          await mail.queue(tx, {
            to: requester.email,
            subject: t('advice:requests.email.question.subject', {
              reference: request.reference,
              subject: request.subject,
            }),
            text: t('advice:requests.email.question.body', {
              name: requester.name,
              question,
              link: `${publicUrl}${paths.answer(id)}`,
            }),
          });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'advice-request.question-asked',
          recordType: 'advice-request',
          recordId: id,
          after: row,
        });
        return { request, question: row! };
      });
    },

    async answerForm(principal: Principal, id: string) {
      const user = requireUser(principal);
      const request = await findVisibleRequest(db, user, id);
      if (request.requestedBy !== user.userId) throw new ForbiddenError();
      if (request.status !== 'awaiting_triage') throw new ConflictError(questionClosed());
      const question = await openQuestion(db, id);
      if (!question) throw new ConflictError(noQuestion());
      return { request, question };
    },

    /** IAG-08: the requester answers; the member of CTSET who asked is e-mailed. */
    async answerQuestion(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal);
      const answer = text(input.answer);
      const errors: FieldError[] = [];
      if (!answer)
        errors.push({ field: 'answer', message: t('advice:requests.answer.answer.required') });
      tooLong(t, errors, 'answer', t('advice:requests.answer.answer.name'), answer, 5000);
      return db.transaction(async (tx) => {
        const request = await findVisibleRequest(tx, user, id, true);
        if (request.requestedBy !== user.userId) throw new ForbiddenError();
        if (request.status !== 'awaiting_triage')
          throw new ConflictError(questionClosed(), 'answer');
        const question = await openQuestion(tx, id, true);
        if (!question) throw new ConflictError(noQuestion(), 'answer');
        if (errors.length) throw new ValidationError(errors);
        const at = now();
        await tx
          .update(adviceRequestQuestions)
          .set({ answer, answeredBy: user.userId, answeredAt: at })
          .where(eq(adviceRequestQuestions.id, question.id));
        await tx.insert(adviceRequestEvents).values({
          requestId: id,
          kind: 'question_answered',
          at,
          actorUserId: user.userId,
          text: t('advice:requests.event.questionAnswered', { answer }),
        });
        const asker = question.askedBy ? await accountOf(tx, question.askedBy) : undefined;
        if (asker?.email)
          await mail.queue(tx, {
            to: asker.email,
            subject: t('advice:requests.email.answered.subject', { reference: request.reference }),
            text: t('advice:requests.email.answered.body', {
              name: asker.name,
              question: question.question,
              answer,
              link: `${publicUrl}${paths.request(id)}`,
            }),
          });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'advice-request.question-answered',
          recordType: 'advice-request',
          recordId: id,
          after: { questionId: question.id, answer },
        });
        return { request };
      });
    },
  };
}
