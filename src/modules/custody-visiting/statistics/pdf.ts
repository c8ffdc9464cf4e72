/**
 * ICV-10, LEG-05: the scheme's annual report as a PDF (issue 24 item 7), for the authority's
 * papers and anyone who asks: the year, the scheme's totals, a table by area, and the issues
 * raised and resolved. The figures are the statistics page's for the year, in its words. A tagged
 * PDF (headings, paragraphs and table cells marked, the language set) so screen readers can
 * follow it. It is a few pages of short rows: each row is kept whole, and a table's header row
 * is repeated (as an artifact) at the top of a page it continues on.
 */
import type { Translate } from '../../../platform/i18n/messages.js';
import type { PerformanceLine, Period, ReportFigures, ReportLine } from '../statistics-rules.js';
import { figure, percentFigure, periodName, yearDays } from './words.js';

type Struct = PDFKit.PDFStructureElement;

const PAGE_HEIGHT = 841.89;
const MARGIN = 56;
const WIDTH = 595.28 - 2 * MARGIN;
const BOTTOM = PAGE_HEIGHT - MARGIN;
const PAD = 4;
const RULE = '#b1b4b6';
const INK = '#0b0c0c';

/** What the report is made from: the statistics of one year. */
export interface AnnualFigures {
  period: Period;
  soFar: boolean;
  total: PerformanceLine;
  areas: { area: string; total: PerformanceLine }[];
  reports: ReportFigures;
}

interface TableSpec {
  title: string;
  head: string[];
  /** Each column's share of the width; the first column names the row. */
  widths: number[];
  rows: string[][];
}

export async function renderAnnualReportPdf(figures: AnnualFigures, t: Translate): Promise<Buffer> {
  // Loaded when a PDF is first made, not at start-up (as the tracker's report does).
  const { default: PDFDocument } = await import('pdfkit');
  const title = t('custody-visiting:statistics.annual.title');
  const year = periodName(t, figures.period);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    tagged: true,
    pdfVersion: '1.7',
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: `${title}, ${year}`, Author: t('layout.serviceName') },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const document = doc.struct('Document');
  doc.addStructure(document);
  let y = MARGIN;

  const text = (type: 'H1' | 'H2' | 'P', words: string, font: string, size: number) => {
    doc.font(font).fontSize(size);
    const height = doc.heightOfString(words, { width: WIDTH });
    if (y + height > BOTTOM && y > MARGIN) {
      doc.addPage();
      y = MARGIN;
    }
    const element = doc.struct(type);
    document.add(element);
    element.add(() => {
      doc.font(font).fontSize(size).fillColor(INK).text(words, MARGIN, y, { width: WIDTH });
    });
    element.end();
    y += height + size * 0.6;
  };

  const table = (spec: TableSpec) => {
    const widths = spec.widths.map((w) => w * WIDTH);
    const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const heightOf = (cells: string[], bold: boolean) =>
      Math.max(
        ...cells.map((c, i) =>
          doc
            .font(bold ? 'Helvetica-Bold' : 'Helvetica')
            .fontSize(9)
            .heightOfString(c, { width: widths[i]! - 2 * PAD }),
        ),
      ) +
      2 * PAD;
    const element = doc.struct('Table', { title: spec.title });
    document.add(element);
    const drawRow = (cells: string[], kind: 'head' | 'repeated' | 'body') => {
      const height = heightOf(cells, kind !== 'body');
      const top = y;
      const tr = kind === 'repeated' ? null : doc.struct('TR');
      if (tr) element.add(tr);
      cells.forEach((words, i) => {
        const header = kind !== 'body' || i === 0;
        const draw = () =>
          doc
            .font(header ? 'Helvetica-Bold' : 'Helvetica')
            .fontSize(9)
            .fillColor(INK)
            .text(words, xs[i]! + PAD, top + PAD, {
              width: widths[i]! - 2 * PAD,
              align: i > 0 ? 'right' : 'left',
            });
        if (!tr) {
          doc.markContent('Artifact', { type: 'Pagination' });
          draw();
          doc.endMarkedContent();
          return;
        }
        const cell = doc.struct(header ? 'TH' : 'TD');
        if (header) scope(cell, kind === 'head' ? 'Column' : 'Row');
        tr.add(cell);
        cell.add(draw);
        cell.end();
      });
      tr?.end();
      doc.markContent('Artifact', { type: 'Layout' });
      cells.forEach((_, i) =>
        doc.rect(xs[i]!, top, widths[i]!, height).lineWidth(0.5).stroke(RULE),
      );
      doc.endMarkedContent();
      y += height;
    };
    // The header row goes with the first row, never alone at the foot of a page.
    if (y + heightOf(spec.head, true) + heightOf(spec.rows[0] ?? [], false) > BOTTOM) {
      doc.addPage();
      y = MARGIN;
    }
    drawRow(spec.head, 'head');
    for (const row of spec.rows) {
      if (y + heightOf(row, false) > BOTTOM) {
        doc.addPage();
        y = MARGIN;
        drawRow(spec.head, 'repeated');
      }
      drawRow(row, 'body');
    }
    element.end();
    y += 12;
  };

  const c = (key: string) => t(`custody-visiting:statistics.annual.${key}`);
  const percent = (l: PerformanceLine) =>
    l.percentOfTarget === null
      ? t('custody-visiting:statistics.noTarget')
      : t('custody-visiting:statistics.percent', { percent: l.percentOfTarget });
  const r = figures.reports.total;
  const v = figures.total;

  text('H1', title, 'Helvetica-Bold', 20);
  text(
    'P',
    t('custody-visiting:statistics.annual.year', { year, days: yearDays(t, figures.period) }),
    'Helvetica',
    12.5,
  );
  if (figures.soFar) text('P', c('soFar'), 'Helvetica', 10.5);

  text('H2', c('totals'), 'Helvetica-Bold', 14);
  table({
    title: c('totals'),
    head: [c('measure'), c('figure')],
    widths: [0.7, 0.3],
    rows: [
      [c('made'), String(v.made)],
      [c('target'), String(v.target)],
      [c('ofTarget'), percent(v)],
      [c('missed'), String(v.missed)],
      [c('reports'), String(r.reports)],
      [c('present'), String(r.detaineesPresent)],
      [c('seen'), String(r.seen)],
      [c('childrenSeen'), String(r.childrenSeen)],
      [c('vulnerableSeen'), String(r.vulnerableSeen)],
      [c('delayed'), String(r.delayed)],
      [c('medianDelay'), figure(t, r.medianDelay)],
      [c('longestDelay'), figure(t, r.longestDelay)],
      [c('issuesRaised'), String(r.issuesRaised)],
      [c('issuesResolved'), String(r.issuesResolved)],
      [c('percentResolved'), percentFigure(t, r.percentResolved)],
      [c('medianDays'), figure(t, r.medianDaysToResolve)],
    ],
  });

  const reportsOf = new Map(figures.reports.areas.map((a) => [a.area, a.total]));
  const none = (name: string): ReportLine | undefined => reportsOf.get(name);
  text('H2', c('byArea'), 'Helvetica-Bold', 14);
  table({
    title: c('byArea'),
    head: [
      t('custody-visiting:statistics.columns.area'),
      t('custody-visiting:statistics.columns.target'),
      t('custody-visiting:statistics.columns.made'),
      t('custody-visiting:statistics.columns.ofTarget'),
      c('reportsShort'),
      c('seenShort'),
      c('delayedShort'),
    ],
    widths: [0.31, 0.1, 0.1, 0.11, 0.12, 0.13, 0.13],
    rows: [
      ...figures.areas.map((a) => {
        const reports = none(a.area);
        return [
          a.area,
          String(a.total.target),
          String(a.total.made),
          percent(a.total),
          String(reports?.reports ?? 0),
          String(reports?.seen ?? 0),
          String(reports?.delayed ?? 0),
        ];
      }),
      [
        v.name,
        String(v.target),
        String(v.made),
        percent(v),
        String(r.reports),
        String(r.seen),
        String(r.delayed),
      ],
    ],
  });

  text('H2', c('issues'), 'Helvetica-Bold', 14);
  text(
    'P',
    t('custody-visiting:statistics.issues.summary', {
      raised: r.issuesRaised,
      resolved: r.issuesResolved,
      percent: percentFigure(t, r.percentResolved),
    }),
    'Helvetica',
    10.5,
  );
  table({
    title: c('issues'),
    head: [
      t('custody-visiting:statistics.columns.area'),
      t('custody-visiting:statistics.columns.issuesRaised'),
      t('custody-visiting:statistics.columns.issuesResolved'),
      t('custody-visiting:statistics.columns.percentResolved'),
      t('custody-visiting:statistics.columns.medianDays'),
    ],
    widths: [0.36, 0.16, 0.16, 0.16, 0.16],
    rows: [...figures.reports.areas.map((a) => a.total), r].map((l) => [
      l.name,
      String(l.issuesRaised),
      String(l.issuesResolved),
      percentFigure(t, l.percentResolved),
      figure(t, l.medianDaysToResolve),
    ]),
  });
  text('P', t('custody-visiting:statistics.reportsDefinitions'), 'Helvetica', 9.5);

  document.end();
  doc.end();
  return done;
}

/** A header cell's scope, which pdfkit's struct() has no option for. */
function scope(element: Struct, value: 'Column' | 'Row') {
  (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = {
    O: 'Table',
    Scope: value,
  };
}
