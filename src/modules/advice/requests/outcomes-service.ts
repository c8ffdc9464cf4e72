/** IAG-03, IAG-27: the requester says whether they used each piece of advice, and why. */
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import { findVisibleRequest } from '../access.js';
import { ADVICE_OUTCOMES, type AdviceOutcome } from '../rules.js';
import { adviceGiven, adviceRequestEvents } from '../schema.js';
import type { Input, RequestParts } from './records.js';

export function createOutcomesService(parts: RequestParts) {
  const { db, now, t } = parts;
  const { personColumns: people } = parts.lookups;

  /** A piece of advice on a request, for the requester alone to say what they did with it. */
  async function findOutcomeSubject(
    executor: Executor,
    user: UserPrincipal,
    id: string,
    adviceId: string,
    lock = false,
  ) {
    const request = await findVisibleRequest(executor, user, id);
    if (request.requestedBy !== user.userId) throw new ForbiddenError();
    if (!isUuid(adviceId)) throw new NotFoundError();
    const query = executor
      .select({ advice: adviceGiven, advisor: people.name(adviceGiven.personId) })
      .from(adviceGiven)
      .where(and(eq(adviceGiven.id, adviceId), eq(adviceGiven.requestId, id)));
    const [row] = lock ? await query.for('update', { of: adviceGiven }) : await query;
    if (!row) throw new NotFoundError();
    return { request, advice: { ...row.advice, advisor: row.advisor } };
  }

  return {
    /** IAG-27: the form on which the requester says whether they used a piece of advice. */
    async outcomeForm(principal: Principal, id: string, adviceId: string) {
      const user = requireUser(principal);
      return findOutcomeSubject(db, user, id, adviceId);
    },

    /**
     * IAG-03, IAG-27: the requester records whether they used the advice, and why. Advice may or
     * may not be applied: either answer is a proper one, and each needs its reason.
     */
    async recordOutcome(
      principal: Principal,
      id: string,
      adviceId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      const errors: FieldError[] = [];
      const outcome = text(input.outcome);
      if (!ADVICE_OUTCOMES.includes(outcome as AdviceOutcome))
        errors.push({ field: 'outcome', message: t('advice:requests.outcome.outcome.required') });
      const reason = text(input.reason);
      if (!reason)
        errors.push({ field: 'reason', message: t('advice:requests.outcome.reason.required') });
      tooLong(t, errors, 'reason', t('advice:common.theReason'), reason, 2000);
      return db.transaction(async (tx) => {
        const { request, advice } = await findOutcomeSubject(tx, user, id, adviceId, true);
        if (advice.outcome)
          throw new ConflictError(t('advice:requests.outcome.refusals.recorded'), 'outcome');
        if (errors.length) throw new ValidationError(errors);
        const at = now();
        const [after] = await tx
          .update(adviceGiven)
          .set({
            outcome: outcome as AdviceOutcome,
            outcomeReason: reason,
            outcomeBy: user.userId,
            outcomeAt: at,
          })
          .where(eq(adviceGiven.id, adviceId))
          .returning();
        await tx.insert(adviceRequestEvents).values({
          requestId: id,
          kind: 'outcome_recorded',
          at,
          actorUserId: user.userId,
          text: t('advice:requests.event.outcome', {
            outcome: t(`advice:adviceOutcome.${outcome as AdviceOutcome}`),
            advisor: advice.advisor,
            reason,
          }),
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'advice.outcome-recorded',
          recordType: 'advice-request',
          recordId: request.id,
          before: { outcome: null },
          after: { adviceId, outcome, reason },
        });
        return after!;
      });
    },
  };
}
