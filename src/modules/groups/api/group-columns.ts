/**
 * A group's and its members' facts for another module's query that holds their ids: each a
 * correlated subquery (or, for a group's members, a source to select from) on the groups
 * module's own tables, so that a list which names groups or ranks their members stays one
 * statement while the tables' shape stays private to this module (ADR 0014).
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { ClearanceLevel } from '../rules.js';
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

/**
 * In parentheses around an inner statement: drizzle writes a column at the top of a selection
 * of one table without its table's name, which inside a subquery would name the wrong column.
 */
const scalar = <T>(inner: SQL) => sql<T>`(${inner})`;

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
