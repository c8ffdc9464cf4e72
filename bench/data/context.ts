/**
 * The bench schema the generators share, beside Bridge's tables. The generators themselves sit
 * in their modules (`src/modules/<m>/bench-data.ts`), with what they are given and their SQL
 * helpers in src/platform/bench/generator.ts.
 */
export {
  nameSql,
  quote,
  type BenchContext,
  type ModuleGenerator,
} from '../../src/platform/bench/generator.js';

/**
 * The bench schema: helper functions and the lists of generated records (by number) that later
 * generators and the load runner pick from. It sits beside Bridge's tables and is never read by
 * Bridge itself.
 */
export const BENCH_SCHEMA_SQL = `
  create schema if not exists bench;
  -- A well-mixed whole number in [0, m) from a row number and a salt: hashint8 is stable
  -- across PostgreSQL versions (hash partitioning relies on it), so the data is too.
  create or replace function bench.pick(n bigint, salt int, m int) returns int
    language sql immutable parallel safe
    as $$ select (abs(hashint8(n * 1000003 + salt)::bigint) % greatest(m, 1))::int $$;
  -- People made by the generators, numbered within their kind from 1.
  create table if not exists bench.people (
    kind text not null, n int not null, person_id uuid not null, user_id uuid,
    primary key (kind, n));
  -- Every advisory group, numbered from 1 (the reference groups first).
  create table if not exists bench.groups (n int primary key, group_id uuid not null);
  -- The scale the data was made at, so a run knows whether it can reuse it.
  create table if not exists bench.made (
    scale numeric not null, as_of date not null, generator_version int not null,
    made_at timestamptz not null default now(), seconds numeric not null);
`;
