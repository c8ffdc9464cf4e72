/**
 * What every module's generator is given, and the few SQL helpers they share. A generator fills
 * its module's tables for one large police area over ten years, in bulk SQL (INSERT ... SELECT
 * over generate_series), never a row at a time, and the same on every run: every choice is
 * bench.pick() of a row number, a hash, not random().
 */
import type pg from 'pg';

export interface BenchContext {
  client: pg.ClientBase;
  /** A count at full scale, scaled down for --quick (never below 1). */
  scaled(full: number): number;
  /** The day the data ends on, as YYYY-MM-DD: ten years of history lead up to it. */
  asOf: string;
}

export interface ModuleGenerator {
  /** The module, as named under src/modules (or platform for the audit trail). */
  module: string;
  /** The tables whose sizes are reported when the data is made. */
  tables: string[];
  generate(context: BenchContext): Promise<void>;
}

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

/** Names that read like a real register, made from a number (first and last names combined). */
export const FIRST_NAMES = [
  'Amina',
  'Ben',
  'Chloe',
  'Dev',
  'Efua',
  'Femi',
  'Grace',
  'Hassan',
  'Imani',
  'Jack',
  'Kiran',
  'Leah',
  'Marek',
  'Nadia',
  'Owen',
  'Priya',
  'Qasim',
  'Rosa',
  'Sam',
  'Tariq',
  'Una',
  'Vikram',
  'Wen',
  'Yusuf',
  'Zara',
  'Aled',
  'Bronwen',
  'Callum',
  'Deepa',
  'Eilidh',
];
export const LAST_NAMES = [
  'Adeyemi',
  'Begum',
  'Campbell',
  'Da Silva',
  'Evans',
  'Fraser',
  'Ghosh',
  'Hughes',
  'Ibrahim',
  'Jones',
  'Khan',
  'Lewis',
  'Mensah',
  'Nowak',
  "O'Brien",
  'Patel',
  'Quinn',
  'Rahman',
  'Singh',
  'Thompson',
  'Usman',
  'Vaughan',
  'Williams',
  'Xu',
  'Yilmaz',
  'Zielinski',
  'Ahmed',
  'Brown',
  'Clarke',
  'Dimitrov',
  'Edwards',
  'Francis',
  'Green',
  'Hussain',
  'Iqbal',
];

/** A SQL expression for a person's name from the row number expression `n` and a salt. */
export function nameSql(n: string, salt: number): string {
  const first = `(array[${FIRST_NAMES.map(quote).join(',')}])[1 + bench.pick(${n}, ${salt}, ${FIRST_NAMES.length})]`;
  const last = `(array[${LAST_NAMES.map(quote).join(',')}])[1 + bench.pick(${n}, ${salt + 1}, ${LAST_NAMES.length})]`;
  return `${first} || ' ' || ${last}`;
}

/** A SQL string literal. Only for the generators' own constants, never for input. */
export function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
