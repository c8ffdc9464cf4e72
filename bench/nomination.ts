/**
 * The nomination ranking under load (issue 5; IAG-07, IAG-10, IAG-29): one group of 10,000
 * current advisors with fourteen months of deployments behind them, and the one query the
 * deployment contact's page runs to rank them. PostgreSQL times it itself (EXPLAIN ANALYZE),
 * many times over; the budget is 10 ms of database time.
 *
 *   npm run bench:nomination                 # a fresh database on 127.0.0.1:5432
 *   npm run bench:nomination -- --advisors 2000 --url postgres://postgres@host:5432/postgres
 *
 * The data is made in bulk SQL and is the same on every run (no randomness but the row number).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { eq } from 'drizzle-orm';
import { testConfig } from '../src/app.js';
import { adviceRequests } from '../src/modules/advice/schema.js';
import { advisoryGroups } from '../src/modules/groups/schema.js';
import { openDatabase } from '../src/platform/db/database.js';
import { prepareDatabase } from '../src/startup.js';
import { freshDatabase } from './support/database.js';
import { RANKING_BUDGET_MS, timeRankingQuery } from './support/ranking.js';

const BUDGET_MS = RANKING_BUDGET_MS;

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    advisors: { type: 'string', default: '10000' },
    deployments: { type: 'string', default: '40000' },
    runs: { type: 'string', default: '50' },
  },
});
const advisors = Number(args.advisors);
const deploymentCount = Number(args.deployments);
const runs = Number(args.runs);
const benchDb = 'bridge_bench_nomination';

async function main() {
  const url = await freshDatabase(args.url!, benchDb);
  const database = await openDatabase({ url });
  const config = testConfig({ demo: false });
  await prepareDatabase(database, config);
  const db = database.db;
  const client = new pg.Client({ connectionString: url });
  await client.connect();

  const started = Date.now();
  const [race] = await db
    .select({ id: advisoryGroups.id })
    .from(advisoryGroups)
    .where(eq(advisoryGroups.code, 'iag-race'));
  const groupId = race!.id;
  // Everything in bulk: people, memberships, experience, clearances, unavailable days, then
  // past requests each with its deployments spread over the last fourteen months.
  await client.query(
    `
    begin;
    insert into users (email, display_name, password_hash)
      values ('bench.requester@police.example', 'Bench Requester', 'not-a-hash');
    insert into people (full_name, email)
      select 'Advisor ' || lpad(n::text, 5, '0'), 'advisor' || n || '@bench.example'
      from generate_series(1, $1::int) n;
    insert into memberships (group_id, person_id, term_number, starts_on, ends_on, status)
      select $2::uuid, p.id, 1, current_date - 700, current_date + 700,
        case when row_number() over (order by p.full_name) % 10 = 0 then 'ended'::membership_status
             else 'current'::membership_status end
      from people p where p.email like '%@bench.example';
    insert into advisor_profiles (person_id, experience, updated_at)
      select p.id,
        (array[
          (enum_range(null::experience_area))[1 + (n % 16)],
          (enum_range(null::experience_area))[1 + ((n * 7) % 16)]
        ])::experience_area[],
        now()
      from (select id, row_number() over (order by full_name) n from people
            where email like '%@bench.example') p;
    insert into clearances (person_id, level, granted_on, expires_on, required_by_id)
      select p.id,
        (array['nppv1','nppv2','nppv3','sc']::clearance_level[])[1 + ((n / 7) % 4)::int],
        current_date - 400, current_date + 600, (select id from organisations limit 1)
      from (select id, row_number() over (order by full_name) n from people
            where email like '%@bench.example') p
      where n % 3 = 0;
    insert into advisor_unavailability (person_id, starts_on, ends_on, created_at)
      select p.id, current_date + (n % 30)::int, current_date + (n % 30)::int + 5, now()
      from (select id, row_number() over (order by full_name) n from people
            where email like '%@bench.example') p
      where n % 10 = 0;
    insert into advice_requests (requested_by, subject, details, serious_or_critical, urgency,
        communities, needed_from, status, submitted_at, advisors_wanted)
      select (select id from users where email = 'bench.requester@police.example'),
        'Past request ' || n, 'Bench', n % 5 = 0,
        (case when n % 4 = 0 then 'urgent' else 'routine' end)::advice_urgency,
        'Bench communities', current_date - (n % 425)::int, 'deployed', now() - ((n % 425) || ' days')::interval,
        10
      from generate_series(1, greatest(1, $3::int / 10)) n;
    insert into deployments (request_id, group_id, person_id, status, deployed_on, nominated_at,
        nomination_reason, arrangement_owner)
      select r.id, $2::uuid, p.id,
        (case when (r.n + k) % 7 = 0 then 'declined' else 'accepted' end)::deployment_status,
        r.needed_from, r.submitted_at, 'Bench', 'coordination_unit'
      from (select id, needed_from, submitted_at, row_number() over (order by submitted_at) n
            from advice_requests where subject like 'Past request %') r
      cross join generate_series(1, 10) k
      join (select id, row_number() over (order by full_name) n from people
            where email like '%@bench.example') p
        on p.n = 1 + ((r.n * 37 + k * 1009) % $1::int);
    commit;
    `
      .replace(/\$1::int/g, String(advisors))
      .replace(/\$2::uuid/g, `'${groupId}'::uuid`)
      .replace(/\$3::int/g, String(deploymentCount)),
  );
  // As autovacuum would leave it: statistics, and the visibility map index-only scans need.
  await client.query('vacuum analyze');
  const [request] = await db
    .insert(adviceRequests)
    .values({
      requestedBy: (
        await client.query(`select id from users where email = 'bench.requester@police.example'`)
      ).rows[0].id,
      subject: 'The request being nominated for',
      details: 'Bench',
      seriousOrCritical: true,
      urgency: 'urgent',
      communities: 'Bench',
      neededFrom: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      clearanceNeeded: 'nppv2',
      experienceNeeded: ['race', 'youth'],
      advisorsWanted: 2,
      status: 'routed',
      submittedAt: new Date(),
    })
    .returning();
  const generated = Date.now() - started;
  const counts = (
    await client.query(`select
      (select count(*) from memberships where group_id = '${groupId}' and status = 'current') as current,
      (select count(*) from deployments) as deployments,
      (select count(*) from deployments where deployed_on >= current_date - interval '12 months'
         and status in ('nominated', 'accepted')) as in_window`)
  ).rows[0];

  const timed = await timeRankingQuery(db, client, request!.id, groupId, runs);
  const { median, p95, plan, rows } = timed;

  const table = [
    `## Nomination ranking (IAG-10): ${advisors.toLocaleString('en-GB')} advisors in one group`,
    '',
    `Machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; PostgreSQL ${(await client.query('show server_version')).rows[0].server_version}.`,
    `Data: ${Number(counts.current).toLocaleString('en-GB')} current members, ${Number(counts.deployments).toLocaleString('en-GB')} deployments (${Number(counts.in_window).toLocaleString('en-GB')} in the 12-month window); made in ${(generated / 1000).toFixed(1)} s.`,
    '',
    '| Measure | Value | Budget | Result |',
    '| --- | --- | --- | --- |',
    `| Database time, median of ${runs} | ${median.toFixed(2)} ms | ≤ ${BUDGET_MS} ms | ${median <= BUDGET_MS ? 'pass' : 'FAIL'} |`,
    `| Database time, 95th percentile | ${p95.toFixed(2)} ms | | |`,
    `| Planning time, median (not cached: each page plans afresh) | ${timed.planningMedian.toFixed(2)} ms | | |`,
    `| Advisors returned (top of the list) | ${rows} | | |`,
    '',
    '```',
    plan,
    '```',
  ].join('\n');
  console.log(table);
  await client.end();
  await database.close();
  // A ranking that finds nobody would time nothing worth knowing.
  if (rows === 0) throw new Error('The generated data left no suitable advisor: fix the generator');
  if (median > BUDGET_MS) process.exitCode = 1;
}

await main();
