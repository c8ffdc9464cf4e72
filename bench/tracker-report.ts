/**
 * The committee's progress report for a large source (issue 7): 200 recommendations, each with
 * two key points of five actions (2,000 actions), with a year of updates behind them. Times the
 * report as the committee reads it, through the whole server (page, CSV and PDF), many times
 * over; the budget is under a second for the page.
 *
 *   npm run bench:tracker-report                  # a fresh database on 127.0.0.1:5432
 *   npm run bench:tracker-report -- --pglite      # the embedded database instead
 *   npm run bench:tracker-report -- --url postgres://postgres@host:5432/postgres --runs 20
 *
 * The source goes in through the same CSV import a manager uses; the data is the same every run.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { testConfig } from '../src/app.js';
import { openDatabase } from '../src/platform/db/database.js';
import { prepareDatabase } from '../src/startup.js';
import { TRACKER_CSV_COLUMNS } from '../src/modules/tracker/transfer/csv.js';
import { signIn } from '../test/app.js';
import { DEMO_ACCOUNTS } from '../src/demo/demo-data.js';
import { freshDatabase } from './support/database.js';

const BUDGET_MS = 1000;
const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    pglite: { type: 'boolean', default: false },
    recommendations: { type: 'string', default: '200' },
    runs: { type: 'string', default: '20' },
  },
});
const recommendationCount = Number(args.recommendations);
const runs = Number(args.runs);
const benchDb = 'bridge_bench_tracker';

/** The source as a manager would import it: every column filled as a real report fills it. */
function sourceCsv(): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = [TRACKER_CSV_COLUMNS.join(',')];
  const results = ['completed', 'ongoing', 'awaits'] as const;
  for (let r = 1; r <= recommendationCount; r++)
    for (let k = 1; k <= 2; k++)
      for (let a = 1; a <= 5; a++) {
        const result = results[(r + k + a) % 3]!;
        const row: Record<string, string> = {
          recommendation: k === 1 && a === 1 ? String(r) : '',
          recommendation_text:
            k === 1 && a === 1
              ? `Recommendation ${r}: the police service should review how it works with partners in every borough, and report on progress to the committee each quarter, with the evidence.`
              : '',
          key_point: a === 1 ? `Key point ${r}.${k}: arrangements agreed and in place` : '',
          action: `Action ${r}.${k}.${a}: agree the arrangements with the partners and record them`,
          action_owner: a % 2 ? 'human-resources' : '',
          due_on: `2026-${String(1 + ((r + a) % 12)).padStart(2, '0')}-15`,
          result,
          completed_on: result === 'completed' ? '2026-03-31' : '',
          narrative: `Progress so far: ${'meetings held with the partners, notes agreed and circulated; '.repeat(3)}next steps agreed.`,
        };
        if (rows.length === 1)
          Object.assign(row, {
            source_title: 'Bench scrutiny',
            source_kind: 'scrutiny',
            source_reports_to: 'Bench Committee',
          });
        rows.push(TRACKER_CSV_COLUMNS.map((c) => cell(row[c] ?? '')).join(','));
      }
  return rows.join('\n');
}

async function openBenchDatabase() {
  if (args.pglite) return openDatabase({});
  return openDatabase({ url: await freshDatabase(args.url!, benchDb) });
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
  const database = await openBenchDatabase();
  const config = testConfig({ demo: true });
  await prepareDatabase(database, config);
  const { app } = await buildApp({ config, database, mailTransport: null });
  await app.ready();
  const officer = DEMO_ACCOUNTS.find((a) => a.role === 'authority_officer')!;
  const agent = await signIn(app, officer.email);
  const csv = sourceCsv();
  const imported = await agent.postFile(
    '/tracker/import',
    {},
    { field: 'file', name: 'bench.csv', bytes: Buffer.from(csv), type: 'text/csv' },
  );
  if (imported.statusCode !== 303) throw new Error(`import failed: ${imported.body.slice(0, 500)}`);
  const source = imported.headers.location!;
  // Progress since: a second update on the first action of every key point, so the report
  // reads each action's latest state out of its history, as it does in use.
  await database.db.execute(sql`
    insert into tracker_updates
      (action_id, recommendation_id, source_id, kind, recorded_at, author_label, result, narrative)
    select id, recommendation_id, source_id, 'progress', clock_timestamp(),
      'Bench', 'ongoing', 'Later progress recorded'
    from tracker_actions where position = 1`);
  const results: Record<string, number[]> = { page: [], csv: [], pdf: [] };
  for (let i = 0; i < runs; i++)
    for (const [name, suffix] of [
      ['page', '/report'],
      ['csv', '/report.csv'],
      ['pdf', '/report.pdf'],
    ] as const) {
      const started = performance.now();
      const response = await agent.get(`${source}${suffix}`);
      results[name]!.push(performance.now() - started);
      if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode}`);
    }
  const page = median(results.page!);
  console.log(
    [
      `# Tracker report: ${recommendationCount} recommendations, ${recommendationCount * 10} actions`,
      '',
      `Database: ${args.pglite ? 'PGlite (embedded)' : 'PostgreSQL'}; ${runs} runs each; ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}`,
      '',
      '| report | median ms | slowest ms |',
      '|---|---:|---:|',
      ...Object.entries(results).map(
        ([name, times]) =>
          `| ${name} | ${median(times).toFixed(0)} | ${Math.max(...times).toFixed(0)} |`,
      ),
      '',
      `Budget: the page under ${BUDGET_MS} ms: ${page < BUDGET_MS ? 'met' : 'NOT met'} (median ${page.toFixed(0)} ms)`,
    ].join('\n'),
  );
  await app.close();
  await database.close();
}

await main();
