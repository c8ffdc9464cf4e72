/**
 * A source's context, its reporting year, back-dated progress and the links to record it
 * (issue 23 items 6, 8 and 10), through the pages as a clerk and an action's owner use them.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  trackerActions,
  trackerSources,
  trackerUpdates,
} from '../../src/modules/tracker/schema.js';
import { Agent, createTestApp, dateFields, principalFor, type TestApp } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { mainOf, textOf } from '../html.js';
import { pdfPages, pdfStructure } from '../pdf-text.js';

let t: TestApp;
let officerAccount: FactoryAccount;
let officer: Agent;

before(async () => {
  t = await createTestApp();
  officerAccount = await makeAccount(t, { role: 'authority_officer' });
  officer = await signInAccount(t, officerAccount);
});
afterEach(() => t.clock.reset());
after(() => t.close());

/** Records a source through the new-source form; gives the page it lands on and its id. */
async function recordSource(fields: Record<string, string>) {
  await officer.get('/tracker/new');
  const posted = await officer.post('/tracker/new', { kind: 'review', isPublic: 'no', ...fields });
  if (posted.statusCode !== 303) return { posted, id: null };
  const location = String(posted.headers.location);
  return { posted, id: location.split('/').pop()!, page: await officer.get(location) };
}

/** One recommendation with a key point and an action, added as a manager does. */
async function addItem(sourceId: string, number: string, action: string, input = {}) {
  const principal = await principalFor(t, officerAccount.email);
  const { recommendation } = await t.services.trackerRecords.addRecommendation(
    principal,
    sourceId,
    {
      number,
      text: `Recommendation text ${number}`,
    },
  );
  const { keyPoint } = await t.services.trackerRecords.addKeyPoint(principal, recommendation.id, {
    text: `Key point ${number}`,
  });
  return t.services.trackerRecords.addAction(
    principal,
    { keyPointId: keyPoint.id },
    {
      description: action,
      result: 'ongoing',
      ...input,
    },
  );
}

const INTRODUCTION = [
  'The Authority agreed this plan in *December 2002* and it answers six issues.',
  '',
  '1. Issues of trust',
  '    - stop and search',
  '    - complaints <b>handling</b>',
  '2. Recruitment and retention',
  '',
  'Its terms of reference follow the **MPA** principles.',
].join('\n');

/** The introduction's words as a person reads them, in order. */
const INTRODUCTION_WORDS = [
  'The Authority agreed this plan in December 2002 and it answers six issues.',
  'Issues of trust',
  'stop and search',
  'complaints <b>handling</b>',
  'Recruitment and retention',
  'Its terms of reference follow the MPA principles.',
];

test('TRK-01: a source recorded with a summary and an introduction (paragraphs, a numbered list with sub-bullets) shows them above its items on its page, its report page and its committee PDF', async () => {
  const { id, page } = await recordSource({
    title: 'MPA action plan 2002/03',
    summary: 'How the Authority will answer the\n inspection.',
    introduction: INTRODUCTION,
    isPublic: 'yes',
  });
  assert.ok(id && page);
  await addItem(id, '1', 'Publish the figures');
  // The public reads it too, above the published items.
  const published = textOf(mainOf((await new Agent(t.app).get(`/recommendations/${id}`)).body));
  assert.match(
    published,
    /MPA action plan 2002\/03 How the Authority will answer the inspection\. The Authority agreed this plan in December 2002 and it answers six issues\. Issues of trust stop and search complaints <b>handling<\/b> Recruitment and retention Its terms of reference follow the MPA principles\..*Recommendation 1/,
  );
  const sourcePage = await officer.get(`/tracker/sources/${id}`);
  const html = mainOf(sourcePage.body);
  // The summary in plain words, then the introduction's paragraphs and lists, before the items.
  const text = textOf(html);
  const intro = text.indexOf('How the Authority will answer the inspection.');
  assert.ok(intro > text.indexOf('MPA action plan 2002/03'), text);
  let at = intro;
  for (const words of INTRODUCTION_WORDS) {
    const next = text.indexOf(words, at);
    assert.ok(next > at, `"${words}" is not on the source page after what comes before it`);
    at = next;
  }
  assert.ok(text.indexOf('Recommendation 1') > at, 'the introduction is above the items');
  // The list is a list; what was typed as HTML is words, not markup.
  assert.match(
    html,
    /<ol class="govuk-list govuk-list--number">\s*<li>Issues of trust<ul class="govuk-list govuk-list--bullet">\s*<li>stop and search<\/li>/,
  );
  assert.match(html, /<em>December 2002<\/em>/);
  assert.match(html, /<strong>MPA<\/strong>/);
  assert.match(html, /complaints &lt;b&gt;handling&lt;\/b&gt;/);

  // The report page and its PDF: the same words in the same order, the PDF's list tagged as one.
  const report = await officer.get(`/tracker/sources/${id}/report`);
  const reportText = textOf(mainOf(report.body).replace(/<form[\s\S]*?<\/form>/g, ' '));
  const pdf = await officer.get(`/tracker/sources/${id}/report.pdf`);
  assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 300));
  const pages = await pdfPages(pdf.rawPayload);
  const lines = pages.flat().map((l) => l.text);
  // The PDF draws each item's number or bullet (Lbl) beside its text; the page's list draws them itself.
  assert.deepEqual(lines.slice(2, 11), [
    'How the Authority will answer the inspection.',
    INTRODUCTION_WORDS[0],
    '1.',
    'Issues of trust',
    '\u2022',
    'stop and search',
    '\u2022',
    'complaints <b>handling</b>',
    '2.',
  ]);
  const pdfWords = lines.filter((l) => !/^(\d+\.|\u2022)$/.test(l)).join(' ');
  const summaryAt = reportText.indexOf('Summary as at');
  assert.ok(summaryAt > 0, reportText);
  const pageWords = reportText.slice(reportText.indexOf('How the Authority'), summaryAt).trim();
  assert.equal(
    pageWords,
    ['How the Authority will answer the inspection.', ...INTRODUCTION_WORDS].join(' '),
  );
  assert.ok(pdfWords.includes(pageWords), pdfWords);
  assert.ok(pdfWords.indexOf(pageWords) < pdfWords.indexOf('Summary as at'));
  const [structure] = await pdfStructure(pdf.rawPayload);
  for (const path of [
    'Document/P',
    'Document/L/LI/Lbl',
    'Document/L/LI/LBody/P',
    'Document/L/LI/LBody/L/LI/LBody/P',
  ])
    assert.ok(structure!.includes(path), `${path} is not in ${structure!.join(', ')}`);
});

test('TRK-01: a summary or introduction too long is refused with a field error, and nothing is recorded', async () => {
  const before = await t.services.db.select({ id: trackerSources.id }).from(trackerSources);
  const { posted } = await recordSource({
    title: 'Too long',
    summary: 'word '.repeat(400),
  });
  assert.equal(posted.statusCode, 400);
  assert.match(textOf(mainOf(posted.body)), /The summary must be 1,?000 characters or fewer/);
  const [stored] = await t.services.db
    .select({ id: trackerSources.id })
    .from(trackerSources)
    .where(eq(trackerSources.title, 'Too long'));
  assert.equal(stored, undefined);
  const afterRows = await t.services.db.select({ id: trackerSources.id }).from(trackerSources);
  assert.equal(afterRows.length, before.length);
});

test('CON-08, IAG-25: a work plan for 2006-07 without an advisory group is recorded, its reporting year shown on its page and in the list', async () => {
  const { id, page } = await recordSource({
    title: 'Equalities portfolio work plan',
    kind: 'work_plan',
    coversYear: '2006-07',
  });
  assert.ok(id && page);
  const text = textOf(mainOf(page.body));
  assert.match(text, /Reporting year 2006-07 \(April to March\)/);
  const list = await officer.get(`/tracker?q=${encodeURIComponent('Equalities portfolio')}`);
  assert.match(textOf(mainOf(list.body)), /Equalities portfolio work plan Reporting year 2006-07/);
  // Typed as its first year alone, the same year.
  const second = await recordSource({
    title: 'Equalities annual report',
    kind: 'annual_report',
    coversYear: '2006',
  });
  assert.match(textOf(mainOf(second.page!.body)), /Reporting year 2006-07 \(April to March\)/);
});

test('IAG-25: a malformed reporting year, or one for a source of another kind, is refused with a field error, and nothing is recorded', async () => {
  for (const [kind, coversYear, message] of [
    ['work_plan', '2006-08', /Enter the reporting year as its two years, for example 2006-07/],
    ['work_plan', 'last year', /Enter the reporting year as its two years/],
    ['review', '2006-07', /Only a work plan or an annual report covers a reporting year/],
  ] as const) {
    const title = `Refused ${kind} ${coversYear}`;
    const { posted } = await recordSource({ title, kind, coversYear });
    assert.equal(posted.statusCode, 400);
    const text = textOf(posted.body);
    assert.match(text, /There is a problem/);
    assert.match(text, message);
    assert.match(posted.body, /href="#coversYear"/);
    const stored = await t.services.db
      .select({ id: trackerSources.id })
      .from(trackerSources)
      .where(eq(trackerSources.title, title));
    assert.deepEqual(stored, []);
  }
});

/** A plan agreed in 2002 and typed in today (23 November 2026), its one action owned by Olive. */
async function backFilledPlan(title: string) {
  const owner = await makeAccount(t, { role: 'authority_officer', name: 'Olive Owner' });
  const { id } = await recordSource({ title, ...dateFields('sourceDate', '2002-12-06') });
  assert.ok(id);
  const { action } = await addItem(id, '1', `Publish the figures for ${title}`, {
    'owner-0-name': owner.email,
  });
  return { sourceId: id, actionId: action.id, owner: await signInAccount(t, owner) };
}

async function actionState(actionId: string) {
  const [action] = await t.services.db
    .select()
    .from(trackerActions)
    .where(eq(trackerActions.id, actionId));
  const updates = await t.services.db
    .select()
    .from(trackerUpdates)
    .where(eq(trackerUpdates.actionId, actionId));
  return { action: action!, updates: updates.length };
}

test('TRK-01: each action links to its page for recording progress, from the source page and the report page, naming the action', async () => {
  const { sourceId, actionId, owner } = await backFilledPlan('Linked plan');
  for (const page of [`/tracker/sources/${sourceId}`, `/tracker/sources/${sourceId}/report`]) {
    const html = mainOf((await owner.get(page)).body);
    const link = new RegExp(
      `<a class="govuk-link govuk-body-s" href="/tracker/actions/${actionId}">Record progress<span class="govuk-visually-hidden"> on Publish the figures for Linked plan</span></a>`,
    );
    assert.match(html, link, page);
    const actionPage = await owner.get(`/tracker/actions/${actionId}`);
    assert.equal(actionPage.statusCode, 200);
    assert.match(textOf(mainOf(actionPage.body)), /Record progress on an action/);
  }
});

test('TRK-01: the report, kept once built, gives each reader their own progress links: its owner the link to their action, a reader who may not record progress none', async () => {
  const ownerAccount = await makeAccount(t, { role: 'partnership_officer', name: 'Petra Owner' });
  const { id: sourceId } = await recordSource({
    title: 'Kept report plan',
    ...dateFields('sourceDate', '2025-01-06'),
  });
  assert.ok(sourceId);
  const { action } = await addItem(sourceId, '1', 'Publish the kept figures', {
    'owner-0-name': ownerAccount.email,
  });
  const owner = await signInAccount(t, ownerAccount);
  const reader = await signInAccount(t, await makeAccount(t, { role: 'director' }));
  const link = `href="/tracker/actions/${action.id}">Record progress`;
  const report = `/tracker/sources/${sourceId}/report`;
  // Read in turn from the one kept report: neither reader's links are the other's.
  for (const round of [1, 2]) {
    const ownerPage = mainOf((await owner.get(report)).body);
    const readerPage = mainOf((await reader.get(report)).body);
    assert.ok(ownerPage.includes(link), `the owner has the link (round ${round})`);
    assert.ok(!readerPage.includes('Record progress'), `the reader has none (round ${round})`);
    assert.match(textOf(readerPage), /Publish the kept figures/);
  }
});

test('TRK-01: a back-dated update appears in a report as at the day it happened and not in one before; the day before, the report says why nothing shows', async () => {
  const { sourceId, actionId, owner } = await backFilledPlan('MPA action plan 2002/03');
  await owner.get(`/tracker/actions/${actionId}`);
  const { action } = await actionState(actionId);
  // Recorded a minute after the action was added, the same day.
  t.clock.advanceMinutes(1);
  const posted = await owner.post(`/tracker/actions/${actionId}`, {
    result: 'completed',
    ...dateFields('completedOn', '2003-03-01'),
    ...dateFields('happenedOn', '2003-03-31'),
    narrative: 'Figures published in March 2003',
    version: String(action.version),
  });
  assert.equal(posted.statusCode, 303, textOf(mainOf(posted.body)));

  const asAt = async (date: string) =>
    textOf(
      mainOf((await officer.get(`/tracker/sources/${sourceId}/report?date=${date}`)).body).replace(
        /<form[\s\S]*?<\/form>/g,
        ' ',
      ),
    );
  const then = await asAt('2003-03-31');
  assert.match(
    then,
    /Publish the figures for MPA action plan 2002\/03 .*Completed 1 March 2003 Figures published in March 2003/,
  );
  assert.doesNotMatch(then, /Nothing was recorded/);
  assert.match(then, /Completed 1 Ongoing 0/);

  const before = await asAt('2003-03-30');
  assert.doesNotMatch(before, /Publish the figures/);
  assert.match(
    before,
    /Nothing was recorded for this source by 30 March 2003: it was entered on 23 November 2026\. Back-date an update to report what had happened by then\./,
  );
  const pdf = await officer.get(`/tracker/sources/${sourceId}/report.pdf?date=2003-03-30`);
  const pdfText = (await pdfPages(pdf.rawPayload))
    .flat()
    .map((l) => l.text)
    .join(' ');
  assert.match(pdfText, /Nothing was recorded for this source by 30 March 2003: it was entered on/);
  const csv = await officer.get(`/tracker/sources/${sourceId}/report.csv?date=2003-03-30`);
  assert.match(csv.body, /Nothing was recorded for this source by 30 March 2003/);

  // Today's report: the action as it now stands, recorded last.
  assert.match(await asAt('2026-11-23'), /Completed 1 March 2003/);
  // The recommendation's history gives both days.
  const [row] = await t.services.db
    .select({ id: trackerActions.recommendationId })
    .from(trackerActions)
    .where(eq(trackerActions.id, actionId));
  const history = textOf(mainOf((await officer.get(`/tracker/recommendations/${row!.id}`)).body));
  assert.match(history, /23 November 2026 .*\(happened on 31 March 2003\), Olive Owner: recorded/);
});

test('TRK-01: an update said to happen in the future, before its source, or before the last progress on its action, is refused with a field error and changes nothing', async () => {
  const { actionId, owner } = await backFilledPlan('Refusals plan');
  await owner.get(`/tracker/actions/${actionId}`);
  const first = await actionState(actionId);
  const post = (happenedOn: string) =>
    owner.post(`/tracker/actions/${actionId}`, {
      result: 'ongoing',
      ...dateFields('happenedOn', happenedOn),
      narrative: 'Started',
      version: String(first.action.version),
    });
  for (const [day, message] of [
    ['2026-11-24', /The date must be today or in the past/],
    [
      '2002-12-05',
      /It cannot be before the source’s own date, 6 December 2002|It cannot be before the source's own date, 6 December 2002/,
    ],
  ] as const) {
    const refused = await post(day);
    assert.equal(refused.statusCode, 400, day);
    const text = textOf(refused.body);
    assert.match(text, /There is a problem/);
    assert.match(text, message);
    assert.match(refused.body, /href="#happenedOn-day"/);
    assert.deepEqual(await actionState(actionId), first);
  }
  // Once progress is dated 2004, earlier progress is refused: record it in the order it happened.
  assert.equal((await post('2004-01-10')).statusCode, 303);
  const second = await actionState(actionId);
  const refused = await owner.post(`/tracker/actions/${actionId}`, {
    result: 'ongoing',
    ...dateFields('happenedOn', '2003-06-01'),
    version: String(second.action.version),
  });
  assert.equal(refused.statusCode, 400);
  assert.match(
    textOf(refused.body),
    /It cannot be before the last progress recorded on this action, which happened on 10 January 2004/,
  );
  assert.deepEqual(await actionState(actionId), second);
});

test('TRK-01: a report as at a day after the source was entered but before its first action was added says when its first update is dated', async () => {
  const { id } = await recordSource({ title: 'Entered early' });
  assert.ok(id);
  t.clock.advanceMinutes(2 * 24 * 60);
  await addItem(id, '1', 'Added two days later');
  const agent = await signInAccount(t, officerAccount);
  const page = await agent.get(`/tracker/sources/${id}/report?date=2026-11-24`);
  assert.equal(page.statusCode, 200);
  assert.match(
    textOf(mainOf(page.body)),
    /Nothing was recorded for this source by 24 November 2026: its first update is dated 25 November 2026\. Back-date an update to report what had happened by then\./,
  );
  const later = await agent.get(`/tracker/sources/${id}/report?date=2026-11-25`);
  assert.doesNotMatch(textOf(mainOf(later.body)), /Nothing was recorded/);
  assert.match(textOf(mainOf(later.body)), /Added two days later/);
});
