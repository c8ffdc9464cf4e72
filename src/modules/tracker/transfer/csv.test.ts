import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { csvText } from '../../../platform/http/csv.js';
import { loadMessages } from '../../../platform/i18n/messages.js';
import { TRACKER_CSV_COLUMNS, parseTrackerCsv, type TrackerCsvProblem } from './csv.js';
import { writeTrackerCsv } from './csv-write.js';
import { say } from '../../../platform/i18n/said.js';

const TODAY = '2026-11-23';
// The reader decides what is wrong; the catalogue words it, as the import page shows it.
const t = loadMessages(path.resolve('src')).translator('en');
const problemText = (p: TrackerCsvProblem) => say(t, p.message);
const worded = (problems: TrackerCsvProblem[]) =>
  problems.map((p) => ({ line: p.line, message: problemText(p) }));
// Tests run from the repository's root (compiled elsewhere), so the examples are found from there.
const example = (name: string) => readFileSync(path.resolve('examples/tracker', name), 'utf8');
const HEADER = TRACKER_CSV_COLUMNS.join(',');
/** A row from the columns that matter to a test; the rest blank. */
const row = (cells: Partial<Record<(typeof TRACKER_CSV_COLUMNS)[number], string>>) =>
  TRACKER_CSV_COLUMNS.map((c) => {
    const v = cells[c] ?? '';
    return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(',');
const source = {
  source_title: 'Hate crime board: Camden',
  source_kind: 'borough_scrutiny',
  source_monitored_by: 'Hate Crime Board',
};

test('TRK-01: seed 004’s Appendix 1 reads as 21 recommendations, gaps kept, and writes back byte for byte', () => {
  const csv = example('cdrp-scrutiny-2005.csv');
  const { file, problems } = parseTrackerCsv(csv, TODAY);
  assert.deepEqual(problems, []);
  assert.equal(file!.recommendations.length, 21);
  assert.deepEqual(
    file!.recommendations.slice(-3).map((r) => r.number),
    ['19', '22', '24'],
  );
  const first = file!.recommendations[0]!;
  assert.equal(first.keyPoints[0]!.actions[0]!.result, 'completed');
  assert.deepEqual(first.keyPoints[0]!.actions[0]!.completedOn, {
    precision: 'month',
    date: '2003-09-01',
  });
  assert.equal(writeTrackerCsv(file!), csv);
});

test('TRK-01: seed 000’s Appendix 1 reads as 35 recommendations, 14 superseding 11 to 13, and writes back byte for byte', () => {
  const csv = example('iag-review-2007.csv');
  const { file, problems } = parseTrackerCsv(csv, TODAY);
  assert.deepEqual(problems, []);
  assert.equal(file!.recommendations.length, 35);
  assert.deepEqual(
    file!.recommendations
      .filter((r) => r.status === 'superseded')
      .map((r) => [r.number, r.supersededBy]),
    [
      ['11', '14'],
      ['12', '14'],
      ['13', '14'],
    ],
  );
  assert.equal(writeTrackerCsv(file!), csv);
});

test('TRK-01: every bad row is named by its line, and nothing is read when any is bad', () => {
  const csv = [
    HEADER,
    row({
      ...source,
      recommendation: '1',
      recommendation_text: 'Publish the findings',
      key_point: 'Findings published',
      action: 'Publish',
      result: 'done',
    }),
    row({ action: 'Translate', result: 'completed' }),
    row({ recommendation: 'R2', recommendation_text: 'x' }),
    row({
      recommendation: '3',
      recommendation_text: 'Review in a year',
      recommendation_status: 'superseded',
      superseded_by: '9',
    }),
    row({
      recommendation: '4',
      recommendation_text: 'Train staff',
      key_point: 'Training',
      action: 'Course',
      result: 'completed',
      completed_on: '2099-01-01',
    }),
    row({ recommendation: '1', recommendation_text: 'Again' }),
  ].join('\n');
  const { file, problems } = parseTrackerCsv(csv, TODAY);
  assert.equal(file, null);
  assert.deepEqual(
    problems.map((p) => p.line),
    [2, 3, 4, 5, 6, 7],
  );
  assert.match(
    problemText(problems[0]!),
    /result must be completed, ongoing, awaits or not_started/,
  );
  assert.match(problemText(problems[1]!), /TRK-01: Enter the date the action was completed/);
  assert.match(problemText(problems[2]!), /recommendation must be its number/);
  assert.match(problemText(problems[3]!), /no recommendation 9/);
  assert.match(problemText(problems[4]!), /today or in the past/);
  assert.match(problemText(problems[5]!), /appears again/);
});

test('LEG-02, LEG-07: a board’s scrutiny or an inquiry must name the group that monitors it', () => {
  const csv = [
    HEADER,
    row({ ...source, source_monitored_by: '', recommendation: '1', recommendation_text: 'x' }),
  ].join('\n');
  const { problems } = parseTrackerCsv(csv, TODAY);
  assert.match(problemText(problems[0]!), /source_monitored_by is blank/);
});

test('a multi-line cell keeps the line numbers of the rows after it right', () => {
  const csv = [
    HEADER,
    row({
      ...source,
      recommendation: '1',
      recommendation_text: 'First line\nSecond line\nThird line',
    }),
    row({ recommendation: '2', recommendation_text: '' }),
  ].join('\n');
  const { problems } = parseTrackerCsv(csv, TODAY);
  assert.deepEqual(worded(problems), [
    { line: 5, message: 'recommendation_text is blank for recommendation 2' },
  ]);
});

test('blank lines are skipped, and the lines after them are still named rightly', () => {
  const csv = [
    HEADER,
    '',
    row({ ...source, recommendation: '1', recommendation_text: 'First' }),
    '',
    '',
    row({ recommendation: '2', recommendation_text: '' }),
  ].join('\n');
  assert.deepEqual(worded(parseTrackerCsv(csv, TODAY).problems), [
    { line: 6, message: 'recommendation_text is blank for recommendation 2' },
  ]);
});

test('a source with no recommendations yet is one row, and writes back to one row', () => {
  const csv = [HEADER, row({ ...source })].join('\n');
  const { file, problems } = parseTrackerCsv(csv, TODAY);
  assert.deepEqual(problems, []);
  assert.equal(file!.recommendations.length, 0);
  const written = writeTrackerCsv(file!);
  assert.equal(written.trim().split('\n').length, 2);
  assert.equal(writeTrackerCsv(parseTrackerCsv(written, TODAY).file!), written);
});

test('a file without the columns, or with a second source, is refused by line', () => {
  assert.match(
    problemText(parseTrackerCsv('title,text\nA,B\n', TODAY).problems[0]!),
    /missing: source_title/,
  );
  const two = [
    HEADER,
    row({ ...source, recommendation: '1', recommendation_text: 'x' }),
    row({ source_title: 'Another', recommendation: '2', recommendation_text: 'y' }),
  ].join('\n');
  assert.deepEqual(
    parseTrackerCsv(two, TODAY).problems.map((p) => p.line),
    [3],
  );
});

test('issue 21 item 20: cells beginning = + - @ are written as text a spreadsheet will not run, and import back unchanged', () => {
  const risky = {
    ...source,
    recommendation: '1',
    recommendation_text: '=HYPERLINK("http://evil.example","Click")',
    key_point: '+ a point',
    key_point_lead: '',
    action: '@SUM(A1:A2)',
    result: 'ongoing',
    narrative: '- a bullet\n- and another',
  };
  const csv = [HEADER, row(risky)].join('\n');
  const { file, problems } = parseTrackerCsv(csv, TODAY);
  assert.deepEqual(problems, []);
  const written = writeTrackerCsv(file!);
  const cells = written.split('\n')[1]!;
  assert.ok(cells.includes(`"'=HYPERLINK(""http://evil.example"",""Click"")"`), cells);
  assert.ok(cells.includes(`'+ a point`));
  assert.ok(cells.includes(`'@SUM(A1:A2)`));
  assert.ok(cells.includes(`"'- a bullet`));
  // The round trip holds: what was written reads as what was read.
  assert.equal(writeTrackerCsv(parseTrackerCsv(written, TODAY).file!), written);
  assert.equal(file!.recommendations[0]!.text, risky.recommendation_text);
  assert.equal(file!.recommendations[0]!.keyPoints[0]!.actions[0]!.narrative, risky.narrative);
});

test('TRK-01: a file written before parts and numbers (without part, key_point_number, action_number) still reads the same', () => {
  for (const name of ['cdrp-scrutiny-2005.csv', 'iag-review-2007.csv']) {
    const csv = example(name);
    const rows = parse(csv) as string[][];
    const keep = rows[0]!.flatMap((c, i) =>
      ['part', 'key_point_number', 'action_number'].includes(c) ? [] : [i],
    );
    assert.equal(keep.length, TRACKER_CSV_COLUMNS.length - 3);
    // Every cell quoted, as a spreadsheet may save it: the cells as they are, nothing added.
    const older = rows
      .map((r) => keep.map((i) => `"${r[i]!.replace(/"/g, '""')}"`).join(','))
      .join('\n');
    const before = parseTrackerCsv(older, TODAY);
    assert.deepEqual(before.problems, []);
    assert.deepEqual(before.file, parseTrackerCsv(csv, TODAY).file);
    // Written again, it gains the columns, empty, and nothing else changes.
    assert.equal(writeTrackerCsv(before.file!), csv);
  }
});

test('TRK-01: parts number their recommendations afresh; key points and actions keep their numbers; actions directly under a recommendation; all written back byte for byte', () => {
  const csv = csvText([
    [...TRACKER_CSV_COLUMNS],
    ...[
      {
        ...source,
        source_public: 'no',
        part: 'Objectives',
        recommendation: '1',
        recommendation_text: 'To establish an integrated framework',
        recommendation_status: 'accepted',
        result: 'not_started',
      },
      {
        part: 'MPA Action Plan 2002/03',
        recommendation: '1',
        recommendation_text: 'To arrange and hold a one-day seminar',
        recommendation_status: 'accepted',
      },
      {
        recommendation: '2',
        recommendation_text: 'To develop a budget strategy incorporating:',
        recommendation_status: 'accepted',
        key_point_number: '2.1',
        key_point: 'Future consultation budget structure',
        action_number: 'a',
        action: 'Draft the structure',
        result: 'ongoing',
      },
      { action_number: 'b', action: 'Agree it', result: 'not_started' },
      {
        key_point_number: '2.2',
        key_point: 'A review of the funding application procedure and criteria;',
      },
      {
        recommendation: '3',
        recommendation_text: 'To prepare a position statement, considering:',
        recommendation_status: 'accepted',
        action_number: '3.1',
        action: 'Staffing;',
        result: 'awaits',
      },
      { action_number: '3.2', action: 'Accommodation;', result: 'not_started' },
    ].map((cells: Partial<Record<(typeof TRACKER_CSV_COLUMNS)[number], string>>) =>
      TRACKER_CSV_COLUMNS.map((c) => cells[c] ?? ''),
    ),
  ]);
  const { file, problems } = parseTrackerCsv(csv, TODAY);
  assert.deepEqual(worded(problems), []);
  assert.deepEqual(
    file!.recommendations.map((r) => [r.part, r.number]),
    [
      ['Objectives', '1'],
      ['MPA Action Plan 2002/03', '1'],
      ['MPA Action Plan 2002/03', '2'],
      ['MPA Action Plan 2002/03', '3'],
    ],
  );
  const [objective, , two, three] = file!.recommendations;
  assert.equal(objective!.actions.length, 1);
  assert.equal(objective!.actions[0]!.description, null);
  assert.equal(objective!.actions[0]!.result, 'not_started');
  assert.deepEqual(
    two!.keyPoints.map((k) => [k.number, k.text, k.actions.map((a) => a.number)]),
    [
      ['2.1', 'Future consultation budget structure', ['a', 'b']],
      ['2.2', 'A review of the funding application procedure and criteria;', []],
    ],
  );
  assert.deepEqual(
    three!.actions.map((a) => [a.number, a.description]),
    [
      ['3.1', 'Staffing;'],
      ['3.2', 'Accommodation;'],
    ],
  );
  assert.equal(writeTrackerCsv(file!), csv);
});

test('TRK-01: a number taken again within a part, a recommendation or a key point, or not a number, is named by its line', () => {
  const csv = [
    HEADER,
    row({ ...source, part: 'A', recommendation: '1', recommendation_text: 'x' }),
    row({ part: 'B', recommendation: '1', recommendation_text: 'y' }),
    row({ recommendation: '2', recommendation_text: 'z' }),
    row({ recommendation: '1', recommendation_text: 'again in B' }),
    row({
      recommendation: '3',
      recommendation_text: 'w',
      key_point_number: '3.1',
      key_point: 'p',
      action_number: 'a',
      action: 'q',
      result: 'ongoing',
    }),
    row({ action_number: 'a', action: 'r', result: 'ongoing' }),
    row({ key_point_number: '3.1', key_point: 'another p' }),
    row({ key_point_number: '3.2 first', key_point: 'bad number' }),
  ].join('\n');
  const { file, problems } = parseTrackerCsv(csv, TODAY);
  assert.equal(file, null);
  assert.deepEqual(worded(problems), [
    {
      line: 5,
      message:
        'Recommendation 1 appears again after other recommendations (first on line 3); keep its rows together',
    },
    { line: 7, message: 'action_number a is already used by another action here' },
    {
      line: 8,
      message: 'key_point_number 3.1 is already used by another key point of this recommendation',
    },
    {
      line: 9,
      message:
        'key_point_number must be a number as the source gives it, like 2.1, a or ii, not "3.2 first"',
    },
  ]);
});

test('CON-08: a lead or owner cell names several, "; " between, each looked up on its own', () => {
  const csv = [
    HEADER,
    row({
      ...source,
      recommendation: '1',
      recommendation_text: 'Engage young people',
      key_point: 'Youth strand',
      key_point_lead: 'cindy@example.org;Cindy Butts ;  U1',
      action: 'Hold a forum',
      action_owner: 'E09000007; ;Sam Jones',
      result: 'ongoing',
    }),
    // The key point restated with the same leads, spaced otherwise, is the same key point.
    row({
      key_point: 'Youth strand',
      key_point_lead: 'cindy@example.org; Cindy Butts; U1',
      action: 'Report back',
      result: 'ongoing',
    }),
  ].join('\n');
  const { file, problems, owners } = parseTrackerCsv(csv, TODAY);
  assert.deepEqual(worded(problems), []);
  const keyPoint = file!.recommendations[0]!.keyPoints[0]!;
  assert.equal(keyPoint.lead, 'cindy@example.org; Cindy Butts; U1');
  assert.equal(keyPoint.actions[0]!.owner, 'E09000007; Sam Jones');
  assert.deepEqual(
    owners.map((o) => [o.line, o.column, o.reference]),
    [
      [2, 'key_point_lead', 'cindy@example.org'],
      [2, 'key_point_lead', 'Cindy Butts'],
      [2, 'key_point_lead', 'U1'],
      [2, 'action_owner', 'E09000007'],
      [2, 'action_owner', 'Sam Jones'],
      [3, 'key_point_lead', 'cindy@example.org'],
      [3, 'key_point_lead', 'Cindy Butts'],
      [3, 'key_point_lead', 'U1'],
    ],
  );
  // Written back, the cells read as the file would be exported.
  assert.match(
    writeTrackerCsv(file!),
    /Youth strand,cindy@example.org; Cindy Butts; U1,,Hold a forum,E09000007; Sam Jones,/,
  );
  // A different list of leads on a later row is refused.
  const differs = parseTrackerCsv(
    [HEADER, csv.split('\n')[1]!, row({ key_point: 'Youth strand', key_point_lead: 'U1' })].join(
      '\n',
    ),
    TODAY,
  );
  assert.deepEqual(worded(differs.problems), [
    { line: 3, message: 'key_point_lead differs from the key point’s first row; leave it blank' },
  ]);
});

test('IAG-25: seed 003’s work plan carries its reporting year, summary and introduction, and writes back byte for byte; without those columns a file still reads', () => {
  const csv = example('community-engagement-work-plan-2006-07.csv');
  const { file, problems } = parseTrackerCsv(csv, TODAY);
  assert.deepEqual(problems, []);
  assert.equal(file!.source.coversYear, 2006);
  assert.match(file!.source.summary!, /^This report proposes the terms of reference/);
  assert.match(
    file!.source.introduction!,
    /\(Appendix 1\):\n\n- To raise the profile of community engagement/,
  );
  assert.equal(writeTrackerCsv(file!), csv);
  const rows = parse(csv) as string[][];
  const dropped = ['source_reporting_year', 'source_summary', 'source_introduction'];
  const keep = rows[0]!.flatMap((c, i) => (dropped.includes(c) ? [] : [i]));
  assert.equal(keep.length, TRACKER_CSV_COLUMNS.length - 3);
  const older = parseTrackerCsv(csvText(rows.map((r) => keep.map((i) => r[i]!))), TODAY);
  assert.deepEqual(older.problems, []);
  // The same source and tree (the lines aside: the introduction's lines are gone).
  assert.equal(
    writeTrackerCsv(older.file!),
    writeTrackerCsv({
      ...file!,
      source: { ...file!.source, coversYear: null, summary: null, introduction: null },
    }),
  );
});

test('IAG-25: a source’s reporting year is any year, typed as 2006-07 or 2006, and its introduction keeps its lines', () => {
  const plan = {
    source_title: 'Equalities work plan',
    source_kind: 'work_plan',
    source_reporting_year: '2006',
    source_summary: 'The  portfolio’s\nplan',
    source_introduction: 'Principles:\r\n\r\n- one\r\n- two',
    recommendation: '1',
    recommendation_text: 'Advise on every critical incident',
  };
  const { file, problems } = parseTrackerCsv([HEADER, row(plan)].join('\n'), TODAY);
  assert.deepEqual(problems, []);
  assert.equal(file!.source.coversYear, 2006);
  assert.equal(file!.source.summary, 'The portfolio’s plan');
  assert.equal(file!.source.introduction, 'Principles:\n\n- one\n- two');
  const written = writeTrackerCsv(file!);
  assert.ok(written.includes(',2006-07,The portfolio’s plan,"Principles:\n\n- one\n- two",'));
  assert.equal(writeTrackerCsv(parseTrackerCsv(written, TODAY).file!), written);
});

test('IAG-25: a malformed reporting year, one for a source of another kind, or a summary too long, is named by its line and nothing is read', () => {
  for (const [cells, message] of [
    [
      { source_kind: 'work_plan', source_reporting_year: '2006-08' },
      /source_reporting_year must be a reporting year/,
    ],
    [{ source_kind: 'work_plan', source_reporting_year: 'last year' }, /like 2006-07/],
    [
      { source_kind: 'review', source_reporting_year: '2006-07' },
      /only for a work_plan or an annual_report/,
    ],
    [
      { source_kind: 'review', source_summary: 'word '.repeat(300) },
      /source_summary is longer than 1000 characters/,
    ],
  ] as const) {
    const csv = [
      HEADER,
      row({ source_title: 'A plan', ...cells, recommendation: '1', recommendation_text: 'Do it' }),
    ].join('\n');
    const { file, problems } = parseTrackerCsv(csv, TODAY);
    assert.equal(file, null);
    assert.deepEqual(
      problems.map((p) => p.line),
      [2],
    );
    assert.match(problemText(problems[0]!), message);
  }
});
