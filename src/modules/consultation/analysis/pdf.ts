/**
 * The analysis as a tagged PDF (issue 25 item 5), for the board and the report: the responses
 * counted, each closed question's counts and percentages (a rating's mean), each free-text
 * question's answers and theme counts, and the quotes picked. The figures are the page's.
 */
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  figuresTable,
  renderPdf,
  style,
  textBlock,
  type Block,
  type Doc,
} from '../../../platform/pdf/index.js';
import { isClosed } from '../analysis-rules.js';
import { breakdownTables } from './presenter.js';
import type { Figures } from './query.js';

const STYLES = {
  h1: style('Helvetica-Bold', 20),
  h2: style('Helvetica-Bold', 14),
  body: style('Helvetica', 10.5),
  quote: style('Helvetica-Oblique', 10.5),
};

/** A breakdown's tables as the page shows them (DP-01: counts below 10 already suppressed). */
export type PdfBreakdown = { by: string; tables: ReturnType<typeof breakdownTables> } | null;

export function renderAnalysisPdf(
  title: string,
  figures: Figures,
  t: Translate,
  breakdown: PdfBreakdown = null,
): Promise<Buffer> {
  const heading = t('consultation:analysis.pdf.title', { title });
  return renderPdf({ Title: heading, Author: t('layout.serviceName') }, (doc) =>
    blocks(doc, heading, figures, t, breakdown),
  );
}

function blocks(
  doc: Doc,
  heading: string,
  figures: Figures,
  t: Translate,
  breakdown: PdfBreakdown,
): Block[] {
  const a = (key: string, values?: Record<string, string | number>) =>
    t(`consultation:analysis.${key}`, values);
  const paragraph = (words: string, s = STYLES.body) =>
    textBlock(doc, 'P', [{ text: words, style: s }], { after: 8 });
  const table = (title: string, head: string[], shares: number[], rows: string[][]) =>
    figuresTable(doc, { title, head, shares, rows });

  const out: Block[] = [
    textBlock(doc, 'H1', [{ text: heading, style: STYLES.h1 }], { after: 12 }),
    paragraph(a('counted', { count: figures.counted })),
  ];
  for (const q of figures.questions) {
    out.push(
      textBlock(doc, 'H2', [{ text: `${q.position}. ${q.text}`, style: STYLES.h2 }], {
        before: 12,
      }),
      paragraph(a('answered', { count: q.answered })),
    );
    if (isClosed(q.kind)) {
      if (q.mean !== null) out.push(paragraph(a('mean', { mean: q.mean })));
      out.push(
        table(
          q.text,
          [a('columns.answer'), a('columns.count'), a('columns.percent')],
          [0.6, 0.2, 0.2],
          q.options.map((o) => [o.label, String(o.count), `${o.percent}%`]),
        ),
      );
    } else if (q.themes.length) {
      out.push(
        table(
          a('themes.caption', { question: q.text }),
          [a('columns.theme'), a('columns.count')],
          [0.7, 0.3],
          q.themes.map((x) => [x.name, String(x.count)]),
        ),
      );
    }
    for (const quote of figures.quotes.filter((x) => x.questionId === q.id))
      out.push(paragraph(`“${quote.text}”`, STYLES.quote));
  }
  if (breakdown) {
    const by = a(`breakdown.by.${breakdown.by}`);
    out.push(
      textBlock(doc, 'H2', [{ text: a('breakdown.heading'), style: STYLES.h2 }], { before: 12 }),
      paragraph(a('breakdown.lead')),
    );
    for (const b of breakdown.tables) {
      const columns = 2 + b.head.length;
      const first = 0.3;
      const rest = (1 - first) / (columns - 1);
      out.push(
        table(
          a('breakdown.caption', { question: b.text, by }),
          [a('breakdown.group'), a('breakdown.respondents'), ...b.head],
          [first, ...Array.from({ length: columns - 1 }, () => rest)],
          b.rows.map((r) => [r.name, r.respondents, ...r.counts]),
        ),
      );
    }
  }
  return out;
}
