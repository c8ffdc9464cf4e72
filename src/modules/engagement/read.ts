/**
 * Reads the engagement module's services share: a group by id, and each group's standing as SQL
 * (the latest assessment of each standard in force, counted), so the register filters and counts
 * in one query.
 */
import { eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/errors.js';
import { isUuid } from '../../platform/http/params.js';
import type { Standing } from './rules.js';
import { engagementAssessments, engagementGroups, engagementStandards } from './schema.js';

export type GroupRow = typeof engagementGroups.$inferSelect;

export async function groupById(executor: Executor, id: string): Promise<GroupRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await executor.select().from(engagementGroups).where(eq(engagementGroups.id, id));
  return row;
}

export async function findGroup(executor: Executor, id: string): Promise<GroupRow> {
  const row = await groupById(executor, id);
  if (!row) throw new NotFoundError();
  return row;
}

/** The latest standing of each standard in force for the group (`groupId` a column or value). */
const latestStandings = (groupId: SQLWrapper) => sql`(
  select distinct on (${engagementAssessments.standardId}) ${engagementAssessments.standing} as standing
  from ${engagementAssessments}
  join ${engagementStandards} on ${engagementStandards.id} = ${engagementAssessments.standardId}
  where ${engagementAssessments.groupId} = ${groupId} and ${engagementStandards.retiredOn} is null
  order by ${engagementAssessments.standardId}, ${engagementAssessments.assessedOn} desc,
    ${engagementAssessments.createdAt} desc
)`;

const countOf = (groupId: SQLWrapper, standing: Standing): SQL<number> =>
  sql<number>`(select count(*) from ${latestStandings(groupId)} l where l.standing = ${standing})::int`;

/** The counts of the group's latest standings, for a select. */
export const standingCounts = (groupId: SQLWrapper) => ({
  met: countOf(groupId, 'met'),
  partly: countOf(groupId, 'partly'),
  notMet: countOf(groupId, 'not_met'),
});

/** How many standards are in force. */
export const standardsInForce = sql<number>`(select count(*) from ${engagementStandards} where ${engagementStandards.retiredOn} is null)::int`;

/** The register's filter by standing, as a condition on the group. */
export function standingCondition(groupId: SQLWrapper, filter: string | undefined) {
  const assessed = sql`(select count(*) from ${latestStandings(groupId)} l)`;
  if (filter === 'all_met')
    return sql`${countOf(groupId, 'met')} = ${standardsInForce} and ${standardsInForce} > 0`;
  if (filter === 'some_not_met')
    return sql`${assessed} > 0 and ${countOf(groupId, 'met')} < ${standardsInForce}`;
  if (filter === 'not_assessed') return sql`${assessed} = 0`;
  return undefined;
}
