/**
 * Compiles src/ and test/ to plain JavaScript in a directory of its own under .test-build/ (the
 * same layout, with the
 * templates, stylesheets and data files copied beside them) so the test processes load modules
 * natively instead of through tsx's loader, which costs each process two seconds of CPU. esbuild
 * is what tsx compiles with, so the code run is the code `npm start` runs. Each run has its own
 * directory, so two runs side by side (unit tests while the journeys run) do not disturb each
 * other; the caller removes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

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
  const typescript: string[] = [];
  const others: string[] = [];
  for (const dir of ['src', 'test']) {
    for (const name of fs.readdirSync(path.join(root, dir), { recursive: true }).map(String)) {
      const file = path.join(root, dir, name);
      if (!fs.statSync(file).isFile()) continue;
      (file.endsWith('.ts') ? typescript : others).push(file);
    }
  }
  await build({
    entryPoints: typescript,
    outdir: out,
    outbase: root,
    format: 'esm',
    platform: 'node',
    // The running Node, so syntax it has (import attributes among them) is left as written.
    target: `node${process.versions.node}`,
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  for (const file of others) {
    const copy = path.join(out, path.relative(root, file));
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.copyFileSync(file, copy);
  }
  // What the code finds beside src/ by relative path: the migrations and govuk-frontend.
  fs.symlinkSync(path.join(root, 'migrations'), path.join(out, 'migrations'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(out, 'node_modules'));
  return out;
}
