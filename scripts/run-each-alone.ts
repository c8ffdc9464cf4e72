/**
 * Runs every integration test file by itself, one process per file, to show that no file leans
 * on rows, clock moves or anything else another file left behind (issue 22). Builds once, as
 * run-tests.ts does, then runs each compiled file alone with `node --test` and prints a table of
 * file, result and seconds; exits 1 if any file fails.
 *   npx tsx scripts/run-each-alone.ts [part of a path] [--name <pattern>]
 * On PGlite, or on PostgreSQL when TEST_DATABASE_URL is set. With `--name`, only the tests whose
 * name matches run, each file's alone; a file where none of them ran (none matched, or they
 * are skipped on this database, as PostgreSQL-only tests are on PGlite) is listed as "none",
 * and the run fails if no file ran one.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildForTests } from './build-for-tests.js';
import { NOTHING_RAN, takeNamePatterns } from './test-names.js';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2).filter((a) => a !== '--');
const names = takeNamePatterns(args);
const only = args[0];

function find(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...find(full));
    else if (name.endsWith('.int.test.ts')) out.push(full);
  }
  return out.sort();
}

const files = [...find(path.join(root, 'src')), ...find(path.join(root, 'test'))]
  .map((file) => path.relative(root, file))
  .filter((file) => !only || file.includes(only));
if (files.length === 0) {
  console.error('No integration tests found');
  process.exit(2);
}

const database = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
console.log(
  `Each of ${files.length} integration test files alone, on ${database === 'postgres' ? 'PostgreSQL' : 'PGlite'}`,
);
const built = await buildForTests(root);
process.on('exit', () => rmSync(built, { recursive: true, force: true }));

/** What a file came to alone: passed, failed, or (with `--name`) none of the tests named ran. */
type Result = 'pass' | 'FAIL' | 'none';
const results: { file: string; result: Result; seconds: number; output: string }[] = [];
for (const file of files) {
  const started = performance.now();
  // run-test-files.mjs, one file at a time, as run-tests.ts runs them: it tells by its exit code
  // when none of the tests named ran.
  const run = spawnSync(
    process.execPath,
    [
      '--enable-source-maps',
      path.join(root, 'scripts', 'run-test-files.mjs'),
      '1',
      ...names.map((name) => `--test-name-pattern=${name}`),
      path.join(built, file).replace(/\.ts$/, '.js'),
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, TZ: 'Europe/London', BRIDGE_TEST_DB: database },
      cwd: root,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const result: Result =
    run.status === 0 ? 'pass' : run.status === NOTHING_RAN && names.length > 0 ? 'none' : 'FAIL';
  results.push({ file, result, seconds, output: `${run.stdout}${run.stderr}` });
  console.log(`${result.padEnd(4)}  ${seconds.toFixed(1).padStart(6)}s  ${file}`);
}

const failed = results.filter((r) => r.result === 'FAIL');
// The failures' own output last, so the reason is the first thing read after the table.
for (const { file, output } of failed) {
  console.log(`\n---- ${file} ----`);
  console.log(
    output
      .split('\n')
      .filter((line) => /not ok|Error|error:|expected|actual|at .*\.test\.|\bfail\b/i.test(line))
      .slice(0, 60)
      .join('\n'),
  );
}

const width = Math.max(...files.map((f) => f.length));
console.log(`\n${'File'.padEnd(width)}  Result  Seconds`);
for (const { file, result, seconds } of results)
  console.log(`${file.padEnd(width)}  ${result.padEnd(6)}  ${seconds.toFixed(1).padStart(7)}`);
const total = results.reduce((sum, r) => sum + r.seconds, 0);
const ran = results.filter((r) => r.result !== 'none');
console.log(
  `\n${ran.length - failed.length} of ${ran.length} files pass alone (${total.toFixed(0)}s in all)`,
);
if (ran.length === 0) {
  console.error(`No test whose name matches ${names.join(' or ')} ran on ${database}`);
  process.exit(1);
}
process.exit(failed.length === 0 ? 0 : 1);
