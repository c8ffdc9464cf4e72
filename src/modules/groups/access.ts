/** Who may do what with a group, and finding the group or membership asked for. */
import { keptPage, publicFormRoute } from '../../platform/http/route-options.js';
import { and, eq } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { can } from '../../platform/auth/permissions.js';
import type { Principal, UserPrincipal } from '../../platform/auth/principal.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { isUuid } from '../../platform/http/params.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { MailService } from '../../platform/mail/service.js';
import type { DirectoryService, PersonSummary } from '../directory/index.js';
import { advisoryGroups, memberships } from './schema.js';

/** What each of the groups' services is built from. */
export interface GroupsServiceDeps {
  db: Db;
  config: Config;
  directory: DirectoryService;
  mail: MailService;
  /** The words of its refusals and e-mails, in the default language (ADR 0015). */
  t: Translate;
  now?: () => Date;
}

export type Input = Record<string, string | string[] | undefined>;
export type Group = Omit<typeof advisoryGroups.$inferSelect, 'search'>;
export type Membership = typeof memberships.$inferSelect;

export const groupColumns = {
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

export function requireUser(principal: Principal): UserPrincipal {
  if (principal?.kind !== 'user') throw new ForbiddenError();
  return principal;
}

export function requireAction(
  principal: Principal,
  action: 'groups.view' | 'groups.register' | 'groups.manage',
): UserPrincipal {
  const user = requireUser(principal);
  if (!can(user, action)) throw new ForbiddenError();
  return user;
}

export function requireGroupView(principal: Principal, groupId: string): UserPrincipal {
  const user = requireUser(principal);
  if (!can(user, 'group.view', { type: 'group', id: groupId })) throw new ForbiddenError();
  return user;
}

/** A group the public may read about: active or forming, not closed or suspended. */
export async function findPublicGroup(executor: Executor, id: string): Promise<Group> {
  const group = await findGroup(executor, id);
  if (!['active', 'forming'].includes(group.status)) throw new NotFoundError();
  return group;
}

export async function findGroup(executor: Executor, id: string): Promise<Group> {
  if (!isUuid(id)) throw new NotFoundError();
  const [row] = await executor
    .select(groupColumns)
    .from(advisoryGroups)
    .where(eq(advisoryGroups.id, id));
  if (!row) throw new NotFoundError();
  return row;
}

export async function findMembership(
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

export function staleEdit(t: Translate): never {
  throw new ConflictError(t('groups:common.staleEdit'), 'version');
}

/** A person's full name, or the catalogue's words for someone not in the directory. */
export function nameOf(
  t: Translate,
  map: Map<string, PersonSummary>,
  id: string | null | undefined,
): string {
  return (id && map.get(id)?.fullName) || t('groups:common.unknownPerson');
}

/** The user accounts of these directory people, for the roles their office brings. */
export function userIdsOf(map: Map<string, PersonSummary>, ids: readonly string[]): string[] {
  return ids.map((id) => map.get(id)?.userId).filter((u): u is string => !!u);
}

/** Who may use each of the module's routes: the route's `config.access`. */
export const routeAccess = {
  signedIn: { config: { access: 'signed-in' as const } },
  view: { config: { access: { action: 'groups.view' as const } } },
  register: { config: { access: { action: 'groups.register' as const } } },
  manage: { config: { access: { action: 'groups.manage' as const } } },
  balance: { config: { access: { action: 'groups.view-balance' as const } } },
  publicPage: { config: { access: 'public' as const } },
  /** The public register and a group's public page: kept while the data is unchanged (http/public-cache.ts). */
  publicListing: keptPage('q', 'type', 'page'),
  publicForm: publicFormRoute,
};
