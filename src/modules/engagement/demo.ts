/**
 * The engagement groups' part of the demonstration dataset (CON-04): Camden's community and
 * police engagement group, chaired by the demo engagement group officer, whose role is held for it.
 */
import { inArray, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { engagementGroups } from './schema.js';

export async function loadEngagementDemo(
  tx: Executor,
  people: { chair: string },
  boroughId: string,
  today: string,
): Promise<{ camdenGroupId: string }> {
  const [group] = await tx
    .insert(engagementGroups)
    .values({
      boroughId,
      name: 'Camden Community and Police Engagement Group',
      chairId: people.chair,
      constitutionAdoptedOn: `${Number(today.slice(0, 4)) - 3}-05-14`,
      contactEmail: 'camden-cpeg@example.org',
    })
    .returning({ id: engagementGroups.id });
  return { camdenGroupId: group!.id };
}

/** The demo's groups: those whose officers are the demo's people. */
export async function removeEngagementDemo(tx: Executor, personIds: readonly string[]) {
  if (!personIds.length) return;
  const ids = [...personIds];
  await tx
    .delete(engagementGroups)
    .where(
      or(
        inArray(engagementGroups.chairId, ids),
        inArray(engagementGroups.secretaryId, ids),
        inArray(engagementGroups.treasurerId, ids),
      ),
    );
}
