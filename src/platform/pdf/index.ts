/**
 * Tagged PDFs (A4, the language set, headings, paragraphs, lists and tables marked so screen
 * readers can follow them): a module makes the blocks, layout.ts lays them onto pages and
 * text.ts sets their words. One layout for every PDF Bridge makes.
 */
import { layOut, MARGIN, type Block } from './layout.js';
import type { Doc } from './text.js';

export {
  CELL,
  CELL_BOLD,
  LIST_INDENT,
  MARGIN,
  PAD,
  WIDTH,
  cellLines,
  layOut,
  textBlock,
  type Block,
  type Cell,
  type Container,
  type Group,
  type Row,
  type Table,
} from './layout.js';
export { figuresTable } from './figures-table.js';
export { lineChartBlock, PDF_CHART } from './line-chart.js';
export {
  layLines,
  style,
  type Doc,
  type Line,
  type Piece,
  type Style,
  type TagColour,
} from './text.js';

/** The document's properties, as a PDF reader shows them. */
export interface PdfInfo {
  Title: string;
  Author: string;
  Subject?: string;
}

/** A PDF of the blocks made for it, laid onto A4 pages. */
export async function renderPdf(info: PdfInfo, blocksOf: (doc: Doc) => Block[]): Promise<Buffer> {
  // Loaded when a PDF is first made, not at start-up: it is a sixth of a second of Bridge's
  // cold start (measured by `npm run bench`) for something most starts never use.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    tagged: true,
    pdfVersion: '1.7',
    lang: 'en-GB',
    displayTitle: true,
    info,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  layOut(doc, blocksOf(doc));
  doc.end();
  return done;
}
