/**
 * The committee's progress report as a PDF (TRK-01), read back: its text is taken out of the
 * file with Mozilla's pdf.js and compared with what the report page says, and its page breaks
 * are checked where a person would see them go wrong (issue 23 item 9).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { trackerActions, trackerRecommendations } from '../../src/modules/tracker/schema.js';
import { createTestApp, principalFor, type Agent, type TestApp } from '../app.js';
import { makeAccount, signInAccount, type FactoryAccount } from '../factories/accounts.js';
import { makePerson } from '../factories/directory.js';
import { makeTrackerSource, type TrackerRow } from '../factories/tracker.js';
import { mainOf, textOf } from '../html.js';
import { pagesText, pdfPages, pdfStructure, type PdfLine } from '../pdf-text.js';

let t: TestApp;
let officerAccount: FactoryAccount;
let officer: Agent;

before(async () => {
  t = await createTestApp();
  officerAccount = await makeAccount(t, { role: 'authority_officer' });
  officer = await signInAccount(t, officerAccount);
});
after(() => t.close());

/** A cell of the import file, quoted: the texts here have commas and line breaks. */
const cell = (value: string) => `"${value.replace(/"/g, '""')}"`;
const quoted = (row: TrackerRow): TrackerRow =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === undefined ? v : cell(v)]));

const HEADER = ['Key points', 'Actions', 'Results/timescale'];

/** The report page's words from its summary on (the date form, links and buttons left out). */
function pageText(html: string): string {
  return textOf(
    mainOf(html)
      .replace(/<form[\s\S]*?<\/form>/g, ' ')
      .replace(/<div class="govuk-button-group">[\s\S]*?<\/div>/g, ' ')
      // Each action's link to record progress on it, which the page has for those who may.
      .replace(
        /<a class="govuk-link govuk-body-s" href="\/tracker\/actions\/[^"]+">[\s\S]*?<\/a>/g,
        ' ',
      )
      .replace(/<caption[\s\S]*?<\/caption>/g, ' '),
  );
}

/** What the PDF says once: every line but the repeated header rows and "(continued)" names. */
const pdfText = (pages: readonly PdfLine[][]) =>
  pages
    .flat()
    .filter((l) => !l.artifact)
    .map((l) => l.text)
    .join(' ');

async function report(sourceId: string, date?: string, agent = officer) {
  const query = date ? `?date=${date}` : '';
  const page = await agent.get(`/tracker/sources/${sourceId}/report${query}`);
  assert.equal(page.statusCode, 200);
  const pdf = await agent.get(`/tracker/sources/${sourceId}/report.pdf${query}`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  return { html: page.body, bytes: pdf.rawPayload, pages: await pdfPages(pdf.rawPayload) };
}

/** Finds each text after the one before it, and nowhere else: each is said once, in order. */
function assertOnceInOrder(
  text: string,
  expected: readonly string[],
  unique: (s: string) => boolean,
) {
  let from = 0;
  for (const e of expected) {
    const at = text.indexOf(e, from);
    assert.ok(at >= 0, `${JSON.stringify(e)} is missing, or out of order`);
    if (unique(e)) assert.equal(text.indexOf(e, at + 1), -1, `${JSON.stringify(e)} is said twice`);
    from = at + e.length;
  }
}

/** The key point named again below a page's repeated header row ("… (continued)"), if any. */
const repeatedName = (lines: readonly PdfLine[]) =>
  lines
    .slice(HEADER.length)
    .filter((_, i, all) => all.slice(0, i + 1).every((m) => m.artifact))
    .map((l) => l.text)
    .join(' ');

/**
 * The checks of a report long enough to break pages. A page that continues a table starts
 * with its header row (repeated, an artifact); a key point whose actions go on names itself
 * again ("(continued)", an artifact); no row is split across pages; no heading ends a page.
 */
function assertBreaks(
  pages: readonly PdfLine[][],
  plan: readonly Item[],
  heading: RegExp,
): { continuedTables: number; continuedKeyPoints: number } {
  /** Each action's number ("Action 1.2.3:", the start of its description) to its key point. */
  const keyPointOf = new Map<string, string>();
  for (const item of plan)
    for (const k of item.keyPoints) for (const a of k.actions) keyPointOf.set(a.id, k.text);
  let continuedTables = 0;
  let continuedKeyPoints = 0;
  let lastKeyPoint: string | null = null;
  pages.forEach((lines, n) => {
    const where = `page ${n + 1}:\n${pagesText([lines])}`;
    const content = lines.filter((l) => !l.artifact);
    const last = content[content.length - 1]!;
    assert.doesNotMatch(last.text, heading, `a heading ends ${where}`);
    if (n > 0 && !heading.test(content[0]!.text)) {
      // The page carries on a table: its header row first, then the key point's name again if
      // the page goes on with its actions.
      continuedTables++;
      assert.deepEqual(
        lines.slice(0, 3).map((l) => [l.text, l.artifact]),
        HEADER.map((h) => [h, true]),
        where,
      );
      const repeated = repeatedName(lines);
      const first = content[0]!.text;
      const continuing = [...keyPointOf.keys()].some((id) => first.startsWith(id));
      if (continuing) {
        continuedKeyPoints++;
        assert.equal(repeated, `${lastKeyPoint} (continued)`, where);
      } else assert.equal(repeated, '', where);
    } else if (n > 0) assert.equal(lines[0]!.artifact, false, where);
    for (const l of content) {
      for (const [id, keyPoint] of keyPointOf) if (l.text.startsWith(id)) lastKeyPoint = keyPoint;
    }
    // Each action's row is whole on one page: its description, owner, due date and narrative.
    const text = content.map((l) => l.text).join(' ');
    for (const item of plan)
      for (const k of item.keyPoints)
        for (const a of k.actions)
          if (text.includes(a.description))
            for (const part of [a.owner, a.due, a.narrative])
              assert.ok(text.includes(part), `${a.description}: "${part}" is not on ${where}`);
  });
  return { continuedTables, continuedKeyPoints };
}

interface Item {
  number: string;
  keyPoints: {
    text: string;
    lead: string;
    actions: { id: string; description: string; owner: string; due: string; narrative: string }[];
  }[];
}

/** The words, in reading order, that the plan's key points and actions must be read as. */
const expectedWords = (plan: readonly Item[]) =>
  plan.flatMap((item) =>
    item.keyPoints.flatMap((k) => [
      k.text,
      k.lead,
      ...k.actions.flatMap((a) => [a.description, a.owner, a.due, a.narrative]),
    ]),
  );

test('TRK-01: the PDF says what the report page says, in the same order: headings, standing, key points with their leads, actions with owner and due date, results, changes', async () => {
  const owner = await makeAccount(t, { role: 'authority_officer', name: 'Olive Owner' });
  const lead = await makePerson(t, { fullName: 'Cindy Butts' });
  const sourceId = await makeTrackerSource(
    t,
    [
      {
        source_title: 'Stop & search: review',
        source_kind: 'review',
        source_reports_to: 'Audit Committee',
        recommendation: '1',
        section: 'Deployment',
        recommendation_text: 'Record every stop,\nand say why',
        key_point: 'Records kept',
        key_point_lead: lead.email!,
        action: 'Keep a log',
        action_owner: owner.email,
        due_on: '2026-12-31',
        result: 'ongoing',
        narrative: 'Started in May.\nReviewed monthly',
      },
      { action: 'Audit the log', result: 'completed', completed_on: '2026-10-01' },
      { key_point: 'Reasons given', action: 'Train officers', result: 'awaits' },
      {
        recommendation: '2',
        recommendation_text: 'Publish the figures',
        recommendation_status: 'superseded',
        superseded_by: '1',
      },
      {
        recommendation: '3',
        recommendation_text: 'Buy body cameras',
        recommendation_status: 'not_accepted',
        rationale: 'Too dear this year',
        key_point: 'Cameras bought',
        action: 'Tender',
        result: 'completed',
        completed_on: 'undated',
      },
    ].map(quoted),
  );
  // A key point with no actions yet.
  const [three] = await t.services.db
    .select()
    .from(trackerRecommendations)
    .where(
      and(eq(trackerRecommendations.sourceId, sourceId), eq(trackerRecommendations.number, '3')),
    );
  await t.services.trackerRecords.addKeyPoint(
    await principalFor(t, officerAccount.email),
    three!.id,
    {
      text: 'Costs kept in view',
    },
  );
  // Reported on the 23rd; the next day an action moves on, so the report marks it.
  await t.services.trackerReports.recordReport(
    await principalFor(t, officerAccount.email),
    sourceId,
    { date: '2026-11-23' },
  );
  t.clock.advanceMinutes(24 * 60);
  try {
    const [log] = await t.services.db
      .select()
      .from(trackerActions)
      .where(
        and(eq(trackerActions.sourceId, sourceId), eq(trackerActions.description, 'Keep a log')),
      );
    await t.services.tracker.updateAction(await principalFor(t, owner.email), log!.id, {
      result: 'completed',
      'completedOn-day': '24',
      'completedOn-month': '11',
      'completedOn-year': '2026',
      narrative: 'Done, and checked',
      version: String(log!.version),
    });
    // Signed in again on the new day.
    const agent = await signInAccount(t, officerAccount);
    const { html, bytes, pages } = await report(sourceId, '2026-11-24', agent);
    const latin1 = bytes.toString('latin1');
    assert.match(latin1, /\/StructTreeRoot/);
    assert.match(latin1, /\/Lang \(en-GB\)/);
    // The structure a screen reader follows, as pdf.js reads it.
    const [structure] = await pdfStructure(bytes);
    for (const path of [
      'Document/P',
      'Document/H1',
      'Document/H2',
      'Document/Table/TR/TH',
      'Document/Table/TR/TD',
    ])
      assert.ok(structure!.includes(path), `${path} is not in ${structure!.join(', ')}`);

    assert.equal(pdfText(pages), pageText(html));
    // What the page says, spelled out, so the comparison above cannot pass on two empty texts.
    assert.equal(
      pdfText(pages),
      [
        'Progress report to the Audit Committee',
        'Stop & search: review',
        'Summary as at 24 November 2026',
        'Result Actions Completed 3 Ongoing 0 Awaits 1 Not started 0 Every action 4',
        '1 of 3 recommendations have every action completed.',
        'Since the last report (as at 23 November 2026): 1 action new or changed, marked below.',
        'Recommendation 1',
        'Deployment',
        'Record every stop, and say why',
        ...HEADER,
        'Records kept Lead: Cindy Butts',
        'Keep a log Owner: Olive Owner Due 31 December 2026',
        'Completed 24 November 2026 Result changed Done, and checked',
        'Audit the log Completed 1 October 2026',
        'Reasons given Train officers Awaits',
        'Recommendation 2 Superseded',
        'Publish the figures',
        'Superseded by recommendation 1.',
        'No key points or actions recorded.',
        'Recommendation 3 Not accepted',
        'Buy body cameras',
        'Not accepted. Too dear this year',
        ...HEADER,
        'Cameras bought Tender Completed (no date given)',
        'Costs kept in view No actions yet',
      ].join(' '),
    );
  } finally {
    t.clock.reset();
  }
});

/** A work plan (CON-08): objectives under priority areas, strands with a named lead, many actions. */
async function workPlan(objectives: number, strands: number, actions: number, words: number) {
  const leads = await Promise.all(
    ['Cindy Butts', 'Lee Jasper', 'Rachel Whittaker'].map((fullName) =>
      makePerson(t, { fullName }),
    ),
  );
  const owners = await Promise.all(
    ['Keith Vaz', 'Mary Seacole'].map((fullName) => makePerson(t, { fullName })),
  );
  const filler = (seed: string) =>
    Array.from({ length: words }, (_, i) => `${seed}w${i}`).join(' ');
  const rows: TrackerRow[] = [];
  const plan: Item[] = [];
  for (let o = 1; o <= objectives; o++) {
    const item: Item = { number: String(o), keyPoints: [] };
    plan.push(item);
    for (let s = 1; s <= strands; s++) {
      const lead = leads[(o + s) % leads.length]!;
      const keyPoint = {
        text: `Strand ${o}.${s}: engagement with communities`,
        lead: `Lead: ${lead.fullName}`,
        actions: [] as Item['keyPoints'][number]['actions'],
      };
      item.keyPoints.push(keyPoint);
      for (let a = 1; a <= actions; a++) {
        const owner = owners[(o + s + a) % owners.length]!;
        const month = ((o + s + a) % 12) + 1;
        const action = {
          id: `Action ${o}.${s}.${a}:`,
          description: `Action ${o}.${s}.${a}: hold a meeting in each borough`,
          owner: `Owner: ${owner.fullName}`,
          due: `Due 15 ${new Date(Date.UTC(2027, month - 1, 15)).toLocaleString('en-GB', { month: 'long' })} 2027`,
          narrative: `Narrative ${o}.${s}.${a}: ${filler(`n${o}x${s}x${a}`)}`,
        };
        keyPoint.actions.push(action);
        rows.push({
          ...(o === 1 && s === 1 && a === 1
            ? {
                source_title: 'Portfolio work plan 2006-07',
                source_kind: 'work_plan',
                source_reports_to: 'Equalities Committee',
              }
            : {}),
          ...(s === 1 && a === 1
            ? {
                recommendation: String(o),
                section: `Priority area ${o}`,
                recommendation_text: `Build confidence (objective ${o})`,
              }
            : {}),
          ...(a === 1 ? { key_point: keyPoint.text, key_point_lead: lead.email! } : {}),
          action: action.description,
          action_owner: owner.email!,
          due_on: `2027-${String(month).padStart(2, '0')}-15`,
          result: 'ongoing',
          narrative: action.narrative,
        });
      }
    }
  }
  return { sourceId: await makeTrackerSource(t, rows.map(quoted)), plan };
}

test('TRK-01, CON-08: a work plan whose strands run across pages: the header row and the strand are repeated on each page, no row is split, no heading ends a page', async () => {
  const { sourceId, plan } = await workPlan(4, 3, 6, 45);
  const { html, pages } = await report(sourceId);
  assert.ok(pages.length >= 6, `only ${pages.length} pages`);
  assert.equal(pdfText(pages), pageText(html));
  const text = pdfText(pages);
  assertOnceInOrder(text, expectedWords(plan), (s) => !/^(Lead|Owner|Due)\b/.test(s));
  const { continuedTables, continuedKeyPoints } = assertBreaks(pages, plan, /^Objective \d+\b/);
  assert.ok(continuedTables >= 3, `${continuedTables} pages continue a table`);
  assert.ok(continuedKeyPoints >= 1, `${continuedKeyPoints} pages continue a strand`);
  for (const item of plan)
    assert.ok(
      text.includes(
        `Objective ${item.number} Priority area ${item.number} Build confidence (objective ${item.number})`,
      ),
    );
});

test('TRK-01, CON-08: the committee PDF for a 200-recommendation source is read back: every key point and action once, in order, with its lead', async () => {
  const started = Date.now();
  const leads = await Promise.all(
    ['Cindy Butts', 'Lee Jasper', 'Rachel Whittaker'].map((fullName) =>
      makePerson(t, { fullName }),
    ),
  );
  const owner = await makePerson(t, { fullName: 'Keith Vaz' });
  const rows: TrackerRow[] = [];
  const plan: Item[] = [];
  for (let r = 1; r <= 200; r++) {
    const item: Item = { number: String(r), keyPoints: [] };
    plan.push(item);
    for (let k = 1; k <= 1 + (r % 2); k++) {
      const lead = leads[(r + k) % leads.length]!;
      const keyPoint = {
        text: `Key point ${r}.${k}: recorded`,
        lead: `Lead: ${lead.fullName}`,
        actions: [] as Item['keyPoints'][number]['actions'],
      };
      item.keyPoints.push(keyPoint);
      for (let a = 1; a <= 1 + (r % 3); a++) {
        const action = {
          id: `Action ${r}.${k}.${a}:`,
          description: `Action ${r}.${k}.${a}: reported`,
          owner: `Owner: ${owner.fullName}`,
          due: 'Due 31 March 2027',
          narrative: `Narrative ${r}.${k}.${a}: on track, reviewed at the last meeting`,
        };
        keyPoint.actions.push(action);
        rows.push({
          ...(r === 1 && k === 1 && a === 1
            ? { source_title: 'Review of two hundred', source_kind: 'review' }
            : {}),
          ...(k === 1 && a === 1
            ? { recommendation: String(r), recommendation_text: `The text of number ${r}` }
            : {}),
          ...(a === 1 ? { key_point: keyPoint.text, key_point_lead: lead.email! } : {}),
          action: action.description,
          action_owner: owner.email!,
          due_on: '2027-03-31',
          result: 'ongoing',
          narrative: action.narrative,
        });
      }
    }
  }
  const sourceId = await makeTrackerSource(t, rows.map(quoted));
  const { html, pages } = await report(sourceId);
  const text = pdfText(pages);
  assert.equal(text, pageText(html));
  assertOnceInOrder(text, expectedWords(plan), (s) => !/^(Lead|Owner|Due)\b/.test(s));
  assertBreaks(pages, plan, /^Recommendation \d+\b/);
  assert.ok(pages.length >= 20, `only ${pages.length} pages`);
  const seconds = (Date.now() - started) / 1000;
  assert.ok(seconds < 30, `${seconds} s`);
});

test('TRK-01: a row taller than a page, and only such a row, is split by lines, its header row and key point repeated', async () => {
  const words = (seed: string, n: number) =>
    Array.from({ length: n }, (_, i) => `${seed}${i}`).join(' ');
  const long = `The long narrative: ${words('t', 900)}`;
  const sourceId = await makeTrackerSource(
    t,
    [
      {
        source_title: 'A review with one long update',
        source_kind: 'review',
        recommendation: '1',
        recommendation_text: 'Say everything',
        key_point: 'Everything said',
        action: 'Write it down',
        result: 'ongoing',
        narrative: long,
      },
      { action: 'Check it', result: 'awaits', narrative: 'Short' },
    ].map(quoted),
  );
  const { html, pages } = await report(sourceId);
  const text = pdfText(pages);
  assert.equal(text, pageText(html));
  assert.ok(text.includes(long), 'the long narrative is read whole, once');
  assert.ok(pages.length >= 3, pagesText(pages));
  // The long row starts on the first page, beside its key point, and runs on.
  assert.ok(pages[0]!.some((l) => l.text === 'Everything said' && !l.artifact));
  for (const lines of pages.slice(1)) {
    assert.deepEqual(
      lines.slice(0, 3).map((l) => [l.text, l.artifact]),
      HEADER.map((h) => [h, true]),
      pagesText([lines]),
    );
    assert.equal(repeatedName(lines), 'Everything said (continued)', pagesText([lines]));
  }
  // The short row after it is not split: it is whole on the last page.
  const last = pdfText([pages[pages.length - 1]!]);
  assert.match(last, /Check it Awaits Short$/);
});

test('TRK-01: a source with a summary and an introduction: the PDF says what the report page says, its lists with their numbers and bullets', async () => {
  const principal = await principalFor(t, officerAccount.email);
  const source = await t.services.tracker.createSource(principal, {
    title: 'Portfolio work plan',
    kind: 'review',
    summary: 'The portfolio’s work for the year.',
    introduction: [
      'It rests on three principles:',
      '',
      '- openness',
      '- fairness, with',
      '    1. equal access',
      '    2. equal outcomes',
      '- *accountability* to Londoners',
      '',
      'Terms of reference are in appendix B.',
    ].join('\n'),
  });
  const { recommendation } = await t.services.trackerRecords.addRecommendation(
    principal,
    source.id,
    { number: '1', text: 'Meet each borough' },
  );
  const { keyPoint } = await t.services.trackerRecords.addKeyPoint(principal, recommendation.id, {
    text: 'Meetings held',
  });
  await t.services.trackerRecords.addAction(
    principal,
    { keyPointId: keyPoint.id },
    {
      description: 'Hold the meetings',
      result: 'ongoing',
    },
  );
  const { html, pages } = await report(source.id);
  const labels = /^(\d+\.|\u2022)$/;
  const lines = pages.flat().filter((l) => !l.artifact);
  assert.deepEqual(
    lines.filter((l) => labels.test(l.text)).map((l) => l.text),
    ['\u2022', '\u2022', '1.', '2.', '\u2022'],
  );
  const said = lines
    .filter((l) => !labels.test(l.text))
    .map((l) => l.text)
    .join(' ');
  assert.equal(said, pageText(html));
  assert.match(
    said,
    /^Progress report Portfolio work plan The portfolio’s work for the year\. It rests on three principles: openness fairness, with equal access equal outcomes accountability to Londoners Terms of reference are in appendix B\. Summary as at /,
  );
});
