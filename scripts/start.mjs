/**
 * `npm start`: Bridge run from JavaScript compiled once into dist/, not through tsx, whose loader
 * costs every start about two seconds of compiling (the cold-start budget is two seconds in all:
 * issue 8, measured with `npm run bench`). Whenever anything under src/ is newer than the last
 * build, it compiles again first (esbuild, well under a second), so an edited or newly checked-out
 * copy never runs stale code. Plain JavaScript, so starting needs no compiler of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const src = path.join(root, 'src');
const out = path.join(root, 'dist');
const stamp = path.join(out, '.built');

/** The latest change under a folder: files, and folders (a file removed changes its folder). */
function latestChange(dir) {
  let latest = fs.statSync(dir).mtimeMs;
  for (const name of fs.readdirSync(dir, { recursive: true })) {
    latest = Math.max(latest, fs.statSync(path.join(dir, name)).mtimeMs);
  }
  return latest;
}

/** Compiles into a folder of its own, then puts it in place, so a start beside it is not broken. */
async function compile() {
  const building = `${out}-building-${process.pid}`;
  const typescript = [];
  const others = [];
  for (const name of fs.readdirSync(src, { recursive: true })) {
    const file = path.join(src, name);
    if (!fs.statSync(file).isFile() || file.endsWith('.test.ts')) continue;
    (file.endsWith('.ts') ? typescript : others).push(file);
  }
  await build({
    entryPoints: typescript,
    outdir: building,
    outbase: root,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node}`,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  for (const file of others) {
    const copy = path.join(building, path.relative(root, file));
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.copyFileSync(file, copy);
  }
  // What the code finds beside src/ by relative path: the migrations and govuk-frontend.
  fs.symlinkSync(path.join(root, 'migrations'), path.join(building, 'migrations'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(building, 'node_modules'));
  fs.writeFileSync(path.join(building, '.built'), new Date().toISOString());
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(building, out);
}

const builtAt = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (latestChange(src) >= builtAt) await compile();
process.setSourceMapsEnabled(true);
await import(path.join(out, 'src/server.js'));
