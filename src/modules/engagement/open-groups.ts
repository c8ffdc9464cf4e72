/**
 * The engagement groups still working, as SQL another module selects from (CON-03, CON-04: the
 * consultee list links each group), joining its own rows to each group in one statement while
 * the register's table stays this module's (ADR 0014).
 */
import { isNull, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder, type SubqueryWithSelection } from 'drizzle-orm/pg-core';
import { engagementGroups } from './schema.js';

// A type, not an interface: drizzle's selections are indexed by column name.
export type OpenEngagementGroupColumns = {
  id: SQL.Aliased<string>;
  name: SQL.Aliased<string>;
  boroughId: SQL.Aliased<string>;
};
export type OpenEngagementGroups = SubqueryWithSelection<
  OpenEngagementGroupColumns,
  'open_engagement_groups'
>;

/** Every group not closed (id, name, borough), as a subquery. */
export function openGroupsSql(): OpenEngagementGroups {
  // drizzle names a subquery's aliased columns unqualified in the outer statement: the names
  // are ones no other table there is likely to have.
  return new QueryBuilder()
    .select({
      id: sql<string>`${engagementGroups.id}`.as('open_engagement_group_id'),
      name: sql<string>`${engagementGroups.name}`.as('open_engagement_group_name'),
      boroughId: sql<string>`${engagementGroups.boroughId}`.as('open_engagement_group_borough'),
    })
    .from(engagementGroups)
    .where(isNull(engagementGroups.closedOn))
    .as('open_engagement_groups');
}
