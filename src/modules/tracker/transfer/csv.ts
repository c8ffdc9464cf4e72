/**
 * The tracker's CSV: one source with its recommendations, key points and actions, one row per
 * action. It is both the import format and the export format, so a file exported from Bridge
 * imports again unchanged. Pure: reading checks every row and names each bad one by its line.
 *
 * A value that is the same as the row above is left blank: the source's columns are filled on
 * the first row only, a recommendation's on its first row, a key point's on its first row. A
 * recommendation with no key points yet is one row with the key point and action columns blank.
 *
 * Issue 23: a source in parts names each part in `part` on its first recommendation's row (blank
 * continues the part above), and each part numbers its recommendations afresh; key points and
 * actions may carry their own numbers (`key_point_number`, `action_number`: 2.1, a, ii); an
 * action with `key_point` blank before any key point of its recommendation is directly under the
 * recommendation. Those three columns may be left out of a file altogether.
 *
 * A source may say the reporting year it covers (`source_reporting_year`: 2006-07, a work plan's
 * or annual report's), what it is (`source_summary`) and its context (`source_introduction`:
 * paragraphs and lists, as the source form takes it, its line breaks kept inside the quotes).
 * These three may be left out of a file too.
 */
import { parse } from 'csv-parse/sync';
import { fromSpreadsheetSafe } from '../../../platform/http/csv.js';
import { parseIsoDate, type IsoDate } from '../../../platform/calendar/index.js';
import { lineWithNul } from '../../../platform/http/text-input.js';
import {
  actionResultProblem,
  isActionResult,
  isRecommendationStatus,
  isSourceKind,
  needsMonitoringGroup,
  parseCompletedOn,
  parseReportingYear,
  recommendationStandingProblem,
  type ActionResult,
  type CompletedOn,
  type RecommendationStatus,
  type SourceKind,
} from '../rules.js';
import { parseItemNumber, parseRecommendationNumber } from '../numbering-rules.js';
import { type Said } from '../../../platform/i18n/said.js';

export const TRACKER_CSV_COLUMNS = [
  'source_title',
  'source_kind',
  'source_reference',
  'source_date',
  'source_owner',
  'source_reports_to',
  'source_monitored_by',
  'source_public',
  'source_due_on',
  'source_reporting_year',
  'source_summary',
  'source_introduction',
  'part',
  'recommendation',
  'section',
  'recommendation_text',
  'recommendation_status',
  'superseded_by',
  'rationale',
  'key_point_number',
  'key_point',
  'key_point_lead',
  'action_number',
  'action',
  'action_owner',
  'due_on',
  'result',
  'completed_on',
  'narrative',
] as const;
type Column = (typeof TRACKER_CSV_COLUMNS)[number];
export type Row = Record<Column, string>;

/** The source's columns, filled on the first row only. */
export const SOURCE_COLUMNS = TRACKER_CSV_COLUMNS.filter(
  (c): c is Extract<Column, `source_${string}`> => c.startsWith('source_'),
);
const RECOMMENDATION_COLUMNS: Column[] = [
  'section',
  'recommendation_text',
  'recommendation_status',
  'superseded_by',
  'rationale',
];
const ACTION_COLUMNS: Column[] = [
  'action_number',
  'action',
  'action_owner',
  'due_on',
  'result',
  'completed_on',
  'narrative',
];

/**
 * Columns a file may leave out: a file written before parts and numbers, or before a source's
 * reporting year, summary and introduction, still imports.
 */
const OPTIONAL_COLUMNS: readonly Column[] = [
  'source_reporting_year',
  'source_summary',
  'source_introduction',
  'part',
  'key_point_number',
  'action_number',
];

/** A guard against a file that is not a tracker at all; far above any real source. */
export const TRACKER_CSV_MAX_ROWS = 20_000;
const MAX_TEXT = 20_000;
/** As the source form allows (sources/source-fields.ts). */
const MAX_SUMMARY = 1_000;

/**
 * An owner as the file names it: an organisation by its directory code (a unit, a directorate,
 * a borough's ONS code) or a person by e-mail address or by their full name in the directory.
 * Resolved against the directory on import. A key point's leads and an action's owners are
 * several of these in one cell, "; " between (CON-08).
 */
export type OwnerReference = string;

/** The references in a lead or owner cell, in order: "a@b.org; Cindy Butts; U123". */
export function referencesIn(cell: string | null): OwnerReference[] {
  return (cell ?? '')
    .split(';')
    .map((r) => r.trim())
    .filter(Boolean);
}

/** A lead or owner cell as the file writes it, or as it is compared with the row above. */
const referencesCell = (cell: string) => referencesIn(cell).join('; ');

export interface SourceRecord {
  title: string;
  kind: SourceKind;
  reference: string | null;
  date: IsoDate | null;
  owner: OwnerReference | null;
  reportsTo: string | null;
  monitoredBy: string | null;
  isPublic: boolean;
  dueOn: IsoDate | null;
  /** IAG-25: the reporting year it covers, by the year it starts in (2006 for 2006-07). */
  coversYear: number | null;
  /** What the source is, in plain words. */
  summary: string | null;
  /** Its context: formatted text, paragraphs and lists (formatted-text.ts). */
  introduction: string | null;
}

export interface ActionRecord {
  line: number;
  number: string | null;
  description: string | null;
  /** Its owners as the cell gives them, "; " between (see referencesIn). */
  owner: string | null;
  dueOn: IsoDate | null;
  result: ActionResult;
  completedOn: CompletedOn | null;
  narrative: string | null;
}

export interface KeyPointRecord {
  line: number;
  number: string | null;
  text: string;
  /** Its leads as the cell gives them, "; " between (see referencesIn). */
  lead: string | null;
  actions: ActionRecord[];
}

export interface RecommendationRecord {
  line: number;
  /** The part of the source it is numbered in, by its title; null where there are no parts. */
  part: string | null;
  number: string;
  section: string | null;
  text: string;
  status: RecommendationStatus;
  supersededBy: string | null;
  rationale: string | null;
  /** Its actions directly under it, with no key point (issue 23). */
  actions: ActionRecord[];
  keyPoints: KeyPointRecord[];
}

export interface TrackerFile {
  source: SourceRecord;
  recommendations: RecommendationRecord[];
}

/** A bad line, and what is wrong with it: words for the caller to write with `t`. */
export interface TrackerCsvProblem {
  line: number;
  message: Said;
}

/** A problem of the file's, `tracker:transfer.csv.<name>`. */
const csvProblem = (name: string, values?: Said['values']): Said => ({
  key: `tracker:transfer.csv.${name}`,
  ...(values ? { values } : {}),
});
type Problem = (message: Said) => void;

/** An owner or lead a file names, and where, so each can be looked up and a bad one named. */
export interface OwnerMention {
  line: number;
  reference: OwnerReference;
  column: 'source_owner' | 'key_point_lead' | 'action_owner';
}

const orNull = (value: string): string | null => (value === '' ? null : value);

/** Reads a tracker CSV: the source and its tree, or every problem found, by line. */
export function parseTrackerCsv(
  csv: string,
  today: IsoDate,
): { file: TrackerFile | null; problems: TrackerCsvProblem[]; owners: OwnerMention[] } {
  const fail = (line: number, message: Said) => ({
    file: null,
    problems: [{ line, message }],
    owners: [],
  });
  // PostgreSQL cannot store a null character: the file is refused, naming the line.
  const nulLine = lineWithNul(csv);
  if (nulLine) return fail(nulLine, csvProblem('nul'));
  let records: { record: Record<string, string>; raw: string; info: { lines: number } }[];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: false,
      info: true,
      raw: true,
    });
  } catch (error) {
    return fail((error as { lines?: number }).lines ?? 1, csvProblem('notCsv'));
  }
  const headings = Object.keys(records[0]?.record ?? {});
  if (records.length === 0) return fail(1, csvProblem('noRows'));
  const missing = TRACKER_CSV_COLUMNS.filter(
    (c) => !headings.includes(c) && !OPTIONAL_COLUMNS.includes(c),
  );
  if (missing.length) return fail(1, csvProblem('missingColumns', { columns: missing.join(', ') }));
  const unknown = headings.filter((h) => !(TRACKER_CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) return fail(1, csvProblem('unknownColumns', { columns: unknown.join(', ') }));
  if (records.length > TRACKER_CSV_MAX_ROWS)
    return fail(1, csvProblem('tooManyRows', { max: TRACKER_CSV_MAX_ROWS }));

  const problems: TrackerCsvProblem[] = [];
  const owners: OwnerMention[] = [];
  const recommendations: RecommendationRecord[] = [];
  let source: SourceRecord | null = null;
  let firstSourceRow: Row | null = null;
  let recommendation: RecommendationRecord | null = null;
  let keyPoint: KeyPointRecord | null = null;
  let part: string | null = null;
  const seenNumbers = new Map<string, number>();
  for (const { record, raw, info } of records) {
    const row = Object.fromEntries(
      TRACKER_CSV_COLUMNS.map((c) => [c, fromSpreadsheetSafe(record[c] ?? '').trim()]),
    ) as Row;
    row.key_point_lead = referencesCell(row.key_point_lead);
    row.action_owner = referencesCell(row.action_owner);
    // The line it starts on: where it ends, less the line breaks inside it (blank lines skipped
    // before it come at the start of its raw text, and its own line break at the end).
    const at =
      info.lines -
      (raw
        .replace(/^[\r\n]+/, '')
        .replace(/\r?\n$/, '')
        .match(/\n/g)?.length ?? 0);
    const problem: Problem = (message) => problems.push({ line: at, message });
    if (row.source_owner)
      owners.push({ line: at, reference: row.source_owner, column: 'source_owner' });
    for (const column of ['key_point_lead', 'action_owner'] as const)
      for (const reference of referencesIn(row[column]))
        owners.push({ line: at, reference, column });
    const tooLong = TRACKER_CSV_COLUMNS.find((c) => row[c].length > MAX_TEXT);
    if (tooLong) {
      problem(csvProblem('tooLong', { column: tooLong, max: MAX_TEXT }));
      continue;
    }

    // The source: on the first row; later rows leave it blank or repeat it exactly.
    if (!firstSourceRow) {
      firstSourceRow = row;
      source = readSource(row, problem);
    } else {
      const differs = SOURCE_COLUMNS.find((c) => row[c] !== '' && row[c] !== firstSourceRow![c]);
      if (differs) problem(csvProblem('sourceDiffers', { column: differs }));
    }

    // The recommendation: a number starts one; blank continues the one above. A part named
    // starts a part, whose recommendations are numbered afresh.
    const newPart = row.part !== '' && row.part !== part;
    if (row.recommendation !== '' && (row.recommendation !== recommendation?.number || newPart)) {
      if (newPart) part = row.part;
      const number = parseRecommendationNumber(row.recommendation);
      if (!number) {
        problem(csvProblem('badNumber', { value: row.recommendation }));
        recommendation = null;
        keyPoint = null;
        continue;
      }
      const key = `${part ?? ''}\u0000${number}`;
      const earlier = seenNumbers.get(key);
      if (earlier !== undefined) {
        problem(csvProblem('numberAgain', { number, line: earlier }));
        continue;
      }
      seenNumbers.set(key, at);
      recommendation = readRecommendation(number, part, row, at, problem);
      recommendations.push(recommendation);
      keyPoint = null;
    } else if (newPart) {
      problem(csvProblem('partWithoutRecommendation'));
      continue;
    } else if (!recommendation) {
      // A source with no recommendations yet is its first row alone.
      const sourceOnly = TRACKER_CSV_COLUMNS.every((c) => c.startsWith('source_') || !row[c]);
      if (!(sourceOnly && row === firstSourceRow)) problem(csvProblem('noRecommendation'));
      continue;
    } else {
      const restated = RECOMMENDATION_COLUMNS.find(
        (c) => row[c] !== '' && row[c] !== recommendationValue(recommendation!, c),
      );
      if (restated)
        problem(
          csvProblem('recommendationDiffers', { column: restated, number: recommendation.number }),
        );
    }

    // The key point: text starts one (or continues the one above if it is the same, and its
    // number, if given, is the same).
    const hasAction = ACTION_COLUMNS.some((c) => row[c] !== '');
    // (TypeScript cannot follow the assignments in earlier iterations.)
    keyPoint = keyPoint as KeyPointRecord | null;
    const numberChanged = row.key_point_number !== '' && row.key_point_number !== keyPoint?.number;
    if (row.key_point !== '' && (row.key_point !== keyPoint?.text || numberChanged)) {
      const number = readItemNumber(row.key_point_number, 'key_point_number', problem);
      if (number && recommendation.keyPoints.some((k) => k.number === number))
        problem(csvProblem('keyPointNumberAgain', { number }));
      keyPoint = {
        line: at,
        number,
        text: row.key_point,
        lead: orNull(row.key_point_lead),
        actions: [],
      };
      recommendation.keyPoints.push(keyPoint);
    } else if (row.key_point === '' && !keyPoint) {
      // Issue 23: before any key point, an action is directly under its recommendation.
      if (row.key_point_lead || row.key_point_number) {
        problem(csvProblem('noKeyPoint'));
        continue;
      }
    } else if (row.key_point_lead !== '' && row.key_point_lead !== (keyPoint?.lead ?? '')) {
      problem(csvProblem('leadDiffers'));
    } else if (numberChanged) {
      problem(csvProblem('keyPointNumberDiffers'));
    }
    if (!hasAction) continue;
    const action = readAction(row, at, today, problem);
    const siblings = keyPoint ? keyPoint.actions : recommendation.actions;
    if (action?.number && siblings.some((a) => a.number === action.number))
      problem(csvProblem('actionNumberAgain', { number: action.number }));
    if (action) siblings.push(action);
  }

  // A superseding recommendation must be one of this source's (of its part, in a source in parts).
  for (const r of recommendations) {
    const numbers = new Set(recommendations.filter((o) => o.part === r.part).map((o) => o.number));
    const standing = recommendationStandingProblem({ ...r, numbers });
    if (standing) problems.push({ line: r.line, message: standing });
  }
  problems.sort((a, b) => a.line - b.line);
  return problems.length || !source
    ? { file: null, problems, owners }
    : { file: { source, recommendations }, problems, owners };
}

function readSource(row: Row, problem: Problem): SourceRecord | null {
  let ok = true;
  const bad = (message: Said) => {
    ok = false;
    problem(message);
  };
  if (!row.source_title) bad(csvProblem('noTitle'));
  if (!isSourceKind(row.source_kind)) bad(csvProblem('badKind', { value: row.source_kind }));
  const date = row.source_date ? parseIsoDate(row.source_date) : null;
  if (row.source_date && !date) bad(csvProblem('badSourceDate'));
  const dueOn = row.source_due_on ? parseIsoDate(row.source_due_on) : null;
  if (row.source_due_on && !dueOn) bad(csvProblem('badSourceDueOn'));
  const isPublic = { yes: true, no: false, '': false }[row.source_public.toLowerCase()];
  if (isPublic === undefined) bad(csvProblem('badPublic'));
  if (
    isSourceKind(row.source_kind) &&
    needsMonitoringGroup(row.source_kind) &&
    !row.source_monitored_by
  )
    bad(csvProblem('noMonitor'));
  // IAG-25: any reporting year, for a work plan or an annual report only (as the form says).
  const coversYear = row.source_reporting_year
    ? parseReportingYear(row.source_reporting_year)
    : null;
  if (row.source_reporting_year && coversYear === null) bad(csvProblem('badReportingYear'));
  else if (coversYear !== null && !['work_plan', 'annual_report'].includes(row.source_kind))
    bad(csvProblem('notAYearKind'));
  // As the form keeps them: the summary one line, the introduction with its line breaks.
  const summary = orNull(row.source_summary.replace(/\s+/g, ' '));
  if (summary && summary.length > MAX_SUMMARY)
    bad(csvProblem('tooLong', { column: 'source_summary', max: MAX_SUMMARY }));
  if (!ok) return null;
  return {
    title: row.source_title,
    kind: row.source_kind as SourceKind,
    reference: orNull(row.source_reference),
    date,
    owner: orNull(row.source_owner),
    reportsTo: orNull(row.source_reports_to),
    monitoredBy: orNull(row.source_monitored_by),
    isPublic: isPublic === true,
    dueOn,
    coversYear,
    summary,
    introduction: orNull(row.source_introduction.replace(/\r\n?/g, '\n')),
  };
}

/** A key point's or action's own number (2.1, a, ii), or none; a bad one names its column. */
function readItemNumber(value: string, column: Column, problem: Problem): string | null {
  const parsed = parseItemNumber(value);
  if (!parsed) problem(csvProblem('badItemNumber', { column, value }));
  return parsed?.number ?? null;
}

function readRecommendation(
  number: string,
  part: string | null,
  row: Row,
  line: number,
  problem: Problem,
): RecommendationRecord {
  if (!row.recommendation_text) problem(csvProblem('noText', { number }));
  const status = row.recommendation_status === '' ? 'accepted' : row.recommendation_status;
  if (!isRecommendationStatus(status)) problem(csvProblem('badStatus'));
  return {
    line,
    part,
    number,
    section: orNull(row.section),
    text: row.recommendation_text,
    status: isRecommendationStatus(status) ? status : 'accepted',
    supersededBy: orNull(row.superseded_by),
    rationale: orNull(row.rationale),
    actions: [],
    keyPoints: [],
  };
}

function recommendationValue(r: RecommendationRecord, column: Column): string {
  switch (column) {
    case 'section':
      return r.section ?? '';
    case 'recommendation_text':
      return r.text;
    case 'recommendation_status':
      return r.status;
    case 'superseded_by':
      return r.supersededBy ?? '';
    case 'rationale':
      return r.rationale ?? '';
    default:
      return '';
  }
}

function readAction(row: Row, line: number, today: IsoDate, problem: Problem): ActionRecord | null {
  if (!isActionResult(row.result)) {
    problem(csvProblem('badResult', { value: row.result }));
    return null;
  }
  const dueOn = row.due_on ? parseIsoDate(row.due_on) : null;
  if (row.due_on && !dueOn) {
    problem(csvProblem('badDueOn'));
    return null;
  }
  // An imported record may be older than Bridge: a completion its source gave no date for is kept.
  const completedOn = row.completed_on
    ? parseCompletedOn(row.completed_on, { allowUnrecorded: true })
    : null;
  if (row.completed_on && !completedOn) {
    problem(csvProblem('badCompletedOn'));
    return null;
  }
  const resultProblem = actionResultProblem(row.result, completedOn, today);
  if (resultProblem) {
    problem(csvProblem('resultProblem', { problem: resultProblem }));
    return null;
  }
  return {
    line,
    number: readItemNumber(row.action_number, 'action_number', problem),
    description: orNull(row.action),
    owner: orNull(row.action_owner),
    dueOn,
    result: row.result,
    completedOn,
    narrative: orNull(row.narrative),
  };
}
