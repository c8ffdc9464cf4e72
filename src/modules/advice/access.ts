/**
 * Who may read a request for advice: the person who asked; those who run the process (CTSET,
 * the coordination unit, the Director); and the deployment contact of a group it was passed
 * to. Anyone else is told it does not exist, so nobody learns of requests that are not theirs.
 * An advisor reads a request through their own deployment.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { can, hasRole } from '../../platform/auth/permissions.js';
import type { UserPrincipal } from '../../platform/auth/principal.js';
import { users } from '../../platform/auth/schema.js';
import type { Executor } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/errors.js';
import { isUuid } from '../../platform/http/params.js';
import type { PersonColumns } from '../directory/index.js';
import type { AdvisorRecords, GroupColumns } from '../groups/index.js';
import { mayShareOnRequest } from './rules.js';
import { adviceRequestRoutes, adviceRequests, deployments } from './schema.js';

/** The groups this person is deployment contact for (IAG-07), from their scoped roles. */
export function contactGroupIds(user: UserPrincipal): string[] {
  return user.roles.flatMap((g) =>
    g.role === 'deployment_contact' && g.scopeType === 'group' && g.scopeId ? [g.scopeId] : [],
  );
}

export async function findVisibleRequest(
  executor: Executor,
  user: UserPrincipal,
  id: string,
  lock = false,
) {
  if (!isUuid(id)) throw new NotFoundError();
  const query = executor.select().from(adviceRequests).where(eq(adviceRequests.id, id));
  const [request] = lock ? await query.for('update') : await query;
  if (!request) throw new NotFoundError();
  if (request.requestedBy === user.userId || can(user, 'advice.view-all')) return request;
  const groupIds = contactGroupIds(user);
  if (groupIds.length) {
    const [route] = await executor
      .select({ groupId: adviceRequestRoutes.groupId })
      .from(adviceRequestRoutes)
      .where(
        and(eq(adviceRequestRoutes.requestId, id), inArray(adviceRequestRoutes.groupId, groupIds)),
      )
      .limit(1);
    if (route) return request;
  }
  throw new NotFoundError();
}

/** IAG-35: whether this person may share things with advisors on the request, and see its documents to share. */
export function mayShareOn(user: UserPrincipal, request: { requestedBy: string }): boolean {
  return mayShareOnRequest({
    isRequester: request.requestedBy === user.userId,
    isCtset: hasRole(user, 'ctset'),
    isCoordinationUnit: hasRole(user, 'coordination_unit'),
  });
}

/** The name and e-mail address of an account (a requester, a member of CTSET), to write to. */
export async function accountOf(executor: Executor, userId: string) {
  const [account] = await executor
    .select({ name: users.displayName, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return account;
}

/**
 * What the advice module reads of the directory and the groups module: through their public
 * APIs only (ADR 0014), as columns of its own queries where a list must stay one statement.
 */
export interface AdviceLookups {
  personColumns: PersonColumns;
  groupColumns: GroupColumns;
  advisorRecords: AdvisorRecords;
  /** The directory person a user account is: an advisor is one. */
  personIdForUser(executor: Executor, userId: string): Promise<string | undefined>;
  /** Directory people by id; those not found are left out. */
  peopleByIds(
    executor: Executor,
    ids: readonly string[],
  ): Promise<Map<string, { fullName: string }>>;
}

/** An advisor's reading of their own deployments. */
export function createAdvisorAccess(lookups: AdviceLookups) {
  const { personColumns: people, groupColumns: groups } = lookups;
  return {
    /** The directory person a signed-in user is, if any. */
    async personOf(executor: Executor, user: UserPrincipal) {
      const id = await lookups.personIdForUser(executor, user.userId);
      return id ? { id } : undefined;
    },

    /**
     * A deployment with its request, for the advisor it names; anyone else is told it is not
     * there.
     */
    async ownDeployment(executor: Executor, user: UserPrincipal, id: string, lock = false) {
      if (!isUuid(id)) throw new NotFoundError();
      const query = executor
        .select({
          deployment: deployments,
          request: adviceRequests,
          groupName: groups.name(deployments.groupId),
          personName: people.name(deployments.personId),
        })
        .from(deployments)
        .innerJoin(adviceRequests, eq(adviceRequests.id, deployments.requestId))
        .where(and(eq(deployments.id, id), eq(deployments.personId, people.idOfUser(user.userId))));
      const [row] = lock ? await query.for('update', { of: deployments }) : await query;
      if (!row) throw new NotFoundError();
      const { personName, ...found } = row;
      return { ...found, person: { id: row.deployment.personId, name: personName } };
    },
  };
}

export type AdvisorAccess = ReturnType<typeof createAdvisorAccess>;
