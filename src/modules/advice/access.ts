/**
 * Who may read a request for advice: the person who asked; those who run the process (CTSET,
 * the coordination unit, the Director); and the deployment contact of a group it was passed
 * to. Anyone else is told it does not exist, so nobody learns of requests that are not theirs.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { can } from '../../platform/auth/permissions.js';
import type { UserPrincipal } from '../../platform/auth/principal.js';
import { users } from '../../platform/auth/schema.js';
import type { Executor } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/errors.js';
import { isUuid } from '../../platform/http/params.js';
import { people } from '../directory/schema.js';
import { adviceRequestRoutes, adviceRequests } from './schema.js';

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

/** The name and e-mail address of an account (a requester, a member of CTSET), to write to. */
export async function accountOf(executor: Executor, userId: string) {
  const [account] = await executor
    .select({ name: users.displayName, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return account;
}

/**
 * The address a directory person is written to: their own, else their account's. For a query
 * that joins people to users (left join: not everyone has an account).
 */
export const personEmail = sql<string | null>`coalesce(${people.email}, ${users.email})`;
