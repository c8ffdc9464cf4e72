/**
 * Triage (IAG-08): the strategic engagement team's queue, urgent first, and what it does with
 * each request: passes it to the group best able to help, or declines it with a reason.
 */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { users } from '../../../platform/auth/schema.js';
import { ConflictError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { checkedValues, text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import { accountOf, findVisibleRequest } from '../access.js';
import { advicePaths as paths } from '../paths.js';
import { checkTriage, routingProblem, triageOverdue, waitedFor } from '../rules.js';
import {
  adviceRequestEvents,
  adviceRequestQuestions,
  adviceRequestRoutes,
  adviceRequests,
} from '../schema.js';
import { closeOpenQuestion, type Input, type RequestParts } from './records.js';
import { type Said, say } from '../../../platform/i18n/said.js';
import { formatDate } from '../../../platform/i18n/dates.js';

export function createTriageService(parts: RequestParts) {
  const { db, groups, mail, targets, now, t, withTimeliness, publicUrl } = parts;
  const refuse = (refusal: Said, field?: string) => new ConflictError(say(t, refusal), field);

  return {
    /** IAG-08: the urgent requests waiting for triage, for CTSET's home page: how many, the oldest first. */
    async urgentWaiting(principal: Principal) {
      requireUser(principal, 'advice.triage');
      const where = and(
        eq(adviceRequests.status, 'awaiting_triage'),
        eq(adviceRequests.urgency, 'urgent'),
      );
      const [[total], [oldest]] = await Promise.all([
        db.select({ n: count() }).from(adviceRequests).where(where),
        db
          .select()
          .from(adviceRequests)
          .where(where)
          .orderBy(asc(adviceRequests.submittedAt))
          .limit(1),
      ]);
      return {
        count: Number(total?.n ?? 0),
        oldest: oldest
          ? {
              reference: oldest.reference,
              subject: oldest.subject,
              waited: waitedFor(oldest.submittedAt, now()),
              overdue: triageOverdue(oldest, targets, now()),
            }
          : null,
      };
    },

    /**
     * IAG-08: CTSET's queue: every request waiting for triage, urgent first, then the longest
     * waiting, each with how long it has waited and whether it is past its target.
     */
    async queue(principal: Principal, page: { limit: number; offset: number }) {
      requireUser(principal, 'advice.triage');
      const where = eq(adviceRequests.status, 'awaiting_triage');
      const [items, [total]] = await Promise.all([
        db
          .select({
            request: adviceRequests,
            requester: users.displayName,
            waitingOnRequester: sql<boolean>`exists (select 1 from ${adviceRequestQuestions} q
              where q.request_id = ${adviceRequests.id} and q.answered_at is null)`,
          })
          .from(adviceRequests)
          .innerJoin(users, eq(users.id, adviceRequests.requestedBy))
          .where(where)
          // The queue index (status, urgency, submitted_at): 'urgent' sorts before 'routine'.
          .orderBy(asc(adviceRequests.urgency), asc(adviceRequests.submittedAt))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(adviceRequests).where(where),
      ]);
      return {
        items: items.map((i) => ({
          ...withTimeliness(i.request),
          requester: i.requester,
          waitingOnRequester: i.waitingOnRequester,
        })),
        total: Number(total?.n ?? 0),
      };
    },

    async routeForm(principal: Principal, id: string) {
      const user = requireUser(principal, 'advice.triage');
      const request = await findVisibleRequest(db, user, id);
      const refusal = checkTriage(request.status);
      if (refusal) throw refuse(refusal);
      const candidates = await groups.routingCandidates(db);
      return {
        request: withTimeliness(request),
        candidates: candidates.map((g) => ({ ...g, problem: routingProblem(g) })),
      };
    },

    /**
     * IAG-08: CTSET passes the request to the group (or groups) best able to help; each group's
     * deployment contact is e-mailed.
     */
    async route(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'advice.triage');
      const chosen = checkedValues(input.groups).filter(isUuid);
      return db.transaction(async (tx) => {
        const request = await findVisibleRequest(tx, user, id, true);
        const refusal = checkTriage(request.status);
        if (refusal) throw refuse(refusal, 'groups');
        if (chosen.length === 0)
          throw new ValidationError([
            { field: 'groups', message: t('advice:requests.route.groups.required') },
          ]);
        const candidates = await groups.routingCandidates(tx);
        const picked = candidates.filter((g) => chosen.includes(g.id));
        if (picked.length !== chosen.length)
          throw new ValidationError([
            { field: 'groups', message: t('advice:requests.route.groups.fromList') },
          ]);
        const problems = picked.flatMap((g) => routingProblem(g) ?? []);
        if (problems.length)
          throw new ValidationError(problems.map((p) => ({ field: 'groups', message: say(t, p) })));
        const at = now();
        await closeOpenQuestion(tx, id, at);
        await tx.insert(adviceRequestRoutes).values(
          picked.map((g) => ({
            requestId: id,
            groupId: g.id,
            routedBy: user.userId,
            routedAt: at,
          })),
        );
        const [after] = await tx
          .update(adviceRequests)
          .set({
            status: 'routed',
            triagedBy: user.userId,
            triagedAt: at,
            version: sql`${adviceRequests.version} + 1`,
          })
          .where(eq(adviceRequests.id, id))
          .returning();
        const names = picked.map((g) => g.name);
        await tx.insert(adviceRequestEvents).values({
          requestId: id,
          kind: 'routed',
          at,
          actorUserId: user.userId,
          text: t('advice:requests.event.routed', { groups: names.join(t('advice:common.and')) }),
        });
        await mail.queueMany(
          tx,
          picked.flatMap((g) =>
            g.contactEmail
              ? [
                  {
                    to: g.contactEmail,
                    subject: t('advice:requests.email.routed.subject', {
                      urgency: t(`advice:urgency.${request.urgency}`),
                      subject: request.subject,
                    }),
                    text: t('advice:requests.email.routed.body', {
                      name: g.contactName,
                      reference: request.reference,
                      group: g.name,
                      subject: request.subject,
                      needed: request.neededUntil
                        ? t('advice:requests.email.routed.neededFromTo', {
                            from: formatDate(t, request.neededFrom),
                            to: formatDate(t, request.neededUntil),
                          })
                        : formatDate(t, request.neededFrom),
                      wanted: request.advisorsWanted,
                      clearance: request.clearanceNeeded
                        ? t('advice:requests.email.routed.clearance', {
                            clearance: t(`groups:clearance.${request.clearanceNeeded}`),
                          })
                        : t('advice:requests.email.routed.noClearance'),
                      link: `${publicUrl}${paths.request(id)}`,
                    }),
                  },
                ]
              : [],
          ),
        );
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'advice-request.routed',
          recordType: 'advice-request',
          recordId: id,
          before: { status: request.status },
          after: { status: after!.status, groups: picked.map((g) => g.id) },
        });
        return { request: after!, groups: names };
      });
    },

    async declineForm(principal: Principal, id: string) {
      const user = requireUser(principal, 'advice.triage');
      const request = await findVisibleRequest(db, user, id);
      const refusal = checkTriage(request.status);
      if (refusal) throw refuse(refusal);
      return { request: withTimeliness(request) };
    },

    /** IAG-08: CTSET declines a request, saying why; the requester is told by e-mail. */
    async decline(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'advice.triage');
      const reason = text(input.reason);
      const errors: FieldError[] = [];
      if (!reason)
        errors.push({ field: 'reason', message: t('advice:requests.decline.reason.required') });
      tooLong(t, errors, 'reason', t('advice:common.theReason'), reason, 2000);
      return db.transaction(async (tx) => {
        const request = await findVisibleRequest(tx, user, id, true);
        const refusal = checkTriage(request.status);
        if (refusal) throw refuse(refusal, 'reason');
        if (errors.length) throw new ValidationError(errors);
        const at = now();
        await closeOpenQuestion(tx, id, at);
        const [after] = await tx
          .update(adviceRequests)
          .set({
            status: 'declined',
            declineReason: reason,
            triagedBy: user.userId,
            triagedAt: at,
            version: sql`${adviceRequests.version} + 1`,
          })
          .where(eq(adviceRequests.id, id))
          .returning();
        await tx.insert(adviceRequestEvents).values({
          requestId: id,
          kind: 'declined',
          at,
          actorUserId: user.userId,
          text: t('advice:requests.event.declined', { reason }),
        });
        const requester = await accountOf(tx, request.requestedBy);
        if (requester?.email)
          await mail.queue(tx, {
            to: requester.email,
            subject: t('advice:requests.email.declined.subject', { subject: request.subject }),
            text: t('advice:requests.email.declined.body', {
              name: requester.name,
              reference: request.reference,
              reason,
              link: `${publicUrl}${paths.request(id)}`,
            }),
          });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'advice-request.declined',
          recordType: 'advice-request',
          recordId: id,
          before: { status: request.status },
          after: { status: after!.status, reason },
        });
        return after!;
      });
    },
  };
}
