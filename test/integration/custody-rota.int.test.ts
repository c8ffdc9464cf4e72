/**
 * Issue 24 item 3 (ICV-02, ICV-03): the rota through its pages: the coordinator asks for
 * availability, a visitor gives it, the rota is drawn against each suite's target; the pair
 * alone fixes the day and time; a missed visit is re-drawn, a visitor swapped; and the
 * refusals: a visit by one visitor, an untrained or unvetted visitor, the custody inspector and
 * another panel's coordinator. Each test makes its own panel, suite and visitors.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { and, eq, inArray, like, or } from 'drizzle-orm';
import { custodySuites, custodyVisits } from '../../src/modules/custody-visiting/schema.js';
import { auditEvents } from '../../src/platform/audit/schema.js';
import { outbox } from '../../src/platform/mail/schema.js';
import { people } from '../../src/modules/directory/schema.js';
import { loadDemoData, removeDemoData } from '../../src/demo/demo-data.js';
import { pairTwiceRunning, quarterOf } from '../../src/modules/custody-visiting/rota-rules.js';
import { todayInLondon } from '../../src/platform/calendar/index.js';
import { createTestApp, demoAccount, signIn, type Agent, type TestApp } from '../app.js';
import { signInAccount, signInNewAccount } from '../factories/accounts.js';
import {
  APPOINTED,
  EXPERIENCED,
  makeCustodyInspector,
  makeLayVisitor,
  makePanel,
  makePanelCoordinator,
  makeSuite,
  makeVisitor,
  type FactoryPanel,
} from '../factories/custody-visiting.js';
import { textOf } from '../html.js';

let t: TestApp;
let manager: Agent;

before(async () => {
  t = await createTestApp();
  manager = await signInNewAccount(t, 'scheme_manager');
});
afterEach(() => t.clock.reset());
after(() => t.close());

const text = textOf;
const QUARTER = '2027-01-01';

/** A panel with a weekly suite, four experienced visitors (one who signs in), one on probation, one untrained and one unvetted. */
async function scheme() {
  const panel = await makePanel(t);
  const suite = await makeSuite(t, { area: panel.area, name: `Suite of ${panel.area}` });
  const lay = await makeLayVisitor(t, panel);
  const others = [];
  for (let i = 0; i < 3; i++)
    others.push(await makeVisitor(t, panel, { stage: EXPERIENCED, inducted: true }));
  const probationer = await makeVisitor(t, panel, {
    fullName: 'Petra Probation',
    stage: APPOINTED,
    inducted: true,
  });
  const untrained = await makeVisitor(t, panel, { fullName: 'Una Untrained', stage: EXPERIENCED });
  const unvetted = await makeVisitor(t, panel, {
    fullName: 'Vic Unvetted',
    stage: { ...EXPERIENCED, vettingResult: null, vettedOn: null, vettingExpiresOn: null },
    inducted: true,
  });
  return { panel, suite, lay, others, probationer, untrained, unvetted };
}

const rotaUrl = (panel: FactoryPanel) => `/custody-visiting/panels/${panel.id}/rota`;

async function drawn(panel: FactoryPanel) {
  assert.equal((await manager.post(`${rotaUrl(panel)}/ask`, { quarter: QUARTER })).statusCode, 303);
  const draw = await manager.post(`${rotaUrl(panel)}/draw`, { quarter: QUARTER });
  assert.equal(draw.statusCode, 303);
  return draw;
}

const visitsOf = (panelId: string) =>
  t.services.db.select().from(custodyVisits).where(eq(custodyVisits.panelId, panelId));

const visitsOfVisitor = (visitorId: string) =>
  t.services.db
    .select()
    .from(custodyVisits)
    .where(
      and(
        eq(custodyVisits.status, 'planned'),
        or(
          eq(custodyVisits.firstVisitorId, visitorId),
          eq(custodyVisits.secondVisitorId, visitorId),
        ),
      ),
    )
    .orderBy(custodyVisits.weekStarting);

/** The e-mails to these people whose subject begins so, by address. */
async function mailsTo(personIds: readonly string[], subject: string) {
  return t.services.db
    .select({ body: outbox.bodyText, email: people.email })
    .from(outbox)
    .innerJoin(people, eq(people.email, outbox.toAddress))
    .where(and(inArray(people.id, [...personIds]), like(outbox.subject, `${subject}%`)));
}

test('ICV-02, ICV-03: the visitors who may be put on the rota are e-mailed for their availability, and each visitor drawn is told how many visits, never where or when', async () => {
  const s = await scheme();
  await drawn(s.panel);
  const quarter = '1 January 2027 to 31 March 2027';
  const eligible = [
    s.lay.account.personId,
    ...s.others.map((o) => o.personId),
    s.probationer.personId,
  ];
  const asked = await mailsTo(
    [...eligible, s.untrained.personId, s.unvetted.personId],
    `Custody visiting: your availability for ${quarter}`,
  );
  assert.equal(asked.length, 5, 'the untrained and the unvetted are not asked');
  for (const mail of asked) {
    assert.match(
      mail.body,
      new RegExp(`The ${s.panel.name} is drawing its rota of custody visits for ${quarter}`),
    );
    assert.match(mail.body, /\/custody-visiting\/your-visits\/availability\/2027-01-01\n/);
  }

  const told = await mailsTo(eligible, `Custody visiting: your visits for ${quarter}`);
  assert.equal(told.length, 5);
  const visits = await visitsOf(s.panel.id);
  for (const mail of told) {
    const [, count] = /you have (\d+) visits? on it/.exec(mail.body) ?? [];
    assert.ok(Number(count) > 0, mail.body);
    assert.doesNotMatch(mail.body, new RegExp(s.suite.name), 'no suite named');
    assert.doesNotMatch(mail.body, /week/i, 'no week named');
  }
  // Each is told their own number of visits.
  const layMail = told.find((m) => m.email === s.lay.account.email)!;
  const layVisits = visits.filter(
    (v) => v.firstVisitorId === s.lay.visitor.id || v.secondVisitorId === s.lay.visitor.id,
  ).length;
  assert.match(layMail.body, new RegExp(`you have ${layVisits} visits? on it`));
});

test('ICV-02, ICV-03: asked for availability, the visitors answer and the rota is drawn to each suite’s target, never offering an untrained or unvetted visitor', async () => {
  const s = await scheme();
  let page = text((await manager.get(rotaUrl(s.panel))).body);
  assert.match(page, /Rota: 1 January 2027 to 31 March 2027/);
  assert.match(page, /have not yet been asked for their availability for this quarter/);

  assert.equal(
    (await manager.post(`${rotaUrl(s.panel)}/ask`, { quarter: QUARTER })).statusCode,
    303,
  );
  page = text((await manager.get(rotaUrl(s.panel))).body);
  assert.match(
    page,
    /The visitors have been asked for their availability: 0 of 5 eligible have answered/,
  );

  // The visitor who signs in gives the weeks they cannot do.
  const visitor = await signInAccount(t, s.lay.account);
  // A lay visitor of a panel is offered their visits on their home page.
  assert.match(
    text((await visitor.get('/')).body),
    /Your custody visits The visits you are rostered for/,
  );
  let mine = text((await visitor.get('/custody-visiting/your-visits')).body);
  assert.match(
    mine,
    /Your coordinator has asked for your availability for 1 January 2027 to 31 March 2027/,
  );
  const form = text(
    (await visitor.get(`/custody-visiting/your-visits/availability/${QUARTER}`)).body,
  );
  assert.match(form, /Week beginning 4 January 2027/);
  assert.match(form, /Week beginning 29 March 2027/);
  const saved = await visitor.post(`/custody-visiting/your-visits/availability/${QUARTER}`, {
    unavailable: ['2027-01-04', '2027-01-11'],
    note: 'Evenings suit me best.',
  });
  assert.equal(saved.statusCode, 303);
  mine = text((await visitor.get('/custody-visiting/your-visits')).body);
  assert.match(mine, /Your availability has been saved/);
  assert.match(mine, /You have given your availability for 1 January 2027 to 31 March 2027/);

  const draw = await manager.post(`${rotaUrl(s.panel)}/draw`, { quarter: QUARTER });
  assert.equal(draw.statusCode, 303);
  page = text((await manager.get(draw.headers.location!)).body);
  assert.match(page, /The rota has been drawn: 13 visits/);
  assert.match(page, new RegExp(`${s.suite.name} 13 13 0 0`));
  assert.match(page, new RegExp(`${s.suite.name}: On target`));
  assert.match(
    page,
    /Una Untrained Cannot be put on the rota: Not trained: the induction course is not recorded Not answered 0/,
  );
  assert.match(page, /Vic Unvetted Cannot be put on the rota: Not vetted Not answered 0/);
  assert.match(page, /Petra Probation Yes, with an experienced visitor Not answered [1-9]/);
  // The coordinator reads what each visitor said of the quarter.
  assert.match(
    page,
    new RegExp(
      `${s.lay.account.name} Can be put on the rota Cannot do 2 weeks\\. Evenings suit me best\\. [1-9]`,
    ),
  );
  assert.match(page, /13 visits/);

  const visits = await visitsOf(s.panel.id);
  assert.equal(visits.length, 13);
  const experienced = new Set([s.lay.visitor.id, ...s.others.map((o) => o.id)]);
  for (const v of visits) {
    assert.notEqual(v.firstVisitorId, v.secondVisitorId);
    const pair = [v.firstVisitorId, v.secondVisitorId];
    assert.ok(!pair.includes(s.untrained.id) && !pair.includes(s.unvetted.id));
    assert.ok(
      pair.some((id) => experienced.has(id)),
      'a probationer only with an experienced visitor',
    );
    if (pair.includes(s.lay.visitor.id))
      assert.ok(!['2027-01-04', '2027-01-11'].includes(v.weekStarting), 'a week they cannot do');
  }
  // Shares spread fairly: 26 places among five, none more than one from another.
  const shares = [...experienced, s.probationer.id].map(
    (id) => visits.filter((v) => v.firstVisitorId === id || v.secondVisitorId === id).length,
  );
  assert.ok(Math.max(...shares) - Math.min(...shares) <= 1, String(shares));

  // A second draw over the first is refused; a re-draw asked for draws the weeks again.
  const again = await manager.post(`${rotaUrl(s.panel)}/draw`, { quarter: QUARTER });
  assert.equal(again.statusCode, 409);
  assert.match(text(again.body), /The rota for this quarter has already been drawn/);
  assert.equal((await visitsOf(s.panel.id)).length, 13);
  // A pair has fixed the day and time of one visit: the re-draw keeps it.
  const fixed = visits.at(-1)!;
  await t.services.db
    .update(custodyVisits)
    .set({ visitOn: fixed.weekStarting, visitMinutes: 19 * 60 })
    .where(eq(custodyVisits.id, fixed.id));
  const redraw = await manager.post(`${rotaUrl(s.panel)}/draw`, {
    quarter: QUARTER,
    redraw: 'yes',
  });
  assert.equal(redraw.statusCode, 303);
  const redrawn = await visitsOf(s.panel.id);
  assert.equal(redrawn.length, 13);
  const kept = redrawn.find((v) => v.id === fixed.id);
  assert.ok(kept, 'the visit whose time was fixed is kept');
  assert.deepEqual(
    [kept.firstVisitorId, kept.secondVisitorId, kept.visitMinutes],
    [fixed.firstVisitorId, fixed.secondVisitorId, 19 * 60],
  );
  assert.equal(
    redrawn.filter((v) => v.id === fixed.id || visits.some((o) => o.id === v.id)).length,
    1,
  );

  // Once drawn, availability can no longer be changed.
  const late = await visitor.post(`/custody-visiting/your-visits/availability/${QUARTER}`, {
    unavailable: '2027-01-18',
  });
  assert.equal(late.statusCode, 409);
  assert.match(text(late.body), /The rota for this quarter has been drawn: ask your coordinator/);
  const actions = (
    await t.services.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.recordType, 'custody-rota'))
  ).map((a) => a.action);
  for (const a of [
    'custody-rota.availability-asked',
    'custody-rota.availability-given',
    'custody-rota.drawn',
    'custody-rota.redrawn',
  ])
    assert.ok(actions.includes(a), a);
});

test('ICV-03: availability that names no week left free, or a week outside the quarter, is refused naming the field', async () => {
  const s = await scheme();
  await manager.post(`${rotaUrl(s.panel)}/ask`, { quarter: QUARTER });
  const visitor = await signInAccount(t, s.lay.account);
  const weeks = [];
  for (
    let d = new Date('2027-01-04T00:00:00Z');
    d < new Date('2027-04-01');
    d.setUTCDate(d.getUTCDate() + 7)
  )
    weeks.push(d.toISOString().slice(0, 10));
  const all = await visitor.post(`/custody-visiting/your-visits/availability/${QUARTER}`, {
    unavailable: weeks,
  });
  assert.equal(all.statusCode, 400);
  assert.match(text(all.body), /There is a problem Leave at least one week of the quarter free/);
  assert.match(all.body, /href="#unavailable"/);
  const outside = await visitor.post(`/custody-visiting/your-visits/availability/${QUARTER}`, {
    unavailable: '2026-12-28',
  });
  assert.equal(outside.statusCode, 400);
  assert.match(text(outside.body), /Select only weeks of the quarter/);
});

test('ICV-03: the pair fixes the day and time, which they alone see; the coordinator sees the pair and the week only', async () => {
  const s = await scheme();
  await drawn(s.panel);
  const [visit] = await visitsOfVisitor(s.lay.visitor.id);
  assert.ok(visit);
  const visitor = await signInAccount(t, s.lay.account);
  const url = `/custody-visiting/your-visits/${visit.id}/time`;
  assert.match(text((await visitor.get(url)).body), /Fix the day and time/);

  // Bad input names its field, and nothing is written.
  const blank = await visitor.post(url, {});
  assert.equal(blank.statusCode, 400);
  assert.match(text(blank.body), /Enter the day of the visit/i);
  assert.match(text(blank.body), /Enter the time of arrival/);
  const sunday = new Date(`${visit.weekStarting}T00:00:00Z`);
  sunday.setUTCDate(sunday.getUTCDate() + 6);
  const outOfWeek = new Date(sunday);
  outOfWeek.setUTCDate(outOfWeek.getUTCDate() + 1);
  const parts = (d: Date) => ({
    'visitOn-day': String(d.getUTCDate()),
    'visitOn-month': String(d.getUTCMonth() + 1),
    'visitOn-year': String(d.getUTCFullYear()),
  });
  const wrong = await visitor.post(url, { ...parts(outOfWeek), visitTime: 'late' });
  assert.equal(wrong.statusCode, 400);
  assert.match(text(wrong.body), /The day must be in the week of the visit/);
  assert.match(text(wrong.body), /Enter the time of arrival as a time, like 19:30 or 2pm/);
  assert.match(wrong.body, /href="#visitOn-day"/);
  assert.equal((await visitsOfVisitor(s.lay.visitor.id))[0]!.visitOn, null);

  const fixed = await visitor.post(url, { ...parts(sunday), visitTime: '7.45pm' });
  assert.equal(fixed.statusCode, 303);
  const sundayWords = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(sunday);
  const mine = text((await visitor.get('/custody-visiting/your-visits')).body);
  assert.match(mine, /The day and time of the visit have been saved/);
  assert.match(mine, new RegExp(`${sundayWords}, 19:45`));

  // The coordinator sees the pair and the week, never the day and time.
  const coordinator = await signInAccount(t, await makePanelCoordinator(t, s.panel));
  const rota = (await coordinator.get(rotaUrl(s.panel))).body;
  assert.match(text(rota), new RegExp(s.lay.account.name));
  assert.doesNotMatch(text(rota), /19:45/);
  assert.doesNotMatch(text(rota), new RegExp(sundayWords));

  // Another visitor, not of the pair, finds no such visit.
  const outsider = await makeLayVisitor(t, s.panel);
  const other = await signInAccount(t, outsider.account);
  assert.equal((await other.get(url)).statusCode, 404);
  assert.equal((await other.post(url, { ...parts(sunday), visitTime: '10:00' })).statusCode, 404);
});

test('ICV-03: a custody inspector is refused the rota and every planned visit; another panel’s coordinator finds none of it', async () => {
  const s = await scheme();
  await drawn(s.panel);
  const [visit] = await visitsOf(s.panel.id);
  const inspector = await signInAccount(t, await makeCustodyInspector(t, s.suite));
  for (const url of [
    rotaUrl(s.panel),
    `/custody-visiting/visits/${visit!.id}/swap`,
    '/custody-visiting/your-visits',
    `/custody-visiting/your-visits/${visit!.id}/time`,
  ]) {
    const refused = await inspector.get(url);
    assert.equal(refused.statusCode, 403, url);
    assert.match(text(refused.body), /You do not have permission to see this page/, url);
    assert.doesNotMatch(text(refused.body), new RegExp(s.lay.account.name), url);
  }
  const draw = await inspector.post(`${rotaUrl(s.panel)}/draw`, {
    quarter: QUARTER,
    redraw: 'yes',
  });
  assert.equal(draw.statusCode, 403);

  const elsewhere = await signInAccount(t, await makePanelCoordinator(t, await makePanel(t)));
  assert.equal((await elsewhere.get(rotaUrl(s.panel))).statusCode, 404);
  assert.equal((await elsewhere.get(`/custody-visiting/visits/${visit!.id}/swap`)).statusCode, 404);
});

test('ICV-02, ICV-03: a swap that would leave one visitor, or bring in an untrained one, is refused; a free eligible visitor is swapped in', async () => {
  const s = await scheme();
  await drawn(s.panel);
  const [visit] = await visitsOf(s.panel.id);
  const url = `/custody-visiting/visits/${visit!.id}/swap`;
  const form = await manager.get(url);
  assert.equal(form.statusCode, 200);
  // The untrained and unvetted visitors are not offered.
  assert.doesNotMatch(text(form.body), /Una Untrained|Vic Unvetted/);
  const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;

  const alone = await manager.post(url, {
    version,
    outgoing: visit!.firstVisitorId,
    incoming: visit!.secondVisitorId,
  });
  assert.equal(alone.statusCode, 400);
  assert.match(text(alone.body), /A visit is made by at least two visitors together/);
  assert.match(alone.body, /href="#incoming"/);

  const untrained = await manager.post(url, {
    version,
    outgoing: visit!.firstVisitorId,
    incoming: s.untrained.id,
  });
  assert.equal(untrained.statusCode, 400);
  assert.match(text(untrained.body), /Not trained: the induction course is not recorded/);

  const [unchanged] = await t.services.db
    .select()
    .from(custodyVisits)
    .where(eq(custodyVisits.id, visit!.id));
  assert.equal(unchanged!.version, visit!.version);

  // Someone eligible and free that week (the probationer would need an experienced partner).
  const busy = new Set(
    (await visitsOf(s.panel.id))
      .filter((v) => v.weekStarting === visit!.weekStarting)
      .flatMap((v) => [v.firstVisitorId, v.secondVisitorId]),
  );
  const around = (await visitsOf(s.panel.id))
    .filter((v) => v.id !== visit!.id)
    .map((v) => ({
      suiteId: v.suiteId,
      week: v.weekStarting,
      visitorIds: [v.firstVisitorId, v.secondVisitorId] as const,
    }));
  const free = [s.lay.visitor.id, ...s.others.map((o) => o.id)].find(
    (id) =>
      !busy.has(id) && !pairTwiceRunning(visit!.weekStarting, visit!.secondVisitorId, id, around),
  );
  assert.ok(free);
  const swapped = await manager.post(url, {
    version,
    outgoing: visit!.firstVisitorId,
    incoming: free,
  });
  assert.equal(swapped.statusCode, 303);
  const page = text((await manager.get(swapped.headers.location!)).body);
  assert.match(page, /has been swapped into the visit/);
  assert.match(page, /in place of/);
});

test('ICV-03: a visitor swapped in who would make the same pair twice running is refused, naming the field', async () => {
  const s = await scheme();
  await drawn(s.panel);
  const visits = (await visitsOf(s.panel.id)).sort((a, b) =>
    a.weekStarting.localeCompare(b.weekStarting),
  );
  const pairOf = (v: (typeof visits)[number]) => [v.firstVisitorId, v.secondVisitorId];
  const experienced = new Set([s.lay.visitor.id, ...s.others.map((o) => o.id)]);
  // A visit, an experienced visitor of it who stays, and their partner on their next visit.
  const found = visits.flatMap((visit, i) =>
    pairOf(visit)
      .filter((staying) => experienced.has(staying))
      .flatMap((staying) => {
        const next = visits.slice(i + 1).find((v) => pairOf(v).includes(staying));
        const partner = next && pairOf(next).find((id) => id !== staying);
        return partner && !pairOf(visit).includes(partner) ? [{ visit, staying, partner }] : [];
      }),
  )[0];
  assert.ok(found, 'the draw gives some visitor a next visit with someone else');
  const url = `/custody-visiting/visits/${found.visit.id}/swap`;
  const version = /name="version" value="(\d+)"/.exec((await manager.get(url)).body)![1]!;
  const refused = await manager.post(url, {
    version,
    outgoing: pairOf(found.visit).find((id) => id !== found.staying)!,
    incoming: found.partner,
  });
  assert.equal(refused.statusCode, 400);
  assert.match(
    text(refused.body),
    /Those two visitors visit together just before or just after this visit/,
  );
  assert.match(refused.body, /href="#incoming"/);
  const [unchanged] = await t.services.db
    .select()
    .from(custodyVisits)
    .where(eq(custodyVisits.id, found.visit.id));
  assert.deepEqual(pairOf(unchanged!), pairOf(found.visit));
  assert.equal(unchanged!.version, found.visit.version);
});

test('ICV-03: a visit missed is not lost: it is re-drawn for a later week; a visit made counts in the spread', async () => {
  const s = await scheme();
  await drawn(s.panel);
  // Into the quarter: the second week has begun.
  t.clock.current = new Date('2027-01-12T09:00:00Z');
  const manager = await signInNewAccount(t, 'scheme_manager');
  const first = (await visitsOf(s.panel.id)).find((v) => v.weekStarting === '2027-01-04')!;
  const missed = await manager.post(`/custody-visiting/visits/${first.id}/missed`, {});
  assert.equal(missed.statusCode, 303);
  let page = text((await manager.get(missed.headers.location!)).body);
  assert.match(
    page,
    /The visit has been recorded as missed and re-drawn for the week of \d+ \w+ 2027/,
  );
  assert.match(page, new RegExp(`${s.suite.name} 13 13 0 1`));
  assert.match(page, /Missed/);
  assert.match(page, /re-drawn/);
  const redrawn = (await visitsOf(s.panel.id)).find((v) => v.replacesVisitId === first.id)!;
  assert.ok(redrawn.weekStarting > '2027-01-12');

  // A visit whose week has not begun cannot be recorded as missed.
  const later = (await visitsOf(s.panel.id)).find(
    (v) => v.weekStarting > '2027-01-18' && v.status === 'planned',
  )!;
  const early = await manager.post(`/custody-visiting/visits/${later.id}/missed`, {});
  assert.equal(early.statusCode, 409);
  assert.match(text(early.body), /A visit can be recorded as missed only once its week has begun/);

  // The lay visitor's visit this week: fixed for Tuesday evening, then made.
  const [mine] = (await visitsOfVisitor(s.lay.visitor.id)).filter(
    (v) => v.weekStarting >= '2027-01-18',
  );
  t.clock.current = new Date(`${mine!.weekStarting}T08:00:00Z`);
  const visitor = await signInAccount(t, s.lay.account);
  const [y, m, d] = mine!.weekStarting.split('-');
  const tuesday = String(Number(d) + 1);
  const tooSoon = await visitor.post(`/custody-visiting/your-visits/${mine!.id}/made`, {});
  assert.equal(tooSoon.statusCode, 409);
  assert.match(text(tooSoon.body), /only once its day and time have come/);
  assert.equal(
    (
      await visitor.post(`/custody-visiting/your-visits/${mine!.id}/time`, {
        'visitOn-day': tuesday,
        'visitOn-month': m!,
        'visitOn-year': y!,
        visitTime: '19:30',
      })
    ).statusCode,
    303,
  );
  t.clock.current = new Date(`${mine!.weekStarting}T23:00:00Z`);
  t.clock.advanceMinutes(24 * 60);
  // A new day, a new sign-in.
  const again = await signInAccount(t, s.lay.account);
  const made = await again.post(`/custody-visiting/your-visits/${mine!.id}/made`, {});
  assert.equal(made.statusCode, 303, made.body);
  assert.match(
    text((await again.get('/custody-visiting/your-visits')).body),
    /The visit has been recorded as made/,
  );
  const late = await signInNewAccount(t, 'scheme_manager');
  page = text((await late.get(`${rotaUrl(s.panel)}?quarter=${QUARTER}`)).body);
  assert.match(page, new RegExp(`${s.suite.name} 13 12 1 1`));
  // Spread: one weekday evening visit made; no weekend visit yet is flagged.
  assert.match(page, new RegExp(`${s.suite.name} 0 1 0 0`));
  assert.match(page, /No visit made at a weekend/);
});

test('ICV-03: the demo panel’s rota for this quarter is drawn, its past visits made, and the next quarter’s availability asked for', async () => {
  await loadDemoData(t.services.db, t.services.secretBox);
  // The demo's dates run up to the real today, so its pages are read on that day.
  t.clock.current = new Date();
  try {
    const quarter = quarterOf(todayInLondon(t.clock.now()));
    const coordinator = await signIn(t.app, demoAccount('panel_coordinator').email);
    const panels = (await coordinator.get('/custody-visiting/panels')).body;
    const panelId = /href="\/custody-visiting\/panels\/([0-9a-f-]{36})"/.exec(panels)![1]!;
    const panel = text((await coordinator.get(`/custody-visiting/panels/${panelId}`)).body);
    assert.match(panel, /Rota/);
    const page = text(
      (await coordinator.get(`/custody-visiting/panels/${panelId}/rota?quarter=${quarter}`)).body,
    );
    assert.match(page, /Drawn on/);
    assert.match(page, /Holborn Police Station 1[34] \d+ \d+ 0/);
    assert.match(page, /visits short of the target/);
    assert.match(page, /Val Visitor Can be put on the rota Not answered [1-9]/);
    assert.match(page, /Tom Reilly Yes, with an experienced visitor Not answered [1-9]/);
    assert.match(page, /Grace Lindqvist Cannot be put on the rota: Suspended from .* 0/);

    const visitor = await signIn(t.app, demoAccount('lay_visitor').email);
    const mine = text((await visitor.get('/custody-visiting/your-visits')).body);
    assert.match(mine, /Your coordinator has asked for your availability for/);
    assert.match(mine, /Holborn Police Station|Kentish Town Police Station/);
  } finally {
    await removeDemoData(t.services.db);
  }
  const left = await t.services.db
    .select({ id: custodyVisits.id })
    .from(custodyVisits)
    .innerJoin(
      // Nothing of the demo panel's rota is left.
      custodySuites,
      eq(custodySuites.id, custodyVisits.suiteId),
    )
    .where(eq(custodySuites.area, 'Camden'));
  assert.equal(left.length, 0);
});
