/** Who chairs each group now: those elected at its latest election (IAG-21), for many groups at once. */
import { and, eq, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { preparedRead } from '../../../platform/db/prepared.js';
import { electionCandidates, elections } from '../schema.js';
import { nameOf, type GroupsServiceDeps } from '../access.js';

export function createChairs(deps: GroupsServiceDeps) {
  const { db, directory, t } = deps;
  const personNames = (executor: Executor, ids: readonly string[]) =>
    directory.lookups.people(executor, ids);

  /** Those elected at each group's latest election: on the group page and every register. */
  const chairsByGroup = preparedRead(db, 'bridge_groups_current_chairs', (executor) =>
    executor
      .select({
        groupId: elections.groupId,
        personId: electionCandidates.personId,
        heldOn: elections.heldOn,
      })
      .from(elections)
      .innerJoin(
        electionCandidates,
        and(eq(electionCandidates.electionId, elections.id), eq(electionCandidates.elected, true)),
      )
      .where(
        and(
          sql`${elections.groupId} = any(${sql.placeholder('groupIds')}::uuid[])`,
          sql`(${elections.heldOn}, ${elections.createdAt}) = (
            select e2.held_on, e2.created_at from elections e2 where e2.group_id = ${elections.groupId}
            order by e2.held_on desc, e2.created_at desc limit 1)`,
        ),
      ),
  );

  /** Current chairs of many groups at once: the people elected at each group's latest election. */
  async function currentChairs(
    executor: Executor,
    groupIds: readonly string[],
  ): Promise<Map<string, { personId: string; heldOn: IsoDate }[]>> {
    const result = new Map<string, { personId: string; heldOn: IsoDate }[]>();
    if (groupIds.length === 0) return result;
    const rows = await chairsByGroup(executor, { groupIds: [...groupIds] });
    for (const row of rows) {
      const list = result.get(row.groupId) ?? [];
      list.push({ personId: row.personId, heldOn: row.heldOn });
      result.set(row.groupId, list);
    }
    return result;
  }

  /** The current chairs of these groups, with names and e-mail, in the groups' name order. */
  async function chairsOf(executor: Executor, of: readonly { id: string; name: string }[]) {
    const chairs = await currentChairs(
      executor,
      of.map((g) => g.id),
    );
    const rows = of.flatMap((g) =>
      (chairs.get(g.id) ?? []).map((c) => ({ ...c, groupId: g.id, groupName: g.name })),
    );
    const people = await personNames(
      executor,
      rows.map((r) => r.personId),
    );
    return rows
      .map((r) => ({
        ...r,
        name: nameOf(t, people, r.personId),
        email: people.get(r.personId)?.email ?? null,
        userId: people.get(r.personId)?.userId ?? null,
      }))
      .sort((a, b) => a.groupName.localeCompare(b.groupName));
  }

  return { currentChairs, chairsOf };
}

export type Chairs = ReturnType<typeof createChairs>;
