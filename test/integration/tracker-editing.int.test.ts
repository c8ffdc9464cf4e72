/**
 * TRK-01 (issue 23): editing a source, a recommendation and a key point through the pages, and
 * removing or withdrawing what was added, each read back on the pages and in their history.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { and, asc, count, eq } from 'drizzle-orm';
import { advisoryGroups } from '../../src/modules/groups/schema.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerRecommendations,
  trackerSources,
  trackerUpdates,
} from '../../src/modules/tracker/schema.js';
import { createTestApp, principalFor, type Agent, type TestApp } from '../app.js';
import { makeAccount, signInAccount } from '../factories/accounts.js';
import { makeTrackerSource, organisationIdByCode } from '../factories/tracker.js';
import { mainOf, textOf } from '../html.js';
import { pagesText, pdfPages } from '../pdf-text.js';

let t: TestApp;
let officer: Agent;
/** Camden's partnership officer: may view the tracker, not manage it. */
let viewer: Agent;

before(async () => {
  t = await createTestApp({ demo: false });
  officer = await signInAccount(t, await makeAccount(t, { role: 'authority_officer' }));
  const camdenId = await organisationIdByCode(t, 'E09000007');
  viewer = await signInAccount(
    t,
    await makeAccount(t, {
      role: 'partnership_officer',
      scope: { type: 'borough', id: camdenId },
    }),
  );
});
after(() => t.close());

/** Quotes as the pages write them. */
const q = (s: string) => `“${s}”`;

/**
 * A review of its own: recommendation 1 with a key point and two actions (one ongoing, one
 * awaiting), and recommendation 2 with one action. Gives the ids.
 */
async function makeReview() {
  const title = `Stop and search review ${randomBytes(3).toString('hex')}`;
  const sourceId = await makeTrackerSource(t, [
    {
      source_title: title,
      source_kind: 'review',
      source_reports_to: 'Policing Committee',
      recommendation: '1',
      section: 'Recording',
      recommendation_text: 'Record every stop',
      key_point: 'Stops recorded',
      action: 'Issue body-worn video',
      result: 'ongoing',
    },
    {
      recommendation: '1',
      key_point: 'Stops recorded',
      action: 'Audit the records',
      result: 'awaits',
    },
    {
      recommendation: '2',
      recommendation_text: 'Publish the figures',
      key_point: 'Figures published',
      action: 'Publish monthly',
      result: 'ongoing',
    },
  ]);
  const db = t.services.db;
  const recommendations = await db
    .select()
    .from(trackerRecommendations)
    .where(eq(trackerRecommendations.sourceId, sourceId))
    .orderBy(asc(trackerRecommendations.position));
  const actions = await db
    .select()
    .from(trackerActions)
    .where(eq(trackerActions.sourceId, sourceId))
    .orderBy(asc(trackerActions.position));
  const [keyPoint] = await db
    .select()
    .from(trackerKeyPoints)
    .where(eq(trackerKeyPoints.recommendationId, recommendations[0]!.id));
  const action = (text: string) => actions.find((a) => a.description === text)!;
  return {
    title,
    sourceId,
    rec1: recommendations[0]!.id,
    rec2: recommendations[1]!.id,
    keyPointId: keyPoint!.id,
    video: action('Issue body-worn video'),
    audit: action('Audit the records'),
    publish: action('Publish monthly'),
  };
}

/** The version an edit form carries, from the form as the page gives it. */
async function stamp(agent: Agent, url: string): Promise<string> {
  const page = await agent.get(url);
  assert.equal(page.statusCode, 200, page.body.slice(0, 1000));
  return /name="version" value="([^"]+)"/.exec(page.body)![1]!;
}

/** Posts a form and follows its redirect; gives the page it lands on. */
async function postAndFollow(agent: Agent, url: string, fields: Record<string, string>) {
  const posted = await agent.post(url, fields);
  assert.equal(posted.statusCode, 303, posted.body.slice(0, 2000));
  return agent.get(posted.headers.location!);
}

const editedRows = async (subjectId: string) =>
  (
    await t.services.db
      .select({ n: count() })
      .from(trackerUpdates)
      .where(and(eq(trackerUpdates.subjectId, subjectId), eq(trackerUpdates.kind, 'edited')))
  )[0]!.n;

test('TRK-01: a recommendation’s number, heading and text are changed, and the history says from what to what', async () => {
  const r = await makeReview();
  const url = `/tracker/recommendations/${r.rec1}/edit`;
  const form = await officer.get(url);
  assert.match(form.body, /Record every stop/);
  const page = await postAndFollow(officer, url, {
    version: await stamp(officer, url),
    number: '1a',
    section: 'Recording',
    text: 'Record every stop and search',
  });
  assert.match(page.body, /The changes have been saved/);
  assert.match(page.body, /Recommendation 1a/);
  assert.match(
    page.body,
    /Every update to its actions and its standing, and every change, removal or withdrawal, the latest first\./,
  );
  assert.match(page.body, /Record every stop and search/);
  assert.ok(page.body.includes(`Changed the number from ${q('1')} to ${q('1a')}`));
  assert.ok(
    page.body.includes(
      `Changed the text from ${q('Record every stop')} to ${q('Record every stop and search')}`,
    ),
  );
  // The heading did not change, so the history does not mention it.
  assert.doesNotMatch(page.body, /Changed the heading/);
  assert.equal(await editedRows(r.rec1), 1);

  // The same again: nothing changed, nothing recorded.
  const again = await postAndFollow(officer, url, {
    version: await stamp(officer, url),
    number: '1a',
    section: 'Recording',
    text: 'Record every stop and search',
  });
  assert.match(again.body, /Nothing was changed/);
  assert.equal(await editedRows(r.rec1), 1);
});

test('TRK-01: a number the source already has is refused, naming the field, and nothing changes', async () => {
  const r = await makeReview();
  const url = `/tracker/recommendations/${r.rec1}/edit`;
  const refused = await officer.post(url, {
    version: await stamp(officer, url),
    number: '2',
    text: 'Record every stop',
  });
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /This source already has a number 2/);
  assert.match(refused.body, /href="#number"/);
  const blank = await officer.post(url, { version: await stamp(officer, url), number: '1' });
  assert.equal(blank.statusCode, 400);
  assert.match(blank.body, /Enter the text of the recommendation/);
  const [row] = await t.services.db
    .select()
    .from(trackerRecommendations)
    .where(eq(trackerRecommendations.id, r.rec1));
  assert.equal(row!.number, '1');
  assert.equal(row!.text, 'Record every stop');
  assert.equal(await editedRows(r.rec1), 0);
});

test('TRK-01: an edit made from a form read before someone else’s change is refused', async () => {
  const r = await makeReview();
  const url = `/tracker/recommendations/${r.rec2}/edit`;
  const old = await stamp(officer, url);
  await postAndFollow(officer, url, {
    version: old,
    number: '2',
    text: 'Publish the figures monthly',
  });
  const stale = await officer.post(url, { version: old, number: '2', text: 'Publish nothing' });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /Someone else changed this while you were editing it/);
  const page = await officer.get(`/tracker/recommendations/${r.rec2}`);
  assert.match(page.body, /Publish the figures monthly/);
  assert.doesNotMatch(page.body, /Publish nothing/);
});

test('TRK-01: a key point’s text and leads are changed; the history names the leads before and after', async () => {
  const r = await makeReview();
  const url = `/tracker/key-points/${r.keyPointId}/edit`;
  const hr = await organisationIdByCode(t, 'human-resources');
  const page = await postAndFollow(officer, url, {
    version: await stamp(officer, url),
    text: 'Every stop recorded',
    'lead-0-organisation': hr,
  });
  assert.match(page.body, /Every stop recorded/);
  assert.ok(
    page.body.includes(
      `Changed the text from ${q('Stops recorded')} to ${q('Every stop recorded')}`,
    ),
  );
  assert.match(page.body, /Set the leads to “[^”]+”/);
  assert.match(page.body, /changed a key point/);
});

test('TRK-01: a source’s details are changed, and listed under "Changes to this source"', async () => {
  const r = await makeReview();
  const url = `/tracker/sources/${r.sourceId}/edit`;
  const page = await postAndFollow(officer, url, {
    version: await stamp(officer, url),
    title: `${r.title} (revised)`,
    reportsTo: 'Police and Crime Committee',
    isPublic: 'no',
  });
  assert.match(page.body, /The changes have been saved/);
  assert.ok(page.body.includes(`<h1 class="govuk-heading-l">${r.title} (revised)</h1>`));
  assert.match(page.body, /Changes to this source/);
  assert.ok(
    page.body.includes(
      `Changed the reporting committee from ${q('Policing Committee')} to ${q('Police and Crime Committee')}`,
    ),
  );
  assert.ok(
    page.body.includes(`Changed the title from ${q(r.title)} to ${q(`${r.title} (revised)`)}`),
  );
});

test('TRK-01: a source’s dates are kept in its history as their days (YYYY-MM-DD) and read as before, in words; older rows kept in words read as they are', async () => {
  const r = await makeReview();
  const url = `/tracker/sources/${r.sourceId}/edit`;
  const dates = (sourceDate: string, dueOn: string) => {
    const [sy, sm, sd] = sourceDate.split('-');
    const [dy, dm, dd] = dueOn.split('-');
    return {
      ...{ 'sourceDate-day': sd!, 'sourceDate-month': sm!, 'sourceDate-year': sy! },
      ...{ 'dueOn-day': dd!, 'dueOn-month': dm!, 'dueOn-year': dy! },
    };
  };
  const fields = { title: r.title, reportsTo: 'Policing Committee', isPublic: 'no' };
  await postAndFollow(officer, url, {
    version: await stamp(officer, url),
    ...fields,
    ...dates('2026-04-01', '2026-11-23'),
  });
  const page = await postAndFollow(officer, url, {
    version: await stamp(officer, url),
    ...fields,
    ...dates('2026-05-02', '2027-01-09'),
  });
  const text = textOf(mainOf(page.body));
  assert.match(text, /The changes have been saved/);
  assert.ok(
    text.includes(`Changed the date of the source from ${q('1 April 2026')} to ${q('2 May 2026')}`),
    text,
  );
  assert.ok(
    text.includes(
      `Changed the date it is due from ${q('23 November 2026')} to ${q('9 January 2027')}`,
    ),
  );
  assert.ok(text.includes(`Set the date it is due to ${q('23 November 2026')}`));
  // Each change as it is kept (whatever the rows' order, and jsonb's order of keys).
  const kept = (
    await t.services.db
      .select({ changes: trackerUpdates.changes })
      .from(trackerUpdates)
      .where(and(eq(trackerUpdates.subjectId, r.sourceId), eq(trackerUpdates.kind, 'edited')))
  ).flatMap((row) => (row.changes ?? []).map((c) => `${c.field}: ${c.before} to ${c.after}`));
  for (const change of [
    'sourceDate: 2026-04-01 to 2026-05-02',
    'dueOn: null to 2026-11-23',
    'dueOn: 2026-11-23 to 2027-01-09',
  ])
    assert.ok(kept.includes(change), `${change} in ${kept.join('; ')}`);

  // A row written before the dates were kept as days holds them in words: shown as they are.
  await t.services.db.insert(trackerUpdates).values({
    sourceId: r.sourceId,
    kind: 'edited',
    recordedAt: new Date('2026-01-05T10:00:00Z'),
    authorLabel: 'An earlier clerk',
    subject: 'source',
    subjectId: r.sourceId,
    changes: [{ field: 'dueOn', before: '3 March 2025', after: '4 April 2025' }],
  });
  const again = textOf(mainOf((await officer.get(`/tracker/sources/${r.sourceId}`)).body));
  assert.ok(
    again.includes(`Changed the date it is due from ${q('3 March 2025')} to ${q('4 April 2025')}`),
  );
});

test('TRK-01: an action is removed before progress is reported; once it is, removal is refused and withdrawal offered', async () => {
  const r = await makeReview();
  // Before any progress: removed, and the removal is in the recommendation's history.
  const offered = await officer.get(`/tracker/actions/${r.audit.id}/withdraw`);
  assert.match(offered.body, /No progress has been reported against it, so it can be removed/);
  const page = await postAndFollow(officer, `/tracker/actions/${r.audit.id}/remove`, {});
  assert.match(page.body, /The action has been removed/);
  assert.ok(page.body.includes(`The action: ${q('Audit the records')}`));
  assert.match(page.body, /removed an action/);
  const [gone] = await t.services.db
    .select({ n: count() })
    .from(trackerActions)
    .where(eq(trackerActions.id, r.audit.id));
  assert.equal(gone!.n, 0);

  // Progress reported on the other action: neither it nor its key point can be removed.
  const progress = await officer.post(`/tracker/actions/${r.video.id}`, {
    result: 'ongoing',
    narrative: 'Half the teams have cameras',
    version: String(r.video.version),
  });
  assert.equal(progress.statusCode, 303, progress.body.slice(0, 2000));
  const refusedPage = await officer.get(`/tracker/key-points/${r.keyPointId}/withdraw`);
  assert.match(refusedPage.body, /withdraw it instead/);
  assert.doesNotMatch(refusedPage.body, /Remove it<\/button>/);
  const refused = await officer.post(`/tracker/key-points/${r.keyPointId}/remove`, {});
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /Progress has been reported against this or something under it/);
  const refusedRec = await officer.post(`/tracker/recommendations/${r.rec1}/remove`, {});
  assert.equal(refusedRec.statusCode, 409);
  const [kept] = await t.services.db
    .select({ n: count() })
    .from(trackerActions)
    .where(eq(trackerActions.id, r.video.id));
  assert.equal(kept!.n, 1);

  // A recommendation with nothing reported is removed with all under it; its source says so.
  const source = await postAndFollow(officer, `/tracker/recommendations/${r.rec2}/remove`, {});
  assert.match(source.body, /It has been removed, with its key points and actions/);
  assert.doesNotMatch(source.body, /Recommendation 2</);
  assert.ok(source.body.includes(`The text: ${q('Publish the figures')}`));
  assert.ok(source.body.includes(`The action: ${q('Publish monthly')}`));
});

test('TRK-01: a withdrawn action is shown with its reason, left out of the report’s counts, and not progressed', async () => {
  const r = await makeReview();
  const before = await officer.get(`/tracker/sources/${r.sourceId}/report`);
  assert.match(before.body, /Every action<\/th><td[^>]*>3</);

  const missing = await officer.post(`/tracker/actions/${r.audit.id}/withdraw`, { reason: ' ' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /Enter why it is withdrawn/);
  const page = await postAndFollow(officer, `/tracker/actions/${r.audit.id}/withdraw`, {
    reason: 'The records are audited by the inspectorate',
  });
  assert.match(page.body, /The action has been withdrawn/);
  assert.match(page.body, /govuk-tag--grey">Withdrawn</);
  assert.match(page.body, /Withdrawn: The records are audited by the inspectorate/);
  assert.match(page.body, /withdrew an action/);

  const sourcePage = await officer.get(`/tracker/sources/${r.sourceId}`);
  assert.match(sourcePage.body, /2 actions: 0 completed, 2 ongoing, 0 awaiting\./);
  const report = await officer.get(`/tracker/sources/${r.sourceId}/report`);
  assert.match(report.body, /Every action<\/th><td[^>]*>2</);
  assert.match(report.body, /Awaits<\/th><td[^>]*>0</);
  assert.match(report.body, /Withdrawn: The records are audited by the inspectorate/);
  const pdf = await officer.get(`/tracker/sources/${r.sourceId}/report.pdf`);
  assert.equal(pdf.statusCode, 200);
  const pdfText = pagesText(await pdfPages(pdf.rawPayload)).replace(/\s+/g, ' ');
  assert.match(pdfText, /Withdrawn: The records are audited by the inspectorate/);
  assert.match(pdfText, /Every action 2/);

  // A withdrawn recommendation is left out of "complete": 0 of 1 once 2 is withdrawn.
  const withdrawnRec = await postAndFollow(officer, `/tracker/recommendations/${r.rec2}/withdraw`, {
    reason: 'Replaced by the open data scheme',
  });
  assert.match(
    withdrawnRec.body,
    /Recommendation 2 <strong class="govuk-tag govuk-tag--grey">Withdrawn</,
  );
  assert.match(withdrawnRec.body, /Withdrawn: Replaced by the open data scheme/);
  // Nothing is added to it, or changed, once it is withdrawn.
  assert.doesNotMatch(withdrawnRec.body, /Add a key point|Add an action|Change its number/);
  const report2 = await officer.get(`/tracker/sources/${r.sourceId}/report`);
  assert.match(report2.body, /0 of 1 recommendations have every action completed/);
  assert.match(report2.body, /Every action<\/th><td[^>]*>1</);
  const list = await officer.get(`/tracker?q=${encodeURIComponent(r.title)}`);
  assert.equal(list.statusCode, 200);
  assert.ok(list.body.includes(r.title));
  const sourcePage2 = await officer.get(`/tracker/sources/${r.sourceId}`);
  assert.match(sourcePage2.body, /1 action: 0 completed, 1 ongoing, 0 awaiting\./);

  const progress = await officer.post(`/tracker/actions/${r.audit.id}`, {
    result: 'completed',
    'completedOn-day': '1',
    'completedOn-month': '9',
    'completedOn-year': '2026',
    version: String(r.audit.version),
  });
  assert.equal(progress.statusCode, 409);
  assert.match(progress.body, /has been withdrawn/);
  const details = await officer.post(`/tracker/actions/${r.audit.id}/details`, {
    description: 'Audit the records again',
  });
  assert.equal(details.statusCode, 409);
  assert.match(details.body, /This has been withdrawn: it can no longer be changed/);
  const recPage = await officer.get(`/tracker/recommendations/${r.rec1}`);
  assert.doesNotMatch(
    recPage.body,
    /Change owner or due date<span class="govuk-visually-hidden"> of Audit the records/,
  );
  assert.match(
    recPage.body,
    /Change owner or due date<span class="govuk-visually-hidden"> of Issue body-worn video/,
  );
  const edit = await officer.post(`/tracker/recommendations/${r.rec2}/edit`, {
    version: 'old',
    number: '2',
    text: 'Anything',
  });
  assert.equal(edit.statusCode, 409);
  assert.match(edit.body, /This has been withdrawn: it can no longer be changed/);
});

test('TRK-01: someone who may view but not manage the tracker sees no edit links and is refused, with nothing changed', async () => {
  const r = await makeReview();
  const page = await viewer.get(`/tracker/recommendations/${r.rec1}`);
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /Change its number, heading or text/);
  assert.doesNotMatch(page.body, /Remove or withdraw/);
  const sourcePage = await viewer.get(`/tracker/sources/${r.sourceId}`);
  assert.doesNotMatch(sourcePage.body, /Change the source’s details/);
  for (const url of [
    `/tracker/recommendations/${r.rec1}/edit`,
    `/tracker/sources/${r.sourceId}/edit`,
    `/tracker/key-points/${r.keyPointId}/edit`,
    `/tracker/actions/${r.audit.id}/withdraw`,
  ])
    assert.ok([403, 404].includes((await viewer.get(url)).statusCode), url);
  for (const [url, fields] of [
    [`/tracker/recommendations/${r.rec1}/edit`, { number: '9', text: 'Changed' }],
    [`/tracker/sources/${r.sourceId}/edit`, { title: 'Changed' }],
    [`/tracker/actions/${r.audit.id}/remove`, {}],
    [`/tracker/actions/${r.audit.id}/withdraw`, { reason: 'No' }],
  ] as const) {
    const refused = await viewer.post(url, fields);
    assert.ok([403, 404].includes(refused.statusCode), `${url}: ${refused.statusCode}`);
  }
  const db = t.services.db;
  const [rec] = await db
    .select()
    .from(trackerRecommendations)
    .where(eq(trackerRecommendations.id, r.rec1));
  assert.equal(rec!.number, '1');
  const [source] = await db.select().from(trackerSources).where(eq(trackerSources.id, r.sourceId));
  assert.equal(source!.title, r.title);
  const [action] = await db.select().from(trackerActions).where(eq(trackerActions.id, r.audit.id));
  assert.equal(action!.withdrawnAt, null);
  const [updates] = await db
    .select({ n: count() })
    .from(trackerUpdates)
    .where(and(eq(trackerUpdates.sourceId, r.sourceId), eq(trackerUpdates.kind, 'edited')));
  assert.equal(updates!.n, 0);
});

/** Records a work plan through the new-source form; gives its id. */
async function recordPlan(fields: Record<string, string>) {
  await officer.get('/tracker/new');
  const posted = await officer.post('/tracker/new', {
    kind: 'work_plan',
    isPublic: 'no',
    ...fields,
  });
  assert.equal(posted.statusCode, 303, posted.body.slice(0, 2000));
  return posted.headers.location!.split('/').pop()!;
}

const sourceRow = async (id: string) =>
  (await t.services.db.select().from(trackerSources).where(eq(trackerSources.id, id)))[0]!;

test('TRK-01, IAG-25: a source’s summary, introduction and reporting year are changed from its form, shown on its page and kept in its history', async () => {
  const title = `Community engagement work plan ${randomBytes(3).toString('hex')}`;
  const id = await recordPlan({ title, summary: 'The old summary', coversYear: '2005-06' });
  const url = `/tracker/sources/${id}/edit`;
  const form = await officer.get(url);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /<textarea[^>]*name="summary"[^>]*>The old summary<\/textarea>/);
  assert.match(form.body, /name="coversYear" type="text" value="2005-06"/);
  assert.match(form.body, /name="introduction"/);
  const page = await postAndFollow(officer, url, {
    version: await stamp(officer, url),
    title,
    summary: 'The portfolio’s work plan for the year',
    introduction: 'Terms of reference:\n\n- lead the engagement\n- report to the committee',
    coversYear: '2006-07',
    isPublic: 'no',
  });
  const text = textOf(mainOf(page.body));
  assert.match(text, /The changes have been saved/);
  assert.match(text, /The portfolio’s work plan for the year/);
  assert.match(text, /Terms of reference: lead the engagement report to the committee/);
  assert.match(text, /Reporting year 2006-07 \(April to March\)/);
  assert.ok(text.includes(`Changed the reporting year from ${q('2005-06')} to ${q('2006-07')}`));
  assert.ok(
    text.includes(
      `Changed the summary from ${q('The old summary')} to ${q('The portfolio’s work plan for the year')}`,
    ),
  );
  assert.ok(text.includes('Set the introduction to “Terms of reference:'));
  assert.equal(await editedRows(id), 1);
  const row = await sourceRow(id);
  assert.equal(row.coversYear, 2006);
  // The form is prefilled with what was saved, the year as its two years.
  const again = await officer.get(url);
  assert.match(again.body, /name="coversYear" type="text" value="2006-07"/);
  assert.match(again.body, /- lead the engagement/);
});

test('IAG-25: a malformed reporting year, or one for a source of another kind, is refused naming the field, and nothing changes', async () => {
  const id = await recordPlan({
    title: `Plan ${randomBytes(3).toString('hex')}`,
    coversYear: '2006',
  });
  const url = `/tracker/sources/${id}/edit`;
  const before = await sourceRow(id);
  const refused = await officer.post(url, {
    version: await stamp(officer, url),
    title: before.title,
    summary: 'A changed summary',
    coversYear: '2006-08',
  });
  assert.equal(refused.statusCode, 400);
  const text = textOf(refused.body);
  assert.match(text, /There is a problem/);
  assert.match(text, /Enter the reporting year as its two years, for example 2006-07/);
  assert.match(refused.body, /href="#coversYear"/);
  const r = await makeReview();
  const reviewUrl = `/tracker/sources/${r.sourceId}/edit`;
  const notAPlan = await officer.post(reviewUrl, {
    version: await stamp(officer, reviewUrl),
    title: r.title,
    coversYear: '2006-07',
  });
  assert.equal(notAPlan.statusCode, 400);
  assert.match(
    textOf(notAPlan.body),
    /Only a work plan or an annual report covers a reporting year/,
  );
  const after = await sourceRow(id);
  assert.equal(after.coversYear, 2006);
  assert.equal(after.summary, null);
  assert.equal(await editedRows(id), 0);
  assert.equal(await editedRows(r.sourceId), 0);
});

test('TRK-01: the source form’s error summary lists the problems in the order of its fields', async () => {
  await officer.get('/tracker/new');
  const refused = await officer.post('/tracker/new', {
    title: '',
    'sourceDate-day': '31',
    'sourceDate-month': '2',
    'sourceDate-year': '2005',
    owner: 'nobody',
    coversYear: 'last year',
    'dueOn-day': '40',
    'dueOn-month': '1',
    'dueOn-year': '2026',
  });
  assert.equal(refused.statusCode, 400);
  const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(refused.body)![1]!;
  const fields = [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(fields, ['title', 'kind', 'sourceDate-day', 'owner', 'coversYear', 'dueOn-day']);
});

test('TRK-01: a whole source is withdrawn with its reason: shown grey with the reason, left out of the counts and the dashboard, and nothing in it changed or progressed', async () => {
  const r = await makeReview();
  const manager = await principalFor(
    t,
    (await makeAccount(t, { role: 'authority_officer' })).email,
  );
  const all = { page: 1, limit: 10_000, offset: 0 };
  const dashboard = () =>
    t.services.trackerDashboard.dashboard(
      manager,
      {},
      { overdue: all, unowned: all, sources: all },
    );
  const before = await dashboard();
  assert.ok(before.unowned.items.some((a) => a.id === r.video.id));
  assert.ok(before.sources.items.some((s) => s.id === r.sourceId));

  const sourcePage = await officer.get(`/tracker/sources/${r.sourceId}`);
  assert.match(sourcePage.body, /Remove or withdraw the source/);
  const missing = await officer.post(`/tracker/sources/${r.sourceId}/withdraw`, { reason: ' ' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /href="#reason"[^>]*>Enter why it is withdrawn/);
  assert.equal((await sourceRow(r.sourceId)).withdrawnAt, null);

  const page = await postAndFollow(officer, `/tracker/sources/${r.sourceId}/withdraw`, {
    reason: 'Overtaken by the 2007 review',
  });
  const text = textOf(mainOf(page.body));
  assert.match(text, /The source has been withdrawn/);
  assert.match(
    page.body,
    /<h1 class="govuk-heading-l">[^<]+ <strong class="govuk-tag govuk-tag--grey">Withdrawn</,
  );
  assert.match(text, /Withdrawn: Overtaken by the 2007 review/);
  assert.match(text, /withdrew the source/);
  assert.ok(text.includes(`The source: ${q(r.title)}`));
  assert.match(text, /0 actions: 0 completed, 0 ongoing, 0 awaiting\./);
  // Nothing in it is changed, added to or progressed from its pages.
  assert.doesNotMatch(
    text,
    /Change the source’s details|Remove or withdraw|Add a recommendation|Record progress/,
  );
  const recPage = textOf(mainOf((await officer.get(`/tracker/recommendations/${r.rec1}`)).body));
  assert.match(recPage, /This source has been withdrawn/);
  assert.doesNotMatch(
    recPage,
    /Change its number|Remove or withdraw|Add a key point|Record progress/,
  );

  const list = await officer.get(`/tracker?q=${encodeURIComponent(r.title)}`);
  assert.match(
    list.body,
    new RegExp(`${r.title}</a> <strong class="govuk-tag govuk-tag--grey">Withdrawn<`),
  );
  const report = await officer.get(`/tracker/sources/${r.sourceId}/report`);
  assert.match(report.body, /govuk-tag--grey">Withdrawn</);
  assert.match(report.body, /Withdrawn: Overtaken by the 2007 review/);
  assert.match(report.body, /Every action<\/th><td[^>]*>0</);
  const after = await dashboard();
  assert.ok(!after.unowned.items.some((a) => a.id === r.video.id));
  assert.ok(!after.sources.items.some((s) => s.id === r.sourceId));

  // Refused, and nothing changes: progress, edits, withdrawing within it, its standing.
  const progress = await officer.post(`/tracker/actions/${r.video.id}`, {
    result: 'ongoing',
    narrative: 'Cameras issued',
    version: String(r.video.version),
  });
  assert.equal(progress.statusCode, 409);
  assert.match(progress.body, /has been withdrawn/);
  const editUrl = `/tracker/sources/${r.sourceId}/edit`;
  for (const [url, fields] of [
    [editUrl, { version: 'any', title: 'Renamed' }],
    [`/tracker/recommendations/${r.rec1}/edit`, { version: 'any', number: '1', text: 'Changed' }],
    [`/tracker/key-points/${r.keyPointId}/edit`, { version: 'any', text: 'Changed' }],
    [`/tracker/actions/${r.audit.id}/withdraw`, { reason: 'No longer needed' }],
    [`/tracker/recommendations/${r.rec2}/remove`, {}],
    [`/tracker/recommendations/${r.rec1}/standing`, { status: 'not_accepted', rationale: 'No' }],
    [`/tracker/sources/${r.sourceId}/withdraw`, { reason: 'Again' }],
  ] as const) {
    const refused = await officer.post(url, fields);
    assert.equal(refused.statusCode, 409, `${url}: ${refused.body.slice(0, 500)}`);
  }
  const row = await sourceRow(r.sourceId);
  assert.equal(row.title, r.title);
  assert.equal(row.withdrawnReason, 'Overtaken by the 2007 review');
  const [video] = await t.services.db
    .select()
    .from(trackerActions)
    .where(eq(trackerActions.id, r.video.id));
  assert.equal(video!.version, r.video.version);
  const [audit] = await t.services.db
    .select()
    .from(trackerActions)
    .where(eq(trackerActions.id, r.audit.id));
  assert.equal(audit!.withdrawnAt, null);
  assert.equal(await editedRows(r.sourceId), 0);
  const [rec] = await t.services.db
    .select()
    .from(trackerRecommendations)
    .where(eq(trackerRecommendations.id, r.rec1));
  assert.equal(rec!.status, 'accepted');
});

test('TRK-01: a source is removed with everything in it while nothing is reported; once progress or a committee report is recorded, removal is refused', async () => {
  const r = await makeReview();
  const offered = textOf(
    mainOf((await officer.get(`/tracker/sources/${r.sourceId}/withdraw`)).body),
  );
  assert.match(offered, /Remove or withdraw this source/);
  assert.match(offered, /no report of it has been recorded for a committee, so it can be removed/);
  const list = await postAndFollow(officer, `/tracker/sources/${r.sourceId}/remove`, {});
  assert.match(textOf(mainOf(list.body)), /The source has been removed, with everything in it/);
  const db = t.services.db;
  const [sources] = await db
    .select({ n: count() })
    .from(trackerSources)
    .where(eq(trackerSources.id, r.sourceId));
  assert.equal(sources!.n, 0);
  const [actions] = await db
    .select({ n: count() })
    .from(trackerActions)
    .where(eq(trackerActions.sourceId, r.sourceId));
  assert.equal(actions!.n, 0);
  assert.equal((await officer.get(`/tracker/sources/${r.sourceId}`)).statusCode, 404);

  // Progress reported on one action: the source stays, and is withdrawn instead.
  const reported = await makeReview();
  const progress = await officer.post(`/tracker/actions/${reported.video.id}`, {
    result: 'ongoing',
    narrative: 'Half the teams have cameras',
    version: String(reported.video.version),
  });
  assert.equal(progress.statusCode, 303, progress.body.slice(0, 1000));
  const refusedPage = textOf(
    mainOf((await officer.get(`/tracker/sources/${reported.sourceId}/withdraw`)).body),
  );
  assert.match(refusedPage, /Progress has been reported against this or something under it/);
  const refused = await officer.post(`/tracker/sources/${reported.sourceId}/remove`, {});
  assert.equal(refused.statusCode, 409);
  assert.equal((await sourceRow(reported.sourceId)).title, reported.title);

  // A report recorded for a committee: it has been reported on, so it stays too.
  const committee = await makeReview();
  const recorded = await officer.post(`/tracker/sources/${committee.sourceId}/report/record`, {});
  assert.equal(recorded.statusCode, 303, recorded.body.slice(0, 1000));
  const refusedReport = await officer.post(`/tracker/sources/${committee.sourceId}/remove`, {});
  assert.equal(refusedReport.statusCode, 409);
  assert.match(refusedReport.body, /A progress report on it has been recorded for a committee/);
  assert.equal((await sourceRow(committee.sourceId)).title, committee.title);
});

test('TRK-01: someone who may view but not manage the tracker cannot withdraw or remove a source, and nothing changes', async () => {
  const r = await makeReview();
  const page = await viewer.get(`/tracker/sources/${r.sourceId}`);
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /Remove or withdraw the source/);
  assert.ok(
    [403, 404].includes((await viewer.get(`/tracker/sources/${r.sourceId}/withdraw`)).statusCode),
  );
  for (const [url, fields] of [
    [`/tracker/sources/${r.sourceId}/withdraw`, { reason: 'No' }],
    [`/tracker/sources/${r.sourceId}/remove`, {}],
  ] as const) {
    const refused = await viewer.post(url, fields);
    assert.ok([403, 404].includes(refused.statusCode), `${url}: ${refused.statusCode}`);
  }
  const row = await sourceRow(r.sourceId);
  assert.equal(row.withdrawnAt, null);
});

test('IAG-25: a group’s work plan keeps a reporting year when edited, and cannot take a year the group already has a plan for', async () => {
  const [group] = await t.services.db
    .select({ id: advisoryGroups.id })
    .from(advisoryGroups)
    .where(eq(advisoryGroups.name, 'Disability Independent Advisory Group'));
  const first = await recordPlan({
    title: 'Disability IAG work schedule',
    group: group!.id,
    coversYear: '2030',
  });
  const second = await recordPlan({
    title: 'Disability IAG next schedule',
    group: group!.id,
    coversYear: '2031',
  });
  const url = `/tracker/sources/${second}/edit`;
  const taken = await officer.post(url, {
    version: await stamp(officer, url),
    title: 'Disability IAG next schedule',
    coversYear: '2030-31',
  });
  assert.equal(taken.statusCode, 409);
  assert.match(textOf(taken.body), /This group already has a work plan for 2030-31/);
  // The edit form has no group field: the refusal names the reporting year, a field it has.
  assert.match(taken.body, /href="#coversYear"[^>]*>This group already has a work plan/);
  assert.match(taken.body, /id="coversYear"/);
  assert.doesNotMatch(taken.body, /href="#group"/);
  const cleared = await officer.post(url, {
    version: await stamp(officer, url),
    title: 'Disability IAG next schedule',
    coversYear: '',
  });
  assert.equal(cleared.statusCode, 400);
  assert.match(cleared.body, /href="#coversYear"[^>]*>Enter the reporting year it covers/);
  assert.equal((await sourceRow(second)).coversYear, 2031);
  assert.equal((await sourceRow(first)).coversYear, 2030);
  assert.equal(await editedRows(second), 0);
});
