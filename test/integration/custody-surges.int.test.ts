/**
 * Issue 24 item 7 (ICV-10, LEG-05): how each panel tells its community (its coordinator records
 * talks, stalls and articles), recruitment (a visitor recorded as having left, never offered for
 * the rota again), and surges (the scheme manager raises suites' targets for a period; the rota
 * draws to it and the statistics show it), through the pages, with the refusals of everyone
 * else. Each test makes its own panels, suites and visitors.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { and, count, eq, or, sql } from 'drizzle-orm';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import { custodyVisitorApplications } from '../../src/modules/custody-visiting/applications/schema.js';
import { custodyCommunityActivities } from '../../src/modules/custody-visiting/community/schema.js';
import { custodyVisits } from '../../src/modules/custody-visiting/schema.js';
import { quarterOf } from '../../src/modules/custody-visiting/rota-rules.js';
import { custodySurges } from '../../src/modules/custody-visiting/surges/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { addCalendarDays, todayInLondon } from '../../src/platform/calendar/index.js';
import { createTestApp, type Agent, type TestApp } from '../app.js';
import { signInAccount, signInNewAccount } from '../factories/accounts.js';
import {
  EXPERIENCED,
  makeCustodyInspector,
  makeLayVisitor,
  makePanel,
  makePanelCoordinator,
  makeSuite,
  makeVisitor,
} from '../factories/custody-visiting.js';
import { uniqueTag } from '../factories/directory.js';
import { mainOf, rowOf, tableOf, textOf } from '../html.js';
import { pagesText, pdfPages } from '../pdf-text.js';

let t: TestApp;
let manager: Agent;

before(async () => {
  t = await createTestApp();
  manager = await signInNewAccount(t, 'scheme_manager');
});
afterEach(() => t.clock.reset());
after(() => t.close());

const text = (html: string) => textOf(mainOf(html));

const date = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: day!, [`${name}-month`]: month!, [`${name}-year`]: year! };
};

const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;

const activitiesOf = async (panelId: string) =>
  t.services.db
    .select()
    .from(custodyCommunityActivities)
    .where(eq(custodyCommunityActivities.panelId, panelId));

async function panelWithCoordinator() {
  const panel = await makePanel(t);
  const coordinator = await signInAccount(t, await makePanelCoordinator(t, panel));
  return { panel, coordinator };
}

const talk = {
  ...date('heldOn', '2026-11-12'),
  kind: 'talk',
  description: 'Talk to the Kentish Town tenants',
  reached: '40',
};

test('ICV-10: the coordinator records a talk on their panel; the panel page lists it, and it can be changed and removed', async () => {
  const { panel, coordinator } = await panelWithCoordinator();
  const url = `/custody-visiting/panels/${panel.id}/activities/new`;
  assert.match(text((await coordinator.get(url)).body), /Record a community activity/);
  const saved = await coordinator.post(url, talk);
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, `/custody-visiting/panels/${panel.id}#activities`);
  let page = await coordinator.get(`/custody-visiting/panels/${panel.id}`);
  assert.match(text(page.body), /The community activity has been recorded/);
  const table = tableOf(page.body, /activit/);
  const row = rowOf(table, '12 November 2026');
  assert.equal(row['Kind of activity'], 'Talk');
  assert.equal(row.Description, 'Talk to the Kentish Town tenants');
  assert.equal(row['People reached'], '40');

  const [activity] = await activitiesOf(panel.id);
  const edit = `/custody-visiting/activities/${activity!.id}/edit`;
  const form = await coordinator.get(edit);
  assert.match(form.body, />Talk to the Kentish Town tenants<\/textarea>/);
  assert.equal(
    (
      await coordinator.post(edit, {
        ...talk,
        kind: 'stall',
        reached: '',
        version: versionOf(form.body),
      })
    ).statusCode,
    303,
  );
  page = await coordinator.get(`/custody-visiting/panels/${panel.id}`);
  const changed = rowOf(tableOf(page.body, /activit/), '12 November 2026');
  assert.equal(changed['Kind of activity'], 'Stall');
  assert.equal(changed['People reached'], '–');

  // The scheme manager may remove it too.
  const remove = `/custody-visiting/activities/${activity!.id}/remove`;
  const confirm = await manager.get(remove);
  assert.match(text(confirm.body), /Remove this community activity .*Stall/);
  assert.equal((await manager.post(remove, { version: versionOf(confirm.body) })).statusCode, 303);
  assert.equal((await activitiesOf(panel.id)).length, 0);
  assert.match(
    text((await manager.get(`/custody-visiting/panels/${panel.id}`)).body),
    /No community activities have been recorded yet/,
  );
  const audits = await t.services.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(
      and(eq(auditEvents.recordType, 'custody-activity'), eq(auditEvents.recordId, activity!.id)),
    )
    .orderBy(auditEvents.seq);
  assert.deepEqual(
    audits.map((a) => a.action),
    ['custody-activity.recorded', 'custody-activity.updated', 'custody-activity.removed'],
  );
});

test('ICV-10: an activity without its kind, description or a day that has happened is refused by field, and nothing is written', async () => {
  const { panel, coordinator } = await panelWithCoordinator();
  const res = await coordinator.post(`/custody-visiting/panels/${panel.id}/activities/new`, {
    ...date('heldOn', '2026-12-25'),
    description: '',
    reached: 'lots',
  });
  assert.equal(res.statusCode, 400);
  const page = text(res.body);
  assert.match(page, /There is a problem/);
  assert.match(page, /The date must be today or in the past/);
  assert.match(page, /Select the kind of activity/);
  assert.match(page, /Enter a description of the activity/);
  assert.match(page, /Enter the people reached as a whole number/);
  assert.equal((await activitiesOf(panel.id)).length, 0);
});

test('ICV-10: another panel\u2019s coordinator, a custody inspector and a lay visitor cannot record, see, change or remove a panel\u2019s activities', async () => {
  const { panel, coordinator } = await panelWithCoordinator();
  await coordinator.post(`/custody-visiting/panels/${panel.id}/activities/new`, talk);
  const [activity] = await activitiesOf(panel.id);
  const other = (await panelWithCoordinator()).coordinator;
  const suite = await makeSuite(t, { area: panel.area });
  const inspector = await signInAccount(t, await makeCustodyInspector(t, suite));
  const lay = await signInAccount(t, (await makeLayVisitor(t, panel)).account);
  const urls = [
    `/custody-visiting/panels/${panel.id}/activities/new`,
    `/custody-visiting/activities/${activity!.id}/edit`,
    `/custody-visiting/activities/${activity!.id}/remove`,
  ];
  for (const [who, agent, status] of [
    ['another coordinator', other, 404],
    ['inspector', inspector, 403],
    ['lay visitor', lay, 403],
  ] as const) {
    for (const url of urls) {
      assert.equal((await agent.get(url)).statusCode, status, `${who} GET ${url}`);
      assert.equal(
        (await agent.post(url, { ...talk, description: 'Changed', version: '1' })).statusCode,
        status,
        `${who} POST ${url}`,
      );
    }
  }
  const [still] = await activitiesOf(panel.id);
  assert.equal(still!.description, 'Talk to the Kentish Town tenants');
  assert.equal(still!.version, 1);
});

test('ICV-02: a visitor who leaves after the rota is drawn has their planned visits flagged for a swap', async () => {
  const { panel, coordinator } = await panelWithCoordinator();
  await makeSuite(t, { area: panel.area, name: `Suite ${panel.area}` });
  const leaver = await makeVisitor(t, panel, {
    fullName: `Lou Leaving ${uniqueTag()}`,
    stage: EXPERIENCED,
    inducted: true,
  });
  for (let i = 0; i < 3; i++) await makeVisitor(t, panel, { stage: EXPERIENCED, inducted: true });
  const rota = `/custody-visiting/panels/${panel.id}/rota`;
  await coordinator.post(`${rota}/ask`, { quarter: '2027-01-01' });
  await coordinator.post(`${rota}/draw`, { quarter: '2027-01-01' });
  const theirs = await t.services.db
    .select({ n: count() })
    .from(custodyVisits)
    .where(
      or(eq(custodyVisits.firstVisitorId, leaver.id), eq(custodyVisits.secondVisitorId, leaver.id)),
    );
  assert.ok(Number(theirs[0]!.n) > 0, 'drawn before they left');
  let page = text((await coordinator.get(`${rota}?quarter=2027-01-01`)).body);
  assert.doesNotMatch(page, /Swap needed/);

  const url = `/custody-visiting/visitors/${leaver.id}/leaving`;
  const form = await coordinator.get(url);
  const saved = await coordinator.post(url, {
    ...date('leftOn', '2026-11-20'),
    reason: 'resigned',
    version: versionOf(form.body),
  });
  assert.equal(saved.statusCode, 303);
  page = text((await coordinator.get(`${rota}?quarter=2027-01-01`)).body);
  const flagged = page.match(
    new RegExp(`Swap needed ${leaver.fullName} can no longer be put on the rota`, 'g'),
  );
  assert.equal(flagged?.length, Number(theirs[0]!.n), 'each of their visits, and no other');
});

test('ICV-02: the coordinator records a visitor as having left; they are shown as such and never drawn for the rota', async () => {
  const { panel, coordinator } = await panelWithCoordinator();
  await makeSuite(t, { area: panel.area, name: `Suite ${panel.area}` });
  const leaver = await makeVisitor(t, panel, {
    fullName: `Lee Leaver ${uniqueTag()}`,
    stage: EXPERIENCED,
    inducted: true,
  });
  for (let i = 0; i < 3; i++) await makeVisitor(t, panel, { stage: EXPERIENCED, inducted: true });
  const url = `/custody-visiting/visitors/${leaver.id}/leaving`;
  const form = await coordinator.get(url);
  assert.match(text(form.body), /Record that the visitor has left/);
  const refused = await coordinator.post(url, {
    ...date('leftOn', '2026-11-20'),
    version: versionOf(form.body),
  });
  assert.equal(refused.statusCode, 400);
  assert.match(text(refused.body), /Select why the visitor left/);
  const saved = await coordinator.post(url, {
    ...date('leftOn', '2026-11-20'),
    reason: 'resigned',
    version: versionOf(form.body),
  });
  assert.equal(saved.statusCode, 303);
  const page = text((await coordinator.get(`/custody-visiting/visitors/${leaver.id}`)).body);
  assert.match(page, /The visitor has been recorded as having left the scheme/);
  assert.match(page, /Cannot be put on the rota Left the scheme on 20 November 2026/);
  assert.match(page, /Left the scheme on 20 November 2026: Resigned\./);
  const list = await coordinator.get(`/custody-visiting/panels/${panel.id}/visitors`);
  assert.equal(rowOf(tableOf(list.body, /Stage/), leaver.fullName).Stage, 'Left the scheme');

  const rota = `/custody-visiting/panels/${panel.id}/rota`;
  assert.equal((await coordinator.post(`${rota}/ask`, { quarter: '2027-01-01' })).statusCode, 303);
  assert.equal((await coordinator.post(`${rota}/draw`, { quarter: '2027-01-01' })).statusCode, 303);
  const drawn = await t.services.db
    .select({ n: count() })
    .from(custodyVisits)
    .where(eq(custodyVisits.panelId, panel.id));
  assert.equal(Number(drawn[0]!.n), 13);
  const withLeaver = await t.services.db
    .select({ n: count() })
    .from(custodyVisits)
    .where(
      or(eq(custodyVisits.firstVisitorId, leaver.id), eq(custodyVisits.secondVisitorId, leaver.id)),
    );
  assert.equal(Number(withLeaver[0]!.n), 0);
});

test('ICV-10, LEG-05: the manager declares a surge on a suite, the rota draws to the raised target, and it can be ended early', async () => {
  const panel = await makePanel(t);
  const suite = await makeSuite(t, { area: panel.area, name: `Holborn ${panel.area}` });
  await makeSuite(t, { area: panel.area, name: `Kentish ${panel.area}` });
  for (let i = 0; i < 8; i++) await makeVisitor(t, panel, { stage: EXPERIENCED, inducted: true });
  const form = await manager.get('/custody-visiting/surges/new');
  const page = text(form.body);
  assert.match(page, /Declare a surge/);
  assert.match(page, new RegExp(`${panel.area} Holborn ${panel.area}`));

  const refused = await manager.post('/custody-visiting/surges/new', {
    name: '',
    ...date('startsOn', '2027-01-14'),
    ...date('endsOn', '2027-01-10'),
    visitsPerWeek: '',
  });
  assert.equal(refused.statusCode, 400);
  const errors = text(refused.body);
  assert.match(errors, /Enter the surge's name or reason/);
  assert.match(errors, /The last day must be the same as or after the first day/);
  assert.match(errors, /Select at least one custody suite/);
  assert.match(errors, /Enter the raised target visits a week/);

  const name = `Disturbances ${uniqueTag()}`;
  const saved = await manager.post('/custody-visiting/surges/new', {
    name,
    ...date('startsOn', '2027-01-14'),
    ...date('endsOn', '2027-01-27'),
    visitsPerWeek: '3',
    suites: [suite.id],
  });
  assert.equal(saved.statusCode, 303);
  const shown = text((await manager.get(saved.headers.location!)).body);
  assert.match(shown, new RegExp(`The surge ${name} has been declared`));
  assert.match(
    shown,
    /First day 14 January 2027 Last day 27 January 2027 Raised target visits a week 3/,
  );
  assert.match(shown, new RegExp(`Holborn ${panel.area} ${panel.area}`));
  assert.doesNotMatch(shown, /Kentish/);
  // The list gives its days, its number of suites and its raised target.
  assert.match(
    text((await manager.get('/custody-visiting/surges')).body),
    new RegExp(`${name} 14 January 2027 to 27 January 2027 1 3`),
  );

  // Weeks of 11, 18 and 25 January are raised to 3: 10 + 9 = 19 visits to the suite.
  const rota = `/custody-visiting/panels/${panel.id}/rota`;
  await manager.post(`${rota}/ask`, { quarter: '2027-01-01' });
  await manager.post(`${rota}/draw`, { quarter: '2027-01-01' });
  const rotaPage = text((await manager.get(`${rota}?quarter=2027-01-01`)).body);
  assert.match(
    rotaPage,
    new RegExp(
      `Surge: ${name}, 14 January 2027 to 27 January 2027\\. The targets include 3 visits a week to Holborn ${panel.area} in every week it covers`,
    ),
  );
  assert.match(rotaPage, new RegExp(`Holborn ${panel.area} 19 19 0 0`));
  assert.match(rotaPage, new RegExp(`Kentish ${panel.area} 13 13 0 0`));
  const raisedWeek = await t.services.db
    .select({ n: count() })
    .from(custodyVisits)
    .where(and(eq(custodyVisits.suiteId, suite.id), eq(custodyVisits.weekStarting, '2027-01-18')));
  assert.equal(Number(raisedWeek[0]!.n), 3);

  // Ended early: its last day moved to the 20th (a day not inside it is refused).
  const [surge] = await t.services.db
    .select()
    .from(custodySurges)
    .where(eq(custodySurges.name, name));
  const endUrl = `/custody-visiting/surges/${surge!.id}/end`;
  const endForm = await manager.get(endUrl);
  const gone = await manager.post(endUrl, {
    ...date('endsOn', '2027-01-27'),
    version: versionOf(endForm.body),
  });
  assert.equal(gone.statusCode, 400);
  assert.match(
    text(gone.body),
    /The new last day must be from 14 January 2027 to the day before 27 January 2027/,
  );
  const ended = await manager.post(endUrl, {
    ...date('endsOn', '2027-01-20'),
    version: versionOf(endForm.body),
  });
  assert.equal(ended.statusCode, 303);
  assert.match(
    text((await manager.get(`/custody-visiting/surges/${surge!.id}`)).body),
    /Last day 20 January 2027 \(ended early; declared to 27 January 2027\)/,
  );
});

test('ICV-10: only the scheme manager declares, sees or ends a surge', async () => {
  const { panel, coordinator } = await panelWithCoordinator();
  const suite = await makeSuite(t, { area: panel.area });
  const inspector = await signInAccount(t, await makeCustodyInspector(t, suite));
  const before = await t.services.db.select({ n: count() }).from(custodySurges);
  for (const agent of [coordinator, inspector]) {
    assert.equal((await agent.get('/custody-visiting/surges')).statusCode, 403);
    assert.equal((await agent.get('/custody-visiting/surges/new')).statusCode, 403);
    const res = await agent.post('/custody-visiting/surges/new', {
      name: 'Not mine',
      ...date('startsOn', '2027-01-14'),
      ...date('endsOn', '2027-01-27'),
      visitsPerWeek: '3',
      suites: [suite.id],
    });
    assert.equal(res.statusCode, 403);
  }
  const afterCount = await t.services.db.select({ n: count() }).from(custodySurges);
  assert.equal(afterCount[0]!.n, before[0]!.n);
});

test('ICV-10, LEG-05: the statistics count a surge in each suite\u2019s target and name it, and show each panel\u2019s community activities and recruitment', async () => {
  const { panel, coordinator } = await panelWithCoordinator();
  const suite = await makeSuite(t, { area: panel.area, name: `Holborn ${panel.area}` });
  const name = `Disturbances in August ${uniqueTag()}`;
  const august = {
    name,
    ...date('startsOn', '2026-08-06'),
    ...date('endsOn', '2026-08-19'),
    visitsPerWeek: '3',
    suites: [suite.id],
  };
  // Declared now, in a later quarter, it would change published figures: refused.
  const late = await manager.post('/custody-visiting/surges/new', august);
  assert.equal(late.statusCode, 400);
  assert.match(
    text(late.body),
    /The first day must be in this quarter or later, from 1 October 2026/,
  );
  // Declared in August, as the disturbances began.
  t.clock.current = new Date('2026-08-06T09:00:00Z');
  const declared = await manager.post('/custody-visiting/surges/new', august);
  assert.equal(declared.statusCode, 303, text(declared.body));
  t.clock.reset();
  for (const [on, kind, reached] of [
    ['2026-07-15', 'talk', '40'],
    ['2026-08-20', 'talk', '25'],
    ['2026-09-01', 'article', ''],
    ['2026-10-02', 'stall', '100'],
  ] as const)
    await coordinator.post(`/custody-visiting/panels/${panel.id}/activities/new`, {
      ...date('heldOn', on),
      kind,
      description: `A ${kind}`,
      reached,
    });
  await makeVisitor(t, panel, { stage: { ...EXPERIENCED, appointedOn: '2026-08-01' } });
  await makeVisitor(t, panel, {
    stage: { ...EXPERIENCED, leftOn: '2026-09-30', leavingReason: 'termEnded' },
  });
  await makeVisitor(t, panel, {
    stage: { ...EXPERIENCED, leftOn: '2026-10-01', leavingReason: 'resigned' },
  });
  await t.services.db.insert(custodyVisitorApplications).values(
    ['2026-07-20T10:00:00Z', '2026-09-30T23:30:00Z', '2026-10-20T10:00:00Z'].map((at) => ({
      fullName: 'An Applicant',
      email: `applicant-${uniqueTag()}@example.com`,
      area: panel.area.toUpperCase(),
      reasons: 'To help',
      declaredOn: at.slice(0, 10),
      createdAt: new Date(at),
    })),
  );

  await t.services.db.insert(custodyVisitorApplications).values({
    fullName: 'Not Sure Applicant',
    email: `not-sure-${uniqueTag()}@example.com`,
    area: null,
    reasons: 'To help',
    declaredOn: '2026-08-10',
    createdAt: new Date('2026-08-10T10:00:00Z'),
  });

  const res = await t.app.inject({
    method: 'GET',
    url: `/custody-visiting/statistics?quarter=2026-07-01&area=${encodeURIComponent(panel.area)}`,
  });
  assert.equal(res.statusCode, 200);
  const page = text(res.body);
  // 10 weeks at 1 and 3 surge weeks (3, 10 and 17 August) at 3.
  assert.match(page, new RegExp(`Holborn ${panel.area} 19 0 0%`));
  assert.match(
    page,
    new RegExp(
      `${name} 6 August 2026 to 19 August 2026 Holborn ${panel.area} \\(${panel.area}\\) 3`,
    ),
  );
  const figures = rowOf(tableOf(res.body, /Community activities and recruitment/), panel.area);
  assert.deepEqual(figures, {
    Area: panel.area,
    Talks: '2',
    Stalls: '0',
    Articles: '1',
    'Other activities': '0',
    'People reached': '65',
    Applications: '1',
    Appointed: '1',
    Left: '1',
  });

  // The quarter after: the stall, the leaver of 1 October, two applications (23:30 UTC on 30
  // September is 1 October in London), and no surge.
  const next = await t.app.inject({
    method: 'GET',
    url: '/custody-visiting/statistics?quarter=2026-10-01',
  });
  const after = rowOf(tableOf(next.body, /Community activities and recruitment/), panel.area);
  assert.equal(after.Stalls, '1');
  assert.equal(after.Applications, '2');
  assert.equal(after.Left, '1');
  assert.doesNotMatch(text(next.body), new RegExp(name));

  const csv = await t.app.inject({
    method: 'GET',
    url: '/custody-visiting/statistics-panels.csv?quarter=2026-07-01',
  });
  assert.equal(csv.statusCode, 200);
  const lines = csv.body.split(/\r?\n/);
  assert.match(
    lines[0]!,
    /Quarter starting,Area,Panel,Talks,Stalls,Articles,Other activities,Activities,People reached,Applications received,Visitors appointed,Visitors who left/,
  );
  assert.ok(lines.includes(`2026-07-01,${panel.area},${panel.name},2,0,1,0,3,65,1,1,1`));
  assert.match(lines.filter(Boolean).at(-1)!, /^2026-07-01,All areas,All panels,\d+,/);
  // The total counts every application received in the quarter, "Not sure" ones too.
  const [received] = await t.services.db
    .select({ n: count() })
    .from(custodyVisitorApplications)
    .where(
      sql`${custodyVisitorApplications.createdAt} >= '2026-06-30T23:00:00Z' and ${custodyVisitorApplications.createdAt} < '2026-09-30T23:00:00Z'`,
    );
  assert.equal(lines.filter(Boolean).at(-1)!.split(',')[9], String(received!.n));
  assert.match(page, /All panels \d+ \d+ \d+ \d+ \d+ \d+ \d+ \d+/);
  // The suites' CSV has the raised target.
  const suites = await t.app.inject({
    method: 'GET',
    url: '/custody-visiting/statistics.csv?quarter=2026-07-01',
  });
  assert.ok(
    suites.body
      .split(/\r?\n/)
      .some((l) => l.startsWith(`2026-07-01,${panel.area},${suite.name},19,`)),
  );
  // No visitor is named on the public page.
  assert.doesNotMatch(page, /Visitor [0-9a-f]{8}/);

  // A surge declared to begin later is not published until it begins (visits are unannounced).
  const coming = `Coming surge ${uniqueTag()}`;
  const ahead = addCalendarDays(todayInLondon(t.clock.now()), 14);
  assert.equal(
    (
      await manager.post('/custody-visiting/surges/new', {
        name: coming,
        ...date('startsOn', ahead),
        ...date('endsOn', addCalendarDays(ahead, 6)),
        visitsPerWeek: '2',
        suites: [suite.id],
      })
    ).statusCode,
    303,
  );
  const thisQuarter = quarterOf(todayInLondon(t.clock.now()));
  const now = await t.app.inject({
    method: 'GET',
    url: `/custody-visiting/statistics?quarter=${thisQuarter}`,
  });
  assert.equal(now.statusCode, 200);
  assert.doesNotMatch(text(now.body), new RegExp(coming));

  // The year's annual report has the panel's activities and recruitment, and the surge.
  const pdf = await t.app.inject({
    method: 'GET',
    url: '/custody-visiting/statistics/annual-report.pdf?year=2026-04-01',
  });
  assert.equal(pdf.statusCode, 200);
  const report = pagesText(await pdfPages(pdf.rawPayload)).replace(/\s+/g, ' ');
  assert.match(report, /Telling the community and recruitment, by panel/);
  // Each column's heading whole, no word broken across lines.
  assert.match(
    report,
    /Panel Talks Stalls Articles Other activities People reached Applications Appointed Left/,
  );
  // Talks 2, stalls 1, articles 1, other 0, 165 reached, 3 applications, and the 2 who left.
  assert.match(report, new RegExp(`${panel.name} 2 1 1 0 165 3 \\d+ 2 `));
  assert.match(report, /All panels \d+ \d+ \d+ \d+ \d+ \d+ \d+ \d+/);
  assert.match(report, new RegExp(`Surges .*${name} 6 August 2026 to 19 August 2026 Holborn`));
});

test('ICV-10, LEG-05: the demo Camden panel has a year of community activities, a leaver and a past surge the statistics show, and they go with the demo data', async () => {
  await loadDemoData(t.services.db, t.services.secretBox);
  // The demo's dates run up to the real today, so its pages are read on that day.
  t.clock.current = new Date();
  const today = t.clock.now().toISOString().slice(0, 10);
  const [year, month] = today.split('-').map(Number) as [number, number];
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  const lastQuarter =
    first === 1 ? `${year - 1}-10-01` : `${year}-${String(first - 3).padStart(2, '0')}-01`;
  const res = await t.app.inject({
    method: 'GET',
    url: `/custody-visiting/statistics?quarter=${lastQuarter}&area=Camden`,
  });
  const page = text(res.body);
  assert.match(page, /Disturbances in Camden .+ Holborn Police Station \(Camden\) 3/);
  // Holborn's target is raised by the surge's weeks over Kentish Town's.
  const suites = tableOf(res.body, /custody suites of Camden/);
  const target = (name: string) => Number(rowOf(suites, name).Target);
  assert.ok(target('Holborn Police Station') > target('Kentish Town Police Station'));
  const manager = await signInNewAccount(t, 'scheme_manager');
  const panels = (await manager.get('/custody-visiting/panels')).body;
  const panelId = /href="\/custody-visiting\/panels\/([0-9a-f-]{36})"[^>]*>Camden/.exec(
    panels,
  )?.[1];
  assert.ok(panelId, 'the demo Camden panel is listed');
  const panelPage = text((await manager.get(`/custody-visiting/panels/${panelId}`)).body);
  assert.match(panelPage, /6 activities/);
  assert.match(panelPage, /Talk to the Holborn neighbourhood panel/);
  const visitors = text((await manager.get(`/custody-visiting/panels/${panelId}/visitors`)).body);
  assert.match(visitors, /Dev Patel Left the scheme/);

  await removeDemoData(t.services.db);
  const left = await t.services.db
    .select({ n: count() })
    .from(custodySurges)
    .where(eq(custodySurges.name, 'Disturbances in Camden'));
  assert.equal(Number(left[0]!.n), 0);
  assert.equal((await activitiesOf(panelId)).length, 0);
});
