/**
 * What every module's benchmark generator (`src/modules/<m>/bench-data.ts`, run in order by
 * bench/data/generate.ts) is given, and the few SQL helpers they share. A generator fills its
 * module's tables for one large police area over ten years, in bulk SQL (INSERT ... SELECT over
 * generate_series), never a row at a time, and the same on every run: every choice is
 * bench.pick() of a row number, a hash, not random(). Bridge itself never runs them.
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
