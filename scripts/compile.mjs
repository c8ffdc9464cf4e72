/**
 * Compiles folders of the project (src/, and test/ for the test runner) to plain JavaScript in
 * `out`, the same layout, with esbuild (the compiler tsx uses, so the code run is the code
 * written): the templates, stylesheets and data files copied beside, and migrations/ and
 * node_modules/ linked (relatively) where the code looks for them beside src/. Used by
 * `npm start` (scripts/start.mjs) and by the test runner (scripts/build-for-tests.ts); plain
 * JavaScript so that starting needs no TypeScript. With `typescript: false` it only copies and
 * links, for a build whose code is bundled (bundleServer).
 */
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

export async function compileTree({
  root,
  dirs,
  out,
  sourcemap,
  skip = () => false,
  typescript = true,
}) {
  // Loaded only to compile: most starts do not.
  const { build } = await import('esbuild');
  const sources = [];
  const others = [];
  for (const dir of dirs) {
    for (const name of fs.readdirSync(path.join(root, dir), { recursive: true }).map(String)) {
      const file = path.join(root, dir, name);
      if (!fs.statSync(file).isFile() || skip(file)) continue;
      (file.endsWith('.ts') ? sources : others).push(file);
    }
  }
  if (typescript)
    await build({
      entryPoints: sources,
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

/**
 * Packages left out of the server's bundle, loaded from node_modules as usual: those that find
 * their own files at run time (PGlite's WebAssembly, pdfkit's fonts, Swagger's package file and
 * Swagger UI's pages, pino's worker threads, nunjucks' optional watcher) and the native argon2.
 */
const UNBUNDLED = [
  '@electric-sql/pglite',
  '@node-rs/argon2',
  '@fastify/swagger',
  '@fastify/swagger-ui',
  'esbuild',
  'nunjucks',
  'pdfkit',
  'pino',
  'pino-pretty',
  'thread-stream',
];

/**
 * Bundles `entry` (a TypeScript file of src/) and the packages it imports into one module at
 * `outFile`, in the src/ folder of a compileTree build: one file to read and compile at start
 * instead of about 1,700, which was most of what a cold start spent loading (ADR 0010). A module
 * of src/ that finds its files beside itself (import.meta.url) is given the address it would
 * have had unbundled, so the templates, data files and migrations that compileTree copied and
 * linked are found where they are.
 */
export async function bundleServer({ root, entry, outFile, sourcemap }) {
  const { build } = await import('esbuild');
  const srcDir = path.join(root, 'src');
  await build({
    entryPoints: [path.join(root, entry)],
    outfile: outFile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node}`,
    external: UNBUNDLED,
    // Bundled CommonJS packages call require(): the bundle's own, made from its address.
    banner: {
      js: "import { createRequire as __bridgeRequire } from 'node:module'; const require = __bridgeRequire(import.meta.url);",
    },
    sourcemap,
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [
      {
        name: 'own-address',
        setup(build) {
          build.onLoad({ filter: /\.ts$/ }, async (args) => {
            if (!args.path.startsWith(srcDir + path.sep)) return undefined;
            const code = await fs.promises.readFile(args.path, 'utf8');
            if (!code.includes('import.meta.url')) return undefined;
            // Where the module would have been compiled to, beside the bundle in out/src/.
            const ownPath = path.relative(srcDir, args.path).replace(/\.ts$/, '.js');
            return {
              contents: code.replaceAll(
                'import.meta.url',
                `new URL(${JSON.stringify(`./${ownPath.split(path.sep).join('/')}`)}, import.meta.url).href`,
              ),
              loader: 'ts',
            };
          });
        },
      },
    ],
  });
}
