/**
 * Issue 28 part 5: the engagement module's part of erasing a person. An office held now (chair,
 * secretary, treasurer) is left vacant for the group to fill; a group's public address that is
 * theirs goes with it. The issues they raised and the assessments they made are the register's
 * record (CON-04): they stay, their author an anonymous account.
 */
import { eq, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { ErasedPart, PersonDataSubject } from '../../platform/modules.js';
import type { DirectoryService } from '../directory/index.js';
import { engagementGroups as groups } from './schema.js';

export function createEngagementErasure(deps: { directory: DirectoryService }) {
  return async (executor: Executor, { personId }: PersonDataSubject): Promise<ErasedPart[]> => {
    // Asked before the directory's part anonymises the entry.
    const email = (await deps.directory.lookups.people(executor, [personId])).get(personId)?.email;
    const vacate = (column: SQLWrapper): SQL =>
      sql`case when ${column} = ${personId} then null else ${column} end`;
    const theirs = [
      eq(groups.chairId, personId),
      eq(groups.secretaryId, personId),
      eq(groups.treasurerId, personId),
      ...(email ? [sql`lower(${groups.contactEmail}) = lower(${email})`] : []),
    ];
    const offices = await executor
      .update(groups)
      .set({
        chairId: vacate(groups.chairId),
        secretaryId: vacate(groups.secretaryId),
        treasurerId: vacate(groups.treasurerId),
        contactEmail: email
          ? sql`case when lower(${groups.contactEmail}) = lower(${email}) then null else ${groups.contactEmail} end`
          : groups.contactEmail,
        version: sql`${groups.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(or(...theirs))
      .returning({ id: groups.id });
    return [{ kind: 'offices held in groups', records: offices.length, how: 'deleted' }];
  };
}
