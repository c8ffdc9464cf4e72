/**
 * Keeping what is costly to build and read far more often than it changes (the equity report,
 * a committee's progress report), for as long as the data it was built from is unchanged.
 *
 * Each entry is kept with the counters of the kinds of data it was built from (`data_versions`,
 * moved on by triggers when every write to those tables commits, in the writing transaction:
 * migrations 0020 and 0024).
 * A read costs one small query for the counters; when they differ from the entry's, it is built
 * again. The counters are read before the data, so an entry is never older than its stamp, and
 * several instances of Bridge on one database never serve each other's stale entries.
 */
import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/database.js';
import { preparedRead } from '../db/prepared.js';
import { dataVersions } from './schema.js';

/**
 * The kinds of data counted, each with the tables whose triggers move it on (migrations 0020,
 * 0021 and 0022; since 0024 a table is counted with `CALL data_versions_count_table(...)`).
 */
export type DataKind =
  | 'tracker'
  | 'deployments'
  | 'directory'
  | 'groups'
  | 'members'
  | 'meetings'
  | 'custody'
  | 'consultation'
  | 'partnerships'
  | 'training'
  | 'engagement'
  | 'grants'
  | 'good_practice'
  | 'stop_search';

export interface VersionedCache<T> {
  /** The value kept for the key while its data is unchanged, else `build()`'s, then kept. */
  get(key: string, build: () => Promise<T>): Promise<T>;
}

export function createVersionedCache<T extends object>(
  db: Db,
  options: { kinds: readonly DataKind[]; max: number },
): VersionedCache<T> {
  const kinds = [...options.kinds].sort();
  const entries = new LRUCache<string, { stamp: string; value: Promise<T> }>({
    max: options.max,
  });

  // Read on every view of every kept page: prepared (one statement for every cache).
  const counters = preparedRead(db, 'bridge_data_versions', (executor) =>
    executor
      .select({ name: dataVersions.name, version: dataVersions.version })
      .from(dataVersions)
      .where(sql`${dataVersions.name} = any(${sql.placeholder('kinds')}::text[])`),
  );

  async function stampNow(): Promise<string> {
    const rows = await counters(db, { kinds });
    const versionOf = new Map(rows.map((r) => [r.name, r.version]));
    // A kind never written yet has no row: it counts as 0 until its first write.
    return kinds.map((k) => versionOf.get(k) ?? 0).join('.');
  }

  return {
    async get(key, build) {
      const stamp = await stampNow();
      const kept = entries.get(key);
      if (kept && kept.stamp === stamp) return kept.value;
      // The promise is kept, not the value, so requests arriving while it is built share one
      // build; a build that fails is forgotten, so the next request tries again.
      const value = build();
      const entry = { stamp, value };
      entries.set(key, entry);
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value;
    },
  };
}
