/**
 * Runs test files with node:test in exactly the order given (plain JavaScript, so the test
 * processes it starts carry no TypeScript loader):
 *   node --enable-source-maps scripts/run-test-files.mjs <files at once> [--test-name-pattern=<p>]... <file>...
 * `node --test` cannot do this on Node 20: it sorts the files it is given by name, so the order
 * run-tests.ts chose (a shuffle) would be lost. The report is the one `node --test` writes: spec
 * on a terminal, TAP otherwise. Exits 1 when any test fails. When name patterns were given and
 * no test they match ran (none matched, or those that did were skipped, as a PostgreSQL-only
 * test is on PGlite), it exits 3 with nothing failed: the caller decides whether that fails the
 * run (a mistyped pattern would otherwise pass by running nothing).
 */
import process from 'node:process';
import { run } from 'node:test';
import { spec, tap } from 'node:test/reporters';

const [concurrency, ...rest] = process.argv.slice(2);
const flag = '--test-name-pattern=';
const testNamePatterns = rest.filter((a) => a.startsWith(flag)).map((a) => a.slice(flag.length));
const files = rest.filter((a) => !a.startsWith(flag));
const stream = run({
  files,
  concurrency: Number(concurrency),
  ...(testNamePatterns.length > 0 ? { testNamePatterns } : {}),
});
let matched = 0;
stream.on('test:fail', () => {
  matched++;
  process.exitCode = 1;
});
stream.on('test:pass', (data) => {
  if (!data.skip && !data.todo) matched++;
});
/** The exit code of a run in which no test the name patterns match ran, and none failed (NOTHING_RAN in test-names.ts). */
const NOTHING_RAN = 3;
if (testNamePatterns.length > 0)
  stream.on('end', () => {
    if (matched === 0 && !process.exitCode) process.exitCode = NOTHING_RAN;
  });
stream.compose(process.stdout.isTTY ? new spec() : tap).pipe(process.stdout);
