/**
 * Issue 21, "Must show": the figures on every list page of the recommendations tracker, read off
 * the page as a person reads them and compared with counts made here, directly in the database.
 *
 * The lists of this module and what each shows:
 *   /tracker (staff)                        caption "N sources"; per source actions, completed
 *                                           (with %) and overdue
 *   /recommendations (public)               caption "N sources"; per published source
 *                                           "completed of total"
 *   /tracker/dashboard                      "Overdue actions: N", "Actions without an owner: N";
 *                                           per source actions and completed (with %)
 *   /tracker/my-actions                     caption "N actions" the reader's unit owns
 *   /tracker/sources/:id                    "N recommendations; N actions: N completed, …"
 *   /tracker/sources/:id/report             actions by result, "Every action", "N of N … have
 *                                           every action completed"
 * Two sources are imported here with different figures (4 actions, 1 completed, 1 overdue;
 * 2 actions, both completed), so a figure that is zeroed or swapped fails.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/database.js';
import { Agent, createTestApp, principalFor, type TestApp } from '../app.js';
import { makeAccount, signInAccount } from '../factories/accounts.js';
import { makeTrackerSource, organisationIdByCode } from '../factories/tracker.js';
import {
  mainOf,
  numberOf,
  paginationOf,
  rowOf,
  rowRecords,
  tableOf,
  tablesOf,
  textOf,
} from '../html.js';

let t: TestApp;
let officer: Agent;
const source: Record<'camden' | 'panel', string> = { camden: '', panel: '' };
const TITLES = {
  camden: 'Figures Board scrutiny of Camden',
  panel: 'Figures Panel review of stop and search',
};
const TODAY = '2026-11-23';

before(async () => {
  // No demo data: the file makes the sources and people it reads. Camden is reference data.
  t = await createTestApp({ demo: false });
  officer = await signInAccount(t, await makeAccount(t, { role: 'authority_officer' }));
  // Camden: 4 actions; one completed, one overdue (due 31 October), one not yet due, one that
  // awaits something else and has no owner.
  source.camden = await makeTrackerSource(t, [
    {
      source_title: TITLES.camden,
      source_kind: 'borough_scrutiny',
      source_monitored_by: 'Hate Crime Board',
      source_reports_to: 'Communities Equalities and People Committee',
      source_public: 'yes',
      recommendation: '1',
      recommendation_text: 'Camden should record every referral',
      key_point: 'Referrals recorded',
      action: 'Set up a referral log',
      action_owner: 'E09000007',
      due_on: '2026-10-31',
      result: 'ongoing',
    },
    {
      recommendation: '1',
      key_point: 'Referrals recorded',
      action: 'Train the front desk',
      action_owner: 'E09000007',
      result: 'completed',
      completed_on: '2026-09-01',
    },
    {
      recommendation: '1',
      key_point: 'Referrals recorded',
      action: 'Review the log',
      action_owner: 'E09000007',
      due_on: '2027-01-31',
      result: 'ongoing',
    },
    {
      recommendation: '2',
      recommendation_text: 'Publish the findings',
      key_point: 'Findings published',
      action: 'Publish on the website',
      result: 'awaits',
    },
  ]);
  source.panel = await makeTrackerSource(t, [
    {
      source_title: TITLES.panel,
      source_kind: 'review',
      source_monitored_by: 'Stop and Search Panel',
      source_public: 'yes',
      recommendation: '1',
      recommendation_text: 'Record every stop',
      key_point: 'Stops recorded',
      action: 'Issue body-worn video',
      action_owner: 'E09000007',
      result: 'completed',
      completed_on: '2026-08-01',
    },
    {
      recommendation: '1',
      key_point: 'Stops recorded',
      action: 'Audit the records',
      action_owner: 'E09000007',
      result: 'completed',
      completed_on: '2026-08-02',
    },
  ]);
});
after(() => t.close());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return queryRows<T>(t.services.db, query);
}

/** Per source: every action, the completed ones, and the overdue ones (on accepted recommendations). */
function sourceFigures() {
  return rows<{ id: string; title: string; total: number; completed: number; overdue: number }>(
    sql`select s.id, s.title, count(a.id)::int as total,
          (count(a.id) filter (where a.result = 'completed'))::int as completed,
          (count(a.id) filter (where a.result <> 'completed' and a.due_on < ${TODAY}
             and exists (select 1 from tracker_recommendations r where r.id = a.recommendation_id and r.status = 'accepted')))::int as overdue
        from tracker_sources s left join tracker_actions a on a.source_id = s.id
        group by s.id, s.title`,
  );
}

const percent = (completed: number, total: number) => Math.round((100 * completed) / total);

test('must show: the tracker list shows each source its actions, completed and overdue, as the database holds them', async () => {
  const page = await officer.get('/tracker');
  assert.equal(page.statusCode, 200);
  const table = tableOf(page.body, /Overdue/);
  const figures = await sourceFigures();
  assert.equal(table.caption, `${figures.length} ${figures.length === 1 ? 'source' : 'sources'}`);
  assert.equal(table.rows.length, Math.min(25, figures.length));
  if (figures.length > 25)
    assert.deepEqual(paginationOf(page.body), { from: 1, to: 25, total: figures.length });
  const camden = figures.find((f) => f.id === source.camden)!;
  const panel = figures.find((f) => f.id === source.panel)!;
  assert.deepEqual(
    [camden, panel].map((f) => [f.total, f.completed, f.overdue]),
    [
      [4, 1, 1],
      [2, 2, 0],
    ],
    'the data is as made',
  );
  for (const record of rowRecords(table)) {
    const f = figures.find((x) => record.Source!.startsWith(x.title));
    assert.ok(f, `${record.Source} is a source`);
    assert.equal(numberOf(record.Actions!), f.total, `actions of ${f.title}`);
    assert.equal(
      record.Completed,
      f.total ? `${f.completed} (${percent(f.completed, f.total)}%)` : String(f.completed),
      `completed of ${f.title}`,
    );
    assert.equal(numberOf(record.Overdue!), f.overdue, `overdue of ${f.title}`);
  }
});

test('must show: the public list of recommendations shows each published source "completed of total"', async () => {
  const page = await new Agent(t.app).get('/recommendations');
  assert.equal(page.statusCode, 200);
  const table = tableOf(page.body, /Actions completed/);
  const published = await rows<{ title: string; total: number; completed: number }>(
    sql`select s.title, count(a.id)::int as total,
          (count(a.id) filter (where a.result = 'completed'))::int as completed
        from tracker_sources s left join tracker_actions a on a.source_id = s.id
        where s.is_public group by s.id, s.title`,
  );
  assert.equal(
    table.caption,
    `${published.length} ${published.length === 1 ? 'source' : 'sources'}`,
  );
  assert.equal(table.rows.length, Math.min(25, published.length));
  for (const key of ['camden', 'panel'] as const) {
    const p = published.find((x) => x.title === TITLES[key])!;
    assert.equal(rowOf(table, TITLES[key])['Actions completed'], `${p.completed} of ${p.total}`);
  }
});

test('must show: the dashboard counts overdue actions, actions without an owner, and each source its completion', async () => {
  const page = await officer.get('/tracker/dashboard');
  assert.equal(page.statusCode, 200);
  const accepted = sql`exists (select 1 from tracker_recommendations r where r.id = a.recommendation_id and r.status = 'accepted')`;
  const [counts] = await rows<{ overdue: number; unowned: number }>(
    sql`select (count(*) filter (where a.due_on < ${TODAY}))::int as overdue,
          (count(*) filter (where not exists (select 1 from tracker_leads l where l.action_id = a.id)))::int as unowned
        from tracker_actions a where a.result <> 'completed' and ${accepted}`,
  );
  assert.ok(counts!.overdue >= 1 && counts!.unowned >= 1);
  const captions = tablesOf(page.body).map((x) => x.caption);
  assert.ok(captions.includes(`Overdue actions: ${counts!.overdue}`), captions.join(' | '));
  assert.ok(
    captions.includes(`Open actions without an owner: ${counts!.unowned}`),
    captions.join(' | '),
  );
  const overdueTable = tablesOf(page.body).find((x) => x.caption.startsWith('Overdue actions'))!;
  assert.equal(overdueTable.rows.length, Math.min(20, counts!.overdue));

  const bySource = await rows<{ title: string; total: number; completed: number }>(
    sql`select s.title, count(a.id)::int as total,
          (count(a.id) filter (where a.result = 'completed'))::int as completed
        from tracker_sources s join tracker_actions a on a.source_id = s.id and ${accepted}
        group by s.id, s.title`,
  );
  const table = tableOf(page.body, /least complete first/);
  assert.equal(table.rows.length, Math.min(20, bySource.length));
  for (const key of ['camden', 'panel'] as const) {
    const s = bySource.find((x) => x.title === TITLES[key])!;
    const shown = rowOf(table, TITLES[key]);
    assert.equal(numberOf(shown.Actions!), s.total);
    assert.equal(shown.Completed, `${s.completed} (${percent(s.completed, s.total)}%)`);
  }
});

test("must show: a partnership officer's actions count every action their borough owns", async () => {
  const account = await makeAccount(t, {
    role: 'partnership_officer',
    scope: { type: 'borough', id: await organisationIdByCode(t, 'E09000007') },
  });
  const partnership = await signInAccount(t, account);
  const page = await partnership.get('/tracker/my-actions');
  assert.equal(page.statusCode, 200);
  const me = await principalFor(t, account.email);
  const boroughs = me.roles
    .filter((g) => g.role === 'partnership_officer' && g.scopeType === 'borough' && g.scopeId)
    .map((g) => g.scopeId!);
  const [expected] = await rows<{ n: number }>(
    sql`with me as (select id, organisation_id from people where user_id = ${me.userId})
        select count(*)::int as n from tracker_actions a
        where exists (select 1 from tracker_leads l where l.action_id = a.id and (
              l.person_id = (select id from me)
           or l.organisation_id = (select organisation_id from me)
           or l.organisation_id = any(${`{${boroughs.join(',')}}`}::uuid[])
           or l.person_id in (select p.id from people p where p.organisation_id = (select organisation_id from me))))`,
  );
  assert.ok(expected!.n >= 5, 'Camden owns the actions imported here');
  const table = tableOf(page.body, /Result\/timescale/);
  assert.equal(table.caption, `${expected!.n} ${expected!.n === 1 ? 'action' : 'actions'}`);
  assert.equal(table.rows.length, Math.min(25, expected!.n));
  const overdue = table.rows.filter((r) => r[3]!.endsWith('Overdue')).length;
  assert.ok(overdue >= 1, 'the overdue action is marked');
});

test("must show: a source's page and its progress report count its actions by result, as the database holds them", async () => {
  for (const key of ['camden', 'panel'] as const) {
    const byResult = await rows<{ result: string; n: number }>(
      sql`select result::text, count(*)::int as n from tracker_actions where source_id = ${source[key]} group by result`,
    );
    const n = (r: string) => byResult.find((x) => x.result === r)?.n ?? 0;
    const total = byResult.reduce((a, r) => a + r.n, 0);
    const [recs] = await rows<{ n: number; complete: number }>(
      sql`select count(*)::int as n, (count(*) filter (where not exists (select 1 from tracker_actions a
            where a.recommendation_id = r.id and a.result <> 'completed')))::int as complete
          from tracker_recommendations r where r.source_id = ${source[key]}`,
    );
    const page = await officer.get(`/tracker/sources/${source[key]}`);
    assert.equal(page.statusCode, 200);
    const text = textOf(mainOf(page.body));
    assert.match(
      text,
      new RegExp(
        `${recs!.n} recommendations?; ${total} actions?: ${n('completed')} completed, ${n('ongoing')} ongoing`,
      ),
    );
    const report = await officer.get(`/tracker/sources/${source[key]}/report?date=${TODAY}`);
    assert.equal(report.statusCode, 200);
    const summary = tableOf(report.body, /Actions by result/);
    const shown = Object.fromEntries(summary.rows.map((r) => [r[0], numberOf(r[1]!)]));
    assert.equal(shown['Every action'], total, `every action of ${key}`);
    assert.equal(shown.Completed ?? 0, n('completed'), `completed of ${key}`);
    assert.equal(shown.Ongoing ?? 0, n('ongoing'), `ongoing of ${key}`);
    assert.match(
      textOf(mainOf(report.body)),
      new RegExp(`${recs!.complete} of ${recs!.n} recommendations? have every action completed`),
    );
  }
});
