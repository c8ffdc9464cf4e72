/**
 * Requests for independent advice, from the asking to the group (IAG-08): a requester asks and
 * follows the request on one timeline; the strategic engagement team (CTSET) triages every
 * request, urgent first, and passes it to the group best able to help or declines it with a
 * reason. Here: asking, the requester's list and the request's page; triage, questions,
 * outcomes and escalation are their own files, made one service below. Each thing a person does
 * is one function: permission, rules, one transaction, one audit event.
 */
import { and, asc, count, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { users } from '../../../platform/auth/schema.js';
import { activeRoleHolders } from '../../../platform/auth/users-service.js';
import { todayInLondon, type IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { ValidationError, type FieldError } from '../../../platform/errors.js';
import { checkedValues, dateField, text, tooLong } from '../../../platform/http/form-fields.js';
import { CLEARANCE_ORDER, type ClearanceLevel } from '../../groups/index.js';
import { accountOf, contactGroupIds, findVisibleRequest } from '../access.js';
import { advicePaths as paths } from '../paths.js';
import {
  EXPERIENCE_AREAS,
  MAX_ADVISORS_WANTED,
  type ExperienceArea,
  URGENCIES,
  checkQuestion,
  checkTriage,
  neededFromProblem,
  triageDueAt,
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
import { createEscalationService } from './escalation-service.js';
import { createOutcomesService } from './outcomes-service.js';
import { createQuestionsService } from './questions-service.js';
import { createRequestParts, type Input, type RequestServiceDeps } from './records.js';
import { createTriageService } from './triage-service.js';
import { say } from '../../../platform/i18n/said.js';
import { formatDate, formatDateTime } from '../../../platform/i18n/dates.js';

export type { AdviceRequest } from './records.js';

export type AdviceService = ReturnType<typeof createAdviceService>;

/** `services.advice`: asking and following a request (here), made whole with its other parts. */
export function createAdviceService(serviceDeps: RequestServiceDeps) {
  const parts = createRequestParts(serviceDeps);
  const { db, groups, mail, targets, now, t, withTimeliness, publicUrl } = parts;
  const { personColumns: people } = parts.lookups;

  function validateRequest(input: Input, previous?: { neededFrom: IsoDate }) {
    const errors: FieldError[] = [];
    // The words of each field: `field('subject.required')`.
    const field = (key: string) => t(`advice:requests.ask.${key}`);
    const subject = text(input.subject);
    if (!subject) errors.push({ field: 'subject', message: field('subject.required') });
    tooLong(t, errors, 'subject', field('subject.name'), subject, 200);
    const details = text(input.details);
    if (!details) errors.push({ field: 'details', message: field('details.required') });
    tooLong(t, errors, 'details', field('details.name'), details, 5000);
    const operation = text(input.operation);
    tooLong(t, errors, 'operation', field('operation.name'), operation, 200);
    const serious = text(input.seriousOrCritical);
    if (serious !== 'yes' && serious !== 'no')
      errors.push({ field: 'seriousOrCritical', message: field('seriousOrCritical.required') });
    const urgency = text(input.urgency);
    if (!URGENCIES.includes(urgency as Urgency))
      errors.push({ field: 'urgency', message: field('urgency.required') });
    const communities = text(input.communities);
    if (!communities) errors.push({ field: 'communities', message: field('communities.required') });
    tooLong(t, errors, 'communities', field('communities.name'), communities, 1000);
    const location = text(input.location);
    tooLong(t, errors, 'location', field('location.name'), location, 300);
    const neededFrom = dateField(t, input, 'neededFrom', field('neededFrom.name'), errors);
    const neededUntil = dateField(t, input, 'neededUntil', field('neededUntil.name'), errors, {
      required: false,
    });
    const pastProblem = neededFrom
      ? neededFromProblem(neededFrom, todayInLondon(now()), previous?.neededFrom)
      : null;
    if (pastProblem) errors.push({ field: 'neededFrom-day', message: say(t, pastProblem) });
    if (neededFrom && neededUntil && neededUntil < neededFrom)
      errors.push({ field: 'neededUntil-day', message: field('neededUntil.beforeFrom') });
    const clearance = text(input.clearanceNeeded) ?? 'none';
    if (clearance !== 'none' && !CLEARANCE_ORDER.includes(clearance as ClearanceLevel))
      errors.push({ field: 'clearanceNeeded', message: field('clearanceNeeded.required') });
    const wantedText = text(input.advisorsWanted) ?? '1';
    const advisorsWanted = /^\d+$/.test(wantedText) ? Number(wantedText) : NaN;
    if (!(advisorsWanted >= 1 && advisorsWanted <= MAX_ADVISORS_WANTED))
      errors.push({
        field: 'advisorsWanted',
        message: t('advice:requests.ask.advisorsWanted.range', { max: MAX_ADVISORS_WANTED }),
      });
    const experienceNeeded = checkedValues(input.experienceNeeded);
    if (experienceNeeded.some((e) => !EXPERIENCE_AREAS.includes(e as ExperienceArea)))
      errors.push({ field: 'experienceNeeded', message: t('advice:common.experienceFromList') });
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

  return {
    now,
    targets,
    ...createTriageService(parts),
    ...createQuestionsService(parts),
    ...createOutcomesService(parts),
    ...createEscalationService(parts),

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
          text: t('advice:requests.event.submitted', {
            urgency: t(`advice:urgency.${value.urgency}`),
          }),
        });
        // IAG-08: CTSET handles urgent contact, so the team hears of an urgent request at once
        // rather than when it next looks at the queue (the requester is not told of their own).
        if (value.urgency === 'urgent') {
          const dueBy = formatDateTime(t, triageDueAt(request!, targets));
          const ctset = (await activeRoleHolders(tx, 'ctset')).filter(
            (a) => a.userId !== user.userId,
          );
          await mail.queueMany(
            tx,
            ctset.map((to) => ({
              to: to.email,
              subject: t('advice:requests.email.urgent.subject', { subject: request!.subject }),
              text: t('advice:requests.email.urgent.body', {
                name: to.name,
                requester: user.displayName,
                reference: request!.reference,
                neededFrom: formatDate(t, request!.neededFrom),
                due: dueBy,
                subject: request!.subject,
                communities: request!.communities,
                link: `${publicUrl}${paths.route(request!.id)}`,
              }),
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
  };
}
