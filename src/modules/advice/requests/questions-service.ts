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

export function createQuestionsService(parts: RequestParts) {
  const { db, mail, now, publicUrl } = parts;

  return {
    async questionForm(principal: Principal, id: string) {
      const user = requireUser(principal, 'advice.triage');
      const request = await findVisibleRequest(db, user, id);
      const refusal = checkQuestion(request.status, !!(await openQuestion(db, id)));
      if (refusal) throw new ConflictError(refusal);
      return { request };
    },

    /** IAG-08: CTSET asks the requester a question before triaging; the requester is e-mailed. */
    async askQuestion(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'advice.triage');
      const question = text(input.question);
      const errors: FieldError[] = [];
      if (!question) errors.push({ field: 'question', message: 'Enter your question' });
      tooLong(errors, 'question', 'The question', question, 2000);
      return db.transaction(async (tx) => {
        const request = await findVisibleRequest(tx, user, id, true);
        const refusal = checkQuestion(request.status, !!(await openQuestion(tx, id)));
        if (refusal) throw new ConflictError(refusal, 'question');
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
          text: `The strategic engagement team asked: ${question}`,
        });
        const requester = await accountOf(tx, request.requestedBy);
        if (requester?.email)
          await mail.queue(tx, {
            to: requester.email,
            subject: `A question about your request ${request.reference}: ${request.subject}`,
            text: [
              `Dear ${requester.name},`,
              '',
              'The strategic engagement team needs to know more before passing your request on:',
              question!,
              '',
              `Answer it here: ${publicUrl}${paths.answer(id)}`,
            ].join('\n'),
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
      if (request.status !== 'awaiting_triage')
        throw new ConflictError('The request has been triaged: the question is closed');
      const question = await openQuestion(db, id);
      if (!question) throw new ConflictError('There is no question waiting for your answer');
      return { request, question };
    },

    /** IAG-08: the requester answers; the member of CTSET who asked is e-mailed. */
    async answerQuestion(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal);
      const answer = text(input.answer);
      const errors: FieldError[] = [];
      if (!answer) errors.push({ field: 'answer', message: 'Enter your answer' });
      tooLong(errors, 'answer', 'The answer', answer, 5000);
      return db.transaction(async (tx) => {
        const request = await findVisibleRequest(tx, user, id, true);
        if (request.requestedBy !== user.userId) throw new ForbiddenError();
        if (request.status !== 'awaiting_triage')
          throw new ConflictError('The request has been triaged: the question is closed', 'answer');
        const question = await openQuestion(tx, id, true);
        if (!question)
          throw new ConflictError('There is no question waiting for your answer', 'answer');
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
          text: `The requester answered: ${answer}`,
        });
        const asker = question.askedBy ? await accountOf(tx, question.askedBy) : undefined;
        if (asker?.email)
          await mail.queue(tx, {
            to: asker.email,
            subject: `Answered: your question on request ${request.reference}`,
            text: [
              `Dear ${asker.name},`,
              '',
              `You asked: ${question.question}`,
              `The answer: ${answer}`,
              '',
              `The request is back in the triage queue: ${publicUrl}${paths.request(id)}`,
            ].join('\n'),
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
