/**
 * Issue 24 items 7 and 9 (ICV-10, LEG-05): the scheme's statistics for a quarter, read by
 * anyone: each area's and each suite's visits made against target, when they were made, what
 * was missed; as a page and as CSV. A planned visit is never counted or shown (ICV-03).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { mainOf, textOf } from '../html.js';
import { createTestApp, type TestApp } from '../app.js';
import { EXPERIENCED, makePanel, makeSuite, makeVisitor } from '../factories/custody-visiting.js';
import { custodyVisits } from '../../src/modules/custody-visiting/schema.js';

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: false });
});
after(() => t.close());

const read = (url: string) => t.app.inject({ method: 'GET', url });

/**
 * An area with two suites (weekly and fortnightly) and, in the quarter from 1 July 2026: 12
 * visits made to the first (3 at weekends, 2 in the evening) and one missed; 7 made to the
 * second. In the quarter after: one visit made, and one planned that must never show.
 */
async function areaWithVisits() {
  const panel = await makePanel(t);
  const weekly = await makeSuite(t, { area: panel.area, name: `Holborn ${panel.area}` });
  const fortnightly = await makeSuite(t, {
    area: panel.area,
    name: `Kentish Town ${panel.area}`,
    targetVisitsPerWeek: 0.5,
  });
  const [a, b] = await Promise.all([
    makeVisitor(t, panel, { stage: EXPERIENCED, inducted: true }),
    makeVisitor(t, panel, { stage: EXPERIENCED, inducted: true }),
  ]);
  const visit = (
    suiteId: string,
    weekStarting: string,
    status: 'made' | 'missed' | 'planned',
    visitOn: string | null = null,
    visitMinutes: number | null = null,
  ) => ({
    panelId: panel.id,
    suiteId,
    quarterStart: weekStarting < '2026-10-01' ? '2026-07-01' : '2026-10-01',
    weekStarting,
    firstVisitorId: a!.id,
    secondVisitorId: b!.id,
    status,
    visitOn,
    visitMinutes,
  });
  const mondays = Array.from({ length: 13 }, (_, i) =>
    new Date(Date.UTC(2026, 6, 6 + 7 * i)).toISOString().slice(0, 10),
  );
  const rows = [
    // Weekday daytime (Tuesday 10am) but for three Saturday afternoons and two weekday evenings.
    ...mondays.slice(0, 12).map((monday, i) => {
      const [y, m, d] = monday.split('-').map(Number) as [number, number, number];
      const day = (offset: number) =>
        new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
      if (i < 3) return visit(weekly.id, monday, 'made', day(5), 14 * 60);
      if (i < 5) return visit(weekly.id, monday, 'made', day(1), 20 * 60);
      return visit(weekly.id, monday, 'made', day(1), 10 * 60);
    }),
    visit(weekly.id, mondays[12]!, 'missed'),
    ...mondays.slice(0, 7).map((monday) => visit(fortnightly.id, monday, 'made', monday, 11 * 60)),
    visit(weekly.id, '2026-10-05', 'made', '2026-10-06', 10 * 60),
    visit(weekly.id, '2026-11-30', 'planned', '2026-12-02', 9 * 60),
  ];
  await t.services.db.insert(custodyVisits).values(rows);
  return { panel, weekly, fortnightly };
}

test('ICV-10: a quarter shows each area against its target, and an area its suites, with when visits were made and what was missed', async () => {
  const { panel, weekly, fortnightly } = await areaWithVisits();
  const res = await read(
    `/custody-visiting/statistics?quarter=2026-07-01&area=${encodeURIComponent(panel.area)}`,
  );
  assert.equal(res.statusCode, 200);
  const page = textOf(mainOf(res.body));
  assert.match(page, /1 July 2026 to 30 September 2026/);
  // The area: target 13 + 7, made 12 + 7 (95%), one missed; 3 weekend days, 2 weekday evenings.
  assert.match(page, new RegExp(`${panel.area} 20 19 95% Short 1 14 2 3 0`));
  assert.match(page, new RegExp(`The custody suites of ${panel.area}`));
  assert.match(page, new RegExp(`${weekly.name} 13 12 92% 1 7 2 3 0`));
  assert.match(page, new RegExp(`${fortnightly.name} 7 7 100% 0 7 0 0 0`));
  assert.match(page, /Download these figures as CSV/);
  assert.match(res.body, /<svg class="app-chart"[^>]*role="img"/);
});

test('ICV-03, ICV-10: a quarter not over counts the visits made so far and never a planned one', async () => {
  const { panel } = await areaWithVisits();
  const page = textOf(
    mainOf(
      (
        await read(
          `/custody-visiting/statistics?quarter=2026-10-01&area=${encodeURIComponent(panel.area)}`,
        )
      ).body,
    ),
  );
  assert.match(page, /This quarter is not over/);
  // 13 + 7 is the target; one visit made; the planned one is neither made nor missed.
  assert.match(page, new RegExp(`${panel.area} 20 1 5% Short 0 1 0 0 0`));
});

test('LEG-05: the figures download as CSV, a row a suite and a total an area', async () => {
  const { panel, weekly } = await areaWithVisits();
  const res = await read('/custody-visiting/statistics.csv?quarter=2026-07-01');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /text\/csv/);
  const lines = res.body.split(/\r?\n/);
  assert.match(
    lines[0]!,
    /Quarter starting,Area,Custody suite,Target,Visits made,Percent of target,Visits missed,Weekday day,Weekday evening,Weekend day,Weekend evening/,
  );
  assert.ok(lines.includes(`2026-07-01,${panel.area},${weekly.name},13,12,92,1,7,2,3,0`));
  assert.ok(lines.includes(`2026-07-01,${panel.area},All suites,20,19,95,1,14,2,3,0`));
  assert.match(lines.filter(Boolean).at(-1)!, /^2026-07-01,All areas,All suites,/);
});

test('ICV-10: the statistics open on the last whole quarter; a quarter not offered is refused by its field, and nothing else is shown', async () => {
  const opened = textOf(mainOf((await read('/custody-visiting/statistics')).body));
  assert.match(opened, /1 July 2026 to 30 September 2026/);
  const refused = await read('/custody-visiting/statistics?quarter=1999-01-01');
  assert.equal(refused.statusCode, 400);
  const page = textOf(mainOf(refused.body));
  assert.match(page, /There is a problem Choose a quarter from the list/);
  assert.doesNotMatch(page, /visits made against a target/);
});

test('ICV-10: the kept statistics move on as soon as a visit is recorded', async () => {
  const { panel, weekly } = await areaWithVisits();
  const url = `/custody-visiting/statistics?quarter=2026-07-01&area=${encodeURIComponent(panel.area)}`;
  assert.match(textOf(mainOf((await read(url)).body)), new RegExp(`${weekly.name} 13 12 92%`));
  const [visit] = await t.services.db
    .select()
    .from(custodyVisits)
    .where(eq(custodyVisits.suiteId, weekly.id))
    .limit(1);
  await t.services.db.insert(custodyVisits).values({
    ...visit!,
    id: undefined,
    weekStarting: '2026-09-28',
    visitOn: '2026-09-29',
    visitMinutes: 600,
    status: 'made',
  });
  assert.match(textOf(mainOf((await read(url)).body)), new RegExp(`${weekly.name} 13 13 100%`));
});
