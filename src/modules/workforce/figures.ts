/**
 * LEG-04, DP-01: snapshots read and published (small counts suppressed), for the public page and
 * the open data alike, so that both show exactly the same.
 */
import { desc, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { publishSnapshot, type PublishedSnapshot, type WorkforceCount } from './rules.js';
import { workforceCounts, workforceSnapshots } from './schema.js';

export interface PublishedAt {
  asAt: string;
  published: PublishedSnapshot;
}

/**
 * The snapshots as published, oldest first: those as at `upTo` or before, the latest `most` of
 * them (every one when not given).
 */
export async function publishedSnapshots(
  executor: Executor,
  options: { upTo?: string; most?: number } = {},
): Promise<PublishedAt[]> {
  const chosen = executor
    .select({ id: workforceSnapshots.id, asAt: workforceSnapshots.asAt })
    .from(workforceSnapshots)
    .where(options.upTo ? lte(workforceSnapshots.asAt, options.upTo) : undefined)
    .orderBy(desc(workforceSnapshots.asAt));
  const snapshots = (options.most ? await chosen.limit(options.most) : await chosen).reverse();
  if (!snapshots.length) return [];
  const counts = await executor
    .select()
    .from(workforceCounts)
    .where(
      inArray(
        workforceCounts.snapshotId,
        snapshots.map((s) => s.id),
      ),
    );
  const bySnapshot = new Map<string, WorkforceCount[]>();
  for (const { snapshotId, ...c } of counts)
    bySnapshot.set(snapshotId, [...(bySnapshot.get(snapshotId) ?? []), c as WorkforceCount]);
  return snapshots.map((s) => ({
    asAt: s.asAt,
    published: publishSnapshot(bySnapshot.get(s.id) ?? []),
  }));
}

/** Every snapshot's date, newest first. */
export async function snapshotDates(executor: Executor): Promise<string[]> {
  const rows = await executor
    .select({ asAt: workforceSnapshots.asAt })
    .from(workforceSnapshots)
    .orderBy(desc(workforceSnapshots.asAt));
  return rows.map((r) => r.asAt);
}

/** When the published figures last changed; null when there are none. */
export async function lastChanged(executor: Executor): Promise<Date | null> {
  const [row] = await executor
    .select({
      at: sql<Date | null>`max(${workforceSnapshots.recordedAt})`.mapWith(
        workforceSnapshots.recordedAt,
      ),
    })
    .from(workforceSnapshots);
  return row?.at ?? null;
}
