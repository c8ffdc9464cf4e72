/**
 * Issue 27 part 5: the transparency site's home. Someone not signed in reads, for each public
 * area, a heading linking to its pages and its headline figures; each test reads a figure, makes
 * records that change it (and records that must not), and reads the page again: the kept page is
 * refreshed by the change (ADR 0016) and says the new figure. DP-01: no private person is named.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { todayInLondon } from '../../src/platform/calendar/index.js';
import { custodyVisits } from '../../src/modules/custody-visiting/schema.js';
import { advisoryGroups } from '../../src/modules/groups/schema.js';
import { Agent, createTestApp, type TestApp } from '../app.js';
import { signInNewAccount } from '../factories/accounts.js';
import { makeConsultation } from '../factories/consultation.js';
import { EXPERIENCED, makePanel, makeSuite, makeVisitor } from '../factories/custody-visiting.js';
import { uniqueTag } from '../factories/directory.js';
import { makeEntry } from '../factories/good-practice.js';
import { makeAwardedApplication, makeFund, makeRound } from '../factories/grants.js';
import { insertMembership, makeGroup } from '../factories/groups.js';
import { makeIndicator } from '../factories/indicators.js';
import { policeUkFile, policeUkLines } from '../factories/stop-search.js';
import { makeTrackerSource } from '../factories/tracker.js';
import { mainOf, textOf } from '../html.js';

let t: TestApp;
let officer: Agent;
before(async () => {
  t = await createTestApp();
  officer = await signInNewAccount(t, 'authority_officer');
});
after(() => t.close());

async function homeText(): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: '/' });
  assert.equal(res.statusCode, 200);
  return textOf(mainOf(res.body));
}

/**
 * The number the home page shows before the words given ("12 advisory groups" → 12), the words
 * a pattern (the singular's words differ); 0 where an area with nothing published is not shown.
 */
function figure(text: string, words: string, shownWhenNone = true): number {
  const found = new RegExp(`([\\d,]+) ${words}`).exec(text);
  if (!found && !shownWhenNone) return 0;
  assert.ok(found, `The home page says no figure before "${words}": ${text}`);
  return Number(found[1]!.replaceAll(',', ''));
}

test('the home page links each public area by its heading, and offers open data and signing in', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/' });
  for (const [href, words] of [
    ['/advisory-groups', 'Advisory groups'],
    ['/recommendations', 'Recommendations and progress'],
    ['/custody-visiting', 'Independent custody visiting'],
    ['/consultations', 'Consultations'],
    ['/open-data', 'Open data'],
  ])
    assert.match(res.body, new RegExp(`<a class="govuk-link" href="${href}">${words}</a>`));
  assert.match(textOf(mainOf(res.body)), /What is published here/);
  assert.match(res.body, /href="\/sign-in"/);
});

test('advisory groups: the groups the public register lists and the advisors serving in them, each once; a closed group and its members are not counted, and no member is named', async () => {
  const tag = uniqueTag();
  const before = await homeText();
  const groups = figure(before, 'advisory groups?');
  const advisors = figure(before, 'advisors? serving in them now');

  const listed = await makeGroup(t, {
    name: `Listed ${tag}`,
    members: [`Member Named ${tag}`, `Other ${tag}`],
  });
  // One advisor in two groups is one advisor.
  const second = await makeGroup(t, { name: `Second ${tag}` });
  await insertMembership(t, second.id, listed.members[0]!.personId, {
    startsOn: todayInLondon(t.clock.now()),
  });
  const closed = await makeGroup(t, { name: `Closed ${tag}`, members: [`Gone ${tag}`] });
  await t.services.db
    .update(advisoryGroups)
    .set({ status: 'closed' })
    .where(eq(advisoryGroups.id, closed.id));

  const now = await homeText();
  assert.equal(figure(now, 'advisory groups?'), groups + 2);
  assert.equal(figure(now, 'advisors? serving in them now'), advisors + 2);
  assert.doesNotMatch(now, new RegExp(tag));
});

test('recommendations: the reviews published and their actions completed of all; a source not published is not counted', async () => {
  const tag = uniqueTag();
  const before = await homeText();
  const sources = figure(before, '(?:reviews and inquiries|review or inquiry) published');
  const completed = /([\d,]+) actions? completed, of ([\d,]+)/.exec(before)!;

  await makeTrackerSource(t, [
    {
      source_title: `Review ${tag}`,
      source_kind: 'review',
      source_public: 'yes',
      recommendation: '1',
      recommendation_text: `Explain every search ${tag}`,
      action: 'Brief every officer',
      result: 'completed',
      completed_on: '2026-03-31',
    },
    { recommendation: '1', action: 'Check the briefings', result: 'ongoing', due_on: '2031-09-30' },
  ]);
  await makeTrackerSource(t, [
    {
      source_title: `Private review ${tag}`,
      source_kind: 'review',
      recommendation: '1',
      recommendation_text: `Secret ${tag}`,
      action: 'Done quietly',
      result: 'completed',
      completed_on: '2026-03-31',
    },
  ]);

  const now = await homeText();
  assert.equal(figure(now, '(?:reviews and inquiries|review or inquiry) published'), sources + 1);
  const after = /([\d,]+) actions? completed, of ([\d,]+)/.exec(now)!;
  assert.equal(Number(after[1]), Number(completed[1]) + 1);
  assert.equal(Number(after[2]), Number(completed[2]) + 2);
});

test('consultations: one launched and open today is counted as open; one not launched is not counted', async () => {
  const before = await homeText();
  const open = figure(before, 'consultations? open now');
  await makeConsultation(t, { title: `Open ${uniqueTag()}` });
  await makeConsultation(t, { title: `Draft ${uniqueTag()}`, launched: false });
  assert.equal(figure(await homeText(), 'consultations? open now'), open + 1);
});

test('ICV-10: custody visiting: the latest whole quarter is named with its visits and target, and the issues raised in it; a visit made in it is counted, one in this quarter is not', async () => {
  const visitsMade = (text: string) => {
    const found =
      /([\d,]+) visits? made to police stations from (\d{1,2} \w+ \d{4}) to \d{1,2} \w+ \d{4}, against a target of [\d,]+/.exec(
        text,
      );
    assert.ok(found, `The home page names no quarter's custody visits: ${text}`);
    return { made: Number(found[1]!.replaceAll(',', '')), from: found[2]! };
  };
  const before = await homeText();
  assert.match(before, /[\d,]+ issues? raised by visitors in that time, [\d,]+ resolved/);
  const { made, from } = visitsMade(before);

  // The quarter before this one is the latest whole quarter; a visit made then is counted, and
  // one made in this quarter is not, yet.
  const [year, month] = todayInLondon(new Date()).split('-').map(Number) as [number, number];
  const thisQuarter = Date.UTC(year, Math.floor((month - 1) / 3) * 3, 1);
  const lastQuarter = new Date(thisQuarter);
  lastQuarter.setUTCMonth(lastQuarter.getUTCMonth() - 3);
  const iso = (ms: number | Date) => new Date(ms).toISOString().slice(0, 10);
  const panel = await makePanel(t);
  const suite = await makeSuite(t, { area: panel.area });
  const [a, b] = await Promise.all([
    makeVisitor(t, panel, { stage: EXPERIENCED, inducted: true }),
    makeVisitor(t, panel, { stage: EXPERIENCED, inducted: true }),
  ]);
  const visit = (quarterStart: string) => ({
    panelId: panel.id,
    suiteId: suite.id,
    quarterStart,
    weekStarting: quarterStart,
    firstVisitorId: a!.id,
    secondVisitorId: b!.id,
    status: 'made' as const,
    visitOn: quarterStart,
    visitMinutes: 10 * 60,
  });
  await t.services.db
    .insert(custodyVisits)
    .values([visit(iso(lastQuarter)), visit(iso(thisQuarter))]);

  const now = visitsMade(await homeText());
  assert.equal(now.from, from, 'still the same quarter');
  assert.equal(now.made, made + 1);
});

test('CON-01, CDRP-10: performance: the public indicators, with how many are on target and off it; an indicator not public is not counted', async () => {
  const before = await homeText();
  const published = figure(before, 'measures? published', false);
  const green = figure(before, 'on target by (?:their|its) latest figure', false);
  const red = figure(before, 'off target', false);

  await makeIndicator(t, {
    isPublic: true,
    values: { '2026-01-01': 120 },
    targets: { '2026-01-01': 100 },
  });
  await makeIndicator(t, {
    isPublic: true,
    values: { '2026-01-01': 50 },
    targets: { '2026-01-01': 100 },
  });
  await makeIndicator(t, { values: { '2026-01-01': 1 }, targets: { '2026-01-01': 100 } });

  const now = await homeText();
  assert.equal(figure(now, 'measures? published'), published + 2);
  assert.equal(figure(now, 'on target by (?:their|its) latest figure'), green + 1);
  assert.equal(figure(now, 'off target'), red + 1);
});

test('CDRP-08: good practice: an entry published is counted; one not published is not', async () => {
  await makeEntry(t, { public: true });
  const before = figure(await homeText(), 'accounts? of what worked');
  await makeEntry(t, { public: true });
  await makeEntry(t, { public: false });
  assert.equal(figure(await homeText(), 'accounts? of what worked'), before + 1);
});

test('LEG-04: stop and search: nothing is said until a month is imported; then the latest year, its searches and arrest rate', async () => {
  // No other test here imports a month.
  assert.doesNotMatch(await homeText(), /the latest year published/);
  // A year later than any other test's, so it is the latest imported.
  const y = 9000 + Math.floor(Math.random() * 900);
  const date = `${y}-06-14T09:30:00+00:00`;
  const lines = [
    ...policeUkLines(3, { Date: date, Outcome: 'Arrest' }),
    ...policeUkLines(9, { Date: date, Outcome: 'A no further action disposal' }),
  ];
  const imported = await officer.postFile(
    '/stop-and-search/months/import',
    {},
    {
      field: 'file',
      name: `${y}-06-force-stop-and-search.csv`,
      bytes: Buffer.from(policeUkFile(...lines)),
      type: 'text/csv',
    },
  );
  assert.equal(imported.statusCode, 303, imported.body);

  const now = await homeText();
  const label = `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
  assert.equal(figure(now, `searches in ${label}, the latest year published`), 12);
  assert.match(now, /25\.0% of those searches ended in an arrest/);
});

test('CDRP-12: grants awarded: the latest year with an award, its grants and the sum awarded; nothing said before the first award', async () => {
  // No other test here awards a grant.
  assert.doesNotMatch(await homeText(), /grants? awarded for/);
  // A year later than any other test's, so it is the latest with an award.
  const year = 2900 + Math.floor(Math.random() * 90);
  const fund = await makeFund(t, { name: `Home fund ${uniqueTag()}`, startYear: year });
  const round = await makeRound(t, fund.id, { title: 'Home round', startYear: year });
  await makeAwardedApplication(t, round.id, { awardedPence: 1_250_000 });
  await makeAwardedApplication(t, round.id, { awardedPence: 250_000 });

  const now = await homeText();
  const label = `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
  assert.equal(figure(now, `grants awarded for ${label}, the latest year`), 2);
  assert.match(now, new RegExp(`£15,000 awarded in all for ${label}`));
});

test('LEG-04, DP-01: workforce: the latest snapshot, its personnel and shares, as the public page publishes them', async () => {
  const date = `${3000 + Math.floor(Math.random() * 6000)}-03-31`;
  const lines = [
    'officer,constable,female,white,300',
    'officer,constable,male,white,500',
    'officer,constable,male,black,120',
    'officer,constable,female,asian,80',
  ].map((l) => `${date},${l}`);
  const res = await officer.postFile(
    '/workforce-figures/import',
    {},
    {
      field: 'file',
      name: 'workforce.csv',
      bytes: Buffer.from(
        ['as_at,workforce,rank_band,sex,ethnic_group,headcount', ...lines].join('\r\n'),
      ),
      type: 'text/csv',
    },
  );
  assert.equal(res.statusCode, 303, res.body);
  const now = await homeText();
  assert.match(now, new RegExp(`1,000 officers and staff as at 31 March ${date.slice(0, 4)}`));
  // (120 + 80) of 1,000 stated; 380 women of 1,000.
  assert.match(now, /20\.0% of them from minority ethnic groups/);
  assert.match(now, /38\.0% of them women/);
});

test('a signed-in person is shown their own tasks, not the public headlines', async () => {
  const res = await officer.get('/');
  assert.equal(res.statusCode, 200);
  assert.doesNotMatch(textOf(mainOf(res.body)), /What is published here/);
});
