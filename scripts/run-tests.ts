/**
 * Runs one tier of the tests with node:test through tsx.
 *   unit:        src/**\/*.test.ts (no database)
 *   integration: **\/*.int.test.ts, on PGlite and, when TEST_DATABASE_URL is set, PostgreSQL too
 *   e2e:         test/e2e/**\/*.e2e.test.ts, in Chromium, on PostgreSQL when TEST_DATABASE_URL is set
 * A third argument keeps only the files whose path contains it (`... integration groups`).
 * `--name <pattern>` (or `--test-name-pattern <pattern>`, as node spells it; may be given more
 * than once) runs only the tests whose name matches the regular expression, with the hooks of
 * their file, so one test can be run alone:
 *   npx tsx scripts/run-tests.ts integration recruitment --name "IAG-20"
 * The run fails when no test the pattern matches ran. An integration test that runs only on
 * PostgreSQL is skipped on PGlite, so the PostgreSQL pass still runs when the PGlite pass ran
 * none of the tests named, and the run fails only if neither did.
 * The files run as JavaScript compiled into .test-build/ (see build-for-tests.ts).
 *
 * Files run in a shuffled order, so a file that only passes after another one fails sooner or
 * later (issue 22). The order comes from a seed, printed first: BRIDGE_TEST_SEED=<n> (or
 * `--seed <n>`) repeats it; without one each run picks its own. Node 20's runner cannot shuffle
 * the tests inside a file, so only the files are shuffled.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildForTests } from './build-for-tests.js';
import { NOTHING_RAN, takeNamePatterns } from './test-names.js';

// A bare `--` (`... -- --test-name-pattern x`) only separates; it is not a path.
const args = process.argv.slice(2).filter((a) => a !== '--');
const seedAt = args.findIndex((a) => a === '--seed' || a.startsWith('--seed='));
const seedArgument =
  seedAt < 0
    ? undefined
    : args[seedAt]!.includes('=')
      ? args.splice(seedAt, 1)[0]!.slice('--seed='.length)
      : args.splice(seedAt, 2)[1];
const names = takeNamePatterns(args);
const tier = args[0];
const root = path.resolve(import.meta.dirname, '..');

function find(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...find(full, suffix));
    else if (name.endsWith(suffix)) out.push(full);
  }
  return out.sort();
}

/** The seed of this run's order: the one asked for, or a new one. */
function orderSeed(): number {
  const given = seedArgument ?? process.env.BRIDGE_TEST_SEED;
  if (given === undefined || given === '') return Math.floor(Math.random() * 2 ** 32);
  const n = Number(given);
  if (!Number.isInteger(n) || n < 0 || n >= 2 ** 32) {
    console.error(`The test order seed must be a whole number below 2^32, not ${given}`);
    process.exit(2);
  }
  return n;
}

/** The items in the order a seed gives (Fisher-Yates, driven by mulberry32). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const seed = orderSeed();

/**
 * What a run of files came to: every test that ran passed, one failed, or (with `--name`) none
 * of the tests named ran, as run-test-files.mjs tells by its exit code 3.
 */
type Outcome = 'passed' | 'failed' | 'none ran';

/** Runs the files. */
function runFiles(files: string[], env: Record<string, string>, concurrency: number): Outcome {
  if (files.length === 0) {
    console.error(`No ${tier} tests found`);
    return 'failed';
  }
  console.log(`Test order seed: ${seed}; repeat with BRIDGE_TEST_SEED=${seed}`);
  const ordered = shuffled(files, seed).map((file) =>
    path.join(built, path.relative(root, file)).replace(/\.ts$/, '.js'),
  );
  const result = spawnSync(
    process.execPath,
    [
      '--enable-source-maps',
      path.join(root, 'scripts', 'run-test-files.mjs'),
      String(concurrency),
      ...names.map((name) => `--test-name-pattern=${name}`),
      ...ordered,
    ],
    { stdio: 'inherit', env: { ...process.env, TZ: 'Europe/London', ...env }, cwd: root },
  );
  if (result.status === 0) return 'passed';
  return result.status === NOTHING_RAN && names.length > 0 ? 'none ran' : 'failed';
}

/**
 * How many test files run at once: two, one per core of the CI machine. Four end-to-end files
 * at once took as long as two (measured 2026-11-25: the tier is CPU-bound, Chromium and axe
 * included). BRIDGE_TEST_WORKERS overrides it on a bigger machine.
 */
function workers(fallback: number): number {
  const n = Number(process.env.BRIDGE_TEST_WORKERS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Ends the run as failed when a test failed, or when none of the tests named ran in any pass. */
function finish(outcomes: Outcome[], note = ''): void {
  if (outcomes.includes('failed')) process.exit(1);
  if (outcomes.every((o) => o === 'none ran')) {
    console.error(`No test whose name matches ${names.join(' or ')} ran${note}`);
    process.exit(1);
  }
}

function run(files: string[], env: Record<string, string>, concurrency: number): void {
  finish([runFiles(files, env, concurrency)]);
}

const built = await buildForTests(root);
process.on('exit', () => rmSync(built, { recursive: true, force: true }));
const only = args[1];
const all = (suffix: string) =>
  [...find(path.join(root, 'src'), suffix), ...find(path.join(root, 'test'), suffix)].filter(
    (file) => !only || path.relative(root, file).includes(only),
  );

switch (tier) {
  case 'unit':
    run(
      all('.test.ts').filter((f) => !f.endsWith('.int.test.ts') && !f.endsWith('.e2e.test.ts')),
      {},
      4,
    );
    break;
  case 'integration': {
    const files = all('.int.test.ts');
    console.log('Integration tests on PGlite');
    const outcomes = [runFiles(files, { BRIDGE_TEST_DB: 'pglite' }, workers(2))];
    if (outcomes[0] === 'failed') process.exit(1);
    if (outcomes[0] === 'none ran') console.log('None of the tests named ran on PGlite');
    if (process.env.TEST_DATABASE_URL) {
      console.log('Integration tests on PostgreSQL');
      outcomes.push(runFiles(files, { BRIDGE_TEST_DB: 'postgres' }, workers(2)));
      finish(outcomes);
    } else {
      console.log('TEST_DATABASE_URL is not set: skipped the PostgreSQL run');
      finish(outcomes, ' (a test that runs only on PostgreSQL needs TEST_DATABASE_URL)');
    }
    break;
  }
  case 'e2e': {
    // Each file has its own server, database and browser, so several run side by side. They share
    // one record of the pages (by their rendered markup) axe has passed, so no page is checked twice.
    // On PostgreSQL when there is one: a file's database is ready in a second rather than four,
    // and the server's queries run beside Node rather than inside it. PGlite otherwise.
    const checked = mkdtempSync(path.join(tmpdir(), 'bridge-axe-'));
    const database = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
    console.log(`End-to-end journeys on ${database === 'postgres' ? 'PostgreSQL' : 'PGlite'}`);
    const outcome = runFiles(
      all('.e2e.test.ts'),
      { BRIDGE_AXE_CHECKED_DIR: checked, BRIDGE_TEST_DB: database },
      workers(2),
    );
    rmSync(checked, { recursive: true, force: true });
    finish([outcome]);
    break;
  }
  default:
    console.error(
      'Usage: tsx scripts/run-tests.ts unit|integration|e2e [part of a path] [--seed <n>] [--name <pattern>]',
    );
    process.exit(2);
}
