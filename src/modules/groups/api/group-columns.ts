/**
 * A group's and its members' facts for another module's query that holds their ids: each a
 * correlated subquery (or a source to select from) on the groups module's own tables, so that a
 * list which names, sorts or filters by groups or ranks their members stays one statement while
 * the tables' shape stays private to this module (ADR 0014).
 */
import { eq, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { scalar } from '../../../platform/db/scalar.js';
import { QueryBuilder, type SubqueryWithSelection } from 'drizzle-orm/pg-core';
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { ClearanceLevel, GroupType } from '../rules.js';
import { accessExemptions, advisoryGroups, clearances, memberships } from '../schema.js';
/** A group's current members, for a query's `from`: one row each, the person's id. */
export interface CurrentMembers {
  from: SQL;
  personId: SQL<string>;
}

export interface GroupColumns {
  /** The group's name. */
  name(groupId: SQLWrapper): SQL<string>;
  /** The directory id of the group's deployment contact (IAG-07), or null. */
  deploymentContactId(groupId: SQLWrapper): SQL<string | null>;
  /** IAG-07: the group's current members. */
  currentMembers(groupId: string): CurrentMembers;
  /** IAG-29: the person holds a clearance at this level or higher, in force on the day. */
  cleared(personId: SQLWrapper, level: ClearanceLevel, on: IsoDate): SQL<boolean>;
  /** IAG-30: an exemption giving the person unescorted access is in force on the day. */
  unescortedAccess(personId: SQLWrapper, on: IsoDate): SQL<boolean>;
}

const MEMBERS = sql.identifier('current_members');

export const groupColumns: GroupColumns = {
  name: (groupId) => scalar(sql`select g.name from ${advisoryGroups} g where g.id = ${groupId}`),
  deploymentContactId: (groupId) =>
    scalar(sql`select g.deployment_contact_id from ${advisoryGroups} g where g.id = ${groupId}`),
  currentMembers: (groupId) => ({
    from: sql`(select m.person_id from ${memberships} m
      where m.group_id = ${groupId} and m.status = 'current') ${MEMBERS}`,
    personId: sql<string>`${MEMBERS}.person_id`,
  }),
  cleared: (personId, level, on) =>
    scalar(sql`exists (select 1 from ${clearances} v
      where v.person_id = ${personId} and v.level >= ${level}::clearance_level
        and v.granted_on <= ${on}::date and v.expires_on > ${on}::date
        and (v.withdrawn_on is null or v.withdrawn_on > ${on}::date))`),
  unescortedAccess: (personId, on) =>
    scalar(sql`exists (select 1 from ${accessExemptions} e
      where e.person_id = ${personId} and e.approved_on <= ${on}::date
        and (e.expires_on is null or e.expires_on > ${on}::date)
        and (e.revoked_on is null or e.revoked_on > ${on}::date))`),
};

/** The name of the group whose id the column (or expression) holds. */
export function groupNameSql(groupId: SQLWrapper): SQL<string> {
  return groupColumns.name(groupId);
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

/** What a group's type is called on a page, in the language of `t`. */
export function groupTypeLabel(t: Translate, type: GroupType): string {
  return t(`groups:groupType.${type}`);
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
