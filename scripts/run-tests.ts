/**
 * Runs one tier of the tests with node:test through tsx.
 *   unit:        src/**\/*.test.ts (no database)
 *   integration: **\/*.int.test.ts, on PGlite and, when TEST_DATABASE_URL is set, PostgreSQL too
 *   e2e:         test/e2e/**\/*.e2e.test.ts, in Chromium
 * A third argument keeps only the files whose path contains it (`... integration groups`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const tier = process.argv[2];
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

function run(files: string[], env: Record<string, string>, concurrency: number): void {
  if (files.length === 0) {
    console.error(`No ${tier} tests found`);
    process.exit(1);
  }
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files],
    { stdio: 'inherit', env: { ...process.env, TZ: 'Europe/London', ...env }, cwd: root },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const only = process.argv[3];
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
    run(files, { BRIDGE_TEST_DB: 'pglite' }, 2);
    if (process.env.TEST_DATABASE_URL) {
      console.log('Integration tests on PostgreSQL');
      run(files, { BRIDGE_TEST_DB: 'postgres' }, 2);
    } else {
      console.log('TEST_DATABASE_URL is not set: skipped the PostgreSQL run');
    }
    break;
  }
  case 'e2e':
    // Each file has its own server, database and browser, so two run side by side.
    run(all('.e2e.test.ts'), {}, 2);
    break;
  default:
    console.error('Usage: tsx scripts/run-tests.ts unit|integration|e2e [part of a path]');
    process.exit(2);
}
