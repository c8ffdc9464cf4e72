/**
 * Issue 24 items 7 and 9 (ICV-10, LEG-05): the scheme's statistics for a quarter or a year, read
 * by anyone: each area's and each suite's visits made against target, when they were made, what
 * was missed; from the reports sent, the detainees present and seen, admission delays, and the
 * issues raised and resolved; as a page, as CSV, and a year's annual report as PDF. A planned
 * visit is never counted or shown (ICV-03); a draft report never counts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { mainOf, textOf } from '../html.js';
import { createTestApp, type TestApp } from '../app.js';
import { pdfPages, pdfStructure } from '../pdf-text.js';
import { EXPERIENCED, makePanel, makeSuite, makeVisitor } from '../factories/custody-visiting.js';
import { custodyVisits } from '../../src/modules/custody-visiting/schema.js';
import {
  custodyVisitReportDetainees,
  custodyVisitReports,
} from '../../src/modules/custody-visiting/reports/schema.js';
import { custodyIssues } from '../../src/modules/custody-visiting/follow-up/schema.js';

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: false });
});
after(() => t.close());

const read = (url: string) => t.app.inject({ method: 'GET', url });

/** A panel's area with a weekly suite and a fortnightly one, and two visitors to pair. */
async function twoSuites() {
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
  return { panel, weekly, fortnightly, a: a!, b: b! };
}

/**
 * An area with two suites (weekly and fortnightly) and, in the quarter from 1 July 2026: 12
 * visits made to the first (3 at weekends, 2 in the evening) and one missed; 7 made to the
 * second. In the quarter after: one visit made, and one planned that must never show.
 */
async function areaWithVisits() {
  const { panel, weekly, fortnightly, a, b } = await twoSuites();
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
    /^Quarter starting,Area,Custody suite,Target,Visits made,Percent of target,Visits missed,Weekday day,Weekday evening,Weekend day,Weekend evening,Reports sent,/,
  );
  // No report was sent: no detainees, delays or issues, and no medians or share of nothing.
  // Children and vulnerable people seen are published as "fewer than 10" below ten (DP-01).
  const none = ',0,0,0,0,0,0,0,0,fewer than 10,fewer than 10,0,,,0,0,,';
  assert.ok(lines.includes(`2026-07-01,${panel.area},${weekly.name},13,12,92,1,7,2,3,0${none}`));
  assert.ok(lines.includes(`2026-07-01,${panel.area},All suites,20,19,95,1,14,2,3,0${none}`));
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

/**
 * A year with known answers, in the police-reporting year from 1 April 2025 (which no other test
 * of this file touches): an area with a weekly suite (3 visits made, 1 missed) and a fortnightly
 * one (2 made); four reports sent of visits in the year and, outside it, a draft and a report of
 * 1 April 2026; detainees seen and not; three delayed admissions (10, 25 and 60 minutes); five
 * issues raised, three closed as resolved (in 10, 4 and 30 days), one closed not resolved, one
 * answered.
 */
async function yearWithReports() {
  const { panel, weekly, fortnightly, a, b } = await twoSuites();
  const pair = { panelId: panel.id, firstVisitorId: a!.id, secondVisitorId: b!.id };
  const visit = (suiteId: string, quarterStart: string, visitOn: string, made = true) => ({
    ...pair,
    suiteId,
    quarterStart,
    weekStarting: visitOn,
    status: made ? ('made' as const) : ('missed' as const),
    visitOn: made ? visitOn : null,
    visitMinutes: made ? 600 : null,
  });
  await t.services.db
    .insert(custodyVisits)
    .values([
      visit(weekly.id, '2025-07-01', '2025-07-07'),
      visit(weekly.id, '2025-07-01', '2025-07-14'),
      visit(weekly.id, '2026-01-01', '2026-01-05'),
      visit(weekly.id, '2026-01-01', '2026-01-12', false),
      visit(fortnightly.id, '2025-10-01', '2025-10-06'),
      visit(fortnightly.id, '2025-10-01', '2025-10-20'),
    ]);
  const report = async (
    suiteId: string,
    visitedOn: string,
    times: [string, string],
    detainees: {
      seen?: boolean;
      reason?: 'asleep' | 'interview' | 'declined';
      child?: boolean;
      vulnerable?: boolean;
    }[],
    status: 'submitted' | 'draft' = 'submitted',
  ) => {
    const [row] = await t.services.db
      .insert(custodyVisitReports)
      .values({
        ...pair,
        suiteId,
        visitedOn,
        arrivedAt: times[0],
        admittedAt: times[1],
        delayReason: times[0] === times[1] ? null : 'A disturbance in the custody suite',
        delayAuthorisedBy: times[0] === times[1] ? null : 'Inspector Shah',
        detaineesPresent: detainees.length,
        status,
        submittedAt: status === 'submitted' ? new Date(`${visitedOn}T21:00:00Z`) : null,
        idempotencyKey: randomUUID(),
      })
      .returning({ id: custodyVisitReports.id });
    if (detainees.length)
      await t.services.db.insert(custodyVisitReportDetainees).values(
        detainees.map((d, i) => ({
          reportId: row!.id,
          custodyRecordNumber: `CR${i}`,
          child: d.child ?? false,
          vulnerable: d.vulnerable ?? false,
          consent: d.seen ?? false,
          seen: d.seen ?? false,
          notSeenReason: d.reason ?? null,
          recordChecked: false,
          idempotencyKey: randomUUID(),
        })),
      );
    return { id: row!.id, suiteId };
  };
  const issue = async (
    from: { id: string; suiteId: string },
    raisedOn: string,
    end: { outcome: 'resolved' | 'not_resolved'; closedOn: string } | 'answered',
  ) =>
    t.services.db.insert(custodyIssues).values({
      reportId: from.id,
      suiteId: from.suiteId,
      summary: 'The call bell in cell 4 does not work',
      significant: false,
      raisedAt: new Date(`${raisedOn}T10:00:00Z`),
      raisedOn,
      raisedBy: randomUUID(),
      ...(end === 'answered'
        ? { status: 'answered' as const, response: 'Repair ordered' }
        : {
            status: 'closed' as const,
            response: 'Repaired',
            outcome: end.outcome,
            closeNote: 'Checked at the next visit',
            closedOn: end.closedOn,
            closedAt: new Date(`${end.closedOn}T10:00:00Z`),
          }),
    });
  const first = await report(
    weekly.id,
    '2025-05-10',
    ['19:00', '19:00'],
    [
      { seen: true, child: true },
      { seen: true, vulnerable: true },
      { reason: 'asleep' },
      { reason: 'declined' },
    ],
  );
  const second = await report(
    weekly.id,
    '2025-11-02',
    ['20:00', '20:25'],
    [{ seen: true }, { seen: true }],
  );
  const third = await report(
    fortnightly.id,
    '2026-02-14',
    ['10:00', '10:10'],
    [{ reason: 'interview' }],
  );
  await report(fortnightly.id, '2026-03-31', ['09:00', '10:00'], []);
  // Outside the year, or not sent: never counted.
  const later = await report(weekly.id, '2026-04-01', ['09:00', '09:05'], [{ seen: true }]);
  await report(weekly.id, '2025-06-01', ['09:00', '09:30'], [{ seen: true }], 'draft');
  await issue(first, '2025-05-11', { outcome: 'resolved', closedOn: '2025-05-21' });
  await issue(first, '2025-05-11', { outcome: 'not_resolved', closedOn: '2025-06-01' });
  await issue(second, '2025-11-03', 'answered');
  await issue(third, '2026-02-15', { outcome: 'resolved', closedOn: '2026-02-19' });
  await issue(third, '2026-02-15', { outcome: 'resolved', closedOn: '2026-03-17' });
  await issue(later, '2026-04-02', { outcome: 'resolved', closedOn: '2026-04-03' });
  return { panel, weekly, fortnightly };
}

test('ICV-04, ICV-05, ICV-08, ICV-10, LEG-05: a year shows its visits against target, the detainees seen, admission delays and issues resolved, by area and by suite; the CSV and the annual report PDF give the same figures', async () => {
  const { panel, weekly, fortnightly } = await yearWithReports();
  const res = await read(
    `/custody-visiting/statistics?year=2025-04-01&area=${encodeURIComponent(panel.area)}`,
  );
  assert.equal(res.statusCode, 200);
  const page = textOf(mainOf(res.body));
  assert.match(page, /2025 to 2026 The police-reporting year, 1 April 2025 to 31 March 2026\./);
  // A year's target is its quarters' added up: 13 × 4 weekly, 7 × 4 fortnightly; 5 made, 1 missed.
  assert.match(page, new RegExp(`${panel.area} 80 5 6% Short 1 5 0 0 0`));
  assert.match(page, new RegExp(`${weekly.name} 52 3 6% 1`));
  // Reports 4, detainees present 7, seen 4, not seen 3, a child and a vulnerable person seen
  // (published as fewer than 10, DP-01); 3 delays, median 25 minutes, longest 60.
  assert.match(page, new RegExp(`${panel.area} 4 7 4 3 fewer than 10 fewer than 10 3 25 60`));
  // Not seen: 1 asleep, 1 in interview, none with a solicitor, 1 declined, none for safety.
  assert.match(page, new RegExp(`${panel.area} 1 1 0 1 0`));
  // Issues: 5 raised, 3 resolved (60%), in a median of 10 days.
  assert.match(page, new RegExp(`${panel.area} 5 3 60% 10`));
  assert.match(page, /5 issues raised from visit reports; 3 closed as resolved \(60%\)\./);
  // Each suite: its delays' median (25; 10 and 60 give 35) and its issues' (10; 4 and 30 give 17).
  assert.match(page, new RegExp(`Detainees, delays and issues in ${panel.area}, suite by suite`));
  const few = 'fewer than 10 fewer than 10';
  assert.match(page, new RegExp(`${weekly.name} 2 6 4 2 ${few} 1 25 25 3 1 33% 10`));
  assert.match(page, new RegExp(`${fortnightly.name} 2 1 0 1 ${few} 2 35 60 2 2 100% 17`));
  // No other test reports in this year: the scheme's total is this area's.
  assert.match(page, /All areas 4 7 4 3 fewer than 10 fewer than 10 3 25 60/);
  assert.match(page, /All areas 5 3 60% 10/);
  assert.match(page, /Annual report 2025 to 2026 \(PDF\)/);
  assert.match(
    res.body,
    /href="\/custody-visiting\/statistics\/annual-report\.pdf\?year=2025-04-01"/,
  );
  assert.match(res.body, /<svg class="app-chart"[^>]*aria-labelledby="issues-chart-title/);

  // The year's first quarter: only the report of 10 May (the draft of 1 June never counts).
  const quarter = textOf(
    mainOf(
      (
        await read(
          `/custody-visiting/statistics?quarter=2025-04-01&area=${encodeURIComponent(panel.area)}`,
        )
      ).body,
    ),
  );
  assert.match(
    quarter,
    new RegExp(`${panel.area} 1 4 2 2 fewer than 10 fewer than 10 0 None None`),
  );
  assert.match(quarter, new RegExp(`${panel.area} 2 1 50% 10`));

  const csv = await read('/custody-visiting/statistics.csv?year=2025-04-01');
  assert.equal(csv.statusCode, 200);
  const lines = csv.body.split(/\r?\n/);
  assert.equal(
    lines[0],
    'Year starting,Area,Custody suite,Target,Visits made,Percent of target,Visits missed,Weekday day,Weekday evening,Weekend day,Weekend evening,Reports sent,Detainees present,Detainees seen,"Not seen, asleep","Not seen, in interview","Not seen, with a solicitor","Not seen, declined","Not seen, safety",Children seen,Vulnerable people seen,Admissions delayed,Median delay minutes,Longest delay minutes,Issues raised,Issues resolved,Percent resolved,Median days to resolve',
  );
  assert.ok(
    lines.includes(
      `2025-04-01,${panel.area},${weekly.name},52,3,6,1,3,0,0,0,2,6,4,1,0,0,1,0,fewer than 10,fewer than 10,1,25,25,3,1,33,10`,
    ),
  );
  assert.ok(
    lines.includes(
      `2025-04-01,${panel.area},All suites,80,5,6,1,5,0,0,0,4,7,4,1,1,0,1,0,fewer than 10,fewer than 10,3,25,60,5,3,60,10`,
    ),
  );

  const pdf = await read('/custody-visiting/statistics/annual-report.pdf?year=2025-04-01');
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  const text = (await pdfPages(pdf.rawPayload))
    .flat()
    .map((l) => l.text)
    .join(' ');
  assert.match(
    text,
    /^Custody visiting annual report 2025 to 2026\. 1 April 2025 to 31 March 2026 The scheme’s totals/,
  );
  for (const line of [
    'Visits made 5',
    'Visits missed 1',
    'Reports sent 4',
    'Detainees present 7',
    'Detainees seen 4',
    'Children seen fewer than 10',
    'Vulnerable people seen fewer than 10',
    'Admissions delayed 3',
    'Median admission delay (minutes) 25',
    'Longest admission delay (minutes) 60',
    'Issues raised 5',
    'Issues resolved 3',
    'Share of issues resolved 60%',
    'Median days to resolve an issue 10',
    `${panel.area} 80 5 6% 4 4 3`,
    `${panel.area} 5 3 60% 10`,
    '5 issues raised from visit reports; 3 closed as resolved (60%).',
  ])
    assert.ok(text.includes(line), `the annual report says "${line}"`);
  // Tagged, so a screen reader follows its headings and tables; repeated header rows are not.
  const [structure] = await pdfStructure(pdf.rawPayload);
  for (const path of [
    'Document/H1',
    'Document/P',
    'Document/H2',
    'Document/Table/TR/TH',
    'Document/Table/TR/TD',
  ])
    assert.ok(structure!.includes(path), `the annual report is tagged ${path}`);
});

test('ICV-10: a year not offered is refused by its field, on the page and for the annual report', async () => {
  const refused = await read('/custody-visiting/statistics?year=2025-01-01');
  assert.equal(refused.statusCode, 400);
  assert.match(textOf(mainOf(refused.body)), /There is a problem Choose a year from the list/);
  assert.match(refused.body, /href="#year"/);
  assert.equal((await read('/custody-visiting/statistics?year=2019-04-01')).statusCode, 400);
  const pdf = await read('/custody-visiting/statistics/annual-report.pdf?year=2019-04-01');
  assert.equal(pdf.statusCode, 400);
  assert.equal((await read('/custody-visiting/statistics/annual-report.pdf')).statusCode, 400);
});

test('ICV-07, ICV-10: the kept statistics move on as soon as a report is sent', async () => {
  const panel = await makePanel(t);
  const suite = await makeSuite(t, { area: panel.area });
  const [a, b] = await Promise.all([
    makeVisitor(t, panel, { stage: EXPERIENCED, inducted: true }),
    makeVisitor(t, panel, { stage: EXPERIENCED, inducted: true }),
  ]);
  const [draft] = await t.services.db
    .insert(custodyVisitReports)
    .values({
      panelId: panel.id,
      suiteId: suite.id,
      firstVisitorId: a!.id,
      secondVisitorId: b!.id,
      visitedOn: '2024-06-03',
      arrivedAt: '18:00',
      admittedAt: '18:20',
      delayReason: 'A fight in the charge room',
      delayAuthorisedBy: 'Inspector Shah',
      detaineesPresent: 3,
      idempotencyKey: randomUUID(),
    })
    .returning({ id: custodyVisitReports.id });
  const url = `/custody-visiting/statistics?year=2024-04-01&area=${encodeURIComponent(panel.area)}`;
  assert.match(
    textOf(mainOf((await read(url)).body)),
    new RegExp(`${panel.area} 0 0 0 0 fewer than 10 fewer than 10 0 None None`),
  );
  await t.services.db
    .update(custodyVisitReports)
    .set({ status: 'submitted', submittedAt: new Date('2024-06-03T21:00:00Z') })
    .where(eq(custodyVisitReports.id, draft!.id));
  assert.match(
    textOf(mainOf((await read(url)).body)),
    new RegExp(`${panel.area} 1 3 0 0 fewer than 10 fewer than 10 1 20 20`),
  );
});
