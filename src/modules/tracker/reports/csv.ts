/**
 * TRK-01: a progress report as CSV (service.ts builds the report): one row per action, with the
 * recommendation, the key point and its leads, the action's owners (several "; " between,
 * CON-08), and why the row is withdrawn, if it is (issue 23).
 */
import { formatDate } from '../../../platform/i18n/dates.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { say } from '../../../platform/i18n/said.js';
import { NAMES_SEPARATOR } from '../access.js';
import { nothingYetSentence, type ReportToPresent } from './presenter.js';

interface CsvAction {
  number: string | null;
  description: string | null;
  ownerNames: readonly string[];
  dueOn: ReportToPresent['asOf'] | null;
  resultLabel: ReportToPresent['recommendations'][number]['actions'][number]['resultLabel'];
  narrative: string | null;
  change: ReportToPresent['recommendations'][number]['actions'][number]['change'];
  withdrawnReason?: string | null;
}

/** What the file reads of the report: the page's report, with each lead and owner by name. */
type CsvReport = Omit<ReportToPresent, 'recommendations'> & {
  recommendations: readonly (Omit<
    ReportToPresent['recommendations'][number],
    'actions' | 'keyPoints'
  > & {
    actions: readonly CsvAction[];
    keyPoints: readonly {
      number: string | null;
      text: string;
      leadNames: readonly string[];
      withdrawnReason?: string | null;
      actions: readonly CsvAction[];
    }[];
  })[];
};

/** The file's rows: the column headings (named after the source's kind), then the report's. */
export function reportCsvRows(report: CsvReport, t: Translate): string[][] {
  const noun = report.source.noun;
  // The item's columns are named after the source's kind: a work plan's Objective.
  const head = [
    t('tracker:reports.csv.head.part'),
    t(`tracker:reports.csv.head.item.${noun}`),
    t('tracker:reports.csv.head.heading'),
    t(`tracker:reports.csv.head.text.${noun}`),
    ...(
      [
        'standing',
        'rationale',
        'keyPointNumber',
        'keyPoint',
        'lead',
        'actionNumber',
        'action',
        'owner',
        'due',
        'result',
        'narrative',
        'change',
        'withdrawn',
      ] as const
    ).map((h) => t(`tracker:reports.csv.head.${h}`)),
  ];
  const rows: string[][] = [head];
  // Issue 23 item 10: why there are no rows, as the page says it.
  const nothing = nothingYetSentence(report.nothingYet, t);
  if (nothing) rows.push([nothing]);
  const actionCells = (a: CsvAction) => [
    a.number ?? '',
    a.description ?? '',
    a.ownerNames.join(NAMES_SEPARATOR),
    a.dueOn ? formatDate(t, a.dueOn) : '',
    say(t, a.resultLabel),
    a.narrative ?? '',
    a.change ? t(`tracker:changeKind.${a.change}`) : '',
  ];
  // Issue 23: a row is withdrawn when its action, key point, item, part or source is, with
  // the reason of the nearest one withdrawn, as the page shows it.
  const withdrawn = (...reasons: (string | null | undefined)[]) =>
    reasons.find((reason) => reason) ?? report.source.withdrawnReason ?? '';
  for (const r of report.recommendations) {
    const standing =
      r.status === 'superseded' && r.supersededByNumber
        ? t('tracker:reports.csv.supersededBy', { number: r.supersededByNumber })
        : t(`tracker:recommendationStatus.${r.status}`);
    const item = [
      r.part?.title ?? '',
      r.number,
      r.section ?? '',
      r.text,
      standing,
      r.rationale ?? '',
    ];
    const none = ['', '', '', '', '', '', ''];
    const inItem = [r.withdrawnReason, r.part?.withdrawnReason];
    if (r.actions.length === 0 && r.keyPoints.length === 0)
      rows.push([...item, '', '', '', ...none, withdrawn(...inItem)]);
    // Its own actions first, as the page shows them, then each key point's (a key point with
    // no actions yet is a row of its own, as the page shows it).
    for (const a of r.actions)
      rows.push([...item, '', '', '', ...actionCells(a), withdrawn(a.withdrawnReason, ...inItem)]);
    for (const k of r.keyPoints) {
      const point = [...item, k.number ?? '', k.text, k.leadNames.join(NAMES_SEPARATOR)];
      if (k.actions.length === 0)
        rows.push([...point, ...none, withdrawn(k.withdrawnReason, ...inItem)]);
      for (const a of k.actions)
        rows.push([
          ...point,
          ...actionCells(a),
          withdrawn(a.withdrawnReason, k.withdrawnReason, ...inItem),
        ]);
    }
  }
  return rows;
}
