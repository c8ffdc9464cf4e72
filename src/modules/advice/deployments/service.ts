/**
 * From a request passed to a group to advisors ready to go (IAG-07, IAG-08, IAG-10, IAG-29,
 * IAG-30): the group's deployment contact nominates (nominations/); each advisor accepts or
 * declines and records the advice they gave (here), and says when they cannot be deployed
 * (availability-service.ts); CTSET (urgent) or the coordination unit (otherwise) contacts them
 * and arranges escorted access (arrangements/). `services.deployments` is all of these. Each
 * thing a person does is one function: permission, rules, one transaction, one audit event.
 */
import { and, count, desc, eq, gte, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { toLondonDate, todayInLondon } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { ConflictError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { dateField, text, tooLong } from '../../../platform/http/form-fields.js';
import type { MailService } from '../../../platform/mail/service.js';
import type { AdviceCitations } from '../../meetings/index.js';
import { accountOf, createAdvisorAccess, type AdviceLookups } from '../access.js';
import { advicePaths as paths } from '../paths.js';
import {
  adviceIndependence,
  checkAdviceRecording,
  checkResponse,
  nominationProblem,
} from '../rules.js';
import { adviceConflicts, adviceGiven, adviceRequests, deployments } from '../schema.js';
import { requestEvents, type AdviceServiceDeps, type Input } from '../shared.js';
import { createArrangementsService } from '../arrangements/service.js';
import { createAvailabilityService } from './availability-service.js';
import { createCandidateFacts } from '../nominations/candidates.js';
import { createNominationsService } from '../nominations/service.js';
import { say } from '../../../platform/i18n/said.js';
import { formatDate } from '../../../platform/i18n/dates.js';

type Page = { limit: number; offset: number };

export type DeploymentsService = ReturnType<typeof createDeploymentsService>;

export function createDeploymentsService(
  deps: AdviceServiceDeps & { mail: MailService; publicUrl: string; lookups: AdviceLookups },
) {
  const { db, mail, lookups, now, t } = deps;
  const { personColumns: people, groupColumns: groups, advisorRecords } = lookups;
  const { personOf, ownDeployment } = createAdvisorAccess(lookups);
  const candidateFacts = createCandidateFacts(lookups);
  const link = (path: string) => `${deps.publicUrl}${path}`;

  const addEvent = requestEvents(now);

  /**
   * The advisor's deployment, locked for a change: the request first, then the deployment, the
   * order nominating takes them in, so two actions at once wait rather than deadlock.
   */
  async function lockOwnDeployment(tx: Executor, user: UserPrincipal, id: string) {
    const found = await ownDeployment(tx, user, id);
    await tx
      .select({ id: adviceRequests.id })
      .from(adviceRequests)
      .where(eq(adviceRequests.id, found.request.id))
      .for('update');
    return ownDeployment(tx, user, id, true);
  }

  /** IAG-27: a group's recorded advice, as its minutes cite it. */
  function citableQuery(executor: Executor, where: SQL) {
    return executor
      .select({
        id: adviceGiven.id,
        requestId: adviceGiven.requestId,
        reference: adviceRequests.reference,
        advisor: people.name(adviceGiven.personId),
        givenOn: adviceGiven.givenOn,
        summary: adviceGiven.summary,
        outcome: adviceGiven.outcome,
        outcomeReason: adviceGiven.outcomeReason,
      })
      .from(adviceGiven)
      .innerJoin(adviceRequests, eq(adviceRequests.id, adviceGiven.requestId))
      .where(where);
  }

  const citations: AdviceCitations = {
    forGroup: (executor, groupId) =>
      citableQuery(executor, eq(adviceGiven.groupId, groupId))
        .orderBy(desc(adviceGiven.givenOn), desc(adviceGiven.recordedAt))
        .limit(50),
    find: async (executor, groupId, id) =>
      (
        await citableQuery(executor, and(eq(adviceGiven.groupId, groupId), eq(adviceGiven.id, id))!)
      )[0],
  };

  return {
    now,
    citations,
    // IAG-07: the deployment contact's side, and (IAG-08, IAG-30) the arranging that follows a
    // nomination, under the same name for callers.
    ...createNominationsService(deps),
    ...createArrangementsService(deps),
    // IAG-10: the advisor's experience and the days they cannot be deployed.
    ...createAvailabilityService(deps),

    /** The advisor's own nominations and deployments, newest first. */
    async mine(principal: Principal, page: Page) {
      const user = requireUser(principal);
      const person = await personOf(db, user);
      if (!person) return { items: [], total: 0, linked: false };
      const where = eq(deployments.personId, person.id);
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: deployments.id,
            status: deployments.status,
            deployedOn: deployments.deployedOn,
            nominatedAt: deployments.nominatedAt,
            reference: adviceRequests.reference,
            subject: adviceRequests.subject,
            urgency: adviceRequests.urgency,
            groupName: groups.name(deployments.groupId),
          })
          .from(deployments)
          .innerJoin(adviceRequests, eq(adviceRequests.id, deployments.requestId))
          .where(where)
          .orderBy(desc(deployments.nominatedAt))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(deployments).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0), linked: true };
    },

    /**
     * The advisor's accepted deployments on or after a day, newest first: what they can claim
     * expenses for. The subject is not given: a claim names only the request's number.
     */
    async acceptedDeploymentsSince(executor: Executor, personId: string, from: string) {
      return executor
        .select({
          id: deployments.id,
          groupId: deployments.groupId,
          deployedOn: deployments.deployedOn,
          reference: adviceRequests.reference,
        })
        .from(deployments)
        .innerJoin(adviceRequests, eq(adviceRequests.id, deployments.requestId))
        .where(
          and(
            eq(deployments.personId, personId),
            eq(deployments.status, 'accepted'),
            gte(deployments.deployedOn, from),
          ),
        )
        .orderBy(desc(deployments.deployedOn))
        .limit(50);
    },

    /** One deployment, for the advisor it names, with the advice they recorded. */
    async deployment(principal: Principal, id: string) {
      const user = requireUser(principal);
      const found = await ownDeployment(db, user, id);
      const [advice] = await db.select().from(adviceGiven).where(eq(adviceGiven.deploymentId, id));
      return { ...found, advice: advice ?? null };
    },

    /** IAG-08: the advisor accepts; when every advisor asked for has, the request is deployed. */
    async accept(principal: Principal, id: string, auditRequestId?: string) {
      const user = requireUser(principal);
      return db.transaction(async (tx) => {
        const found = await lockOwnDeployment(tx, user, id);
        const { deployment, request } = found;
        const refusal = checkResponse(deployment.status);
        if (refusal) throw new ConflictError(say(t, refusal));
        // Still suitable? A clearance withdrawn, a term ended or a conflict recorded since the
        // nomination stops the acceptance (IAG-02, IAG-29).
        const [facts] = await candidateFacts(tx, request, deployment.groupId, [found.person.id]);
        const problem = nominationProblem({ ...facts!, alreadyAsked: false }, request);
        if (problem)
          throw new ConflictError(
            t('advice:deployments.refusals.noLongerSuitable', {
              problem: say(t, problem),
            }),
          );
        await tx
          .update(deployments)
          .set({ status: 'accepted', respondedAt: now() })
          .where(eq(deployments.id, id));
        await addEvent(
          tx,
          request.id,
          'accepted',
          user.userId,
          t('advice:deployments.event.accepted', {
            advisor: found.person.name,
            group: found.groupName,
          }),
        );
        const [accepted] = await tx
          .select({ n: count() })
          .from(deployments)
          .where(and(eq(deployments.requestId, request.id), eq(deployments.status, 'accepted')));
        const complete = Number(accepted?.n ?? 0) >= request.advisorsWanted;
        if (complete) {
          await tx
            .update(adviceRequests)
            .set({ status: 'deployed', version: sql`${adviceRequests.version} + 1` })
            .where(eq(adviceRequests.id, request.id));
          const requester = await accountOf(tx, request.requestedBy);
          if (requester?.email)
            await mail.queue(tx, {
              to: requester.email,
              subject: t('advice:deployments.email.deployed.subject', {
                subject: request.subject,
              }),
              text: t('advice:deployments.email.deployed.body', {
                name: requester.name,
                reference: request.reference,
                link: link(paths.request(request.id)),
              }),
            });
        }
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'deployment.accepted',
          recordType: 'deployment',
          recordId: id,
          before: { status: deployment.status },
          after: { status: 'accepted', requestDeployed: complete },
        });
        return { request, complete };
      });
    },

    /**
     * IAG-08: the advisor declines, saying why; the request goes back to the group's deployment
     * contact, who is e-mailed the reason. A declared conflict keeps them off this request.
     */
    async decline(principal: Principal, id: string, input: Input, auditRequestId?: string) {
      const user = requireUser(principal);
      const reason = text(input.reason);
      const conflict = input.conflict === 'yes';
      const errors: FieldError[] = [];
      if (!reason)
        errors.push({ field: 'reason', message: t('advice:deployments.decline.reason.required') });
      tooLong(t, errors, 'reason', t('advice:common.theReason'), reason, 1000);
      return db.transaction(async (tx) => {
        const { deployment, request, groupName, person } = await lockOwnDeployment(tx, user, id);
        const refusal = checkResponse(deployment.status);
        if (refusal) throw new ConflictError(say(t, refusal), 'reason');
        if (errors.length) throw new ValidationError(errors);
        await tx
          .update(deployments)
          .set({ status: 'declined', respondedAt: now(), declineReason: reason })
          .where(eq(deployments.id, id));
        if (conflict)
          await tx
            .insert(adviceConflicts)
            .values({
              requestId: request.id,
              personId: person.id,
              reason: t('advice:deployments.decline.declaredConflict', { reason }),
              recordedBy: user.userId,
              recordedAt: now(),
            })
            .onConflictDoNothing();
        await addEvent(
          tx,
          request.id,
          'advisor_declined',
          user.userId,
          t('advice:deployments.event.declined', { group: groupName }),
        );
        const contactId = groups.deploymentContactId(deployments.groupId);
        const [contact] = await tx
          .select({ name: people.name(contactId), email: people.email(contactId) })
          .from(deployments)
          .where(eq(deployments.id, id));
        if (contact?.email)
          await mail.queue(tx, {
            to: contact.email,
            subject: t('advice:deployments.email.declined.subject', {
              reference: request.reference,
              subject: request.subject,
            }),
            text: t(
              conflict
                ? 'advice:deployments.email.declined.bodyConflict'
                : 'advice:deployments.email.declined.body',
              {
                name: contact.name,
                advisor: person.name,
                reference: request.reference,
                reason,
                link: link(paths.nominate(request.id, deployment.groupId)),
              },
            ),
          });
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'deployment.declined',
          recordType: 'deployment',
          recordId: id,
          before: { status: deployment.status },
          after: { status: 'declined', reason, conflict },
        });
        return { request };
      });
    },

    /**
     * The advisor records the advice they gave: when, and what. Bridge labels it independent or
     * non-independent from their group and their latest declaration (IAG-02); the requester is
     * asked to record whether they used it.
     */
    async recordAdvice(principal: Principal, id: string, input: Input, auditRequestId?: string) {
      const user = requireUser(principal);
      const errors: FieldError[] = [];
      const today = todayInLondon(now());
      const givenOn = dateField(
        t,
        input,
        'givenOn',
        t('advice:deployments.advice.givenOn.name'),
        errors,
      );
      if (givenOn && givenOn > today)
        errors.push({
          field: 'givenOn-day',
          message: t('advice:deployments.advice.givenOn.future'),
        });
      const summary = text(input.summary);
      if (!summary)
        errors.push({ field: 'summary', message: t('advice:deployments.advice.summary.required') });
      tooLong(t, errors, 'summary', t('advice:deployments.advice.summary.name'), summary, 5000);
      return db.transaction(async (tx) => {
        const { deployment, request, person, groupName } = await lockOwnDeployment(tx, user, id);
        const [existing] = await tx
          .select({ id: adviceGiven.id })
          .from(adviceGiven)
          .where(eq(adviceGiven.deploymentId, id));
        const refusal = checkAdviceRecording(deployment.status, !!existing);
        if (refusal) throw new ConflictError(say(t, refusal), 'summary');
        const nominatedOn = toLondonDate(deployment.nominatedAt);
        if (givenOn && givenOn < nominatedOn)
          errors.push({
            field: 'givenOn-day',
            message: t('advice:deployments.advice.givenOn.beforeNomination', {
              nominatedOn: formatDate(t, nominatedOn),
            }),
          });
        if (errors.length) throw new ValidationError(errors);
        const groupType = await advisorRecords.independenceType(tx, deployment.groupId);
        const label = adviceIndependence({
          groupType,
          groupName,
          declaration: await advisorRecords.declarationOn(tx, person.id, givenOn!),
        });
        // Kept as words: the basis is what the record says of the advice when it was given.
        const basis = say(t, {
          key: label.basis.key,
          values: {
            ...label.basis.values,
            groupType: t(`groups:groupType.${groupType}`).toLowerCase(),
          },
        });
        const [advice] = await tx
          .insert(adviceGiven)
          .values({
            requestId: request.id,
            deploymentId: id,
            personId: person.id,
            groupId: deployment.groupId,
            givenOn: givenOn!,
            summary: summary!,
            independent: label.independent,
            independenceBasis: basis,
            recordedBy: user.userId,
            recordedAt: now(),
          })
          .returning();
        await addEvent(
          tx,
          request.id,
          'advice_given',
          user.userId,
          t(
            label.independent
              ? 'advice:deployments.event.adviceIndependent'
              : 'advice:deployments.event.adviceNonIndependent',
            { advisor: person.name, givenOn: formatDate(t, givenOn!) },
          ),
        );
        const requester = await accountOf(tx, request.requestedBy);
        if (requester?.email)
          await mail.queue(tx, {
            to: requester.email,
            subject: t('advice:deployments.email.adviceRecorded.subject', {
              reference: request.reference,
            }),
            text: t('advice:deployments.email.adviceRecorded.body', {
              name: requester.name,
              advisor: person.name,
              subject: request.subject,
              link: link(paths.request(request.id)),
            }),
          });
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'advice.recorded',
          recordType: 'advice-request',
          recordId: request.id,
          after: advice,
        });
        return advice!;
      });
    },
  };
}
