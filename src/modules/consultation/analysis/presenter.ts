/**
 * The analysis as people read it: each closed question's bar chart geometry (drawn on the
 * server as SVG; the table beside it has the same figures) and its rows, a breakdown's groups
 * named with small counts suppressed (DP-01), and the open data's CSV rows.
 */
import type { Translate } from '../../../platform/i18n/messages.js';
import { publishedBreakdown, type Breakdown } from '../analysis-rules.js';
import type { BreakdownFigures, QuestionFigures } from './query.js';

const LABEL_WIDTH = 200;
const BAR_AREA = 340;
const ROW_HEIGHT = 28;

/** A question's bars: one per option, as a share of those who answered. */
export function optionBars(options: QuestionFigures['options']) {
  return {
    width: LABEL_WIDTH + BAR_AREA + 70,
    height: options.length * ROW_HEIGHT + 8,
    labelWidth: LABEL_WIDTH,
    barHeight: ROW_HEIGHT - 10,
    bars: options.map((o, i) => ({
      label: o.label.length > 28 ? `${o.label.slice(0, 27)}…` : o.label,
      figure: `${o.percent}%`,
      y: 4 + i * ROW_HEIGHT,
      width: Math.round((o.percent / 100) * BAR_AREA),
    })),
  };
}

/** A breakdown group's name: a borough's, or the monitoring answer's words. */
export function groupName(t: Translate, by: Breakdown, value: string | null): string {
  if (value === null) return t('consultation:analysis.breakdown.notGiven');
  if (by === 'borough') return value;
  return t(`consultation:analysis.monitoring.${by}.${value}`);
}

/**
 * DP-01: a breakdown's tables, every count below 10 shown as "fewer than 10" and any that would
 * give one away "not shown" (analysis-rules: publishedBreakdown).
 */
export function breakdownTables(t: Translate, by: Breakdown, figures: BreakdownFigures) {
  const published = publishedBreakdown(figures);
  return figures.questions.map((q, qi) => ({
    text: q.text,
    head: (q.groups[0]?.counts ?? []).map((c) => c.label),
    rows: q.groups.map((g, gi) => ({
      name: groupName(t, by, g.value),
      respondents:
        published.respondents[figures.groups.findIndex((x) => x.value === g.value)] ?? '',
      counts: published.questions[qi]![gi]!,
    })),
  }));
}

/**
 * The open data as CSV rows: each published question's counts for everyone, then by each
 * breakdown's groups with small counts suppressed (DP-01), decided over all of the breakdown's
 * questions as the staff page is, so the two cannot be set side by side to recover a count.
 * Counts only, no personal data.
 */
export function openDataRows(
  t: Translate,
  data: {
    questions: QuestionFigures[];
    breakdowns: { by: Breakdown; figures: BreakdownFigures }[];
  },
): string[][] {
  const c = (key: string) => t(`consultation:analysis.openData.csv.${key}`);
  // Suppressed over every question of the breakdown, as on the staff page, then picked.
  const published = data.breakdowns.map((b) => ({ ...b, counts: publishedBreakdown(b.figures) }));
  const rows: string[][] = [
    [c('question'), c('answer'), c('breakdown'), c('group'), c('count'), c('percent')],
  ];
  for (const q of data.questions) {
    for (const o of q.options)
      rows.push([q.text, o.label, c('everyone'), '', String(o.count), String(o.percent)]);
    for (const b of published) {
      const qi = b.figures.questions.findIndex((x) => x.id === q.id);
      b.figures.questions[qi]?.groups.forEach((g, gi) =>
        g.counts.forEach((o, oi) =>
          rows.push([
            q.text,
            o.label,
            t(`consultation:analysis.breakdown.by.${b.by}`),
            groupName(t, b.by, g.value),
            b.counts.questions[qi]![gi]![oi]!,
            '',
          ]),
        ),
      );
    }
  }
  return rows;
}
