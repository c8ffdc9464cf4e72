/**
 * Runs test files with node:test in exactly the order given (plain JavaScript, so the test
 * processes it starts carry no TypeScript loader):
 *   node --enable-source-maps scripts/run-test-files.mjs <files at once> <file>...
 * `node --test` cannot do this on Node 20: it sorts the files it is given by name, so the order
 * run-tests.ts chose (a shuffle) would be lost. The report is the one `node --test` writes: spec
 * on a terminal, TAP otherwise. Exits 1 when any test fails.
 */
import process from 'node:process';
import { run } from 'node:test';
import { spec, tap } from 'node:test/reporters';

const [concurrency, ...files] = process.argv.slice(2);
const stream = run({ files, concurrency: Number(concurrency) });
stream.on('test:fail', () => {
  process.exitCode = 1;
});
stream.compose(process.stdout.isTTY ? new spec() : tap).pipe(process.stdout);
