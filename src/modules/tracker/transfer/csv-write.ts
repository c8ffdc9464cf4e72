/**
 * The tracker's CSV written (csv.ts reads it, and says the format): one row per action, a value
 * the same as the row above left blank, so a file exported from Bridge imports again unchanged.
 */
import { reportingYear } from '../../../platform/calendar/index.js';
import { csvText } from '../../../platform/http/csv.js';
import { completedOnText } from '../rules.js';
import {
  SOURCE_COLUMNS,
  TRACKER_CSV_COLUMNS,
  type ActionRecord,
  type KeyPointRecord,
  type RecommendationRecord,
  type Row,
  type SourceRecord,
  type TrackerFile,
} from './csv.js';

/** A source's column as the file writes it. */
function sourceCell(s: SourceRecord, column: (typeof SOURCE_COLUMNS)[number]): string {
  switch (column) {
    case 'source_title':
      return s.title;
    case 'source_kind':
      return s.kind;
    case 'source_reference':
      return s.reference ?? '';
    case 'source_date':
      return s.date ?? '';
    case 'source_owner':
      return s.owner ?? '';
    case 'source_reports_to':
      return s.reportsTo ?? '';
    case 'source_monitored_by':
      return s.monitoredBy ?? '';
    case 'source_public':
      return s.isPublic ? 'yes' : 'no';
    case 'source_due_on':
      return s.dueOn ?? '';
    case 'source_reporting_year':
      return s.coversYear === null ? '' : reportingYear(s.coversYear).label;
    case 'source_summary':
      return s.summary ?? '';
    case 'source_introduction':
      return s.introduction ?? '';
  }
}

/** Writes a source and its tree in the import format: exporting then importing loses nothing. */
export function writeTrackerCsv(file: TrackerFile): string {
  const rows: string[][] = [];
  const s = file.source;
  let first = true;
  let part: string | null = null;
  const push = (
    r: RecommendationRecord,
    rFirst: boolean,
    k: KeyPointRecord | null,
    kFirst: boolean,
    a: ActionRecord | null,
  ) => {
    // A part is named on its first recommendation's first row.
    const partCell = rFirst && r.part !== null && r.part !== part ? r.part : '';
    if (rFirst) part = r.part;
    const source = (c: (typeof SOURCE_COLUMNS)[number]) => (first ? sourceCell(s, c) : '');
    const cells: Row = {
      source_title: source('source_title'),
      source_kind: source('source_kind'),
      source_reference: source('source_reference'),
      source_date: source('source_date'),
      source_owner: source('source_owner'),
      source_reports_to: source('source_reports_to'),
      source_monitored_by: source('source_monitored_by'),
      source_public: source('source_public'),
      source_due_on: source('source_due_on'),
      source_reporting_year: source('source_reporting_year'),
      source_summary: source('source_summary'),
      source_introduction: source('source_introduction'),
      part: partCell,
      recommendation: rFirst ? r.number : '',
      section: rFirst ? (r.section ?? '') : '',
      recommendation_text: rFirst ? r.text : '',
      recommendation_status: rFirst ? r.status : '',
      superseded_by: rFirst ? (r.supersededBy ?? '') : '',
      rationale: rFirst ? (r.rationale ?? '') : '',
      key_point_number: k && kFirst ? (k.number ?? '') : '',
      key_point: k && kFirst ? k.text : '',
      key_point_lead: k && kFirst ? (k.lead ?? '') : '',
      action_number: a?.number ?? '',
      action: a?.description ?? '',
      action_owner: a?.owner ?? '',
      due_on: a?.dueOn ?? '',
      result: a?.result ?? '',
      completed_on: a?.completedOn ? completedOnText(a.completedOn) : '',
      narrative: a?.narrative ?? '',
    };
    rows.push(TRACKER_CSV_COLUMNS.map((c) => cells[c]));
    first = false;
  };
  if (file.recommendations.length === 0)
    rows.push(
      TRACKER_CSV_COLUMNS.map((c) =>
        c.startsWith('source_') ? sourceCell(s, c as (typeof SOURCE_COLUMNS)[number]) : '',
      ),
    );
  for (const r of file.recommendations) {
    if (r.keyPoints.length === 0 && r.actions.length === 0) push(r, true, null, false, null);
    // Its own actions first (key point blank), then its key points and theirs.
    r.actions.forEach((a, ai) => push(r, ai === 0, null, false, a));
    const first = r.actions.length === 0;
    r.keyPoints.forEach((k, ki) => {
      if (k.actions.length === 0) push(r, first && ki === 0, k, true, null);
      k.actions.forEach((a, ai) => push(r, first && ki === 0 && ai === 0, k, ai === 0, a));
    });
  }
  return csvText([[...TRACKER_CSV_COLUMNS], ...rows]);
}
