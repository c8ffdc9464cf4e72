import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './database.js';

/**
 * The number after the highest in a numbered list (an agenda's positions, a document's
 * versions): 1 for an empty list. Call it inside the transaction that inserts, after locking
 * what owns the list, so two people adding at once do not take the same number.
 */
export async function nextNumber(
  executor: Executor,
  table: PgTable,
  column: PgColumn,
  where: SQL | undefined,
): Promise<number> {
  const [row] = await executor
    .select({ max: sql<number>`coalesce(max(${column}), 0)::int` })
    .from(table)
    .where(where);
  return Number(row?.max ?? 0) + 1;
}
