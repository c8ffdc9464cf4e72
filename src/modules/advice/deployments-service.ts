/**
 * From a request passed to a group to advisors ready to go (IAG-07, IAG-08, IAG-10, IAG-29,
 * IAG-30): the group's deployment contact sees a ranked list of suitable advisors and nominates;
 * each advisor accepts or declines; CTSET (urgent) or the coordination unit (otherwise) contacts
 * them and arranges escorted access. Each thing a person does is one function here: permission,
 * rules, one transaction, one audit event.
 */
import { and, asc, count, desc, eq, gte, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.js';
import { can, hasRole } from '../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../platform/auth/principal.js';
import { formatDate, toLondonDate, todayInLondon } from '../../platform/calendar/index.js';
import type { Db, Executor } from '../../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../platform/errors.js';
import { checkedValues, dateField, text, tooLong } from '../../platform/http/form-fields.js';
import { isUuid } from '../../platform/http/params.js';
import type { MailService } from '../../platform/mail/service.js';
import type { AdviceCitations } from '../meetings/index.js';
import { accountOf, contactGroupIds, createAdvisorAccess, type AdviceLookups } from './access.js';
import { advicePaths as paths } from './paths.js';
import {
  ACTIVE_DEPLOYMENT_STATUSES,
  ARRANGEMENT_OWNER_LABELS,
  EXPERIENCE_AREAS,
  EXPERIENCE_LABELS,
  URGENCY_LABELS,
  arrangementOwner,
  adviceIndependence,
  checkAdviceRecording,
  checkNominating,
  checkNominationCount,
  checkResponse,
  loadWindowStart,
  nominationProblem,
  type ExperienceArea,
} from './rules.js';
import {
  adviceConflicts,
  adviceGiven,
  adviceRequestEvents,
  adviceRequestRoutes,
  adviceRequests,
  advisorProfiles,
  advisorUnavailability,
  deployments,
} from './schema.js';

type Input = Record<string, string | string[] | undefined>;
type AdviceRequest = typeof adviceRequests.$inferSelect;
type Page = { limit: number; offset: number };

/** The most suitable advisors shown at once: the contact picks from the top of the list. */
export const CANDIDATES_SHOWN = 50;

/** The statuses that hold a place on a request, as SQL: `status in ${ACTIVE}`. */
const ACTIVE = sql.raw(`(${ACTIVE_DEPLOYMENT_STATUSES.map((s) => `'${s}'`).join(', ')})`);

export type DeploymentsService = ReturnType<typeof createDeploymentsService>;

export function createDeploymentsService(deps: {
  db: Db;
  mail: MailService;
  publicUrl: string;
  lookups: AdviceLookups;
  now?: () => Date;
}) {
  const { db, mail, lookups } = deps;
  const { personColumns: people, groupColumns: groups, advisorRecords } = lookups;
  const { personOf, ownDeployment } = createAdvisorAccess(lookups);
  const now = () => (deps.now ? deps.now() : new Date());
  const link = (path: string) => `${deps.publicUrl}${path}`;

  function requireUser(principal: Principal): UserPrincipal {
    if (principal?.kind !== 'user') throw new ForbiddenError();
    return principal;
  }

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

  /** The facts `nominationProblem` judges, for the advisors a contact chose. */
  async function candidateFacts(
    executor: Executor,
    request: AdviceRequest,
    groupId: string,
    personIds: readonly string[],
  ) {
    const members = groups.currentMembers(groupId);
    const [named, current, held, away, conflicts, asked, profiles] = await Promise.all([
      lookups.peopleByIds(executor, personIds),
      executor
        .select({ personId: members.personId })
        .from(members.from)
        .where(inArray(members.personId, [...personIds])),
      advisorRecords.clearancesOf(executor, personIds),
      executor
        .select({
          personId: advisorUnavailability.personId,
          startsOn: advisorUnavailability.startsOn,
          endsOn: advisorUnavailability.endsOn,
        })
        .from(advisorUnavailability)
        .where(inArray(advisorUnavailability.personId, personIds)),
      executor
        .select({ personId: adviceConflicts.personId })
        .from(adviceConflicts)
        .where(
          and(
            eq(adviceConflicts.requestId, request.id),
            inArray(adviceConflicts.personId, personIds),
          ),
        ),
      executor
        .select({ personId: deployments.personId })
        .from(deployments)
        .where(
          and(eq(deployments.requestId, request.id), inArray(deployments.personId, personIds)),
        ),
      executor
        .select({ personId: advisorProfiles.personId, experience: advisorProfiles.experience })
        .from(advisorProfiles)
        .where(inArray(advisorProfiles.personId, personIds)),
    ]);
    const of = <T extends { personId: string }>(rows: T[], id: string) =>
      rows.filter((r) => r.personId === id);
    return personIds
      .flatMap((id) => {
        const person = named.get(id);
        return person ? [{ id, name: person.fullName }] : [];
      })
      .map((p) => ({
        id: p.id,
        name: p.name,
        currentMember: of(current, p.id).length > 0,
        clearances: held.get(p.id) ?? [],
        unavailable: of(away, p.id),
        conflicted: of(conflicts, p.id).length > 0,
        alreadyAsked: of(asked, p.id).length > 0,
        experience: of(profiles, p.id)[0]?.experience ?? [],
      }));
  }

  async function addEvent(
    tx: Executor,
    requestId: string,
    kind: (typeof adviceRequestEvents.$inferInsert)['kind'],
    actorUserId: string | null,
    textValue: string,
  ) {
    await tx
      .insert(adviceRequestEvents)
      .values({ requestId, kind, at: now(), actorUserId, text: textValue });
  }

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
          experienceLabels: (c.experience ?? []).map((e) => EXPERIENCE_LABELS[e as ExperienceArea]),
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
        errors.push({ field: 'reason', message: 'Enter why these advisors are the most suitable' });
      tooLong(errors, 'reason', 'The reason', reason, 1000);
      return db.transaction(async (tx) => {
        const { request, group } = await requestForContact(tx, user, requestId, groupId, true);
        const refusal = checkNominating(request.status);
        if (refusal) throw new ConflictError(refusal, 'advisors');
        const taken = await placesTaken(tx, requestId);
        const countProblem = checkNominationCount(taken, chosen.length, request.advisorsWanted);
        if (countProblem) errors.unshift({ field: 'advisors', message: countProblem });
        const facts = chosen.length ? await candidateFacts(tx, request, groupId, chosen) : [];
        if (facts.length !== chosen.length)
          errors.unshift({ field: 'advisors', message: 'Select advisors from the list' });
        for (const candidate of facts) {
          const problem = nominationProblem(candidate, request);
          if (problem) errors.push({ field: 'advisors', message: problem });
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
          `${group.name} nominated ${created.length === 1 ? 'an advisor' : `${created.length} advisors`}; ${ARRANGEMENT_OWNER_LABELS[owner].replace(/^The/, 'the')} will contact them and arrange access`,
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
                    subject: `You have been nominated to advise: ${request.subject}`,
                    text: [
                      `Dear ${to.name},`,
                      '',
                      `${group.name}'s deployment contact has nominated you for request ${request.reference} (${URGENCY_LABELS[request.urgency].toLowerCase()}), needed from ${formatDate(request.neededFrom)}.`,
                      '',
                      `Please accept or decline here: ${link(paths.deployment(d.id))}`,
                      '',
                      `${ARRANGEMENT_OWNER_LABELS[owner]} will contact you to arrange access to police buildings.`,
                    ].join('\n'),
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
        errors.push({ field: 'reason', message: 'Enter what the conflict of interest is' });
      tooLong(errors, 'reason', 'The conflict', reason, 1000);
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
          throw new ConflictError(`A conflict is already recorded for ${person.name}`, 'reason');
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
            'A nomination was withdrawn because of a conflict of interest; another advisor will be nominated',
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
        if (refusal) throw new ConflictError(refusal);
        // Still suitable? A clearance withdrawn, a term ended or a conflict recorded since the
        // nomination stops the acceptance (IAG-02, IAG-29).
        const [facts] = await candidateFacts(tx, request, deployment.groupId, [found.person.id]);
        const problem = nominationProblem({ ...facts!, alreadyAsked: false }, request);
        if (problem) throw new ConflictError(`${problem}: ask the group's deployment contact`);
        await tx
          .update(deployments)
          .set({ status: 'accepted', respondedAt: now() })
          .where(eq(deployments.id, id));
        await addEvent(
          tx,
          request.id,
          'accepted',
          user.userId,
          `${found.person.name} of ${found.groupName} accepted`,
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
              subject: `Advisors found for your request: ${request.subject}`,
              text: [
                `Dear ${requester.name},`,
                '',
                `Every advisor request ${request.reference} asked for has accepted. Who they are is on the request's page:`,
                link(paths.request(request.id)),
              ].join('\n'),
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
      if (!reason) errors.push({ field: 'reason', message: 'Enter why you cannot take this on' });
      tooLong(errors, 'reason', 'The reason', reason, 1000);
      return db.transaction(async (tx) => {
        const { deployment, request, groupName, person } = await lockOwnDeployment(tx, user, id);
        const refusal = checkResponse(deployment.status);
        if (refusal) throw new ConflictError(refusal, 'reason');
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
              reason: `Declared by the advisor: ${reason}`,
              recordedBy: user.userId,
              recordedAt: now(),
            })
            .onConflictDoNothing();
        await addEvent(
          tx,
          request.id,
          'advisor_declined',
          user.userId,
          `A nominated advisor could not take it on; ${groupName}'s deployment contact will nominate another`,
        );
        const contactId = groups.deploymentContactId(deployments.groupId);
        const [contact] = await tx
          .select({ name: people.name(contactId), email: people.email(contactId) })
          .from(deployments)
          .where(eq(deployments.id, id));
        if (contact?.email)
          await mail.queue(tx, {
            to: contact.email,
            subject: `An advisor declined request ${request.reference}: ${request.subject}`,
            text: [
              `Dear ${contact.name},`,
              '',
              `${person.name} cannot take on request ${request.reference}${conflict ? ', because of a conflict of interest' : ''}:`,
              reason!,
              '',
              `Please nominate another advisor: ${link(paths.nominate(request.id, deployment.groupId))}`,
            ].join('\n'),
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
     * IAG-08, IAG-30: the advisors still to be contacted and given escorted access, for the
     * team whose task it is: CTSET for urgent requests, the coordination unit for the rest.
     */
    async arrangements(principal: Principal, page: Page) {
      const user = requireUser(principal);
      if (!can(user, 'advice.arrange')) throw new ForbiddenError();
      const owners = (['ctset', 'coordination_unit'] as const).filter((r) => hasRole(user, r));
      const where = and(
        inArray(deployments.arrangementOwner, owners),
        isNull(deployments.arrangedAt),
        sql`${deployments.status} in ${ACTIVE}`,
      );
      const today = todayInLondon(now());
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: deployments.id,
            status: deployments.status,
            nominatedAt: deployments.nominatedAt,
            deployedOn: deployments.deployedOn,
            owner: deployments.arrangementOwner,
            advisor: people.name(deployments.personId),
            reference: adviceRequests.reference,
            requestId: adviceRequests.id,
            subject: adviceRequests.subject,
            urgency: adviceRequests.urgency,
            exempt: groups.unescortedAccess(deployments.personId, today),
          })
          .from(deployments)
          .innerJoin(adviceRequests, eq(adviceRequests.id, deployments.requestId))
          .where(where)
          .orderBy(asc(deployments.arrangementOwner), asc(deployments.nominatedAt))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(deployments).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },

    /** One arrangement task, with what its owner needs to make the call. */
    async arrangeForm(principal: Principal, id: string) {
      const user = requireUser(principal);
      return findArrangement(db, user, id);
    },

    /**
     * IAG-08, IAG-30: the task's owner records how they contacted the advisor and arranged their
     * access (an escort, unless an exemption is in force).
     */
    async arrange(principal: Principal, id: string, input: Input, auditRequestId?: string) {
      const user = requireUser(principal);
      const arrangements = text(input.arrangements);
      const errors: FieldError[] = [];
      if (!arrangements)
        errors.push({
          field: 'arrangements',
          message: 'Enter how you contacted the advisor and arranged their access',
        });
      tooLong(errors, 'arrangements', 'The arrangements', arrangements, 2000);
      return db.transaction(async (tx) => {
        const found = await findArrangement(tx, user, id, true);
        if (found.deployment.arrangedAt)
          throw new ConflictError('The arrangements have already been recorded', 'arrangements');
        if (errors.length) throw new ValidationError(errors);
        await tx
          .update(deployments)
          .set({ arrangedAt: now(), arrangedBy: user.userId, arrangements })
          .where(eq(deployments.id, id));
        await addEvent(
          tx,
          found.request.id,
          'arranged',
          user.userId,
          `${ARRANGEMENT_OWNER_LABELS[found.deployment.arrangementOwner]} contacted ${found.advisor} and arranged ${found.exempt ? 'their access (they hold an exemption from escort)' : 'their escorted access'}`,
        );
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'deployment.arranged',
          recordType: 'deployment',
          recordId: id,
          after: { arrangements },
        });
        return found;
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
      const givenOn = dateField(input, 'givenOn', 'the date you gave the advice', errors);
      if (givenOn && givenOn > today)
        errors.push({ field: 'givenOn-day', message: 'The date must be today or in the past' });
      const summary = text(input.summary);
      if (!summary) errors.push({ field: 'summary', message: 'Enter the advice you gave' });
      tooLong(errors, 'summary', 'The advice', summary, 5000);
      return db.transaction(async (tx) => {
        const { deployment, request, person, groupName } = await lockOwnDeployment(tx, user, id);
        const [existing] = await tx
          .select({ id: adviceGiven.id })
          .from(adviceGiven)
          .where(eq(adviceGiven.deploymentId, id));
        const refusal = checkAdviceRecording(deployment.status, !!existing);
        if (refusal) throw new ConflictError(refusal, 'summary');
        const nominatedOn = toLondonDate(deployment.nominatedAt);
        if (givenOn && givenOn < nominatedOn)
          errors.push({
            field: 'givenOn-day',
            message: `The date must be on or after ${formatDate(nominatedOn)}, when you were nominated`,
          });
        if (errors.length) throw new ValidationError(errors);
        const label = adviceIndependence({
          groupType: await advisorRecords.independenceType(tx, deployment.groupId),
          groupName,
          declaration: await advisorRecords.declarationOn(tx, person.id, givenOn!),
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
            independenceBasis: label.basis,
            recordedBy: user.userId,
            recordedAt: now(),
          })
          .returning();
        await addEvent(
          tx,
          request.id,
          'advice_given',
          user.userId,
          `${person.name} recorded the ${label.independent ? 'independent' : 'non-independent'} advice they gave on ${formatDate(givenOn!)}`,
        );
        const requester = await accountOf(tx, request.requestedBy);
        if (requester?.email)
          await mail.queue(tx, {
            to: requester.email,
            subject: `Advice recorded on request ${request.reference}: did you use it?`,
            text: [
              `Dear ${requester.name},`,
              '',
              `${person.name} has recorded the advice they gave on ${request.subject}.`,
              'Advice may or may not be applied. Please record whether you used it, and why (IAG-27):',
              link(paths.request(request.id)),
            ].join('\n'),
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

    /** The advisor's experience and the days they cannot be deployed. */
    async availability(principal: Principal) {
      const user = requireUser(principal);
      const person = await personOf(db, user);
      if (!person) throw new NotFoundError();
      const today = todayInLondon(now());
      const [[profile], away] = await Promise.all([
        db.select().from(advisorProfiles).where(eq(advisorProfiles.personId, person.id)),
        db
          .select()
          .from(advisorUnavailability)
          .where(
            and(
              eq(advisorUnavailability.personId, person.id),
              sql`${advisorUnavailability.endsOn} >= ${today}::date`,
            ),
          )
          .orderBy(asc(advisorUnavailability.startsOn))
          .limit(100),
      ]);
      return { person, experience: profile?.experience ?? [], away };
    },

    /** IAG-10: the advisor says which kinds of experience they bring. */
    async saveExperience(principal: Principal, input: Input, auditRequestId?: string) {
      const user = requireUser(principal);
      const chosen = checkedValues(input.experience);
      if (chosen.some((e) => !(EXPERIENCE_AREAS as readonly string[]).includes(e)))
        throw new ValidationError([
          { field: 'experience', message: 'Select kinds of experience from the list' },
        ]);
      const experience = [...new Set(chosen)] as ExperienceArea[];
      return db.transaction(async (tx) => {
        const person = await personOf(tx, user);
        if (!person) throw new NotFoundError();
        await tx
          .insert(advisorProfiles)
          .values({ personId: person.id, experience, updatedAt: now() })
          .onConflictDoUpdate({
            target: advisorProfiles.personId,
            set: { experience, updatedAt: now() },
          });
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'advisor.experience-saved',
          recordType: 'person',
          recordId: person.id,
          after: { experience },
        });
      });
    },

    /** The advisor gives days they cannot be deployed. */
    async addUnavailability(principal: Principal, input: Input, auditRequestId?: string) {
      const user = requireUser(principal);
      const errors: FieldError[] = [];
      const startsOn = dateField(input, 'startsOn', 'the first day you are not available', errors);
      const endsOn = dateField(input, 'endsOn', 'the last day you are not available', errors);
      if (startsOn && endsOn && endsOn < startsOn)
        errors.push({
          field: 'endsOn-day',
          message: 'The last day must be the same as or after the first',
        });
      if (endsOn && endsOn < todayInLondon(now()))
        errors.push({ field: 'endsOn-day', message: 'The last day must be today or later' });
      const note = text(input.note);
      tooLong(errors, 'note', 'The note', note, 200);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const person = await personOf(tx, user);
        if (!person) throw new NotFoundError();
        const [row] = await tx
          .insert(advisorUnavailability)
          .values({
            personId: person.id,
            startsOn: startsOn!,
            endsOn: endsOn!,
            note,
            createdAt: now(),
          })
          .returning();
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'advisor.unavailability-added',
          recordType: 'person',
          recordId: person.id,
          after: row,
        });
        return row!;
      });
    },

    /** The advisor takes back days they had said they could not do. */
    async removeUnavailability(principal: Principal, id: string, auditRequestId?: string) {
      const user = requireUser(principal);
      if (!isUuid(id)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const person = await personOf(tx, user);
        if (!person) throw new NotFoundError();
        const [removed] = await tx
          .delete(advisorUnavailability)
          .where(
            and(eq(advisorUnavailability.id, id), eq(advisorUnavailability.personId, person.id)),
          )
          .returning();
        if (!removed) throw new NotFoundError();
        await recordAudit(tx, actorOf(user, auditRequestId), {
          action: 'advisor.unavailability-removed',
          recordType: 'person',
          recordId: person.id,
          before: removed,
        });
      });
    },
  };

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

  /** An arrangement task, for the team it falls to (IAG-08). */
  async function findArrangement(
    executor: Executor,
    user: UserPrincipal,
    id: string,
    lock = false,
  ) {
    if (!can(user, 'advice.arrange')) throw new ForbiddenError();
    if (!isUuid(id)) throw new NotFoundError();
    const today = todayInLondon(now());
    const query = executor
      .select({
        deployment: deployments,
        request: adviceRequests,
        advisor: people.name(deployments.personId),
        phone: people.phone(deployments.personId),
        email: people.email(deployments.personId),
        groupName: groups.name(deployments.groupId),
        exempt: groups.unescortedAccess(deployments.personId, today),
      })
      .from(deployments)
      .innerJoin(adviceRequests, eq(adviceRequests.id, deployments.requestId))
      .where(eq(deployments.id, id));
    const [row] = lock ? await query.for('update', { of: deployments }) : await query;
    if (!row || !hasRole(user, row.deployment.arrangementOwner)) throw new NotFoundError();
    if (!['nominated', 'accepted'].includes(row.deployment.status))
      throw new ConflictError('The advisor is no longer nominated for this request');
    return row;
  }
}
