/**
 * IAG-07, IAG-08, IAG-10, IAG-29: a request passed to a group, and its deployment contact
 * choosing advisors: a ranked list of the group's suitable members, the nomination with its
 * reason, and conflicts of interest recorded against the request. Each thing a person does is
 * one function here: permission, rules, one transaction, one audit event.
 */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { checkedValues, text, tooLong } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { MailService } from '../../../platform/mail/service.js';
import { contactGroupIds, type AdviceLookups } from '../access.js';
import { advicePaths as paths } from '../paths.js';
import {
  ACTIVE_DEPLOYMENT_STATUSES,
  arrangementOwner,
  checkNominating,
  checkNominationCount,
  loadWindowStart,
  nominationProblem,
} from '../rules.js';
import {
  adviceConflicts,
  adviceRequestRoutes,
  adviceRequests,
  advisorProfiles,
  advisorUnavailability,
  deployments,
} from '../schema.js';
import { ACTIVE, requestEvents, type AdviceServiceDeps, type Input } from '../shared.js';
import { createCandidateFacts } from './candidates.js';
import { say } from '../../../platform/i18n/said.js';
import { formatDate } from '../../../platform/i18n/dates.js';

type AdviceRequest = typeof adviceRequests.$inferSelect;
type Page = { limit: number; offset: number };

/** The most suitable advisors shown at once: the contact picks from the top of the list. */
export const CANDIDATES_SHOWN = 50;

export function createNominationsService(
  deps: AdviceServiceDeps & { mail: MailService; publicUrl: string; lookups: AdviceLookups },
) {
  const { db, mail, lookups, now, t } = deps;
  const { personColumns: people, groupColumns: groups, advisorRecords } = lookups;
  const candidateFacts = createCandidateFacts(lookups);
  const link = (path: string) => `${deps.publicUrl}${path}`;
  const addEvent = requestEvents(now);

  /**
   * IAG-07: the request as the deployment contact of this group sees it, when it was passed to
   * the group and they are its contact. That is findVisibleRequest's rule for contacts, so the
   * request, its route to the group and the group's name are one read.
   */
  async function requestForContact(
    executor: Executor,
    user: UserPrincipal,
    requestId: string,
    groupId: string,
    lock = false,
  ) {
    if (!isUuid(groupId) || !can(user, 'advice.nominate', { type: 'group', id: groupId }))
      throw new ForbiddenError();
    if (!isUuid(requestId)) throw new NotFoundError();
    const query = executor
      .select({ request: adviceRequests, groupName: groups.name(adviceRequestRoutes.groupId) })
      .from(adviceRequests)
      .innerJoin(
        adviceRequestRoutes,
        and(
          eq(adviceRequestRoutes.requestId, adviceRequests.id),
          eq(adviceRequestRoutes.groupId, groupId),
        ),
      )
      .where(eq(adviceRequests.id, requestId));
    const [row] = lock ? await query.for('update', { of: adviceRequests }) : await query;
    if (!row) throw new NotFoundError();
    return { request: row.request, group: { id: groupId, name: row.groupName } };
  }

  /** Nominated and accepted advisors: the places on the request already taken. */
  async function placesTaken(executor: Executor, requestId: string) {
    const [row] = await executor
      .select({ n: count() })
      .from(deployments)
      .where(and(eq(deployments.requestId, requestId), sql`${deployments.status} in ${ACTIVE}`));
    return Number(row?.n ?? 0);
  }

  function experienceArray(areas: readonly string[]): SQL {
    return sql`array[${sql.join(
      areas.map((a) => sql`${a}`),
      sql`, `,
    )}]::experience_area[]`;
  }

  /**
   * IAG-07, IAG-10, IAG-29: the group's suitable advisors for a request, lightest load over the
   * last twelve months first, then the most matching experience, in one indexed query. The
   * filters here are `nominationProblem` in SQL; a nomination is checked by that rule again.
   */
  function rankingQuery(
    executor: Executor,
    request: AdviceRequest,
    groupId: string,
    limit = CANDIDATES_SHOWN,
  ) {
    const from = request.neededFrom;
    const until = request.neededUntil ?? request.neededFrom;
    const windowStart = loadWindowStart(todayInLondon(now()));
    const members = groups.currentMembers(groupId);
    const personId = members.personId;
    const name = people.name(personId);
    const needed = request.experienceNeeded;
    const load = sql<number>`(select count(*)::int from ${deployments} d
      where d.person_id = ${personId} and d.status in ${ACTIVE} and d.deployed_on >= ${windowStart}::date)`;
    const matches = needed.length
      ? sql<number>`cardinality(array(select unnest(${advisorProfiles.experience}) intersect select unnest(${experienceArray(needed)})))`
      : sql<number>`0::int`;
    const conditions: SQL[] = [
      sql`not exists (select 1 from ${advisorUnavailability} u
        where u.person_id = ${personId} and u.ends_on >= ${from}::date and u.starts_on <= ${until}::date)`,
      sql`not exists (select 1 from ${adviceConflicts} c
        where c.request_id = ${request.id} and c.person_id = ${personId})`,
      sql`not exists (select 1 from ${deployments} d
        where d.request_id = ${request.id} and d.person_id = ${personId})`,
    ];
    // IAG-29: cleared on the first day of the work and on the last, as nominationProblem asks.
    if (request.clearanceNeeded)
      for (const day of new Set([from, until]))
        conditions.push(groups.cleared(personId, request.clearanceNeeded, day));
    if (needed.length)
      conditions.push(sql`${advisorProfiles.experience} && ${experienceArray(needed)}`);
    return executor
      .select({
        personId,
        name,
        experience: advisorProfiles.experience,
        load,
        matches,
        suitable: sql<number>`(count(*) over ())::int`,
      })
      .from(members.from)
      .leftJoin(advisorProfiles, eq(advisorProfiles.personId, personId))
      .where(and(...conditions))
      .orderBy(
        ...(needed.length
          ? [asc(load), desc(matches), asc(name), asc(personId)]
          : [asc(load), asc(name), asc(personId)]),
      )
      .limit(limit);
  }

  async function rankCandidates(executor: Executor, request: AdviceRequest, groupId: string) {
    return rankingQuery(executor, request, groupId);
  }

  /** A member of the group, and the request, a conflict is being recorded between. */
  async function conflictSubject(
    executor: Executor,
    user: UserPrincipal,
    requestId: string,
    groupId: string,
    personId: string,
    lock = false,
  ) {
    const { request, group } = await requestForContact(executor, user, requestId, groupId, lock);
    const members = groups.currentMembers(groupId);
    const [person] = isUuid(personId)
      ? await executor
          .select({ id: members.personId, name: people.name(members.personId) })
          .from(members.from)
          .where(eq(members.personId, personId))
          .limit(1)
      : [];
    if (!person) throw new NotFoundError();
    return { request, group, person };
  }

  return {
    /** The ranking query itself, for the benchmark to time and explain (not for pages). */
    rankingQuery,

    /**
     * IAG-07: the requests passed to the groups this person is deployment contact for, that
     * still need advisors: urgent first, then the longest waiting.
     */
    async toNominate(principal: Principal, page: Page) {
      const user = requireUser(principal);
      const groupIds = contactGroupIds(user);
      if (!groupIds.length) throw new ForbiddenError();
      // Places taken by nominations standing (nominated or accepted). A request whose places
      // are all taken no longer needs advisors, though it stays `routed` until they accept.
      const taken = sql<number>`(select count(*)::int from ${deployments} d
        where d.request_id = ${adviceRequests.id} and d.status in ${ACTIVE})`;
      const where = and(
        inArray(adviceRequestRoutes.groupId, groupIds),
        eq(adviceRequests.status, 'routed'),
        sql`${taken} < ${adviceRequests.advisorsWanted}`,
      );
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: adviceRequests.id,
            reference: adviceRequests.reference,
            subject: adviceRequests.subject,
            urgency: adviceRequests.urgency,
            neededFrom: adviceRequests.neededFrom,
            advisorsWanted: adviceRequests.advisorsWanted,
            routedAt: adviceRequestRoutes.routedAt,
            groupId: adviceRequestRoutes.groupId,
            groupName: groups.name(adviceRequestRoutes.groupId),
            taken,
          })
          .from(adviceRequestRoutes)
          .innerJoin(adviceRequests, eq(adviceRequests.id, adviceRequestRoutes.requestId))
          .where(where)
          .orderBy(asc(adviceRequests.urgency), asc(adviceRequestRoutes.routedAt))
          .limit(page.limit)
          .offset(page.offset),
        db
          .select({ n: count() })
          .from(adviceRequestRoutes)
          .innerJoin(adviceRequests, eq(adviceRequests.id, adviceRequestRoutes.requestId))
          .where(where),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },

    /** IAG-07, IAG-10, IAG-29: the ranked list the deployment contact nominates from. */
    async nominationList(principal: Principal, requestId: string, groupId: string) {
      const user = requireUser(principal);
      const { request, group } = await requestForContact(db, user, requestId, groupId);
      const refusal = checkNominating(request.status);
      const [candidates, onRequest] = await Promise.all([
        refusal ? Promise.resolve([]) : rankCandidates(db, request, groupId),
        // Everyone nominated for the request, from any group: the places taken are counted
        // across groups; those from this group are listed.
        db
          .select({
            id: deployments.id,
            groupId: deployments.groupId,
            name: people.name(deployments.personId),
            status: deployments.status,
            nominatedAt: deployments.nominatedAt,
            declineReason: deployments.declineReason,
          })
          .from(deployments)
          .where(eq(deployments.requestId, requestId))
          .orderBy(asc(deployments.nominatedAt)),
      ]);
      const active: readonly string[] = ACTIVE_DEPLOYMENT_STATUSES;
      const taken = onRequest.filter((d) => active.includes(d.status)).length;
      const nominated = onRequest.filter((d) => d.groupId === groupId);
      const interests = await advisorRecords.latestInterests(
        db,
        candidates.map((c) => c.personId),
      );
      return {
        request,
        group,
        refusal,
        taken,
        room: Math.max(0, request.advisorsWanted - taken),
        suitable: candidates[0]?.suitable ?? 0,
        candidates: candidates.map((c) => ({
          ...c,
          interests: interests.get(c.personId) ?? null,
        })),
        nominated,
      };
    },

    /**
     * IAG-07, IAG-08, IAG-10: the deployment contact nominates one or more advisors, with a
     * reason. The request row is locked first, so two contacts nominating at once are taken in
     * turn: neither can pass the number asked for, and the unique index stops the same advisor
     * being nominated twice.
     */
    async nominate(
      principal: Principal,
      requestId: string,
      groupId: string,
      input: Input,
      auditRequestId?: string,
    ) {
      const user = requireUser(principal);
      const chosen = [...new Set(checkedValues(input.advisors).filter(isUuid))];
      const reason = text(input.reason);
      const errors: FieldError[] = [];
      if (!reason)
        errors.push({ field: 'reason', message: t('advice:nominations.nominate.reason.required') });
      tooLong(t, errors, 'reason', t('advice:common.theReason'), reason, 1000);
      return db.transaction(async (tx) => {
        const { request, group } = await requestForContact(tx, user, requestId, groupId, true);
        const refusal = checkNominating(request.status);
        if (refusal) throw new ConflictError(say(t, refusal), 'advisors');
        const taken = await placesTaken(tx, requestId);
        const countProblem = checkNominationCount(taken, chosen.length, request.advisorsWanted);
        if (countProblem) errors.unshift({ field: 'advisors', message: say(t, countProblem) });
        const facts = chosen.length ? await candidateFacts(tx, request, groupId, chosen) : [];
        if (facts.length !== chosen.length)
          errors.unshift({ field: 'advisors', message: t('advice:nominations.nominate.fromList') });
        for (const candidate of facts) {
          const problem = nominationProblem(candidate, request);
          if (problem) errors.push({ field: 'advisors', message: say(t, problem) });
        }
        if (errors.length) throw new ValidationError(errors);
        const at = now();
        const owner = arrangementOwner(request.urgency);
        const created = await tx
          .insert(deployments)
          .values(
            facts.map((c) => ({
              requestId,
              groupId,
              personId: c.id,
              deployedOn: request.neededFrom,
              nominatedBy: user.userId,
              nominatedAt: at,
              nominationReason: reason!,
              arrangementOwner: owner,
            })),
          )
          .returning();
        await addEvent(
          tx,
          requestId,
          'nominated',
          user.userId,
          t('advice:nominations.event.nominated', {
            count: created.length,
            group: group.name,
            owner: t(`advice:arrangementOwnerInSentence.${owner}`),
          }),
        );
        const addressOf = new Map(
          (
            await tx
              .select({
                id: deployments.personId,
                name: people.name(deployments.personId),
                email: people.email(deployments.personId),
              })
              .from(deployments)
              .where(
                inArray(
                  deployments.id,
                  created.map((d) => d.id),
                ),
              )
          ).map((p) => [p.id, p]),
        );
        const addresses = created.map((d) => addressOf.get(d.personId));
        await mail.queueMany(
          tx,
          created.flatMap((d, i) => {
            const to = addresses[i];
            return to?.email
              ? [
                  {
                    to: to.email,
                    subject: t('advice:nominations.email.nominated.subject', {
                      subject: request.subject,
                    }),
                    text: t('advice:nominations.email.nominated.body', {
                      name: to.name,
                      group: group.name,
                      reference: request.reference,
                      urgency: t(`advice:urgency.${request.urgency}`).toLowerCase(),
                      neededFrom: formatDate(t, request.neededFrom),
                      link: link(paths.deployment(d.id)),
                      owner: t(`advice:arrangementOwner.${owner}`),
                    }),
                  },
                ]
              : [];
          }),
        );
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'advice-request.nominated',
          recordType: 'advice-request',
          recordId: requestId,
          after: {
            groupId,
            reason,
            deployments: created.map((d) => ({ id: d.id, personId: d.personId })),
          },
        });
        return { created, names: facts.map((c) => c.name) };
      });
    },

    /** The form to record a conflict of interest, for one advisor the contact is looking at. */
    async conflictForm(principal: Principal, requestId: string, groupId: string, personId: string) {
      return conflictSubject(db, requireUser(principal), requestId, groupId, personId);
    },

    /**
     * IAG-02: the contact records that an advisor has a conflict of interest with this request
     * (from what they declared, or what they said); they are not offered for it again.
     */
    async recordConflict(
      principal: Principal,
      requestId: string,
      groupId: string,
      personId: string,
      input: Input,
      auditRequestId?: string,
    ) {
      const user = requireUser(principal);
      const reason = text(input.reason);
      const errors: FieldError[] = [];
      if (!reason)
        errors.push({ field: 'reason', message: t('advice:nominations.conflict.reason.required') });
      tooLong(t, errors, 'reason', t('advice:nominations.conflict.reason.name'), reason, 1000);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        // The request is locked, as nominating locks it, so neither passes the other unseen.
        const { person } = await conflictSubject(tx, user, requestId, groupId, personId, true);
        const inserted = await tx
          .insert(adviceConflicts)
          .values({
            requestId,
            personId,
            reason: reason!,
            recordedBy: user.userId,
            recordedAt: now(),
          })
          .onConflictDoNothing()
          .returning();
        if (!inserted.length)
          throw new ConflictError(
            t('advice:nominations.conflict.alreadyRecorded', { name: person.name }),
            'reason',
          );
        // A nomination standing for them is withdrawn: a conflicted advisor is not deployed.
        const withdrawn = await tx
          .update(deployments)
          .set({ status: 'withdrawn', respondedAt: now() })
          .where(
            and(
              eq(deployments.requestId, requestId),
              eq(deployments.personId, personId),
              sql`${deployments.status} in ${ACTIVE}`,
            ),
          )
          .returning({ id: deployments.id });
        if (withdrawn.length)
          await addEvent(
            tx,
            requestId,
            'advisor_declined',
            user.userId,
            t('advice:nominations.event.withdrawnForConflict'),
          );
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'advice-request.conflict-recorded',
          recordType: 'advice-request',
          recordId: requestId,
          after: { personId, reason, withdrawn: withdrawn.map((d) => d.id) },
        });
        return person;
      });
    },
  };
}
