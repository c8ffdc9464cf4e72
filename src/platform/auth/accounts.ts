/**
 * What modules read of the accounts: the name of the account a column names, in the same query,
 * and the active accounts that hold one of some roles (those who may be asked to do a job).
 */
import { and, asc, eq, inArray, sql, type AnyColumn } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import type { Role } from './roles.js';
import { roleAssignments, users } from './schema.js';

/** The display name of the account a column names (who decided, who paid), in the same query. */
export function accountName(column: AnyColumn) {
  return sql<
    string | null
  >`(select ${users.displayName} from ${users} where ${users.id} = ${column})`;
}

/** Active accounts holding any of the roles, by name (at most `limit`; `only` the one named). */
export function accountsHolding(
  executor: Executor,
  roles: readonly Role[],
  options: { limit?: number; only?: string } = {},
) {
  return executor
    .selectDistinctOn([users.displayName, users.id], {
      id: users.id,
      displayName: users.displayName,
      email: users.email,
    })
    .from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(
      and(
        eq(users.status, 'active'),
        inArray(roleAssignments.role, [...roles]),
        options.only === undefined ? undefined : eq(users.id, options.only),
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(options.limit ?? 500);
}

/** The display name of one account ('' if there is none). */
export async function displayNameOf(executor: Executor, userId: string): Promise<string> {
  const [row] = await executor
    .select({ name: users.displayName })
    .from(users)
    .where(eq(users.id, userId));
  return row?.name ?? '';
}
