/**
 * Advisory groups: the register, terms of reference, appointments and their terms, second-term
 * agreements, and chair elections. Each thing a person does is one function here: permission,
 * rules, one transaction, one audit event.
 */
import { and, asc, count, desc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { recordAudit } from '../../platform/audit/service.js';
import { createVersionedCache } from '../../platform/cache/versioned-cache.js';
import { can, hasRole } from '../../platform/auth/permissions.js';
import {
  actorOf,
  SYSTEM_ACTOR,
  type Principal,
  type UserPrincipal,
} from '../../platform/auth/principal.js';
import {
  activeRoleHolders,
  replaceScopedRoleHolders,
  type ScopeCatalogue,
} from '../../platform/auth/users-service.js';
import {
  addCalendarMonths,
  formatDate,
  todayInLondon,
  type IsoDate,
} from '../../platform/calendar/index.js';
import { queryRows, type Db, type Executor } from '../../platform/db/database.js';
import { nextNumber } from '../../platform/db/next-number.js';
import { preparedPages, preparedRead } from '../../platform/db/prepared.js';
import { prefixTsQuery } from '../../platform/db/search.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../platform/errors.js';
import { isUuid } from '../../platform/http/params.js';
import type { MailService } from '../../platform/mail/service.js';
import type { DirectoryService, PersonSummary } from '../directory/index.js';
import { parseMemberImport, type MemberImportProblem } from './member-import.js';
import { groupPaths as paths } from './paths.js';
import {
  checkAppointmentStart,
  checkFocusGroupRepresentative,
  checkNotOwnSecondTerm,
  checkElectionResult,
  invitedToAnnualConference,
  retrospectiveAppointment,
  importedAgreementProblem,
  checkGroupRegistration,
  groupElection,
  nextTerm,
  policeMayChair,
  secondTermAgreed,
  termEndDate,
  termEndNoticeDue,
  TERM_END_NOTICE_MONTHS,
  type GroupType,
} from './rules.js';
import {
  advisoryGroups,
  electionCandidates,
  elections,
  groupDocuments,
  groupDocumentVersions,
  memberships,
  policeAttendees,
  reappointments,
} from './schema.js';
import {
  dateField,
  validateElection,
  validateGroup,
  validateLeaving,
  validateTermsOfReference,
} from './validation.js';

type Input = Record<string, string | string[] | undefined>;
export type Group = Omit<typeof advisoryGroups.$inferSelect, 'search'>;
export type Membership = typeof memberships.$inferSelect;

const groupColumns = {
  id: advisoryGroups.id,
  code: advisoryGroups.code,
  name: advisoryGroups.name,
  type: advisoryGroups.type,
  status: advisoryGroups.status,
  ownerId: advisoryGroups.ownerId,
  parentGroupId: advisoryGroups.parentGroupId,
  purpose: advisoryGroups.purpose,
  focus: advisoryGroups.focus,
  meetingIntervalMonths: advisoryGroups.meetingIntervalMonths,
  minAge: advisoryGroups.minAge,
  maxAge: advisoryGroups.maxAge,
  deploymentContactId: advisoryGroups.deploymentContactId,
  version: advisoryGroups.version,
  createdAt: advisoryGroups.createdAt,
  updatedAt: advisoryGroups.updatedAt,
};

export interface GroupListQuery {
  q?: string | undefined;
  type?: GroupType | undefined;
  limit: number;
  offset: number;
}

interface GroupListShape {
  publicOnly: boolean;
  search: boolean;
  type: boolean;
}

export type GroupsService = ReturnType<typeof createGroupsService>;

/** An import refused: each bad row with its line number. Nothing was imported. */
export class MemberImportError extends ValidationError {
  constructor(readonly problems: MemberImportProblem[]) {
    super(problems.map((p) => ({ field: 'csv', message: `Line ${p.line}: ${p.message}` })));
  }
}

export function createGroupsService(deps: {
  db: Db;
  config: Config;
  directory: DirectoryService;
  mail: MailService;
  now?: () => Date;
}) {
  const { db, directory } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => todayInLondon(now());

  function requireUser(principal: Principal): UserPrincipal {
    if (principal?.kind !== 'user') throw new ForbiddenError();
    return principal;
  }
  function requireAction(
    principal: Principal,
    action: 'groups.view' | 'groups.register' | 'groups.manage',
  ): UserPrincipal {
    const user = requireUser(principal);
    if (!can(user, action)) throw new ForbiddenError();
    return user;
  }
  function requireGroupView(principal: Principal, groupId: string): UserPrincipal {
    const user = requireUser(principal);
    if (!can(user, 'group.view', { type: 'group', id: groupId })) throw new ForbiddenError();
    return user;
  }

  /** A group the public may read about: active or forming, not closed or suspended. */
  async function findPublicGroup(executor: Executor, id: string): Promise<Group> {
    const group = await findGroup(executor, id);
    if (!['active', 'forming'].includes(group.status)) throw new NotFoundError();
    return group;
  }

  /** The current chairs of these groups, with names and e-mail, in the groups' name order. */
  async function chairsOf(executor: Executor, of: readonly { id: string; name: string }[]) {
    const chairs = await currentChairs(
      executor,
      of.map((g) => g.id),
    );
    const rows = of.flatMap((g) =>
      (chairs.get(g.id) ?? []).map((c) => ({ ...c, groupId: g.id, groupName: g.name })),
    );
    const people = await personNames(
      executor,
      rows.map((r) => r.personId),
    );
    return rows
      .map((r) => ({
        ...r,
        name: nameOf(people, r.personId),
        email: people.get(r.personId)?.email ?? null,
        userId: people.get(r.personId)?.userId ?? null,
      }))
      .sort((a, b) => a.groupName.localeCompare(b.groupName));
  }

  async function findGroup(executor: Executor, id: string): Promise<Group> {
    if (!isUuid(id)) throw new NotFoundError();
    const [row] = await executor
      .select(groupColumns)
      .from(advisoryGroups)
      .where(eq(advisoryGroups.id, id));
    if (!row) throw new NotFoundError();
    return row;
  }

  async function findMembership(
    executor: Executor,
    groupId: string,
    id: string,
  ): Promise<Membership> {
    if (!isUuid(id)) throw new NotFoundError();
    const [row] = await executor
      .select()
      .from(memberships)
      .where(and(eq(memberships.id, id), eq(memberships.groupId, groupId)));
    if (!row) throw new NotFoundError();
    return row;
  }

  function staleEdit(): never {
    throw new ConflictError(
      'Someone else changed this group while you were editing it. Check the latest version and make your change again',
      'version',
    );
  }

  /** IAG-01: the owner and parent a group's type requires, checked against the directory. */
  async function checkRegistration(
    executor: Executor,
    user: UserPrincipal,
    value: ReturnType<typeof validateGroup>['value'],
    options: { creating: boolean; selfId?: string },
  ) {
    const owner = value.ownerId
      ? (await directory.lookups.organisations(executor, [value.ownerId])).get(value.ownerId)
      : undefined;
    if (value.ownerId && (!owner || owner.archived))
      throw new ValidationError([{ field: 'ownerId', message: 'Select the owner from the list' }]);
    let parentType: GroupType | null = null;
    if (value.parentGroupId) {
      if (value.parentGroupId === options.selfId)
        throw new ValidationError([
          { field: 'parentGroupId', message: 'A group cannot be a sub-group of itself' },
        ]);
      const [parent] = await executor
        .select({ type: advisoryGroups.type })
        .from(advisoryGroups)
        .where(eq(advisoryGroups.id, value.parentGroupId));
      if (!parent)
        throw new ValidationError([
          { field: 'parentGroupId', message: 'Select the group from the list' },
        ]);
      parentType = parent.type;
    }
    const refusals = checkGroupRegistration({
      type: value.type,
      name: value.name,
      ownerKind: owner?.kind ?? null,
      hasParent: value.parentGroupId !== null,
      parentType,
      registeredByDirector: hasRole(user, 'director'),
      creating: options.creating,
    });
    if (refusals.length) throw new ValidationError(refusals);
    const [clash] = await executor
      .select({ id: advisoryGroups.id })
      .from(advisoryGroups)
      .where(
        and(
          sql`lower(${advisoryGroups.name}) = lower(${value.name})`,
          options.selfId ? ne(advisoryGroups.id, options.selfId) : undefined,
        ),
      );
    if (clash)
      throw new ValidationError([
        { field: 'name', message: 'There is already a group with this name' },
      ]);
    // A sub-group's owner is its parent's.
    return value.type === 'sub_group' ? { ...value, ownerId: null } : value;
  }

  /** Those elected at each group's latest election: on the group page and every register. */
  const chairsByGroup = preparedRead(db, 'bridge_groups_current_chairs', (executor) =>
    executor
      .select({
        groupId: elections.groupId,
        personId: electionCandidates.personId,
        heldOn: elections.heldOn,
      })
      .from(elections)
      .innerJoin(
        electionCandidates,
        and(eq(electionCandidates.electionId, elections.id), eq(electionCandidates.elected, true)),
      )
      .where(
        and(
          sql`${elections.groupId} = any(${sql.placeholder('groupIds')}::uuid[])`,
          sql`(${elections.heldOn}, ${elections.createdAt}) = (
            select e2.held_on, e2.created_at from elections e2 where e2.group_id = ${elections.groupId}
            order by e2.held_on desc, e2.created_at desc limit 1)`,
        ),
      ),
  );

  /** Current chairs of many groups at once: the people elected at each group's latest election. */
  async function currentChairs(
    executor: Executor,
    groupIds: readonly string[],
  ): Promise<Map<string, { personId: string; heldOn: IsoDate }[]>> {
    const result = new Map<string, { personId: string; heldOn: IsoDate }[]>();
    if (groupIds.length === 0) return result;
    const rows = await chairsByGroup(executor, { groupIds: [...groupIds] });
    for (const row of rows) {
      const list = result.get(row.groupId) ?? [];
      list.push({ personId: row.personId, heldOn: row.heldOn });
      result.set(row.groupId, list);
    }
    return result;
  }

  /**
   * IAG-18: the agreed second term takes over from the first on `startsOn`; a first term still
   * current ends that day (one that has already ended keeps how and when it did). Returns the
   * new membership.
   */
  async function startSecondTerm(
    tx: Executor,
    first: typeof memberships.$inferSelect,
    startsOn: IsoDate,
  ): Promise<string> {
    if (first.status === 'current')
      await tx
        .update(memberships)
        .set({
          status: 'ended',
          leftOn: startsOn,
          updatedAt: now(),
          version: sql`${memberships.version} + 1`,
        })
        .where(eq(memberships.id, first.id));
    const [created] = await tx
      .insert(memberships)
      .values({
        groupId: first.groupId,
        personId: first.personId,
        termNumber: 2,
        startsOn,
        endsOn: termEndDate(startsOn),
        publishName: first.publishName,
        previousMembershipId: first.id,
      })
      .returning({ id: memberships.id });
    await tx
      .update(reappointments)
      .set({ newMembershipId: created!.id })
      .where(and(eq(reappointments.membershipId, first.id), eq(reappointments.status, 'agreed')));
    return created!.id;
  }

  /** Ends a current membership; a second term waiting to be agreed lapses with it. */
  async function closeMembership(
    tx: Executor,
    membershipId: string,
    leaving: { status: 'withdrawn' | 'resigned' | 'ended'; leftOn: IsoDate; reason: string | null },
  ) {
    const [after] = await tx
      .update(memberships)
      .set({
        status: leaving.status,
        leftOn: leaving.leftOn,
        leavingReason: leaving.reason,
        updatedAt: now(),
        version: sql`${memberships.version} + 1`,
      })
      .where(eq(memberships.id, membershipId))
      .returning();
    await tx
      .update(reappointments)
      .set({ status: 'declined', declinedAt: now(), declinedReason: 'Membership ended' })
      .where(
        and(eq(reappointments.membershipId, membershipId), eq(reappointments.status, 'pending')),
      );
    return after!;
  }

  /**
   * IAG-18: who must agree a member's second term, told that it waits for them (issue 21 item
   * 30): the accounts holding the chair of the group, and the Director. The member is not told
   * to decide their own.
   */
  async function tellSecondTermDeciders(
    tx: Executor,
    membership: { groupId: string; personId: string; endsOn: IsoDate },
  ) {
    const group = await findGroup(tx, membership.groupId);
    const member = (await personNames(tx, [membership.personId])).get(membership.personId);
    const deciders = [
      ...(await activeRoleHolders(tx, 'chair', { type: 'group', id: membership.groupId })).map(
        (d) => ({ ...d, role: 'chair' as const }),
      ),
      ...(await activeRoleHolders(tx, 'director')).map((d) => ({
        ...d,
        role: 'director' as const,
      })),
    ];
    const name = member?.fullName ?? 'A member';
    for (const d of deciders.filter((d) => d.userId !== member?.userId))
      await deps.mail.queue(tx, {
        to: d.email,
        subject: `A second term waits for your agreement: ${name}, ${group.name}`,
        text: [
          `Dear ${d.name},`,
          '',
          `A second term has been proposed for ${name} in the ${group.name}, whose first term ends on ${formatDate(membership.endsOn)}.`,
          `A second term needs the agreement of the chair (or a co-chair) and of the Director (IAG-18). It waits for yours, as ${d.role === 'chair' ? 'chair' : 'the Director'}:`,
          `${deps.config.publicUrl}${paths.secondTerms}`,
        ].join('\n'),
      });
  }

  /** IAG-21a, IAG-21c: who may stand for the chair of this group. */
  async function electableCandidates(
    executor: Executor,
    group: { id: string; type: GroupType },
  ): Promise<{ personId: string; police: boolean }[]> {
    const members = await executor
      .select({ personId: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.groupId, group.id), eq(memberships.status, 'current')));
    const result = members.map((m) => ({ personId: m.personId, police: false }));
    if (!policeMayChair(group.type)) return result;
    const police = await executor
      .selectDistinct({ personId: policeAttendees.personId })
      .from(policeAttendees)
      .where(and(eq(policeAttendees.groupId, group.id), isNull(policeAttendees.untilOn)));
    const memberIds = new Set(members.map((m) => m.personId));
    return [
      ...result,
      ...police
        .filter((p) => !memberIds.has(p.personId))
        .map((p) => ({ personId: p.personId, police: true })),
    ];
  }

  async function personNames(executor: Executor, ids: readonly string[]) {
    return directory.lookups.people(executor, ids);
  }

  function nameOf(map: Map<string, PersonSummary>, id: string | null | undefined): string {
    return (id && map.get(id)?.fullName) || 'Unknown person';
  }

  /** The user accounts of these directory people, for the roles their office brings. */
  function userIdsOf(map: Map<string, PersonSummary>, ids: readonly string[]): string[] {
    return ids.map((id) => map.get(id)?.userId).filter((u): u is string => !!u);
  }

  /**
   * The register, in each of its shapes (the public's or everyone's; with a search term or a
   * type, or without), prepared: the public list of groups is among the busiest pages.
   */
  const listShapeKey = (shape: GroupListShape) =>
    [shape.publicOnly ? 'public' : 'all', shape.search ? 'search' : '', shape.type ? 'type' : '']
      .filter(Boolean)
      .join('_');
  function listWhere(shape: GroupListShape): SQL | undefined {
    return and(
      shape.search
        ? sql`${advisoryGroups.search} @@ to_tsquery('english', ${sql.placeholder('ts')})`
        : undefined,
      shape.type ? eq(advisoryGroups.type, sql.placeholder('type')) : undefined,
      // IAG-01: the public list never includes closed groups.
      shape.publicOnly ? inArray(advisoryGroups.status, ['active', 'forming']) : undefined,
    );
  }
  const typeOrder = sql`array_position(array['corporate_iag','borough_iag','specialist','community','corporate_focus','sub_group']::group_type[], ${advisoryGroups.type})`;
  const groupList = preparedPages(db, 'bridge_groups_list', listShapeKey, {
    page: (executor, shape) =>
      executor
        .select({
          ...groupColumns,
          // The outer group's id written out with its table: drizzle leaves a column in a
          // one-table select unqualified, and inside these subqueries "id" would be m.id or
          // e.id (issue 21 item 1: every group showed 0 members and an election due today).
          currentMembers: sql<number>`(select count(*)::int from ${memberships} m where m.group_id = ${advisoryGroups}.id and m.status = 'current')`,
          lastElection: sql<IsoDate | null>`(select max(e.held_on) from ${elections} e where e.group_id = ${advisoryGroups}.id)`,
        })
        .from(advisoryGroups)
        .where(listWhere(shape))
        .orderBy(typeOrder, asc(advisoryGroups.name))
        .limit(sql.placeholder('limit'))
        .offset(sql.placeholder('offset')),
    count: (executor, shape) =>
      executor.select({ n: count() }).from(advisoryGroups).where(listWhere(shape)),
  });

  /** IAG-21: what the register and the group page say of the next election. */
  function electionFields(type: GroupType, lastElection: IsoDate | null, day: IsoDate) {
    const election = groupElection(type, lastElection, day);
    return { nextElectionDue: election?.due ?? null, electionOverdue: election?.overdue ?? false };
  }

  async function listGroups(query: GroupListQuery, publicOnly: boolean) {
    const ts = query.q ? prefixTsQuery(query.q) : null;
    const shape = { publicOnly, search: !!ts, type: !!query.type };
    const values = { ts, type: query.type, limit: query.limit, offset: query.offset };
    const { items, total } = await groupList(shape, values);
    const chairs = await currentChairs(
      db,
      items.map((g) => g.id),
    );
    const names = await Promise.all([
      personNames(
        db,
        [...chairs.values()].flat().map((c) => c.personId),
      ),
      directory.lookups.organisations(
        db,
        items.map((g) => g.ownerId).filter((id): id is string => !!id),
      ),
    ]);
    const [people, owners] = names;
    const day = today();
    return {
      total,
      items: items.map((g) => ({
        ...g,
        ownerName: g.ownerId ? (owners.get(g.ownerId)?.name ?? null) : null,
        chairs: (chairs.get(g.id) ?? []).map((c) => nameOf(people, c.personId)),
        ...electionFields(g.type, g.lastElection, day),
      })),
    };
  }

  /**
   * A group's page as every reader allowed to see it sees it (issue 8: eleven queries a view):
   * kept while the group, its members, chairs, documents and the names in it are unchanged, and
   * for the day only, as whose term is ending and when an election is due move with the day.
   * Kept pages are shared: read, never changed.
   */
  async function groupPage(id: string, day: IsoDate) {
    const group = await findGroup(db, id);
    const [terms, chairs, current, [pastCount], electionRows, pending, subGroups, parent] =
      await Promise.all([
        termsOfReferenceVersions(db, id),
        currentChairs(db, [id]),
        db
          .select()
          .from(memberships)
          .where(and(eq(memberships.groupId, id), eq(memberships.status, 'current')))
          .orderBy(asc(memberships.endsOn))
          .limit(200),
        db
          .select({ n: count() })
          .from(memberships)
          .where(and(eq(memberships.groupId, id), ne(memberships.status, 'current'))),
        db
          .select()
          .from(elections)
          .where(eq(elections.groupId, id))
          .orderBy(desc(elections.heldOn), desc(elections.createdAt))
          .limit(10),
        db
          .select({
            id: reappointments.id,
            membershipId: reappointments.membershipId,
            status: reappointments.status,
          })
          .from(reappointments)
          .innerJoin(memberships, eq(memberships.id, reappointments.membershipId))
          .where(
            and(
              eq(memberships.groupId, id),
              eq(memberships.status, 'current'),
              sql`(${reappointments.status} = 'pending' or (${reappointments.status} = 'agreed' and ${reappointments.newMembershipId} is null))`,
            ),
          ),
        db
          .select({ id: advisoryGroups.id, name: advisoryGroups.name })
          .from(advisoryGroups)
          .where(eq(advisoryGroups.parentGroupId, id))
          .orderBy(asc(advisoryGroups.name)),
        group.parentGroupId
          ? db
              .select({ id: advisoryGroups.id, name: advisoryGroups.name })
              .from(advisoryGroups)
              .where(eq(advisoryGroups.id, group.parentGroupId))
          : Promise.resolve([]),
      ]);
    const chairIds = (chairs.get(id) ?? []).map((c) => c.personId);
    const [people, owners] = await Promise.all([
      personNames(db, [
        ...chairIds,
        ...current.map((m) => m.personId),
        ...(group.deploymentContactId ? [group.deploymentContactId] : []),
      ]),
      group.ownerId
        ? directory.lookups.organisations(db, [group.ownerId])
        : Promise.resolve(new Map()),
    ]);
    const pendingByMembership = new Map(
      pending.filter((p) => p.status === 'pending').map((p) => [p.membershipId, p.id]),
    );
    const agreedAhead = new Set(
      pending.filter((p) => p.status === 'agreed').map((p) => p.membershipId),
    );
    return {
      group,
      ownerName: group.ownerId ? (owners.get(group.ownerId)?.name ?? null) : null,
      parent: parent[0] ?? null,
      subGroups,
      termsOfReference: terms[0] ?? null,
      termsOfReferenceVersions: terms.length,
      chairs: chairIds.map((c) => ({ personId: c, name: nameOf(people, c) })),
      lastElection: electionRows[0] ?? null,
      ...electionFields(group.type, electionRows[0]?.heldOn ?? null, day),
      deploymentContact: group.deploymentContactId
        ? { id: group.deploymentContactId, name: nameOf(people, group.deploymentContactId) }
        : null,
      members: current.map((m) => ({
        ...m,
        name: nameOf(people, m.personId),
        isChair: chairIds.includes(m.personId),
        endingSoon: !agreedAhead.has(m.id) && termEndNoticeDue(m.endsOn, day),
        pendingReappointmentId: pendingByMembership.get(m.id) ?? null,
        secondTermAgreed: agreedAhead.has(m.id),
      })),
      pastMemberCount: Number(pastCount?.n ?? 0),
    };
  }

  const groupPages = createVersionedCache<Awaited<ReturnType<typeof groupPage>>>(db, {
    kinds: ['groups', 'members', 'directory'],
    max: 200,
  });

  async function termsOfReferenceVersions(executor: Executor, groupId: string) {
    return executor
      .select({
        id: groupDocumentVersions.id,
        number: groupDocumentVersions.number,
        body: groupDocumentVersions.body,
        changeSummary: groupDocumentVersions.changeSummary,
        agreedOn: groupDocumentVersions.agreedOn,
        createdAt: groupDocumentVersions.createdAt,
      })
      .from(groupDocumentVersions)
      .innerJoin(groupDocuments, eq(groupDocuments.id, groupDocumentVersions.documentId))
      .where(
        and(eq(groupDocuments.groupId, groupId), eq(groupDocuments.kind, 'terms_of_reference')),
      )
      .orderBy(desc(groupDocumentVersions.number));
  }

  /** Whether this user may agree a second term as a chair of the group, and as the Director. */
  function agreementCapacities(user: UserPrincipal, groupId: string) {
    return {
      chair: can(user, 'group.chair', { type: 'group', id: groupId }),
      director: can(user, 'groups.director-agreement'),
    };
  }

  /**
   * IAG-18: a first term of four years for someone not already in the group. A returning
   * member's second term needs the two agreements instead; a third is refused, saying why.
   */
  async function appointFirstTerm(
    tx: Executor,
    input: { groupId: string; personId: string; startsOn: IsoDate; publishName: boolean },
  ): Promise<Membership> {
    const group = await findGroup(tx, input.groupId);
    if (group.status === 'closed')
      throw new ConflictError('This group is closed and takes no new members', 'personId');
    const person = (await personNames(tx, [input.personId])).get(input.personId);
    if (!person || person.archived)
      throw new ValidationError([{ field: 'personId', message: 'Select the person to appoint' }]);
    const earlier = await tx
      .select({ termNumber: memberships.termNumber, status: memberships.status })
      .from(memberships)
      .where(and(eq(memberships.groupId, input.groupId), eq(memberships.personId, input.personId)));
    if (earlier.some((m) => m.status === 'current'))
      throw new ConflictError(`${person.fullName} is already a member of this group`, 'personId');
    if (group.type === 'corporate_focus') {
      const [own, represented] = await Promise.all([
        tx
          .select({ id: advisoryGroups.id, name: advisoryGroups.name })
          .from(memberships)
          .innerJoin(advisoryGroups, eq(advisoryGroups.id, memberships.groupId))
          .where(
            and(
              eq(memberships.personId, input.personId),
              eq(memberships.status, 'current'),
              eq(advisoryGroups.type, 'corporate_iag'),
            ),
          ),
        // The corporate IAGs the focus group's current members come from.
        queryRows<{ group_id: string }>(
          tx,
          sql`
          select distinct iag.group_id from ${memberships} focus
          join ${memberships} iag on iag.person_id = focus.person_id and iag.status = 'current'
          join ${advisoryGroups} g on g.id = iag.group_id and g.type = 'corporate_iag'
          where focus.group_id = ${input.groupId} and focus.status = 'current'`,
        ),
      ]);
      const refusal = checkFocusGroupRepresentative(
        person.fullName,
        own,
        new Set(represented.map((r) => r.group_id)),
      );
      if (refusal) throw new ConflictError(refusal, 'personId');
    }
    const served = earlier.reduce((n, m) => Math.max(n, m.termNumber), 0);
    const next = nextTerm(served);
    if (!next.allowed) throw new ConflictError(next.reason, 'personId');
    if (next.needsAgreement)
      throw new ConflictError(
        `${person.fullName} has served a term in this group. A second term needs the agreement of the chair (or a co-chair) and of the Director: propose it from their last membership (IAG-18)`,
        'personId',
      );
    const [row] = await tx
      .insert(memberships)
      .values({
        groupId: input.groupId,
        personId: input.personId,
        termNumber: 1,
        startsOn: input.startsOn,
        endsOn: termEndDate(input.startsOn),
        publishName: input.publishName,
      })
      .returning();
    return row!;
  }

  return {
    /** Today in London by the service's clock (tests move it). */
    today,

    /** The register, for staff and office-holders: with chairs, members and elections due. */
    async list(principal: Principal, query: GroupListQuery) {
      requireAction(principal, 'groups.view');
      return listGroups(query, false);
    },

    /** IAG-01: the public list never includes closed groups, and labels by type. */
    async publicList(query: GroupListQuery) {
      return listGroups(query, true);
    },

    async publicGet(id: string) {
      const group = await findPublicGroup(db, id);
      const [terms, chairs, published, owner, parent] = await Promise.all([
        termsOfReferenceVersions(db, id),
        currentChairs(db, [id]),
        db
          .select({ personId: memberships.personId })
          .from(memberships)
          .where(
            and(
              eq(memberships.groupId, id),
              eq(memberships.status, 'current'),
              eq(memberships.publishName, true),
            ),
          ),
        group.ownerId ? directory.lookups.organisations(db, [group.ownerId]) : new Map(),
        group.parentGroupId ? findGroup(db, group.parentGroupId) : Promise.resolve(null),
      ]);
      const chairIds = (chairs.get(id) ?? []).map((c) => c.personId);
      const people = await personNames(db, [...chairIds, ...published.map((p) => p.personId)]);
      return {
        group,
        ownerName: group.ownerId ? (owner.get(group.ownerId)?.name ?? null) : null,
        parent: parent ? { id: parent.id, name: parent.name } : null,
        termsOfReference: terms[0] ?? null,
        chairs: chairIds.map((c) => nameOf(people, c)),
        members: published
          .map((p) => nameOf(people, p.personId))
          .sort((a, b) => a.localeCompare(b)),
      };
    },

    async get(principal: Principal, id: string) {
      const user = requireGroupView(principal, id);
      if (!isUuid(id)) throw new NotFoundError();
      const day = today();
      const page = await groupPages.get(`${id} ${day}`, () => groupPage(id, day));
      return { ...page, canManage: can(user, 'groups.manage') };
    },

    async create(principal: Principal, input: Input, requestId?: string): Promise<Group> {
      const user = requireAction(principal, 'groups.register');
      const { errors, value } = validateGroup(input);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const checked = await checkRegistration(tx, user, value, { creating: true });
        const [row] = await tx.insert(advisoryGroups).values(checked).returning(groupColumns);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'group.registered',
          recordType: 'group',
          recordId: row!.id,
          after: row,
        });
        return row!;
      });
    },

    async update(
      principal: Principal,
      id: string,
      input: Input,
      requestId?: string,
    ): Promise<Group> {
      const user = requireAction(principal, 'groups.manage');
      const { errors, value } = validateGroup(input);
      if (errors.length) throw new ValidationError(errors);
      const version =
        typeof input.version === 'string' && /^\d+$/.test(input.version)
          ? Number(input.version)
          : undefined;
      return db.transaction(async (tx) => {
        const before = await findGroup(tx, id);
        if (version !== undefined && version !== before.version) staleEdit();
        // A type change into or out of a corporate focus group is the Director's, like creating one.
        const checked = await checkRegistration(tx, user, value, {
          creating: value.type === 'corporate_focus' && before.type !== 'corporate_focus',
          selfId: id,
        });
        if (before.code && checked.type !== before.type)
          throw new ValidationError([
            {
              field: 'type',
              message: 'The type of the reference corporate IAGs cannot be changed',
            },
          ]);
        const [after] = await tx
          .update(advisoryGroups)
          .set({ ...checked, updatedAt: now(), version: sql`${advisoryGroups.version} + 1` })
          .where(and(eq(advisoryGroups.id, id), eq(advisoryGroups.version, before.version)))
          .returning(groupColumns);
        if (!after) staleEdit();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'group.updated',
          recordType: 'group',
          recordId: id,
          before,
          after,
        });
        return after;
      });
    },

    async termsOfReference(principal: Principal, groupId: string) {
      requireGroupView(principal, groupId);
      const group = await findGroup(db, groupId);
      return { group, versions: await termsOfReferenceVersions(db, groupId) };
    },

    /** A new version of the terms of reference; earlier versions stay as the history. */
    async addTermsOfReference(
      principal: Principal,
      groupId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireAction(principal, 'groups.manage');
      const { errors, value } = validateTermsOfReference(input);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const group = await findGroup(tx, groupId);
        let [document] = await tx
          .select({ id: groupDocuments.id })
          .from(groupDocuments)
          .where(
            and(eq(groupDocuments.groupId, groupId), eq(groupDocuments.kind, 'terms_of_reference')),
          );
        if (!document)
          [document] = await tx
            .insert(groupDocuments)
            .values({
              groupId,
              kind: 'terms_of_reference',
              title: `Terms of reference: ${group.name}`,
            })
            .returning({ id: groupDocuments.id });
        const [row] = await tx
          .insert(groupDocumentVersions)
          .values({
            documentId: document!.id,
            number: await nextNumber(
              tx,
              groupDocumentVersions,
              groupDocumentVersions.number,
              eq(groupDocumentVersions.documentId, document!.id),
            ),
            body: value.body,
            changeSummary: value.changeSummary,
            agreedOn: value.agreedOn,
            createdBy: user.userId,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'group.terms-of-reference-versioned',
          recordType: 'group',
          recordId: groupId,
          after: {
            version: row!.number,
            agreedOn: row!.agreedOn,
            changeSummary: row!.changeSummary,
          },
        });
        return row!;
      });
    },

    /** Everyone who has been a member, current first, then by when they left. */
    async memberHistory(
      principal: Principal,
      groupId: string,
      page: { limit: number; offset: number },
    ) {
      requireGroupView(principal, groupId);
      const group = await findGroup(db, groupId);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(memberships)
          .where(eq(memberships.groupId, groupId))
          .orderBy(
            sql`${memberships.status} = 'current' desc`,
            desc(sql`coalesce(${memberships.leftOn}, ${memberships.endsOn})`),
            asc(memberships.id),
          )
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(memberships).where(eq(memberships.groupId, groupId)),
      ]);
      const people = await personNames(
        db,
        rows.map((r) => r.personId),
      );
      return {
        group,
        total: Number(total?.n ?? 0),
        items: rows.map((m) => ({ ...m, name: nameOf(people, m.personId) })),
      };
    },

    async membership(principal: Principal, groupId: string, membershipId: string) {
      const user = requireGroupView(principal, groupId);
      const group = await findGroup(db, groupId);
      const membership = await findMembership(db, groupId, membershipId);
      const [terms, pending] = await Promise.all([
        db
          .select()
          .from(memberships)
          .where(
            and(eq(memberships.groupId, groupId), eq(memberships.personId, membership.personId)),
          )
          .orderBy(asc(memberships.startsOn)),
        db
          .select()
          .from(reappointments)
          .where(eq(reappointments.membershipId, membershipId))
          .orderBy(desc(reappointments.proposedAt)),
      ]);
      const people = await personNames(db, [membership.personId]);
      const termsServed = Math.max(...terms.map((t) => t.termNumber));
      const next = nextTerm(termsServed);
      return {
        group,
        membership,
        person: people.get(membership.personId) ?? null,
        terms,
        reappointments: pending,
        nextTerm: next,
        isLatestTerm: terms.at(-1)?.id === membership.id,
        canManage: can(user, 'groups.manage'),
        capacities: agreementCapacities(user, groupId),
        // IAG-18: nobody decides their own case, so their own second term offers them no decision.
        ownCase: !!user.userId && people.get(membership.personId)?.userId === user.userId,
      };
    },

    /**
     * Appoints a person for a first term of four years (IAG-18). A returning member's second
     * term goes through the two agreements instead; a third is refused.
     */
    async appoint(principal: Principal, groupId: string, input: Input, requestId?: string) {
      const user = requireAction(principal, 'groups.manage');
      const errors: { field: string; message: string }[] = [];
      const personId =
        typeof input.personId === 'string' && isUuid(input.personId) ? input.personId : null;
      if (!personId) errors.push({ field: 'personId', message: 'Select the person to appoint' });
      const startsOn = dateField(input, 'startsOn', 'the date the appointment starts', errors);
      const ended = startsOn ? checkAppointmentStart(startsOn, today()) : null;
      if (ended) errors.push({ field: 'startsOn-day', message: ended });
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const row = await appointFirstTerm(tx, {
          groupId,
          personId: personId!,
          startsOn: startsOn!,
          publishName: input.publishName === 'yes',
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'membership.appointed',
          recordType: 'membership',
          recordId: row.id,
          after: row,
        });
        return row;
      });
    },

    /**
     * IAG-18 applied retrospectively, with the IAG-19 transition: imports a group's existing
     * members from the date each first joined. Every row is checked first; if any is bad, each
     * is reported by line and nothing is imported.
     */
    async importMembers(principal: Principal, groupId: string, csv: string, requestId?: string) {
      const user = requireAction(principal, 'groups.manage');
      const day = today();
      const { rows, problems } = parseMemberImport(csv, day);
      if (problems.length) throw new MemberImportError(problems);
      const rulesAgreed = deps.config.groups.rulesAgreedOn;
      const terms = rows.map((row) => retrospectiveAppointment(row.firstJoined, rulesAgreed, day));
      const firstTermsOnly = rows.flatMap((row, i) => {
        const message = importedAgreementProblem(row, terms[i]!);
        return message ? [{ line: row.line, message }] : [];
      });
      if (firstTermsOnly.length) throw new MemberImportError(firstTermsOnly);
      return db.transaction(async (tx) => {
        await findGroup(tx, groupId);
        const { ids, added } = await directory.lookups.findOrAddPeople(
          tx,
          rows.map((r) => ({ fullName: r.name, email: r.email })),
        );
        const already = await tx
          .select({ personId: memberships.personId })
          .from(memberships)
          .where(and(eq(memberships.groupId, groupId), inArray(memberships.personId, ids)));
        const clash = new Set(already.map((a) => a.personId));
        const clashes = rows
          .filter((_, i) => clash.has(ids[i]!))
          .map((r) => ({
            line: r.line,
            message: `${r.name} already has a membership of this group in Bridge; change it there instead`,
          }));
        if (clashes.length) throw new MemberImportError(clashes);
        const summary = {
          current: 0,
          ended: 0,
          transitional: 0,
          secondTerm: 0,
          awaitingAgreement: 0,
        };
        const created: string[] = [];
        for (const [i, row] of rows.entries()) {
          const personId = ids[i]!;
          const r = terms[i]!;
          const ended = r.end <= day;
          // The first of two terms, ended when the second began.
          const insertFirstTerm = async () => {
            const [first] = await tx
              .insert(memberships)
              .values({
                groupId,
                personId,
                termNumber: 1,
                startsOn: row.firstJoined,
                endsOn: r.start,
                status: 'ended',
                leftOn: r.start,
                transitional: r.start !== termEndDate(row.firstJoined),
                imported: true,
                publishName: row.publishName,
              })
              .returning({ id: memberships.id });
            created.push(first!.id);
            return first!.id;
          };
          // IAG-18: a second term begun under the rules needs the chair's and the Director's
          // agreement. Without it recorded in the list, a second term still running is not
          // imported: the first term is, and the second waits for the two agreements like any
          // other (then following the first without a gap). One already over is history, and is
          // imported as served, so it counts towards the two terms.
          if (r.termNumber === 2 && r.start >= rulesAgreed && !row.secondTermAgreement && !ended) {
            await tx.insert(reappointments).values({
              membershipId: await insertFirstTerm(),
              proposedBy: user.userId,
              proposedAt: now(),
              continuesImportedService: true,
            });
            summary.awaitingAgreement += 1;
            continue;
          }
          let previousMembershipId: string | null = null;
          if (r.termNumber === 2) {
            previousMembershipId = await insertFirstTerm();
            summary.secondTerm += 1;
          }
          const [latest] = await tx
            .insert(memberships)
            .values({
              groupId,
              personId,
              termNumber: r.termNumber,
              startsOn: r.start,
              endsOn: r.end,
              status: ended ? 'ended' : 'current',
              leftOn: ended ? r.end : null,
              transitional: r.transitional,
              imported: true,
              publishName: row.publishName,
              previousMembershipId,
            })
            .returning({ id: memberships.id });
          created.push(latest!.id);
          if (previousMembershipId && row.secondTermAgreement)
            await tx.insert(reappointments).values({
              membershipId: previousMembershipId,
              status: 'agreed',
              proposedBy: user.userId,
              proposedAt: now(),
              newMembershipId: latest!.id,
              recordedAgreedOn: row.secondTermAgreement.agreedOn,
              recordedChair: row.secondTermAgreement.chair,
              recordedDirector: row.secondTermAgreement.director,
            });
          if (ended) summary.ended += 1;
          else summary.current += 1;
          if (r.transitional) summary.transitional += 1;
        }
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'group.members-imported',
          recordType: 'group',
          recordId: groupId,
          after: {
            rulesAgreedOn: rulesAgreed,
            people: ids,
            peopleAdded: added,
            memberships: created,
            ...summary,
          },
        });
        return { imported: rows.length, ...summary };
      });
    },

    async endMembership(
      principal: Principal,
      groupId: string,
      membershipId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireAction(principal, 'groups.manage');
      const { errors, value } = validateLeaving(input);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const before = await findMembership(tx, groupId, membershipId);
        if (before.status !== 'current')
          throw new ConflictError('This membership has already ended', 'status');
        if (value.leftOn < before.startsOn)
          throw new ValidationError([
            {
              field: 'leftOn-day',
              message: 'The date it ends must be on or after the date it started',
            },
          ]);
        const after = await closeMembership(tx, membershipId, value);
        await recordAudit(tx, actorOf(user, requestId), {
          action: `membership.${value.status}`,
          recordType: 'membership',
          recordId: membershipId,
          before,
          after,
        });
        return after!;
      });
    },

    /**
     * IAG-18: records a member's application for a second term, to be agreed by a chair and the
     * Director. A third term is refused here, with the reason, and nothing is written.
     */
    async proposeSecondTerm(
      principal: Principal,
      groupId: string,
      membershipId: string,
      requestId?: string,
    ) {
      const user = requireAction(principal, 'groups.manage');
      return db.transaction(async (tx) => {
        const membership = await findMembership(tx, groupId, membershipId);
        const terms = await tx
          .select({ id: memberships.id, termNumber: memberships.termNumber })
          .from(memberships)
          .where(
            and(eq(memberships.groupId, groupId), eq(memberships.personId, membership.personId)),
          );
        const served = terms.reduce((n, t) => Math.max(n, t.termNumber), 0);
        const next = nextTerm(served);
        if (!next.allowed) throw new ConflictError(next.reason, 'second-term');
        if (membership.termNumber !== served || membership.status === 'withdrawn')
          throw new ConflictError(
            'A second term can be proposed only from the member’s latest term, and not after a withdrawal',
            'second-term',
          );
        const [row] = await tx
          .insert(reappointments)
          .values({ membershipId, proposedBy: user.userId, proposedAt: now() })
          .onConflictDoNothing()
          .returning();
        if (!row)
          throw new ConflictError(
            'A second term for this member is already waiting to be agreed',
            'second-term',
          );
        await tellSecondTermDeciders(tx, membership);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'membership.second-term-proposed',
          recordType: 'membership',
          recordId: membershipId,
          after: { reappointmentId: row.id },
        });
        return row;
      });
    },

    /** Second terms waiting for this person's agreement (as a chair, or as the Director). */
    async pendingAgreements(principal: Principal) {
      const user = requireUser(principal);
      const isDirector = can(user, 'groups.director-agreement');
      const chairGroups = user.roles
        .filter((g) => g.role === 'chair' && g.scopeType === 'group' && g.scopeId)
        .map((g) => g.scopeId!);
      const seesAll = isDirector || can(user, 'groups.manage');
      if (!seesAll && chairGroups.length === 0) throw new ForbiddenError();
      const rows = await db
        .select({
          id: reappointments.id,
          proposedAt: reappointments.proposedAt,
          chairAgreedAt: reappointments.chairAgreedAt,
          directorAgreedAt: reappointments.directorAgreedAt,
          membershipId: memberships.id,
          personId: memberships.personId,
          endsOn: memberships.endsOn,
          groupId: advisoryGroups.id,
          groupName: advisoryGroups.name,
        })
        .from(reappointments)
        .innerJoin(memberships, eq(memberships.id, reappointments.membershipId))
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, memberships.groupId))
        .where(
          and(
            eq(reappointments.status, 'pending'),
            seesAll ? undefined : inArray(memberships.groupId, chairGroups),
          ),
        )
        .orderBy(asc(memberships.endsOn))
        .limit(200);
      const people = await personNames(
        db,
        rows.map((r) => r.personId),
      );
      return rows.map((r) => ({ ...r, name: nameOf(people, r.personId) }));
    },

    /**
     * IAG-18: a chair (or co-chair) of the group, or the Director, agrees a second term. When
     * both have, the second term is created, starting when the first ends.
     */
    async agreeSecondTerm(
      principal: Principal,
      groupId: string,
      reappointmentId: string,
      capacity: string,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      const capacities = agreementCapacities(user, groupId);
      if (!capacities.chair && !capacities.director) throw new ForbiddenError();
      if (capacity !== 'chair' && capacity !== 'director')
        throw new ValidationError([
          {
            field: 'second-term',
            message: 'Say whether you agree as the chair or as the Director',
          },
        ]);
      if (!capacities[capacity]) throw new ForbiddenError();
      if (!isUuid(reappointmentId)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(reappointments)
          .innerJoin(memberships, eq(memberships.id, reappointments.membershipId))
          .where(and(eq(reappointments.id, reappointmentId), eq(memberships.groupId, groupId)))
          .for('update');
        if (!before) throw new NotFoundError();
        const r = before.reappointments;
        if (r.status !== 'pending')
          throw new ConflictError('This second term has already been decided', 'second-term');
        const approvals = {
          chairUserId: capacity === 'chair' ? user.userId : r.chairUserId,
          directorUserId: capacity === 'director' ? user.userId : r.directorUserId,
        };
        if ((capacity === 'chair' ? r.chairUserId : r.directorUserId) !== null)
          throw new ConflictError(
            `The ${capacity === 'chair' ? 'chair' : 'Director'} has already agreed this second term`,
            'second-term',
          );
        const own = checkNotOwnSecondTerm(
          (await personNames(tx, [before.memberships.personId])).get(before.memberships.personId)
            ?.userId ?? null,
          user.userId,
          capacity,
        );
        if (own) throw new ConflictError(own, 'second-term');
        if (approvals.chairUserId !== null && approvals.chairUserId === approvals.directorUserId)
          throw new ConflictError(
            'The chair and the Director must be two different people (IAG-18)',
            'second-term',
          );
        const agreed = secondTermAgreed(approvals);
        // Agreed before the first term ends, the second begins when it does (the hourly sweep
        // starts it); agreed late, it begins today.
        const first = before.memberships;
        const waitsForFirstToEnd = first.status === 'current' && first.endsOn > today();
        // A second term the imported list showed already running (issue 21 item 12): it follows
        // the first without a gap, so the member's service stays within two terms (IAG-18).
        const startsOn =
          r.continuesImportedService && termEndDate(first.endsOn) > today()
            ? first.endsOn
            : today();
        const newMembershipId =
          agreed && !waitsForFirstToEnd ? await startSecondTerm(tx, first, startsOn) : null;
        const at = now();
        const [after] = await tx
          .update(reappointments)
          .set({
            ...(capacity === 'chair'
              ? { chairUserId: user.userId, chairAgreedAt: at }
              : { directorUserId: user.userId, directorAgreedAt: at }),
            ...(agreed ? { status: 'agreed' as const, newMembershipId } : {}),
          })
          .where(eq(reappointments.id, reappointmentId))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: `membership.second-term-agreed-by-${capacity}`,
          recordType: 'membership',
          recordId: r.membershipId,
          before: r,
          after,
        });
        return { agreed, newMembershipId };
      });
    },

    async declineSecondTerm(
      principal: Principal,
      groupId: string,
      reappointmentId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireUser(principal);
      const capacities = agreementCapacities(user, groupId);
      if (!capacities.chair && !capacities.director) throw new ForbiddenError();
      const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
      if (!reason)
        throw new ValidationError([
          { field: 'reason', message: 'Enter why the second term is not agreed' },
        ]);
      if (reason.length > 1000)
        throw new ValidationError([
          { field: 'reason', message: 'Reason must be 1000 characters or fewer' },
        ]);
      if (!isUuid(reappointmentId)) throw new NotFoundError();
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select({ r: reappointments, personId: memberships.personId })
          .from(reappointments)
          .innerJoin(memberships, eq(memberships.id, reappointments.membershipId))
          .where(and(eq(reappointments.id, reappointmentId), eq(memberships.groupId, groupId)))
          .for('update');
        if (!row) throw new NotFoundError();
        if (row.r.status !== 'pending')
          throw new ConflictError('This second term has already been decided', 'second-term');
        const own = checkNotOwnSecondTerm(
          (await personNames(tx, [row.personId])).get(row.personId)?.userId ?? null,
          user.userId,
          'decline',
        );
        if (own) throw new ConflictError(own, 'reason');
        const [after] = await tx
          .update(reappointments)
          .set({
            status: 'declined',
            declinedBy: user.userId,
            declinedAt: now(),
            declinedReason: reason,
          })
          .where(eq(reappointments.id, reappointmentId))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'membership.second-term-declined',
          recordType: 'membership',
          recordId: row.r.membershipId,
          before: row.r,
          after,
        });
      });
    },

    /**
     * Who may stand and be elected: the group's current members (IAG-21a) and, for a corporate
     * focus group, the police employees named to attend it (IAG-21c).
     */
    async electionForm(principal: Principal, groupId: string) {
      requireAction(principal, 'groups.manage');
      const group = await findGroup(db, groupId);
      const [electable, chairs] = await Promise.all([
        electableCandidates(db, group),
        currentChairs(db, [groupId]),
      ]);
      const chairIds = (chairs.get(groupId) ?? []).map((c) => c.personId);
      const people = await personNames(db, [...electable.map((c) => c.personId), ...chairIds]);
      return {
        group,
        members: electable
          .map((c) => ({
            personId: c.personId,
            name: nameOf(people, c.personId),
            police: c.police,
          }))
          .sort((a, b) => Number(a.police) - Number(b.police) || a.name.localeCompare(b.name)),
        chairNames: chairIds.map((c) => nameOf(people, c)),
      };
    },

    /**
     * IAG-21(a, b): records an election and its result. The elected people hold the chair role
     * for the group from now, and the chairs they replace no longer do.
     */
    async recordElection(principal: Principal, groupId: string, input: Input, requestId?: string) {
      const user = requireAction(principal, 'groups.manage');
      const { errors, value } = validateElection(input);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const group = await findGroup(tx, groupId);
        if (group.type === 'sub_group')
          throw new ConflictError(
            'A sub-group does not elect its own chair: its group does',
            'candidates',
          );
        if (value.heldOn > today())
          throw new ValidationError([
            {
              field: 'heldOn-day',
              message: 'The date of the election must be today or in the past',
            },
          ]);
        const electable = new Set((await electableCandidates(tx, group)).map((c) => c.personId));
        if (value.candidates.some((id) => !electable.has(id)))
          throw new ValidationError([
            {
              field: 'candidates',
              message: policeMayChair(group.type)
                ? 'Candidates must be current members of the group or police employees named to attend it'
                : 'Candidates must be current members of the group',
            },
          ]);
        const previous = await tx
          .select({ id: elections.id, heldOn: elections.heldOn })
          .from(elections)
          .where(eq(elections.groupId, groupId))
          .orderBy(desc(elections.heldOn), desc(elections.createdAt))
          .limit(2);
        if (previous[0] && value.heldOn < previous[0].heldOn)
          throw new ValidationError([
            {
              field: 'heldOn-day',
              message: 'An earlier election cannot be recorded after a later one',
            },
          ]);
        const winners = previous.length
          ? await tx
              .select({
                electionId: electionCandidates.electionId,
                personId: electionCandidates.personId,
              })
              .from(electionCandidates)
              .where(
                and(
                  inArray(
                    electionCandidates.electionId,
                    previous.map((p) => p.id),
                  ),
                  eq(electionCandidates.elected, true),
                ),
              )
          : [];
        const people = await personNames(tx, value.candidates);
        const refusals = checkElectionResult(
          value.elected.map((id) => ({ personId: id, name: nameOf(people, id) })),
          previous.map((p) => winners.filter((w) => w.electionId === p.id).map((w) => w.personId)),
        );
        if (refusals.length) throw new ValidationError(refusals);
        const [election] = await tx
          .insert(elections)
          .values({
            groupId,
            heldOn: value.heldOn,
            adjudicatorName: value.adjudicatorName,
            adjudicatorOrganisation: value.adjudicatorOrganisation,
            agreedByChairs: value.agreedByChairs,
            agreedByPolice: value.agreedByPolice,
            notes: value.notes,
            recordedBy: user.userId,
          })
          .returning();
        await tx.insert(electionCandidates).values(
          value.candidates.map((personId) => ({
            electionId: election!.id,
            personId,
            elected: value.elected.includes(personId),
          })),
        );
        const roles = await replaceScopedRoleHolders(tx, {
          role: 'chair',
          scope: { type: 'group', id: groupId },
          userIds: userIdsOf(people, value.elected),
          grantedBy: user.userId,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'group.election-recorded',
          recordType: 'group',
          recordId: groupId,
          after: {
            electionId: election!.id,
            heldOn: value.heldOn,
            adjudicator: value.adjudicatorName,
            candidates: value.candidates,
            elected: value.elected,
            chairRole: roles,
          },
        });
        return election!;
      });
    },

    async electionHistory(principal: Principal, groupId: string) {
      requireGroupView(principal, groupId);
      const group = await findGroup(db, groupId);
      const rows = await db
        .select()
        .from(elections)
        .where(eq(elections.groupId, groupId))
        .orderBy(desc(elections.heldOn), desc(elections.createdAt))
        .limit(50);
      const candidates = rows.length
        ? await db
            .select()
            .from(electionCandidates)
            .where(
              inArray(
                electionCandidates.electionId,
                rows.map((r) => r.id),
              ),
            )
        : [];
      const people = await personNames(
        db,
        candidates.map((c) => c.personId),
      );
      return {
        group,
        elections: rows.map((e) => ({
          ...e,
          candidates: candidates
            .filter((c) => c.electionId === e.id)
            .map((c) => ({ name: nameOf(people, c.personId), elected: c.elected })),
        })),
      };
    },

    /** IAG-07: names the group's deployment contact, who holds that role for the group. */
    async setDeploymentContact(
      principal: Principal,
      groupId: string,
      input: Input,
      requestId?: string,
    ) {
      const user = requireAction(principal, 'groups.manage');
      const personId =
        typeof input.personId === 'string' && isUuid(input.personId) ? input.personId : null;
      if (!personId)
        throw new ValidationError([
          { field: 'personId', message: 'Select the deployment contact' },
        ]);
      return db.transaction(async (tx) => {
        const before = await findGroup(tx, groupId);
        const people = await personNames(tx, [personId]);
        const person = people.get(personId);
        if (!person || person.archived)
          throw new ValidationError([
            { field: 'personId', message: 'Select the deployment contact' },
          ]);
        await tx
          .update(advisoryGroups)
          .set({
            deploymentContactId: personId,
            updatedAt: now(),
            version: sql`${advisoryGroups.version} + 1`,
          })
          .where(eq(advisoryGroups.id, groupId));
        const roles = await replaceScopedRoleHolders(tx, {
          role: 'deployment_contact',
          scope: { type: 'group', id: groupId },
          userIds: userIdsOf(people, [personId]),
          grantedBy: user.userId,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'group.deployment-contact-named',
          recordType: 'group',
          recordId: groupId,
          before: { deploymentContactId: before.deploymentContactId },
          after: { deploymentContactId: personId, deploymentContactRole: roles },
        });
      });
    },

    /**
     * Tells each member whose term ends within six months, once. Safe on several instances at
     * once: rows are claimed with SKIP LOCKED. Returns how many were told.
     */
    async sendTermEndNotices(batch = 100): Promise<number> {
      const day = today();
      const horizon = addCalendarMonths(day, TERM_END_NOTICE_MONTHS);
      return db.transaction(async (tx) => {
        const due = await tx
          .select({
            id: memberships.id,
            personId: memberships.personId,
            endsOn: memberships.endsOn,
            groupName: advisoryGroups.name,
          })
          .from(memberships)
          .innerJoin(advisoryGroups, eq(advisoryGroups.id, memberships.groupId))
          .where(
            and(
              eq(memberships.status, 'current'),
              isNull(memberships.endNoticeSentAt),
              sql`${memberships.endsOn} <= ${horizon}`,
              sql`${memberships.endsOn} > ${day}`,
              // A member whose second term is agreed is not leaving.
              sql`not exists (select 1 from ${reappointments} r where r.membership_id = ${memberships.id} and r.status = 'agreed')`,
            ),
          )
          .limit(batch)
          .for('update', { of: memberships, skipLocked: true });
        if (due.length === 0) return 0;
        const people = await personNames(
          tx,
          due.map((d) => d.personId),
        );
        for (const d of due) {
          const person = people.get(d.personId);
          if (!person?.email) continue;
          await deps.mail.queue(tx, {
            to: person.email,
            subject: `Your term with the ${d.groupName} ends on ${formatDate(d.endsOn)}`,
            text: [
              `Dear ${person.fullName},`,
              '',
              `Your appointment to the ${d.groupName} ends on ${formatDate(d.endsOn)}.`,
              'An independent advisor serves a term of four years and at most two terms (IAG-18).',
              'If this is your first term and you would like to serve a second, tell the IAG Coordination Unit: a second term needs the agreement of the chair and of the Director.',
              '',
              'Thank you for your work with the group.',
            ].join('\n'),
          });
        }
        await tx
          .update(memberships)
          .set({ endNoticeSentAt: now() })
          .where(
            inArray(
              memberships.id,
              due.map((d) => d.id),
            ),
          );
        await recordAudit(tx, SYSTEM_ACTOR, {
          action: 'membership.term-end-notices-sent',
          recordType: 'membership',
          recordId: 'batch',
          after: { memberships: due.map((d) => d.id) },
        });
        return due.length;
      });
    },

    /** Marks as ended every current membership whose term is over. */
    async closeEndedTerms(): Promise<number> {
      const day = today();
      return db.transaction(async (tx) => {
        // First terms whose agreed second term is due: the second starts where the first ends.
        const rolling = await tx
          .select({ membership: memberships })
          .from(memberships)
          .innerJoin(
            reappointments,
            and(
              eq(reappointments.membershipId, memberships.id),
              eq(reappointments.status, 'agreed'),
              isNull(reappointments.newMembershipId),
            ),
          )
          .where(and(eq(memberships.status, 'current'), sql`${memberships.endsOn} <= ${day}`))
          .for('update', { of: memberships, skipLocked: true });
        const started: string[] = [];
        for (const { membership } of rolling)
          started.push(await startSecondTerm(tx, membership, membership.endsOn));
        if (started.length)
          await recordAudit(tx, SYSTEM_ACTOR, {
            action: 'membership.second-terms-started',
            recordType: 'membership',
            recordId: 'batch',
            after: { memberships: started },
          });
        const ended = await tx
          .update(memberships)
          .set({ status: 'ended', leftOn: memberships.endsOn, updatedAt: now() })
          .where(and(eq(memberships.status, 'current'), sql`${memberships.endsOn} <= ${day}`))
          .returning({ id: memberships.id });
        if (ended.length)
          await recordAudit(tx, SYSTEM_ACTOR, {
            action: 'membership.terms-ended',
            recordType: 'membership',
            recordId: 'batch',
            after: { memberships: ended.map((e) => e.id) },
          });
        return ended.length + started.length;
      });
    },

    /** The signed-in person's own memberships, current first (an advisor sees their own groups). */
    async myMemberships(principal: Principal) {
      const user = requireUser(principal);
      const personId = await directory.lookups.personIdForUser(db, user.userId);
      if (!personId) return [];
      const rows = await db
        .select({
          id: memberships.id,
          groupId: advisoryGroups.id,
          groupName: advisoryGroups.name,
          termNumber: memberships.termNumber,
          startsOn: memberships.startsOn,
          endsOn: memberships.endsOn,
          status: memberships.status,
          leftOn: memberships.leftOn,
          // IAG-18: a second term agreed, or waiting for agreement, that has not begun yet.
          secondTerm: sql<
            'pending' | 'agreed' | null
          >`(select r.status::text from ${reappointments} r
            where r.membership_id = ${memberships}.id and r.new_membership_id is null
            and r.status in ('pending', 'agreed') limit 1)`,
        })
        .from(memberships)
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, memberships.groupId))
        .where(eq(memberships.personId, personId))
        .orderBy(sql`${memberships.status} = 'current' desc`, desc(memberships.startsOn))
        .limit(100);
      return rows.map((m) => ({
        ...m,
        agreedSecondTerm:
          m.secondTerm === 'agreed' && m.status === 'current'
            ? { startsOn: m.endsOn, endsOn: termEndDate(m.endsOn) }
            : null,
      }));
    },

    /**
     * IAG-18: how many second terms wait for this person's agreement, as a chair of the group
     * or as the Director (issue 21 item 30: shown on their home page). Their own is not theirs
     * to decide.
     */
    async secondTermsToDecide(principal: Principal): Promise<number> {
      if (principal?.kind !== 'user') return 0;
      const isDirector = can(principal, 'groups.director-agreement');
      const chairGroups = principal.roles
        .filter((g) => g.role === 'chair' && g.scopeType === 'group' && g.scopeId)
        .map((g) => g.scopeId!);
      if (!isDirector && chairGroups.length === 0) return 0;
      const personId = await directory.lookups.personIdForUser(db, principal.userId);
      const [row] = await db
        .select({ n: count() })
        .from(reappointments)
        .innerJoin(memberships, eq(memberships.id, reappointments.membershipId))
        .where(
          and(
            eq(reappointments.status, 'pending'),
            personId ? ne(memberships.personId, personId) : undefined,
            or(
              isDirector ? isNull(reappointments.directorUserId) : undefined,
              chairGroups.length
                ? and(inArray(memberships.groupId, chairGroups), isNull(reappointments.chairUserId))
                : undefined,
            ),
          ),
        );
      return Number(row?.n ?? 0);
    },

    /** For the recruitment service: the same first-term appointment, in its transaction. */
    appointFirstTerm,
    findGroup,
    findPublicGroup,
    /** The group's current members by name, for choosing one in a form. */
    async currentMemberOptions(executor: Executor, groupId: string) {
      const current = await executor
        .select({ personId: memberships.personId })
        .from(memberships)
        .where(and(eq(memberships.groupId, groupId), eq(memberships.status, 'current')));
      const people = await personNames(
        executor,
        current.map((c) => c.personId),
      );
      return current
        .map((c) => ({ personId: c.personId, name: nameOf(people, c.personId) }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    /**
     * Current members with the date their unbroken service began (a second term counts from the
     * first's start), for the meetings module's attendance roll.
     */
    async currentMembersSince(executor: Executor, groupId: string) {
      const rows = await executor
        .select({
          personId: memberships.personId,
          membershipId: memberships.id,
          since: sql<IsoDate>`coalesce(prev.starts_on, ${memberships.startsOn})`,
        })
        .from(memberships)
        .leftJoin(
          sql`${memberships} prev`,
          sql`prev.id = ${memberships.previousMembershipId} and prev.left_on = ${memberships.startsOn}`,
        )
        .where(and(eq(memberships.groupId, groupId), eq(memberships.status, 'current')));
      const people = await personNames(
        executor,
        rows.map((r) => r.personId),
      );
      return rows
        .map((r) => ({
          ...r,
          name: nameOf(people, r.personId),
          email: people.get(r.personId)?.email ?? null,
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    /** Every group not closed, by name: each has a work schedule for its year (IAG-25). */
    async workingGroups(executor: Executor) {
      return executor
        .select({ id: advisoryGroups.id, name: advisoryGroups.name })
        .from(advisoryGroups)
        .where(ne(advisoryGroups.status, 'closed'))
        .orderBy(asc(advisoryGroups.name));
    },

    /** The corporate IAGs now working (IAG-01), by name: each owes an annual report (IAG-26). */
    async corporateGroups(executor: Executor) {
      return executor
        .select({ id: advisoryGroups.id, name: advisoryGroups.name })
        .from(advisoryGroups)
        .where(and(eq(advisoryGroups.type, 'corporate_iag'), eq(advisoryGroups.status, 'active')))
        .orderBy(asc(advisoryGroups.name));
    },

    /**
     * IAG-31: the chairs and co-chairs of the corporate IAGs now, with the group each chairs
     * and the date of the election that made them chair.
     */
    async corporateChairs(executor: Executor) {
      const corporate = await executor
        .select({ id: advisoryGroups.id, name: advisoryGroups.name })
        .from(advisoryGroups)
        .where(and(eq(advisoryGroups.type, 'corporate_iag'), eq(advisoryGroups.status, 'active')));
      return chairsOf(executor, corporate);
    },

    /**
     * IAG-08: the groups a request for advice may be passed to, corporate IAGs first, each with
     * its deployment contact (IAG-07) to pass it to. Closed groups are left out.
     */
    async routingCandidates(executor: Executor) {
      const rows = await executor
        .select({
          id: advisoryGroups.id,
          name: advisoryGroups.name,
          type: advisoryGroups.type,
          status: advisoryGroups.status,
          deploymentContactId: advisoryGroups.deploymentContactId,
        })
        .from(advisoryGroups)
        .where(ne(advisoryGroups.status, 'closed'))
        .orderBy(
          sql`${advisoryGroups.type} <> 'corporate_iag'`,
          asc(advisoryGroups.type),
          asc(advisoryGroups.name),
        );
      const contacts = await personNames(
        executor,
        rows.flatMap((r) => (r.deploymentContactId ? [r.deploymentContactId] : [])),
      );
      return rows.map((r) => {
        const contact = r.deploymentContactId ? contacts.get(r.deploymentContactId) : undefined;
        return {
          ...r,
          contactName: contact ? nameOf(contacts, r.deploymentContactId) : null,
          contactEmail: contact?.email ?? null,
        };
      });
    },

    /**
     * IAG-32: the groups invited to the annual conference (every one still working, of any
     * type), each with its chairs to send the invitation to.
     */
    async conferenceInvitees(executor: Executor) {
      const invited = (
        await executor
          .select({
            id: advisoryGroups.id,
            name: advisoryGroups.name,
            status: advisoryGroups.status,
          })
          .from(advisoryGroups)
          .orderBy(asc(advisoryGroups.name))
      ).filter(invitedToAnnualConference);
      const chairs = await chairsOf(executor, invited);
      return invited.map((g) => ({
        id: g.id,
        name: g.name,
        contacts: chairs.filter((c) => c.groupId === g.id),
      }));
    },

    /** Groups by id, for a few ids at once (not found ones are left out). */
    async groupsByIds(executor: Executor, ids: readonly string[]) {
      if (ids.length === 0) return [];
      return executor
        .select({
          id: advisoryGroups.id,
          name: advisoryGroups.name,
          meetingIntervalMonths: advisoryGroups.meetingIntervalMonths,
        })
        .from(advisoryGroups)
        .where(inArray(advisoryGroups.id, [...ids]));
    },

    /** The groups a person is a current member of. */
    async currentGroupsOf(executor: Executor, personId: string) {
      return executor
        .select({
          id: advisoryGroups.id,
          name: advisoryGroups.name,
          meetingIntervalMonths: advisoryGroups.meetingIntervalMonths,
        })
        .from(memberships)
        .innerJoin(advisoryGroups, eq(advisoryGroups.id, memberships.groupId))
        .where(and(eq(memberships.personId, personId), eq(memberships.status, 'current')));
    },

    /**
     * IAG-21f: withdraws a current member, inside the meetings module's transaction. The meetings
     * service has checked that the chair asks and that three meetings in a row were missed, and
     * records the audit event.
     */
    async withdrawInTransaction(
      tx: Executor,
      groupId: string,
      personId: string,
      reason: string,
    ): Promise<{ membershipId: string }> {
      const [current] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(
            eq(memberships.groupId, groupId),
            eq(memberships.personId, personId),
            eq(memberships.status, 'current'),
          ),
        )
        .for('update');
      if (!current)
        throw new ConflictError('This person is no longer a current member', 'personId');
      await closeMembership(tx, current.id, { status: 'withdrawn', leftOn: today(), reason });
      return { membershipId: current.id };
    },

    /** The people elected at the group's latest election: its chair or co-chairs now. */
    async currentChairIds(executor: Executor, groupId: string): Promise<string[]> {
      return ((await currentChairs(executor, [groupId])).get(groupId) ?? []).map((c) => c.personId);
    },

    /** Groups a group-scoped role can be held for (chair, deployment contact). */
    scopeCatalogue: {
      async options(type) {
        if (type !== 'group') return [];
        return db
          .select({ id: advisoryGroups.id, name: advisoryGroups.name })
          .from(advisoryGroups)
          .where(ne(advisoryGroups.status, 'closed'))
          .orderBy(asc(advisoryGroups.name));
      },
      async name(type, id) {
        if (type !== 'group' || !isUuid(id)) return undefined;
        const [row] = await db
          .select({ name: advisoryGroups.name })
          .from(advisoryGroups)
          .where(eq(advisoryGroups.id, id));
        return row?.name;
      },
    } satisfies ScopeCatalogue,

    /** Select-list options: live groups that may have sub-groups. */
    async parentOptions() {
      return db
        .select({ id: advisoryGroups.id, name: advisoryGroups.name })
        .from(advisoryGroups)
        .where(and(ne(advisoryGroups.type, 'sub_group'), ne(advisoryGroups.status, 'closed')))
        .orderBy(asc(advisoryGroups.name));
    },
  };
}
