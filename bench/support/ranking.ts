/**
 * The nomination ranking query (IAG-07, IAG-10, IAG-29) timed by PostgreSQL itself, with
 * EXPLAIN ANALYZE, many times over: database time, not the client's, so the 10 ms budget is
 * about the query. Shared by `npm run bench` and `npm run bench:nomination`.
 */
import { eq } from 'drizzle-orm';
import type pg from 'pg';
import { createDeploymentsService } from '../../src/modules/advice/deployments/service.js';
import { adviceRequests } from '../../src/modules/advice/schema.js';
import { personColumns } from '../../src/modules/directory/api/person-columns.js';
import { createReferenceDirectory } from '../../src/modules/directory/start-up.js';
import { advisorRecords } from '../../src/modules/groups/api/advisor-records.js';
import { groupColumns } from '../../src/modules/groups/api/group-columns.js';
import type { Db } from '../../src/platform/db/database.js';
import { createMailService } from '../../src/platform/mail/service.js';

export const RANKING_BUDGET_MS = 10;

export interface RankingTime {
  median: number;
  p95: number;
  planningMedian: number;
  /** The plan of one run, with per-node timing. */
  plan: string;
  /** How many advisors the ranking returned: none would mean nothing worth timing. */
  rows: number;
}

export async function timeRankingQuery(
  db: Db,
  client: pg.ClientBase,
  requestId: string,
  groupId: string,
  runs: number,
): Promise<RankingTime> {
  const [request] = await db.select().from(adviceRequests).where(eq(adviceRequests.id, requestId));
  if (!request) throw new Error(`no advice request ${requestId}`);
  // The module's service with the lookups app.ts gives it, built here from their parts.
  // Only its lookups are used: nothing here is worded.
  const directory = createReferenceDirectory(db, (key) => key).lookups;
  const service = createDeploymentsService({
    db,
    mail: createMailService(db, 'bench@example.org', null),
    publicUrl: 'http://localhost',
    lookups: {
      personColumns,
      groupColumns,
      advisorRecords,
      personIdForUser: (executor, userId) => directory.personIdForUser(executor, userId),
      peopleByIds: (executor, ids) => directory.people(executor, ids),
    },
    now: () => new Date(),
    // Only the ranking query is used: nothing here is worded.
    t: (key) => key,
  });
  const query = service.rankingQuery(db, request, groupId).toSQL();
  // Timed without per-node timing (whose clock reads, hundreds per run, would be most of what
  // is measured); the plan shown is from one run with it.
  const explained = await client.query(
    `explain (analyze, buffers, format text) ${query.sql}`,
    query.params as unknown[],
  );
  const plan = explained.rows.map((r: Record<string, string>) => r['QUERY PLAN']!).join('\n');
  const times: number[] = [];
  const planning: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = await client.query(
      `explain (analyze, timing off, format text) ${query.sql}`,
      query.params as unknown[],
    );
    const lines = result.rows.map((r: Record<string, string>) => r['QUERY PLAN']!);
    const read = (prefix: string) =>
      Number(/([\d.]+) ms/.exec(lines.find((l) => l.startsWith(prefix))!)![1]);
    times.push(read('Execution Time'));
    planning.push(read('Planning Time'));
  }
  const rows = (await service.rankingQuery(db, request, groupId)).length;
  return {
    median: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    planningMedian: quantile(planning, 0.5),
    plan,
    rows,
  };
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the p99 of 100 values is the 99th.
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}
