/**
 * A group's name, type and owner as SQL, for another module's list that shows, sorts or filters
 * by them in its own single statement (a claims queue, a payments export): each is a correlated
 * subquery on this module's table, so the table's shape stays private.
 */
import { eq, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { QueryBuilder, type SubqueryWithSelection } from 'drizzle-orm/pg-core';
import type { Executor } from '../../../platform/db/database.js';
import { isUuid } from '../../../platform/http/params.js';
import { GROUP_TYPE_LABELS, type GroupType } from '../rules.js';
import { advisoryGroups } from '../schema.js';

/** The name of the group whose id the column (or expression) holds. */
export function groupNameSql(groupId: SQLWrapper): SQL<string> {
  return sql<string>`(select ${advisoryGroups.name} from ${advisoryGroups} where ${advisoryGroups.id} = ${groupId})`;
}

/** The type of the group whose id the column holds. */
export function groupTypeSql(groupId: SQLWrapper): SQL<GroupType> {
  return sql<GroupType>`(select ${advisoryGroups.type} from ${advisoryGroups} where ${advisoryGroups.id} = ${groupId})`;
}

/** The directory organisation that owns the group whose id the column holds, if any. */
export function groupOwnerIdSql(groupId: SQLWrapper): SQL<string | null> {
  return sql<
    string | null
  >`(select ${advisoryGroups.ownerId} from ${advisoryGroups} where ${advisoryGroups.id} = ${groupId})`;
}

/** What a group's type is called on a page. */
export function groupTypeLabel(type: GroupType): string {
  return GROUP_TYPE_LABELS[type];
}

/** The columns of `workingGroupsSql`: every group not closed. */
// A type, not an interface: drizzle's selections are indexed by column name.
export type WorkingGroupColumns = {
  id: SQL.Aliased<string>;
  name: SQL.Aliased<string>;
  type: SQL.Aliased<GroupType>;
};
export type WorkingGroups = SubqueryWithSelection<WorkingGroupColumns, 'working_groups'>;

/**
 * Every group not closed (id, name, type), as a subquery another module's list selects from,
 * joining its own rows to each group in one statement (a budget per group, say).
 */
export function workingGroupsSql(): WorkingGroups {
  // drizzle names an aliased column of a subquery unqualified in the outer statement: the
  // names are ones no other table there is likely to have.
  return new QueryBuilder()
    .select({
      id: sql<string>`${advisoryGroups.id}`.as('working_group_id'),
      name: sql<string>`${advisoryGroups.name}`.as('working_group_name'),
      type: sql<GroupType>`${advisoryGroups.type}`.as('working_group_type'),
    })
    .from(advisoryGroups)
    .where(ne(advisoryGroups.status, 'closed'))
    .as('working_groups');
}

/** A group's name, type and owning organisation. */
export interface GroupProfile {
  id: string;
  name: string;
  type: GroupType;
  ownerId: string | null;
}

/** The group, if the id names one (closed groups included). */
export async function groupProfile(
  executor: Executor,
  id: string,
): Promise<GroupProfile | undefined> {
  if (!isUuid(id)) return undefined;
  const [group] = await executor
    .select({
      id: advisoryGroups.id,
      name: advisoryGroups.name,
      type: advisoryGroups.type,
      ownerId: advisoryGroups.ownerId,
    })
    .from(advisoryGroups)
    .where(eq(advisoryGroups.id, id));
  return group;
}
