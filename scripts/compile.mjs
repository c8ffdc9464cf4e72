/**
 * Compiles folders of the project (src/, and test/ for the test runner) to plain JavaScript in
 * `out`, the same layout, with esbuild (the compiler tsx uses, so the code run is the code
 * written): the templates, stylesheets and data files copied beside, and migrations/ and
 * node_modules/ linked (relatively) where the code looks for them beside src/. Used by
 * `npm start` (scripts/start.mjs) and by the test runner (scripts/build-for-tests.ts); plain
 * JavaScript so that starting needs no TypeScript.
 */
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

export async function compileTree({ root, dirs, out, sourcemap, skip = () => false }) {
  // Loaded only to compile: most starts do not.
  const { build } = await import('esbuild');
  const typescript = [];
  const others = [];
  for (const dir of dirs) {
    for (const name of fs.readdirSync(path.join(root, dir), { recursive: true }).map(String)) {
      const file = path.join(root, dir, name);
      if (!fs.statSync(file).isFile() || skip(file)) continue;
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
    sourcemap,
    logLevel: 'warning',
  });
  for (const file of others) {
    const copy = path.join(out, path.relative(root, file));
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.copyFileSync(file, copy);
  }
  for (const name of ['migrations', 'node_modules'])
    fs.symlinkSync(path.relative(out, path.join(root, name)), path.join(out, name));
}
