/**
 * Makes the benchmark's dataset: one large police area over ten years, in PostgreSQL, from the
 * generators of every module, in bulk SQL. The same data every run for the same --as-of date.
 *
 *   npm run bench:data                          # full size, into bridge_bench on 127.0.0.1:5432
 *   npm run bench:data -- --quick               # a tenth of it
 *   npm run bench:data -- --url postgres://postgres@host:5432/postgres --as-of 2026-11-25
 *
 * Each module's generator is its `bench-data.ts`, offered by its index.ts; a module adds its own
 * to GENERATORS, after the modules whose records it uses. The audit trail's is here.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { testConfig } from '../../src/app.js';
import { migrationsFolder, openDatabase } from '../../src/platform/db/database.js';
import { prepareDatabase } from '../../src/startup.js';
import { adviceGenerator } from '../../src/modules/advice/index.js';
import { consultationGenerator } from '../../src/modules/consultation/index.js';
import { custodyVisitingGenerator } from '../../src/modules/custody-visiting/index.js';
import { directoryGenerator } from '../../src/modules/directory/index.js';
import { engagementGenerator } from '../../src/modules/engagement/index.js';
import { expensesGenerator } from '../../src/modules/expenses/index.js';
import { grantsGenerator } from '../../src/modules/grants/index.js';
import { groupsGenerator } from '../../src/modules/groups/index.js';
import { meetingsGenerator } from '../../src/modules/meetings/index.js';
import { trackerGenerator } from '../../src/modules/tracker/index.js';
import { auditGenerator } from './audit.js';
import { databaseUrlBeside, freshDatabase } from '../support/database.js';
import { BENCH_SCHEMA_SQL, type BenchContext, type ModuleGenerator } from './context.js';

/** In the order they run: each after the modules whose records it uses. The audit trail last. */
export const GENERATORS: ModuleGenerator[] = [
  directoryGenerator,
  groupsGenerator,
  meetingsGenerator,
  adviceGenerator,
  expensesGenerator,
  trackerGenerator,
  custodyVisitingGenerator,
  consultationGenerator,
  engagementGenerator,
  grantsGenerator,
  auditGenerator,
];

/** Bumped when a generator changes what it makes, so a run does not reuse older data. */
export const GENERATOR_VERSION = 11;

/** The full dataset and the quick one live apart, so CI's quick run leaves the full one be. */
export function benchDatabaseName(scale: number): string {
  return scale === 1 ? 'bridge_bench' : `bridge_bench_${String(scale).replace('.', '_')}`;
}

export interface DatasetOptions {
  /** A PostgreSQL server's URL; the bench database is made beside the one it names. */
  serverUrl: string;
  scale: number;
  asOf: string;
  log?: (line: string) => void;
}

export function benchDatabaseUrl(serverUrl: string, scale: number): string {
  return databaseUrlBeside(serverUrl, benchDatabaseName(scale));
}

export interface TableSize {
  module: string;
  table: string;
  rows: number;
}

/** How many rows each generator's tables hold, for the report. */
export async function tableSizes(client: pg.ClientBase): Promise<TableSize[]> {
  const sizes: TableSize[] = [];
  for (const generator of GENERATORS)
    for (const table of generator.tables) {
      const { rows } = await client.query(`select count(*)::int as n from ${table}`);
      sizes.push({ module: generator.module, table, rows: rows[0].n });
    }
  return sizes;
}

/**
 * Whether the bench database already holds data made at this scale by these generators, under
 * exactly these migrations: a migration changed or added since (as on a branch before it lands)
 * would otherwise be applied over tables it already made, and Bridge would not start.
 */
export async function datasetReady(options: DatasetOptions): Promise<boolean> {
  const client = new pg.Client({
    connectionString: benchDatabaseUrl(options.serverUrl, options.scale),
  });
  try {
    await client.connect();
  } catch {
    return false;
  }
  try {
    const made = await client.query(
      `select 1 from bench.made where scale = $1 and generator_version = $2 and as_of = $3`,
      [options.scale, GENERATOR_VERSION, options.asOf],
    );
    if (made.rowCount !== 1) return false;
    const applied = await client.query<{ hash: string }>(
      'select hash from drizzle.__drizzle_migrations order by created_at, id',
    );
    const expected = readMigrationFiles({ migrationsFolder }).map((m) => m.hash);
    return applied.rows.map((r) => r.hash).join() === expected.join();
  } catch {
    return false;
  } finally {
    await client.end();
  }
}

/** Drops and remakes the bench database; returns each table's size for the report. */
export async function makeDataset(options: DatasetOptions): Promise<{
  seconds: number;
  sizes: TableSize[];
}> {
  const log = options.log ?? ((line: string) => console.error(line));
  const url = await freshDatabase(options.serverUrl, benchDatabaseName(options.scale));
  const started = performance.now();
  // Bridge's own start-up: migrations, reference data and the demo accounts to sign in as.
  const database = await openDatabase({ url });
  await prepareDatabase(database, testConfig({ demo: true }));
  await database.close();

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(BENCH_SCHEMA_SQL);
  const context: BenchContext = {
    client,
    scaled: (full) => Math.max(1, Math.round(full * options.scale)),
    asOf: options.asOf,
  };
  for (const generator of GENERATORS) {
    const at = performance.now();
    await client.query('begin');
    await generator.generate(context);
    await client.query('commit');
    log(`  ${generator.module}: ${((performance.now() - at) / 1000).toFixed(1)} s`);
  }
  // As autovacuum would soon leave it: planner statistics and the visibility map.
  await client.query('vacuum analyze');
  const sizes = await tableSizes(client);
  const seconds = (performance.now() - started) / 1000;
  await client.query(
    `insert into bench.made (scale, as_of, generator_version, seconds) values ($1, $2, $3, $4)`,
    [options.scale, options.asOf, GENERATOR_VERSION, seconds],
  );
  await client.end();
  return { seconds, sizes };
}

export function sizesTable(sizes: TableSize[]): string {
  return [
    '| Module | Table | Rows |',
    '| --- | --- | ---: |',
    ...sizes.map((s) => `| ${s.module} | ${s.table} | ${s.rows.toLocaleString('en-GB')} |`),
  ].join('\n');
}

export function todayInLondon(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      quick: { type: 'boolean', default: false },
      'as-of': { type: 'string', default: todayInLondon() },
    },
  });
  const made = await makeDataset({
    serverUrl: values.url!,
    scale: values.quick ? 0.1 : 1,
    asOf: values['as-of']!,
  });
  console.log(`Made in ${made.seconds.toFixed(0)} s:\n\n${sizesTable(made.sizes)}`);
}
