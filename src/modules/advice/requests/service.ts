/**
 * Requests for independent advice, from the asking to the group (IAG-08): a requester asks and
 * follows the request on one timeline; the strategic engagement team (CTSET) triages every
 * request, urgent first, and passes it to the group best able to help or declines it with a
 * reason. Each thing a person does is one function here: permission, rules, one transaction,
 * one audit event.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { users } from '../../../platform/auth/schema.js';
import { activeRoleHolders } from '../../../platform/auth/users-service.js';
import {
  formatDate,
  formatDateTime,
  todayInLondon,
  type IsoDate,
} from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { checkedValues, dateField, text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { MailService } from '../../../platform/mail/service.js';
import {
  CLEARANCE_LABELS,
  CLEARANCE_ORDER,
  type ClearanceLevel,
  type GroupsApi,
} from '../../groups/index.js';
import { accountOf, contactGroupIds, findVisibleRequest, type AdviceLookups } from '../access.js';
import { advicePaths as paths } from '../paths.js';
import {
  ADVICE_OUTCOMES,
  ADVICE_OUTCOME_LABELS,
  EXPERIENCE_AREAS,
  MAX_ADVISORS_WANTED,
  type AdviceOutcome,
  type ExperienceArea,
  URGENCIES,
  URGENCY_LABELS,
  checkQuestion,
  checkTriage,
  countedPastHolidayData,
  neededFromProblem,
  nominationOverdue,
  routingProblem,
  stageDueAt,
  triageDueAt,
  triageOverdue,
  waitedFor,
  type TriageTargets,
  type Urgency,
} from '../rules.js';
import {
  adviceGiven,
  adviceRequestEvents,
  adviceRequestQuestions,
  adviceRequestRoutes,
  adviceRequests,
  deployments,
} from '../schema.js';

type Input = Record<string, string | string[] | undefined>;
export type AdviceRequest = typeof adviceRequests.$inferSelect;

export type AdviceService = ReturnType<typeof createAdviceService>;

export function createAdviceService(deps: {
  db: Db;
  groups: GroupsApi;
  lookups: AdviceLookups;
  mail: MailService;
  publicUrl: string;
  targets: TriageTargets;
  now?: () => Date;
}) {
  const { db, groups, mail, targets } = deps;
  const { personColumns: people, groupColumns } = deps.lookups;
  const now = () => (deps.now ? deps.now() : new Date());

  function requireUser(principal: Principal, permission?: Parameters<typeof can>[1]) {
    if (principal?.kind !== 'user') throw new ForbiddenError();
    if (permission && !can(principal, permission)) throw new ForbiddenError();
    return principal;
  }

  /** IAG-08: the question CTSET is waiting on the requester to answer, if there is one. */
  async function openQuestion(executor: Executor, requestId: string, lock = false) {
    const query = executor
      .select()
      .from(adviceRequestQuestions)
      .where(
        and(
          eq(adviceRequestQuestions.requestId, requestId),
          isNull(adviceRequestQuestions.answeredAt),
        ),
      );
    const [row] = lock ? await query.for('update') : await query;
    return row;
  }

  /** Triage ends any question still waiting: it is closed, unanswered. */
  async function closeOpenQuestion(executor: Executor, requestId: string, at: Date) {
    await executor
      .update(adviceRequestQuestions)
      .set({ answeredAt: at })
      .where(
        and(
          eq(adviceRequestQuestions.requestId, requestId),
          isNull(adviceRequestQuestions.answeredAt),
        ),
      );
  }

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

  function validateRequest(input: Input, previous?: { neededFrom: IsoDate }) {
    const errors: FieldError[] = [];
    const subject = text(input.subject);
    if (!subject) errors.push({ field: 'subject', message: 'Enter what you need advice about' });
    tooLong(errors, 'subject', 'What you need advice about', subject, 200);
    const details = text(input.details);
    if (!details)
      errors.push({ field: 'details', message: 'Enter the background the advisor needs' });
    tooLong(errors, 'details', 'The background', details, 5000);
    const operation = text(input.operation);
    tooLong(errors, 'operation', 'The operation or incident', operation, 200);
    const serious = text(input.seriousOrCritical);
    if (serious !== 'yes' && serious !== 'no')
      errors.push({
        field: 'seriousOrCritical',
        message: 'Select whether this is a serious crime or critical incident',
      });
    const urgency = text(input.urgency);
    if (!URGENCIES.includes(urgency as Urgency))
      errors.push({ field: 'urgency', message: 'Select how urgent the request is' });
    const communities = text(input.communities);
    if (!communities)
      errors.push({
        field: 'communities',
        message: 'Enter the communities or experience the advisor should bring',
      });
    tooLong(errors, 'communities', 'The communities or experience', communities, 1000);
    const location = text(input.location);
    tooLong(errors, 'location', 'Where', location, 300);
    const neededFrom = dateField(input, 'neededFrom', 'the date the advice is needed from', errors);
    const neededUntil = dateField(input, 'neededUntil', 'the last date it is needed', errors, {
      required: false,
    });
    const pastProblem = neededFrom
      ? neededFromProblem(neededFrom, todayInLondon(now()), previous?.neededFrom)
      : null;
    if (pastProblem) errors.push({ field: 'neededFrom-day', message: pastProblem });
    if (neededFrom && neededUntil && neededUntil < neededFrom)
      errors.push({
        field: 'neededUntil-day',
        message: 'The last date must be the same as or after the first',
      });
    const clearance = text(input.clearanceNeeded) ?? 'none';
    if (clearance !== 'none' && !CLEARANCE_ORDER.includes(clearance as ClearanceLevel))
      errors.push({ field: 'clearanceNeeded', message: 'Select the clearance the work needs' });
    const wantedText = text(input.advisorsWanted) ?? '1';
    const advisorsWanted = /^\d+$/.test(wantedText) ? Number(wantedText) : NaN;
    if (!(advisorsWanted >= 1 && advisorsWanted <= MAX_ADVISORS_WANTED))
      errors.push({
        field: 'advisorsWanted',
        message: `How many advisors must be a whole number from 1 to ${MAX_ADVISORS_WANTED}`,
      });
    const experienceNeeded = checkedValues(input.experienceNeeded);
    if (experienceNeeded.some((e) => !EXPERIENCE_AREAS.includes(e as ExperienceArea)))
      errors.push({
        field: 'experienceNeeded',
        message: 'Select kinds of experience from the list',
      });
    if (errors.length) throw new ValidationError(errors);
    return {
      experienceNeeded: experienceNeeded as ExperienceArea[],
      subject: subject!,
      details: details!,
      operation,
      seriousOrCritical: serious === 'yes',
      urgency: urgency as Urgency,
      communities: communities!,
      location,
      neededFrom: neededFrom as IsoDate,
      neededUntil,
      clearanceNeeded: clearance === 'none' ? null : (clearance as ClearanceLevel),
      advisorsWanted,
    };
  }

  async function timelineOf(executor: Executor, requestId: string) {
    return executor
      .select({
        kind: adviceRequestEvents.kind,
        at: adviceRequestEvents.at,
        text: adviceRequestEvents.text,
        actor: users.displayName,
      })
      .from(adviceRequestEvents)
      .leftJoin(users, eq(users.id, adviceRequestEvents.actorUserId))
      .where(eq(adviceRequestEvents.requestId, requestId))
      .orderBy(asc(adviceRequestEvents.at), asc(adviceRequestEvents.kind));
  }

  function withTimeliness<T extends Pick<AdviceRequest, 'status' | 'urgency' | 'submittedAt'>>(
    request: T,
  ) {
    const due = triageDueAt(request, targets);
    return {
      ...request,
      triageDueAt: due,
      triageDueCountedPastData: countedPastHolidayData(request.urgency, due),
      overdue: triageOverdue(request, targets, now()),
    };
  }

  return {
    now,
    targets,

    askForm(principal: Principal) {
      requireUser(principal, 'advice.request');
    },

    /** IAG-08: a police officer or unit asks for independent advice. */
    async ask(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, 'advice.request');
      const value = validateRequest(input);
      return db.transaction(async (tx) => {
        const at = now();
        const [request] = await tx
          .insert(adviceRequests)
          .values({ ...value, requestedBy: user.userId, submittedAt: at })
          .returning();
        await tx.insert(adviceRequestEvents).values({
          requestId: request!.id,
          kind: 'submitted',
          at,
          actorUserId: user.userId,
          text: `${URGENCY_LABELS[value.urgency]} request sent to the strategic engagement team (CTSET) for triage`,
        });
        // IAG-08: CTSET handles urgent contact, so the team hears of an urgent request at once
        // rather than when it next looks at the queue (the requester is not told of their own).
        if (value.urgency === 'urgent') {
          const dueBy = formatDateTime(triageDueAt(request!, targets));
          const ctset = (await activeRoleHolders(tx, 'ctset')).filter(
            (a) => a.userId !== user.userId,
          );
          await mail.queueMany(
            tx,
            ctset.map((to) => ({
              to: to.email,
              subject: `Urgent request for an advisor: ${request!.subject}`,
              text: [
                `Dear ${to.name},`,
                '',
                `${user.displayName} has made urgent request ${request!.reference} for independent advice, needed from ${formatDate(request!.neededFrom)}. It is due for triage by ${dueBy} (IAG-08).`,
                '',
                `What: ${request!.subject}`,
                `Communities or experience: ${request!.communities}`,
                '',
                `Pass it to a group, or decline it: ${deps.publicUrl}${paths.route(request!.id)}`,
              ].join('\n'),
            })),
          );
        }
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'advice-request.submitted',
          recordType: 'advice-request',
          recordId: request!.id,
          after: request,
        });
        return request!;
      });
    },

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

    /** The person's own requests, newest first, a page at a time. */
    async mine(principal: Principal, page: { limit: number; offset: number }) {
      const user = requireUser(principal, 'advice.request');
      const where = eq(adviceRequests.requestedBy, user.userId);
      const [items, [total]] = await Promise.all([
        db
          .select()
          .from(adviceRequests)
          .where(where)
          .orderBy(desc(adviceRequests.submittedAt))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(adviceRequests).where(where),
      ]);
      return { items: items.map(withTimeliness), total: Number(total?.n ?? 0) };
    },

    /** One request with its timeline and where it was passed. */
    async request(principal: Principal, id: string) {
      const user = requireUser(principal);
      const request = await findVisibleRequest(db, user, id);
      const [timeline, routes, requester] = await Promise.all([
        timelineOf(db, id),
        db
          .select({ groupId: adviceRequestRoutes.groupId })
          .from(adviceRequestRoutes)
          .where(eq(adviceRequestRoutes.requestId, id)),
        accountOf(db, request.requestedBy),
      ]);
      const routedTo = await groups.groupsByIds(
        db,
        routes.map((r) => r.groupId),
      );
      // Those who run the process and the groups' contacts see every nomination; the requester
      // sees who has accepted, the people they will work with.
      const contactOf = contactGroupIds(user);
      const contactHere = routes.some((r) => contactOf.includes(r.groupId));
      const seesNominations = can(user, 'advice.view-all') || contactHere;
      const nominations = await db
        .select({
          name: people.name(deployments.personId),
          groupId: deployments.groupId,
          status: deployments.status,
          arrangedAt: deployments.arrangedAt,
        })
        .from(deployments)
        .where(
          seesNominations
            ? eq(deployments.requestId, id)
            : and(eq(deployments.requestId, id), eq(deployments.status, 'accepted')),
        )
        .orderBy(asc(deployments.nominatedAt))
        .limit(100);
      const questions = await db
        .select()
        .from(adviceRequestQuestions)
        .where(eq(adviceRequestQuestions.requestId, id))
        .orderBy(asc(adviceRequestQuestions.askedAt))
        .limit(50);
      const open = questions.find((q) => !q.answeredAt);
      const groupName = new Map(routedTo.map((g) => [g.id, g.name]));
      const advice = await db
        .select({
          id: adviceGiven.id,
          advisor: people.name(adviceGiven.personId),
          groupId: adviceGiven.groupId,
          givenOn: adviceGiven.givenOn,
          summary: adviceGiven.summary,
          independent: adviceGiven.independent,
          independenceBasis: adviceGiven.independenceBasis,
          outcome: adviceGiven.outcome,
          outcomeReason: adviceGiven.outcomeReason,
        })
        .from(adviceGiven)
        .where(eq(adviceGiven.requestId, id))
        .orderBy(asc(adviceGiven.givenOn), asc(adviceGiven.recordedAt))
        .limit(100);
      return {
        request: withTimeliness(request),
        timeline,
        routedTo,
        nominations: nominations.map((n) => ({ ...n, groupName: groupName.get(n.groupId) })),
        advice: advice.map((a) => ({ ...a, groupName: groupName.get(a.groupId) })),
        mayRecordOutcome: request.requestedBy === user.userId,
        openQuestion: open ?? null,
        mayAsk: can(user, 'advice.triage') && checkQuestion(request.status, !!open) === null,
        mayAnswer: !!open && request.requestedBy === user.userId,
        nominateFor:
          request.status === 'routed' ? routedTo.filter((g) => contactOf.includes(g.id)) : [],
        requester: requester ?? null,
        mayTriage: can(user, 'advice.triage') && checkTriage(request.status) === null,
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
      if (refusal) throw new ConflictError(refusal);
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
        if (refusal) throw new ConflictError(refusal, 'groups');
        if (chosen.length === 0)
          throw new ValidationError([
            { field: 'groups', message: 'Select the group, or groups, best able to help' },
          ]);
        const candidates = await groups.routingCandidates(tx);
        const picked = candidates.filter((g) => chosen.includes(g.id));
        if (picked.length !== chosen.length)
          throw new ValidationError([{ field: 'groups', message: 'Select groups from the list' }]);
        const problems = picked.flatMap((g) => routingProblem(g) ?? []);
        if (problems.length)
          throw new ValidationError(problems.map((message) => ({ field: 'groups', message })));
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
          text: `Passed to ${names.join(' and ')}, whose deployment contact will nominate an advisor`,
        });
        await mail.queueMany(
          tx,
          picked.flatMap((g) =>
            g.contactEmail
              ? [
                  {
                    to: g.contactEmail,
                    subject: `${URGENCY_LABELS[request.urgency]} request for an advisor: ${request.subject}`,
                    text: [
                      `Dear ${g.contactName},`,
                      '',
                      `The strategic engagement team has passed request ${request.reference} to ${g.name}, for you to nominate the most suitable advisor (IAG-08).`,
                      '',
                      `What: ${request.subject}`,
                      `Needed from: ${formatDate(request.neededFrom)}${request.neededUntil ? ` to ${formatDate(request.neededUntil)}` : ''}`,
                      `Advisors wanted: ${request.advisorsWanted}`,
                      request.clearanceNeeded
                        ? `Clearance needed: ${CLEARANCE_LABELS[request.clearanceNeeded]}`
                        : 'No clearance is needed.',
                      '',
                      `The request: ${deps.publicUrl}${paths.request(id)}`,
                    ].join('\n'),
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
              `Answer it here: ${deps.publicUrl}${paths.answer(id)}`,
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
              `The request is back in the triage queue: ${deps.publicUrl}${paths.request(id)}`,
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
        errors.push({ field: 'outcome', message: 'Select whether you used the advice' });
      const reason = text(input.reason);
      if (!reason)
        errors.push({ field: 'reason', message: 'Enter why you did or did not use the advice' });
      tooLong(errors, 'reason', 'The reason', reason, 2000);
      return db.transaction(async (tx) => {
        const { request, advice } = await findOutcomeSubject(tx, user, id, adviceId, true);
        if (advice.outcome)
          throw new ConflictError(
            'You have already recorded what you did with this advice',
            'outcome',
          );
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
          text: `${ADVICE_OUTCOME_LABELS[outcome as AdviceOutcome]}: the advice of ${advice.advisor} (${reason})`,
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

    /**
     * IAG-08: e-mails, once each, about requests past their targets: those still waiting for
     * triage go to the strategic engagement team; those passed to a group with nobody nominated
     * go to the group's deployment contact and to CTSET. Safe on several instances at once:
     * rows are claimed with SKIP LOCKED. Returns how many requests were escalated.
     */
    async escalateOverdue(batch = 50): Promise<number> {
      const at = now();
      // Working days are at least calendar days: a cheap bound in SQL, the exact rule after.
      const urgentSince = new Date(at.getTime() - targets.urgentMinutes * 60_000);
      const routineSince = new Date(at.getTime() - targets.routineWorkingDays * 86_400_000);
      const pastBound = (
        column: typeof adviceRequests.submittedAt | typeof adviceRequests.triagedAt,
      ) =>
        sql`((${adviceRequests.urgency} = 'urgent' and ${column} < ${urgentSince}) or ${column} < ${routineSince})`;
      return db.transaction(async (tx) => {
        const ctsetEmails = [
          ...new Set((await activeRoleHolders(tx, 'ctset')).map((u) => u.email)),
        ].filter(Boolean);

        const waiting = (
          await tx
            .select()
            .from(adviceRequests)
            .where(
              and(
                eq(adviceRequests.status, 'awaiting_triage'),
                isNull(adviceRequests.triageEscalatedAt),
                pastBound(adviceRequests.submittedAt),
              ),
            )
            .orderBy(asc(adviceRequests.submittedAt))
            .limit(batch)
            .for('update', { skipLocked: true })
        ).filter((r) => triageOverdue(r, targets, at));

        const routed = await tx
          .select()
          .from(adviceRequests)
          .where(
            and(
              eq(adviceRequests.status, 'routed'),
              isNull(adviceRequests.nominationEscalatedAt),
              pastBound(adviceRequests.triagedAt),
              sql`not exists (select 1 from ${deployments} d where d.request_id = ${adviceRequests.id}
                and d.status in ('nominated', 'accepted'))`,
            ),
          )
          .orderBy(asc(adviceRequests.triagedAt))
          .limit(batch)
          .for('update', { skipLocked: true });
        const unnominated = routed.filter((r) => nominationOverdue(r, 0, targets, at));
        const contactId = groupColumns.deploymentContactId(adviceRequestRoutes.groupId);
        const contacts = unnominated.length
          ? await tx
              .select({
                requestId: adviceRequestRoutes.requestId,
                group: groupColumns.name(adviceRequestRoutes.groupId),
                name: people.name(contactId),
                email: people.email(contactId),
              })
              .from(adviceRequestRoutes)
              .where(
                and(
                  inArray(
                    adviceRequestRoutes.requestId,
                    unnominated.map((r) => r.id),
                  ),
                  isNotNull(contactId),
                ),
              )
          : [];

        const link = (id: string) => `${deps.publicUrl}${paths.request(id)}`;
        await mail.queueMany(tx, [
          ...waiting.flatMap((r) =>
            ctsetEmails.map((to) => ({
              to,
              subject: `Past its target for triage: request ${r.reference}, ${r.subject}`,
              text: [
                `${URGENCY_LABELS[r.urgency]} request ${r.reference} has waited ${waitedFor(r.submittedAt, at)} for triage; it was due by ${formatDateTime(triageDueAt(r, targets))} (IAG-08).`,
                '',
                `Triage it: ${link(r.id)}`,
              ].join('\n'),
            })),
          ),
          ...unnominated.flatMap((r) => {
            const groupContacts = contacts.filter((c) => c.requestId === r.id && c.email);
            const text = [
              `${URGENCY_LABELS[r.urgency]} request ${r.reference} was passed to ${groupContacts.map((c) => c.group).join(' and ') || 'a group'} ${waitedFor(r.triagedAt!, at)} ago and nobody has been nominated; it was due by ${formatDateTime(stageDueAt(r.urgency, r.triagedAt!, targets))} (IAG-08).`,
              '',
              `The request: ${link(r.id)}`,
            ].join('\n');
            const subject = `No advisor nominated yet: request ${r.reference}, ${r.subject}`;
            return [
              ...groupContacts.map((c) => ({ to: c.email!, subject, text })),
              ...ctsetEmails.map((to) => ({ to, subject, text })),
            ];
          }),
        ]);
        if (waiting.length)
          await tx
            .update(adviceRequests)
            .set({ triageEscalatedAt: at })
            .where(
              inArray(
                adviceRequests.id,
                waiting.map((r) => r.id),
              ),
            );
        if (unnominated.length)
          await tx
            .update(adviceRequests)
            .set({ nominationEscalatedAt: at })
            .where(
              inArray(
                adviceRequests.id,
                unnominated.map((r) => r.id),
              ),
            );
        return waiting.length + unnominated.length;
      });
    },

    async declineForm(principal: Principal, id: string) {
      const user = requireUser(principal, 'advice.triage');
      const request = await findVisibleRequest(db, user, id);
      const refusal = checkTriage(request.status);
      if (refusal) throw new ConflictError(refusal);
      return { request: withTimeliness(request) };
    },

    /** IAG-08: CTSET declines a request, saying why; the requester is told by e-mail. */
    async decline(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'advice.triage');
      const reason = text(input.reason);
      const errors: FieldError[] = [];
      if (!reason) errors.push({ field: 'reason', message: 'Enter why the request is declined' });
      tooLong(errors, 'reason', 'The reason', reason, 2000);
      return db.transaction(async (tx) => {
        const request = await findVisibleRequest(tx, user, id, true);
        const refusal = checkTriage(request.status);
        if (refusal) throw new ConflictError(refusal, 'reason');
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
          text: `Declined by the strategic engagement team: ${reason}`,
        });
        const requester = await accountOf(tx, request.requestedBy);
        if (requester?.email)
          await mail.queue(tx, {
            to: requester.email,
            subject: `Your request for advice was declined: ${request.subject}`,
            text: [
              `Dear ${requester.name},`,
              '',
              `The strategic engagement team has declined request ${request.reference}:`,
              reason!,
              '',
              `The request: ${deps.publicUrl}${paths.request(id)}`,
            ].join('\n'),
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
