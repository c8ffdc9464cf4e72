/**
 * Module boundaries (ADR 0014), checked by `npm run lint:deps` as part of `npm test`.
 * - No import cycles.
 * - The platform imports no module: it asks modules through src/platform/modules.ts.
 * - A module reaches another only through that module's index.ts (its public face), never its
 *   services, rules or tables. The one exception (ADR 0014): a schema.ts (the module's own or a
 *   sub-capability's) may name another
 *   module's table or enum for a foreign key, and nothing else of it.
 * - Code outside the modules (app.ts, start-up, demo data) uses their faces too.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle: the files cannot be understood, built or tested apart.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'platform-imports-no-module',
      severity: 'error',
      comment: 'The platform serves every module and names none (ADR 0014).',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules/|app\\.ts$|server\\.ts$|startup\\.ts$|demo/)' },
    },
    {
      name: 'module-internals',
      severity: 'error',
      comment:
        "A module reaches another only through its index.ts; another module's services, rules and tables are its own (ADR 0014).",
      from: {
        path: '^src/modules/([^/]+)/',
        pathNot: ['^src/modules/[^/]+/schema\\.ts$', '^src/modules/[^/]+/[^/]+/schema\\.ts$'],
      },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'schema-names-only-tables',
      severity: 'error',
      comment:
        "A schema.ts may name another module's table for a foreign key (its schema.ts), nothing else (ADR 0014).",
      // The module's own schema.ts, or a sub-capability's (consultation/consultees/schema.ts).
      from: { path: '^src/modules/([^/]+)/(schema\\.ts|[^/]+/schema\\.ts)$' },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(schema|index)\\.ts$'],
      },
    },
    {
      name: 'outside-uses-faces',
      severity: 'error',
      comment: 'app.ts, start-up and the demo data use a module through its index.ts (ADR 0014).',
      from: { path: '^src/[^/]+\\.ts$|^src/demo/' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
