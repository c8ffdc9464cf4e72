/**
 * `npm start`: Bridge run from JavaScript compiled once, not through tsx, whose loader costs
 * every start about two seconds of compiling (the cold-start budget is two seconds in all:
 * issue 8, measured with `npm run bench`; ADR 0008).
 *
 * `dist` is a link to the build in use, under `.builds/`. A build records a fingerprint of
 * `src/` (every file's path, size and time); when the fingerprint differs, in either direction
 * (an edit, a checkout, a copy that kept older times), it compiles a new build beside the old
 * one and moves the link over in one step, so a server already running keeps its own files and
 * a start beside it never finds half a build. Plain JavaScript, so starting needs no compiler.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { bundleServer, compileTree } from './compile.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const builds = path.join(root, '.builds');
const current = path.join(root, 'dist');
const KEEP_BUILDS = 3;

function fingerprint() {
  const hash = createHash('sha256');
  for (const name of fs.readdirSync(src, { recursive: true }).map(String).sort()) {
    const stat = fs.statSync(path.join(src, name));
    if (stat.isFile()) hash.update(`${name}\t${stat.size}\t${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function builtFingerprint() {
  try {
    return fs.readFileSync(path.join(current, '.fingerprint'), 'utf8');
  } catch {
    return null;
  }
}

async function compile(print) {
  fs.mkdirSync(builds, { recursive: true });
  const out = path.join(builds, `${Date.now()}-${process.pid}`);
  try {
    // The templates and data files beside, then the server and its packages as one module.
    await compileTree({ root, dirs: ['src'], out, typescript: false });
    await bundleServer({
      root,
      entry: 'src/server.ts',
      outFile: path.join(out, 'src/server.js'),
      sourcemap: 'linked',
    });
    fs.writeFileSync(path.join(out, '.fingerprint'), print);
  } catch (error) {
    fs.rmSync(out, { recursive: true, force: true });
    throw error;
  }
  // An older layout kept dist/ as a folder: a link cannot be moved over one.
  if (fs.existsSync(current) && !fs.lstatSync(current).isSymbolicLink())
    fs.rmSync(current, { recursive: true, force: true });
  const next = `${current}-next-${process.pid}`;
  fs.symlinkSync(path.relative(root, out), next);
  fs.renameSync(next, current);
  // The newest few are kept: a server started from one of them may still be running.
  const old = fs.readdirSync(builds).sort().reverse().slice(KEEP_BUILDS);
  for (const name of old) fs.rmSync(path.join(builds, name), { recursive: true, force: true });
}

const print = fingerprint();
if (builtFingerprint() !== print) await compile(print);
process.setSourceMapsEnabled(true);
await import(path.join(current, 'src/server.js'));
