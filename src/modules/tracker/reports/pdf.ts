/**
 * The committee's progress report as a PDF: the same content and layout as the page (seed 004's
 * Appendix 1), for the committee's papers. A tagged PDF (headings and paragraphs marked, the
 * language set, table headers marked as such) so screen readers can follow it.
 */
import { formatDate } from '../../../platform/calendar/index.js';
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { ActionChange, ActionResult, ItemNoun } from '../rules.js';
import { type Said, say } from '../../../platform/i18n/said.js';

/** What the PDF shows of a progress report: the report is given to it as data. */
export interface ReportForPdf {
  source: { title: string; reportsTo: string | null; noun: ItemNoun };
  asOf: IsoDate;
  previous: { asOf: IsoDate } | null | undefined;
  counts: { total: number };
  summary: readonly { result: ActionResult; count: number }[];
  recommendationsComplete: number;
  changes: number;
  recommendations: readonly {
    number: string;
    text: string;
    status: string;
    supersededByNumber: string | null;
    rationale: string | null;
    keyPoints: readonly {
      text: string;
      actions: readonly {
        description: string | null;
        ownerName: string | null;
        resultLabel: Said;
        change: ActionChange['kind'] | null;
        narrative: string | null;
      }[];
    }[];
  }[];
}

const A4_MARGIN = 56;
const GREY = '#505a5f';

/** The report in the words of `t`: the service's, in the default language (ADR 0015). */
export async function renderReportPdf(report: ReportForPdf, t: Translate): Promise<Buffer> {
  // Loaded when a PDF is first made, not at start-up: it is a sixth of a second of Bridge's
  // cold start (measured by `npm run bench`) for something most starts never use.
  const { default: PDFDocument } = await import('pdfkit');
  const title = t('tracker:reports.title', { source: report.source.title });
  const asAt = formatDate(report.asOf);
  const doc = new PDFDocument({
    size: 'A4',
    margin: A4_MARGIN,
    tagged: true,
    pdfVersion: '1.7',
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: title,
      Author: t('layout.serviceName'),
      Subject: t('tracker:reports.pdf.subject', { date: asAt }),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const document = doc.struct('Document');
  doc.addStructure(document);
  const heading = (level: 'H1' | 'H2', text: string, size: number) =>
    document.add(
      doc.struct(level, {}, () => {
        doc.font('Helvetica-Bold').fontSize(size).fillColor('black').text(text);
        doc.moveDown(0.4);
      }),
    );
  const paragraph = (text: string, options: { size?: number; color?: string } = {}) =>
    document.add(
      doc.struct('P', {}, () => {
        doc
          .font('Helvetica')
          .fontSize(options.size ?? 10.5)
          .fillColor(options.color ?? 'black')
          .text(text);
        doc.moveDown(0.5);
      }),
    );

  heading('H1', report.source.title, 18);
  paragraph(
    report.source.reportsTo
      ? t('tracker:reports.pdf.asAtTo', { date: asAt, committee: report.source.reportsTo })
      : t('tracker:reports.pdf.asAt', { date: asAt }),
    { color: GREY },
  );
  heading('H2', t('tracker:reports.pdf.summary'), 13);
  const count = (result: ActionResult) =>
    report.summary.find((s) => s.result === result)?.count ?? 0;
  paragraph(
    t('tracker:reports.pdf.counts', {
      total: report.counts.total,
      completed: count('completed'),
      ongoing: count('ongoing'),
      awaits: count('awaits'),
    }) +
      t('tracker:reports.complete', {
        complete: report.recommendationsComplete,
        total: report.recommendations.length,
        nouns: t(`tracker:itemNoun.${report.source.noun}.many`),
      }),
  );
  paragraph(
    report.previous
      ? t('tracker:reports.pdf.since', {
          date: formatDate(report.previous.asOf),
          count: report.changes,
        })
      : t('tracker:reports.noEarlier'),
  );

  const noun = t(`tracker:itemNoun.${report.source.noun}.one`);
  for (const r of report.recommendations) {
    heading('H2', `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${r.number}`, 13);
    paragraph(r.text);
    if (r.status === 'superseded')
      paragraph(t('tracker:tree.supersededBy', { noun, number: r.supersededByNumber ?? '' }));
    if (r.status === 'not_accepted')
      paragraph(`${t('tracker:tree.notAccepted')} ${r.rationale ?? ''}`);
    const rows: { text: string; rowSpan?: number; type?: 'TH' | 'TD' }[][] = [];
    for (const k of r.keyPoints) {
      if (k.actions.length === 0)
        rows.push([
          { text: k.text, type: 'TH' },
          { text: '' },
          { text: t('tracker:tree.noActions') },
        ]);
      k.actions.forEach((a, i) => {
        const owner = a.ownerName ? t('tracker:tree.owner', { name: a.ownerName }) : '';
        const action = [a.description ?? '', owner].filter(Boolean).join('\n');
        const change = a.change
          ? t('tracker:reports.pdf.change', { change: t(`tracker:changeKind.${a.change}`) })
          : '';
        const result = [say(t, a.resultLabel), change, a.narrative ?? '']
          .filter(Boolean)
          .join('\n');
        rows.push([
          ...(i === 0 ? [{ text: k.text, rowSpan: k.actions.length, type: 'TH' as const }] : []),
          { text: action },
          { text: result },
        ]);
      });
    }
    if (rows.length === 0) {
      paragraph(t('tracker:tree.noKeyPoints'), { color: GREY });
      continue;
    }
    doc.font('Helvetica').fontSize(9).fillColor('black');
    document.add(
      doc.struct('Table', {}, () => {
        doc.table({
          columnStyles: ['25%', '35%', '40%'],
          defaultStyle: { padding: 4, border: 0.5, borderColor: '#b1b4b6' },
          data: [
            [
              ...(['keyPoints', 'actions', 'results'] as const).map((column) => ({
                text: t(`tracker:tree.${column}`),
                type: 'TH' as const,
                font: { family: 'Helvetica-Bold' },
              })),
            ],
            ...rows,
          ],
        });
        doc.moveDown(1);
      }),
    );
    doc.x = A4_MARGIN;
  }
  document.end();
  doc.end();
  return done;
}
