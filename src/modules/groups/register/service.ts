/**
 * The register's own pages: a group's page (kept per day, issue 8), the public page, registering
 * and editing a group (IAG-01), its terms of reference and its deployment contact (IAG-07).
 */
import { and, asc, count, desc, eq, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { createVersionedCache } from '../../../platform/cache/versioned-cache.js';
import { can, hasRole } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { replaceScopedRoleHolders } from '../../../platform/auth/users-service.js';
import { todayInLondon, type IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { nextNumber } from '../../../platform/db/next-number.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import { checkGroupRegistration, termEndNoticeDue, type GroupType } from '../rules.js';
import {
  advisoryGroups,
  elections,
  groupDocuments,
  groupDocumentVersions,
  memberships,
  reappointments,
} from '../schema.js';
import { validateGroup, validateTermsOfReference } from '../validation.js';
import { fieldErrors, refusal } from '../../../platform/i18n/said.js';
import {
  findGroup,
  findPublicGroup,
  groupColumns,
  nameOf,
  requireAction,
  requireGroupView,
  staleEdit,
  userIdsOf,
  type Group,
  type Input,
  type GroupsServiceDeps,
} from '../access.js';
import type { Chairs } from '../elections/chairs.js';
import { electionFields } from './presenter.js';

export function createRegisterService(deps: GroupsServiceDeps & { chairs: Chairs }) {
  const { db, directory, t } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => todayInLondon(now());
  const personNames = (executor: Executor, ids: readonly string[]) =>
    directory.lookups.people(executor, ids);
  const { currentChairs } = deps.chairs;

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
      throw refusal(t, 'ownerId', 'groups:register.form.error.owner');
    let parentType: GroupType | null = null;
    if (value.parentGroupId) {
      if (value.parentGroupId === options.selfId)
        throw refusal(t, 'parentGroupId', 'groups:register.form.error.ownParent');
      const [parent] = await executor
        .select({ type: advisoryGroups.type })
        .from(advisoryGroups)
        .where(eq(advisoryGroups.id, value.parentGroupId));
      if (!parent) throw refusal(t, 'parentGroupId', 'groups:register.form.error.parent');
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
    if (refusals.length) throw new ValidationError(fieldErrors(t, refusals));
    const [clash] = await executor
      .select({ id: advisoryGroups.id })
      .from(advisoryGroups)
      .where(
        and(
          sql`lower(${advisoryGroups.name}) = lower(${value.name})`,
          options.selfId ? ne(advisoryGroups.id, options.selfId) : undefined,
        ),
      );
    if (clash) throw refusal(t, 'name', 'groups:register.form.error.nameTaken');
    // A sub-group's owner is its parent's.
    return value.type === 'sub_group' ? { ...value, ownerId: null } : value;
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
      chairs: chairIds.map((c) => ({ personId: c, name: nameOf(t, people, c) })),
      lastElection: electionRows[0] ?? null,
      ...electionFields(group.type, electionRows[0]?.heldOn ?? null, day),
      deploymentContact: group.deploymentContactId
        ? { id: group.deploymentContactId, name: nameOf(t, people, group.deploymentContactId) }
        : null,
      members: current.map((m) => ({
        ...m,
        name: nameOf(t, people, m.personId),
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

  return {
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
        chairs: chairIds.map((c) => nameOf(t, people, c)),
        members: published
          .map((p) => nameOf(t, people, p.personId))
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
      const { errors, value } = validateGroup(t, input);
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
      const { errors, value } = validateGroup(t, input);
      if (errors.length) throw new ValidationError(errors);
      const version =
        typeof input.version === 'string' && /^\d+$/.test(input.version)
          ? Number(input.version)
          : undefined;
      return db.transaction(async (tx) => {
        const before = await findGroup(tx, id);
        if (version !== undefined && version !== before.version) staleEdit(t);
        // A type change into or out of a corporate focus group is the Director's, like creating one.
        const checked = await checkRegistration(tx, user, value, {
          creating: value.type === 'corporate_focus' && before.type !== 'corporate_focus',
          selfId: id,
        });
        if (before.code && checked.type !== before.type)
          throw refusal(t, 'type', 'groups:register.form.error.referenceType');
        const [after] = await tx
          .update(advisoryGroups)
          .set({ ...checked, updatedAt: now(), version: sql`${advisoryGroups.version} + 1` })
          .where(and(eq(advisoryGroups.id, id), eq(advisoryGroups.version, before.version)))
          .returning(groupColumns);
        if (!after) staleEdit(t);
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
      const { errors, value } = validateTermsOfReference(t, input);
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
              title: t('groups:register.termsOfReference.title', { name: group.name }),
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
      if (!personId) throw refusal(t, 'personId', 'groups:register.deploymentContact.error');
      return db.transaction(async (tx) => {
        const before = await findGroup(tx, groupId);
        const people = await personNames(tx, [personId]);
        const person = people.get(personId);
        if (!person || person.archived)
          throw refusal(t, 'personId', 'groups:register.deploymentContact.error');
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
  };
}
