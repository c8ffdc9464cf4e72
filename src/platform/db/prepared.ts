/**
 * Reads that many pages make, built once and prepared.
 *
 * drizzle builds a query's SQL from its parts on every call, and the benchmark found that
 * building cost about as much CPU as pg spent running the query (issue 8, `npm run bench`;
 * ADR 0011). A prepared read is built the first time it runs on the database, with
 * `sql.placeholder` for whatever changes from call to call, and is then only given its values.
 * PostgreSQL parses it once on each connection. PGlite just runs it.
 *
 * In a transaction, the same query is built again on the transaction. Prepared statements
 * belong to the database handle, and PGlite's only connection is held by the transaction.
 * Those are writes, which are rarer and not the hot path.
 *
 * Placeholders take their values as they are, not through a column's encoder. Give them
 * strings, numbers, booleans, or arrays of these (with a cast, such as `= any(... ::uuid[])`),
 * not Dates or JSON. Each name must be unique, and the same name must always be the same SQL:
 * node-postgres refuses one name given two texts on a connection.
 */
import type { Db, Executor } from './database.js';

interface Preparable<R> {
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<R> };
}

export type PreparedRead<R> = (executor: Executor, values?: Record<string, unknown>) => Promise<R>;

export function preparedRead<R>(
  db: Db,
  name: string,
  build: (executor: Executor) => Preparable<R>,
): PreparedRead<R> {
  let prepared: ReturnType<Preparable<R>['prepare']> | undefined;
  return (executor, values) => {
    if (executor !== db) return build(executor).prepare(name).execute(values);
    prepared ??= build(db).prepare(name);
    return prepared.execute(values);
  };
}

/**
 * A read whose shape changes with what is asked (a search term given or not, a filter chosen
 * or not): one prepared read for each shape, made when it is first asked for. `keyOf` names a
 * shape; shapes must come from a small, fixed set, such as a few flags, never from what a
 * person typed.
 */
export function preparedShapes<S, R>(
  db: Db,
  name: string,
  keyOf: (shape: S) => string,
  build: (executor: Executor, shape: S) => Preparable<R>,
): (shape: S) => PreparedRead<R> {
  const reads = new Map<string, PreparedRead<R>>();
  return (shape) => {
    const key = keyOf(shape);
    let read = reads.get(key);
    if (!read) {
      read = preparedRead(db, `${name}_${key}`, (executor) => build(executor, shape));
      reads.set(key, read);
    }
    return read;
  };
}

/**
 * A page of a list and how many there are in all, in shapes: both reads prepared for each shape
 * (`<name>_<shape>` and `<name>_count_<shape>`), run together on the database, given the same
 * values.
 */
export function preparedPages<S, R>(
  db: Db,
  name: string,
  keyOf: (shape: S) => string,
  build: {
    page: (executor: Executor, shape: S) => Preparable<R[]>;
    count: (executor: Executor, shape: S) => Preparable<{ n: number }[]>;
  },
): (shape: S, values: Record<string, unknown>) => Promise<{ items: R[]; total: number }> {
  const page = preparedShapes(db, name, keyOf, build.page);
  const count = preparedShapes(db, `${name}_count`, keyOf, build.count);
  return async (shape, values) => {
    const [items, [total]] = await Promise.all([page(shape)(db, values), count(shape)(db, values)]);
    return { items, total: Number(total?.n ?? 0) };
  };
}
