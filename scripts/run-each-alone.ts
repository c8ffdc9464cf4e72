/**
 * Runs every integration test file by itself, one process per file, to show that no file leans
 * on rows, clock moves or anything else another file left behind (issue 22). Builds once, as
 * run-tests.ts does, then runs each compiled file alone with `node --test` and prints a table of
 * file, result and seconds; exits 1 if any file fails.
 *   npx tsx scripts/run-each-alone.ts [part of a path]
 * On PGlite, or on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildForTests } from './build-for-tests.js';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv[2];

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

const results: { file: string; ok: boolean; seconds: number; output: string }[] = [];
for (const file of files) {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    ['--enable-source-maps', '--test', path.join(built, file).replace(/\.ts$/, '.js')],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, TZ: 'Europe/London', BRIDGE_TEST_DB: database },
      cwd: root,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const ok = run.status === 0;
  results.push({ file, ok, seconds, output: `${run.stdout}${run.stderr}` });
  console.log(`${ok ? 'pass' : 'FAIL'}  ${seconds.toFixed(1).padStart(6)}s  ${file}`);
}

const failed = results.filter((r) => !r.ok);
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
for (const { file, ok, seconds } of results)
  console.log(
    `${file.padEnd(width)}  ${ok ? 'pass  ' : 'FAIL  '}  ${seconds.toFixed(1).padStart(7)}`,
  );
const total = results.reduce((sum, r) => sum + r.seconds, 0);
console.log(
  `\n${results.length - failed.length} of ${results.length} files pass alone (${total.toFixed(0)}s in all)`,
);
process.exit(failed.length === 0 ? 0 : 1);
