/**
 * The committee's progress report as a PDF: the same content and layout as the page (seed 004's
 * Appendix 1), for the committee's papers. A tagged PDF (headings and paragraphs marked, the
 * language set, table headers marked as such) so screen readers can follow it.
 */
import { formatDate } from '../../../platform/calendar/index.js';
import type { IsoDate } from '../../../platform/calendar/index.js';

/** What the PDF shows of a progress report: the report is given to it as data. */
export interface ReportForPdf {
  source: { title: string; reportsTo: string | null; noun: { one: string; many: string } };
  asOf: IsoDate;
  previous: { asOf: IsoDate } | null | undefined;
  counts: { total: number };
  summary: readonly { label: string; count: number }[];
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
        resultText: string;
        change: string | null;
        narrative: string | null;
      }[];
    }[];
  }[];
}

const A4_MARGIN = 56;
const GREY = '#505a5f';

export async function renderReportPdf(report: ReportForPdf): Promise<Buffer> {
  // Loaded when a PDF is first made, not at start-up: it is a sixth of a second of Bridge's
  // cold start (measured by `npm run bench`) for something most starts never use.
  const { default: PDFDocument } = await import('pdfkit');
  const title = `Progress report: ${report.source.title}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: A4_MARGIN,
    tagged: true,
    pdfVersion: '1.7',
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: title, Author: 'Bridge', Subject: `As at ${formatDate(report.asOf)}` },
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
    [
      `Progress report as at ${formatDate(report.asOf)}`,
      report.source.reportsTo ? `to the ${report.source.reportsTo}` : null,
    ]
      .filter(Boolean)
      .join(' '),
    { color: GREY },
  );
  heading('H2', 'Summary', 13);
  paragraph(
    `${report.counts.total} actions: ${report.summary.map((s) => `${s.count} ${s.label.toLowerCase()}`).join(', ')}. ` +
      `${report.recommendationsComplete} of ${report.recommendations.length} ${report.source.noun.many} have every action completed.`,
  );
  paragraph(
    report.previous
      ? `Since the last report (as at ${formatDate(report.previous.asOf)}): ${report.changes} actions new or changed, marked "Since the last report".`
      : 'No earlier report has been recorded, so nothing is marked as changed.',
  );

  const noun = report.source.noun.one;
  for (const r of report.recommendations) {
    heading('H2', `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${r.number}`, 13);
    paragraph(r.text);
    if (r.status === 'superseded') paragraph(`Superseded by ${noun} ${r.supersededByNumber}.`);
    if (r.status === 'not_accepted') paragraph(`Not accepted. ${r.rationale ?? ''}`);
    const rows: { text: string; rowSpan?: number; type?: 'TH' | 'TD' }[][] = [];
    for (const k of r.keyPoints) {
      if (k.actions.length === 0)
        rows.push([{ text: k.text, type: 'TH' }, { text: '' }, { text: 'No actions yet' }]);
      k.actions.forEach((a, i) => {
        const action = [a.description ?? '', a.ownerName ? `Owner: ${a.ownerName}` : '']
          .filter(Boolean)
          .join('\n');
        const result = [a.resultText, a.change ? `(${a.change})` : '', a.narrative ?? '']
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
      paragraph('No key points or actions recorded.', { color: GREY });
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
              { text: 'Key points', type: 'TH', font: { family: 'Helvetica-Bold' } },
              { text: 'Actions', type: 'TH', font: { family: 'Helvetica-Bold' } },
              { text: 'Results/timescale', type: 'TH', font: { family: 'Helvetica-Bold' } },
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
