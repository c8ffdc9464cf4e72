/**
 * Compiles src/ and test/ to plain JavaScript in a directory of its own under .test-build/
 * (compile.mjs, as `npm start` compiles src/) so the test processes load modules natively
 * instead of through tsx's loader, which costs each process two seconds of CPU. Each run has its own
 * directory, so two runs side by side (unit tests while the journeys run) do not disturb each
 * other; the caller removes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileTree } from './compile.mjs';

export const TEST_BUILD_DIR = '.test-build';

export async function buildForTests(root: string): Promise<string> {
  const parent = path.join(root, TEST_BUILD_DIR);
  fs.mkdirSync(parent, { recursive: true });
  // What an interrupted run left behind (a day old: no run takes that long).
  for (const name of fs.readdirSync(parent)) {
    const stale = path.join(parent, name);
    if (Date.now() - fs.statSync(stale).mtimeMs > 86_400_000)
      fs.rmSync(stale, { recursive: true, force: true });
  }
  const out = fs.mkdtempSync(path.join(parent, 'run-'));
  await compileTree({ root, dirs: ['src', 'test'], out, sourcemap: 'inline' });
  return out;
}
