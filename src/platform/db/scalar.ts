import { sql, type SQL } from 'drizzle-orm';

/**
 * A statement as a value in another module's query (ADR 0014), in parentheses. Written as raw
 * SQL on purpose: drizzle writes a column at the top of a selection of one table without its
 * table's name, which inside a subquery would name the wrong column.
 */
export const scalar = <T>(inner: SQL) => sql<T>`(${inner})`;
