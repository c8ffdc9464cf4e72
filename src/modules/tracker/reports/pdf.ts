/**
 * The committee's progress report as a PDF, for the committee's papers: the words of the report
 * page (presenter.ts), in the same order, in the layout of seed 004's Appendix 1. A tagged PDF
 * (headings, paragraphs and table cells marked, the language set) so screen readers can follow
 * it.
 *
 * Every line is laid out here, not by pdfkit's flowing text or its table, so that page breaks
 * are decided in one place:
 * - a heading is kept with what follows it (at least its first lines or the table's first row);
 * - a table's header row is repeated at the top of each page it continues on;
 * - a row is never split from its cells' text: it moves to the next page whole, unless it is
 *   taller than a page, and only then is it split by lines (the header repeated again);
 * - a key point whose actions continue on the next page is named again there, "(continued)";
 * - a box is drawn only around the text it holds.
 * Whatever is repeated (header rows, continued key points) and the boxes are marked as artifacts,
 * so a screen reader reads each word once.
 */
import { formatDate, type IsoDate } from '../../../platform/calendar/index.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import type { FormattedBlock, FormattedRun } from '../formatted-text.js';
import type { PresentedReport, ReportItem, ReportTag } from './presenter.js';

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const TOP = MARGIN;
const BOTTOM = PAGE.height - MARGIN;
const WIDTH = PAGE.width - 2 * MARGIN;
/** Inside each table cell, on every side. */
const PAD = 5;
const RULE = '#b1b4b6';
/** GOV.UK Frontend's tag colours: the text, and the fill behind it. */
const TAG_COLOURS: Record<ReportTag['colour'], { text: string; fill: string }> = {
  grey: { text: '#282d30', fill: '#eeefef' },
  green: { text: '#005a30', fill: '#cce2d8' },
  blue: { text: '#0c2d4a', fill: '#bbd4ea' },
};
const TAG_PAD = 2;
/** Helvetica's ascender, and its ascender and descender together, as parts of the font size. */
const ASCENT = 0.718;
const ASCENT_DESCENT = 0.925;

interface Style {
  font: 'Helvetica' | 'Helvetica-Bold' | 'Helvetica-Oblique' | 'Helvetica-BoldOblique';
  size: number;
  colour: string;
}
const style = (font: Style['font'], size: number, colour = '#0b0c0c'): Style => ({
  font,
  size,
  colour,
});
const STYLES = {
  h1: style('Helvetica-Bold', 20),
  h2: style('Helvetica-Bold', 14),
  caption: style('Helvetica', 12, '#505a5f'),
  lead: style('Helvetica', 12.5),
  body: style('Helvetica', 10.5),
  bodyBold: style('Helvetica-Bold', 10.5),
  bodyItalic: style('Helvetica-Oblique', 10.5),
  bodyBoldItalic: style('Helvetica-BoldOblique', 10.5),
  bodySmall: style('Helvetica', 9.5),
  cell: style('Helvetica', 9),
  cellBold: style('Helvetica-Bold', 9),
  cellSmall: style('Helvetica', 8.5),
  tag: style('Helvetica-Bold', 8.5),
};

/** Words in one style; a tag's words are kept together and drawn on their colour. */
interface Piece {
  text: string;
  style: Style;
  tag?: ReportTag['colour'];
  /** Follows the piece before with no space between (a stressed word and its full stop). */
  glued?: boolean;
}
interface Run extends Piece {
  x: number;
}
interface Line {
  runs: Run[];
  height: number;
}

const lineHeight = (s: Style) => s.size * 1.3;
const linesHeight = (lines: readonly Line[]) => lines.reduce((sum, l) => sum + l.height, 0);

/**
 * A word's width in a style. Measuring is most of the work of laying out a long report, and the
 * same words (names, "the") come back again and again, so each document keeps what it measured:
 * the standard fonts' widths grow with the size, so one measure per font serves every size.
 */
const measured = new WeakMap<Doc, Map<string, number>>();
function widthOf(doc: Doc, text: string, s: Style): number {
  let widths = measured.get(doc);
  if (!widths) measured.set(doc, (widths = new Map()));
  const key = `${s.font}\u0000${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    width = doc.font(s.font).fontSize(1000).widthOfString(text) / 1000;
    widths.set(key, width);
  }
  return width * s.size;
}

/**
 * Pieces laid into lines no wider than `width`: words wrap at spaces (a word wider than a line
 * is broken), a line break in the text starts a new line, and a piece starting with a line
 * break starts on a line of its own.
 */
function layLines(doc: Doc, pieces: readonly Piece[], width: number): Line[] {
  const lines: Line[] = [];
  let runs: Run[] = [];
  let used = 0;
  let height = 0;
  const measure = (text: string, s: Style) => widthOf(doc, text, s);
  const finish = () => {
    lines.push({ runs, height });
    runs = [];
    used = 0;
    height = 0;
  };
  /** The next word follows the last with no space between. */
  let glue = false;
  const place = (text: string, s: Style, tag: Piece['tag'], textWidth: number) => {
    const space = runs.length && !glue ? measure(' ', s) : 0;
    const last = runs[runs.length - 1];
    if (last && !tag && !last.tag && last.style === s) last.text += `${glue ? '' : ' '}${text}`;
    else runs.push({ text, style: s, tag, x: used + space + (tag ? TAG_PAD : 0) });
    glue = false;
    used += space + textWidth;
    height = Math.max(height, lineHeight(s));
  };
  for (const piece of pieces) {
    if (piece.tag) {
      const w = measure(piece.text, piece.style) + 2 * TAG_PAD;
      if (runs.length && used + measure(' ', piece.style) + w > width) finish();
      place(piece.text, piece.style, piece.tag, w);
      continue;
    }
    const paragraphs = piece.text.replace(/\r\n?/g, '\n').trimEnd().split('\n');
    glue = !!piece.glued;
    paragraphs.forEach((paragraph, index) => {
      if (index > 0) finish();
      height = Math.max(height, lineHeight(piece.style));
      for (let word of paragraph.split(/[ \t]+/).filter(Boolean)) {
        let w = measure(word, piece.style);
        const space = runs.length && !glue ? measure(' ', piece.style) : 0;
        if (runs.length && used + space + w > width) finish();
        while (w > width) {
          let n = word.length - 1;
          while (n > 1 && measure(word.slice(0, n), piece.style) > width) n--;
          place(word.slice(0, n), piece.style, undefined, measure(word.slice(0, n), piece.style));
          finish();
          word = word.slice(n);
          w = measure(word, piece.style);
        }
        place(word, piece.style, undefined, w);
      }
    });
  }
  if (runs.length || height) finish();
  return lines;
}

function drawLine(doc: Doc, line: Line, x: number, y: number, width?: number, right = false) {
  const last = line.runs[line.runs.length - 1];
  const shift = right && width && last ? width - last.x - widthOf(doc, last.text, last.style) : 0;
  // Every run on the line stands on one baseline, the largest centred in the line's height.
  const largest = Math.max(...line.runs.map((r) => r.style.size));
  const baseline = y + (line.height - ASCENT_DESCENT * largest) / 2 + ASCENT * largest;
  for (const run of line.runs) {
    doc.font(run.style.font).fontSize(run.style.size);
    const top = baseline - ASCENT * run.style.size;
    if (run.tag) {
      const colours = TAG_COLOURS[run.tag];
      doc
        .rect(
          x + shift + run.x - TAG_PAD,
          top - 1.5,
          doc.widthOfString(run.text) + 2 * TAG_PAD,
          ASCENT_DESCENT * run.style.size + 3,
        )
        .fill(colours.fill);
      doc.fillColor(colours.text);
    } else doc.fillColor(run.style.colour);
    doc.text(run.text, x + shift + run.x, top, { lineBreak: false });
  }
}

/** Sets a table cell's attributes (scope, spans), which pdfkit's struct() has no option for. */
function tableAttributes(element: Struct, attributes: Record<string, string | number>) {
  (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = {
    O: 'Table',
    ...attributes,
  };
}

interface Cell {
  lines: Line[];
  header?: boolean;
  span?: number;
  right?: boolean;
}
interface Row {
  cells: Cell[];
}
interface Group {
  /** A key point: named beside its rows, and again ("continued") on each page they go on to. */
  label: { lines: Line[]; continued: Line[] } | null;
  rows: Row[];
}
interface Table {
  title: string;
  widths: number[];
  head: string[];
  groups: Group[];
}

/** A list, one of its items, or an item's body: tagged L, LI, LBody, made when first drawn in. */
interface Container {
  type: 'L' | 'LI' | 'LBody';
}
const LIST_INDENT = 18;

type Block =
  | {
      kind: 'text';
      type: 'H1' | 'H2' | 'P';
      lines: Line[];
      before: number;
      after: number;
      keepWithNext?: boolean;
      /** In a list (the introduction's): how far in, inside what, and the item's bullet or number. */
      indent?: number;
      within?: Container[];
      label?: Line[];
    }
  | { kind: 'table'; table: Table; before: number; after: number };

/** The report in the words it was presented in; `t` gives the PDF's own few words. */
export async function renderReportPdf(
  report: PresentedReport,
  t: Translate,
  asOf: IsoDate,
): Promise<Buffer> {
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
    info: {
      Title: t('tracker:reports.title', { source: report.title }),
      Author: t('layout.serviceName'),
      Subject: t('tracker:reports.pdf.subject', { date: formatDate(asOf) }),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const blocks = reportBlocks(doc, report, t);
  layOut(doc, blocks);
  doc.end();
  return done;
}

/** The report as blocks to lay out: the page's order, the page's words. */
function reportBlocks(doc: Doc, report: PresentedReport, t: Translate): Block[] {
  const text = (
    type: 'H1' | 'H2' | 'P',
    pieces: Piece[],
    spacing: { before?: number; after?: number; keepWithNext?: boolean } = {},
  ): Block => ({
    kind: 'text',
    type,
    lines: layLines(doc, pieces, WIDTH),
    before: spacing.before ?? 0,
    after: spacing.after ?? 6,
    keepWithNext: spacing.keepWithNext ?? type !== 'P',
  });
  const cellLines = (pieces: Piece[], width: number) => layLines(doc, pieces, width - 2 * PAD);

  const blocks: Block[] = [
    text('P', [{ text: report.caption, style: STYLES.caption }], { after: 2, keepWithNext: true }),
    text('H1', [{ text: report.title, style: STYLES.h1 }], { after: 12 }),
  ];
  if (report.sourceSummary)
    blocks.push(text('P', [{ text: report.sourceSummary, style: STYLES.lead }], { after: 8 }));
  blocks.push(
    ...formattedTextBlocks(report.introduction, 0, []),
    text('H2', [{ text: report.summary.heading, style: STYLES.h2 }], { after: 6 }),
  );
  const summaryWidths = [WIDTH * 0.7, WIDTH * 0.3];
  const summaryRow = (label: string, count: number, bold: boolean): Group => ({
    label: null,
    rows: [
      {
        cells: [
          {
            lines: cellLines([{ text: label, style: STYLES.cellBold }], summaryWidths[0]!),
            header: true,
          },
          {
            lines: cellLines(
              [{ text: String(count), style: bold ? STYLES.cellBold : STYLES.cell }],
              summaryWidths[1]!,
            ),
            right: true,
          },
        ],
      },
    ],
  });
  blocks.push(
    {
      kind: 'table',
      before: 0,
      after: 10,
      table: {
        title: report.summary.caption,
        widths: summaryWidths,
        head: [...report.summary.head],
        groups: [
          ...report.summary.rows.map((r) => summaryRow(r.label, r.count, false)),
          summaryRow(report.summary.total.label, report.summary.total.count, true),
        ],
      },
    },
    text('P', [{ text: report.complete, style: STYLES.body }]),
    text('P', [{ text: report.since, style: STYLES.body }], { after: 10 }),
  );
  if (report.nothingYet)
    blocks.push(text('P', [{ text: report.nothingYet, style: STYLES.body }], { after: 10 }));
  for (const item of report.items) blocks.push(...itemBlocks(item));
  return blocks;

  /** The introduction's paragraphs and lists, as the page lays them out (formatted-text.njk). */
  function formattedTextBlocks(
    formatted: readonly FormattedBlock[],
    indent: number,
    within: Container[],
    label?: string,
  ): Block[] {
    const out: Block[] = [];
    formatted.forEach((b, i) => {
      if (b.kind === 'paragraph') {
        out.push({
          kind: 'text',
          type: 'P',
          lines: layLines(doc, piecesOf(b.runs), WIDTH - indent),
          before: 0,
          after: within.length ? 3 : 6,
          indent,
          within,
          label:
            i === 0 && label
              ? layLines(doc, [{ text: label, style: STYLES.body }], LIST_INDENT)
              : undefined,
        });
        return;
      }
      const list: Container = { type: 'L' };
      for (const item of b.items)
        out.push(
          ...formattedTextBlocks(
            item.blocks,
            indent + LIST_INDENT,
            [...within, list, { type: 'LI' }, { type: 'LBody' }],
            item.number === null ? '\u2022' : `${item.number}.`,
          ),
        );
      const last = out[out.length - 1];
      if (!within.length && last) last.after = 6;
    });
    return out;
  }

  function piecesOf(runs: readonly FormattedRun[]): Piece[] {
    return runs.map((r, i) => ({
      text: r.text,
      style: r.strong
        ? r.em
          ? STYLES.bodyBoldItalic
          : STYLES.bodyBold
        : r.em
          ? STYLES.bodyItalic
          : STYLES.body,
      glued: i > 0 && !/\s$/.test(runs[i - 1]!.text) && !/^\s/.test(r.text),
    }));
  }

  function itemBlocks(r: ReportItem): Block[] {
    const out: Block[] = [
      // Issue 23: the title of the part it starts, above it, as the page shows it.
      ...(r.part
        ? [
            text('H2', [{ text: r.part, style: STYLES.h1 }], {
              before: 16,
              after: 6,
              keepWithNext: true,
            }),
          ]
        : []),
      text(
        'H2',
        [
          { text: r.heading, style: STYLES.h2 },
          ...(r.tag ? [{ text: r.tag.text, style: STYLES.tag, tag: r.tag.colour }] : []),
        ],
        { before: 12, after: 6 },
      ),
    ];
    if (r.section)
      out.push(
        text('P', [{ text: r.section, style: STYLES.bodySmall }], { after: 4, keepWithNext: true }),
      );
    if (r.withdrawn) out.push(text('P', [{ text: r.withdrawn, style: STYLES.body }]));
    out.push(text('P', [{ text: r.text, style: STYLES.body }]));
    if (r.superseded) out.push(text('P', [{ text: r.superseded, style: STYLES.body }]));
    if (r.notAccepted)
      out.push(
        text('P', [
          { text: r.notAccepted.label, style: STYLES.bodyBold },
          { text: r.notAccepted.rationale, style: STYLES.body },
        ]),
      );
    // The heading, its text and the start of its table go together when the text is short;
    // a long text is let run on, the heading kept with its first lines.
    for (const block of out)
      if (block.kind === 'text' && block.lines.length <= 8) block.keepWithNext = true;
    if (!r.table) {
      out.push(text('P', [{ text: r.noKeyPoints ?? '', style: STYLES.bodySmall }]));
      return out;
    }
    const widths = [WIDTH * 0.25, WIDTH * 0.35, WIDTH * 0.4] as const;
    out.push({
      kind: 'table',
      before: 2,
      after: 8,
      table: {
        title: r.table.caption,
        widths: [...widths],
        head: [...r.table.head],
        groups: r.table.keyPoints.map((k) => {
          const lead = [k.lead, k.withdrawn]
            .filter((line): line is string => !!line)
            .map((line) => ({ text: `\n${line}`, style: STYLES.cellSmall }));
          return {
            label: {
              lines: cellLines([{ text: k.text, style: STYLES.cellBold }, ...lead], widths[0]),
              continued: cellLines(
                [
                  {
                    text: t('tracker:reports.pdf.continued', { keyPoint: k.text }),
                    style: STYLES.cellBold,
                  },
                ],
                widths[0],
              ),
            },
            rows: k.noActions
              ? [
                  {
                    cells: [
                      {
                        lines: cellLines(
                          [{ text: k.noActions, style: STYLES.cell }],
                          widths[1] + widths[2],
                        ),
                        span: 2,
                      },
                    ],
                  },
                ]
              : k.actions.map((a) => ({
                  cells: [
                    {
                      lines: cellLines(
                        [
                          { text: a.description, style: STYLES.cell },
                          ...(a.owner ? [{ text: `\n${a.owner}`, style: STYLES.cellSmall }] : []),
                          ...(a.due ? [{ text: `\n${a.due}`, style: STYLES.cellSmall }] : []),
                          ...(a.withdrawn
                            ? [{ text: `\n${a.withdrawn}`, style: STYLES.cellSmall }]
                            : []),
                        ],
                        widths[1],
                      ),
                    },
                    {
                      lines: cellLines(
                        [
                          { text: a.result, style: STYLES.cellBold },
                          ...(a.change
                            ? [{ text: a.change.text, style: STYLES.tag, tag: a.change.colour }]
                            : []),
                          ...(a.narrative
                            ? [{ text: `\n${a.narrative}`, style: STYLES.cell }]
                            : []),
                        ],
                        widths[2],
                      ),
                    },
                  ],
                })),
          };
        }),
      },
    });
    return out;
  }
}

/** Lays the blocks onto pages, deciding every page break. */
function layOut(doc: Doc, blocks: readonly Block[]) {
  const document = doc.struct('Document');
  doc.addStructure(document);
  /** Each list, item and item body of the introduction, once made. */
  const containers = new Map<Container, Struct>();
  /** The element a block goes in: the document, or (made now if new) its list item's body. */
  const parentOf = (within: readonly Container[]): Struct =>
    within.reduce((parent, container) => {
      let element = containers.get(container);
      if (!element) {
        element = doc.struct(container.type);
        parent.add(element);
        containers.set(container, element);
      }
      return element;
    }, document);
  let y = TOP;
  const newPage = () => {
    doc.addPage();
    y = TOP;
  };
  const atTop = () => y <= TOP + 0.01;

  /** Drawn as an artifact: repeated words and boxes, which a screen reader skips. */
  const artifact = (draw: () => void) => {
    doc.markContent('Artifact', { type: 'Pagination' });
    draw();
    doc.endMarkedContent();
  };

  /** How much of a block must fit below a heading kept with it. */
  const firstPart = (block: Block): number => {
    if (block.kind === 'text')
      return block.lines.length <= 3
        ? linesHeight(block.lines)
        : linesHeight(block.lines.slice(0, 2));
    const { table } = block;
    const head = headHeight(table);
    const group = table.groups[0];
    if (!group) return head;
    const row = group.rows[0] ? rowHeight(group.rows[0]) : 0;
    const label = group.label ? linesHeight(group.label.lines) + 2 * PAD : 0;
    // A first row taller than a page is split wherever it starts: its first lines will do.
    if (head + Math.max(row, label) > BOTTOM - TOP)
      return head + 2 * PAD + 3 * lineHeight(STYLES.cell);
    return head + Math.max(row, label);
  };
  const headHeight = (table: Table) =>
    Math.max(...table.head.map((h, i) => linesHeight(headLines(table, h, i)))) + 2 * PAD;
  const headLines = (table: Table, text: string, column: number) =>
    layLines(doc, [{ text, style: STYLES.cellBold }], table.widths[column]! - 2 * PAD);
  const rowHeight = (row: Row) => Math.max(...row.cells.map((c) => linesHeight(c.lines))) + 2 * PAD;

  blocks.forEach((block, index) => {
    // A heading (and what is kept with it) goes to the next page with the start of what follows.
    let need = 0;
    for (let i = index; i < blocks.length; i++) {
      const b = blocks[i]!;
      const keep = b.kind === 'text' && b.keepWithNext;
      need += (i > index ? b.before : 0) + (keep ? linesHeight(b.lines) + b.after : firstPart(b));
      if (!keep) break;
    }
    if (!atTop()) {
      if (y + block.before + Math.min(need, BOTTOM - TOP) > BOTTOM) newPage();
      else y += block.before;
    }
    if (block.kind === 'text') drawText(block.type, block.lines, block);
    else drawTable(block.table);
    y += block.after;
  });
  document.end();

  function drawText(
    type: 'H1' | 'H2' | 'P',
    lines: readonly Line[],
    place: { indent?: number; within?: Container[]; label?: Line[] } = {},
  ) {
    const within = place.within ?? [];
    const x = MARGIN + (place.indent ?? 0);
    // A list item's bullet or number (Lbl) goes in the item before its body (LBody).
    const label = place.label ? doc.struct('Lbl') : null;
    if (label) parentOf(within.slice(0, -1)).add(label);
    const element = doc.struct(type);
    parentOf(within).add(element);
    let from = 0;
    while (from < lines.length) {
      let to = from;
      let height = 0;
      while (to < lines.length && y + height + lines[to]!.height <= BOTTOM)
        height += lines[to++]!.height;
      if (to === from) {
        if (atTop())
          to = from + 1; // a line taller than a page: drawn anyway
        else {
          newPage();
          continue;
        }
      }
      const part = lines.slice(from, to);
      if (label && from === 0) {
        const top = y;
        label.add(() => {
          for (const line of place.label!) drawLine(doc, line, x - LIST_INDENT, top);
        });
        label.end();
      }
      element.add(() => {
        for (const line of part) {
          drawLine(doc, line, x, y);
          y += line.height;
        }
      });
      from = to;
    }
    element.end();
  }

  function drawTable(table: Table) {
    const element = doc.struct('Table', { title: table.title });
    document.add(element);
    const xs = table.widths.map(
      (_, i) => MARGIN + table.widths.slice(0, i).reduce((a, b) => a + b, 0),
    );
    const box = (x: number, top: number, width: number, height: number) =>
      doc.rect(x, top, width, height).lineWidth(0.5).stroke(RULE);

    /** The header row: marked as the table's header the first time, an artifact when repeated. */
    const drawHead = (repeated: boolean) => {
      const height = headHeight(table);
      const top = y;
      const cells = () =>
        table.head.forEach((h, i) => {
          const drawCell = () =>
            headLines(table, h, i).forEach((line, n, all) =>
              drawLine(doc, line, xs[i]! + PAD, top + PAD + linesHeight(all.slice(0, n))),
            );
          if (repeated) artifact(drawCell);
          else {
            const th = doc.struct('TH');
            tableAttributes(th, { Scope: 'Column' });
            row!.add(th);
            th.add(drawCell);
            th.end();
          }
        });
      const row = repeated ? null : doc.struct('TR');
      if (row) {
        element.add(row);
        cells();
        row.end();
      } else cells();
      artifact(() => table.head.forEach((_, i) => box(xs[i]!, top, table.widths[i]!, height)));
      y += height;
      headBottom = y;
    };
    let headBottom = y;
    const continuePage = () => {
      newPage();
      drawHead(true);
    };
    /** Nothing is drawn yet below this page's header row. */
    const bodyTop = () => y <= headBottom + 0.01;

    // The header row goes with the first row, never alone at the foot of a page.
    if (!atTop() && y + firstPart({ kind: 'table', table, before: 0, after: 0 }) > BOTTOM)
      newPage();
    drawHead(false);
    const labelled = table.groups.some((g) => g.label);
    const firstColumn = labelled ? 1 : 0;
    for (const group of table.groups) {
      /** Lines of the key point not yet drawn; then, on later pages, its "(continued)" name. */
      let label = group.label ? [...group.label.lines] : null;
      let labelCell: Struct | null = null;
      let labelDone = false;
      const pending = group.rows.map((row) => ({
        cells: row.cells.map((c) => ({
          ...c,
          lines: [...c.lines],
          element: null as Struct | null,
        })),
        tr: null as Struct | null,
      }));
      while (pending.length) {
        const avail = BOTTOM - y;
        const labelLines = label ? (labelDone ? group.label!.continued : label) : [];
        const labelHeight = label ? linesHeight(labelLines) + 2 * PAD : 0;
        let taken = 0;
        let sum = 0;
        while (
          taken < pending.length &&
          Math.max(labelHeight, sum + rowHeight(pending[taken]!)) <= avail
        )
          sum += rowHeight(pending[taken++]!);
        let parts: { row: (typeof pending)[number]; cells: Line[][]; last: boolean }[];
        let labelPart = labelLines;
        if (taken === 0) {
          if (!bodyTop()) {
            continuePage();
            continue;
          }
          // Taller than a page: split the first row (and the key point's name) by lines.
          const fit = (lines: Line[]) => {
            let n = 0;
            let h = 2 * PAD;
            while (n < lines.length && h + lines[n]!.height <= avail) h += lines[n++]!.height;
            return n;
          };
          const row = pending[0]!;
          const cells = row.cells.map((c) => c.lines.splice(0, fit(c.lines)));
          labelPart = labelLines.slice(0, fit(labelLines));
          if (label && !labelDone) label = label.slice(labelPart.length);
          parts = [{ row, cells, last: row.cells.every((c) => c.lines.length === 0) }];
        } else {
          parts = pending.slice(0, taken).map((row) => ({
            row,
            cells: row.cells.map((c) => c.lines.splice(0)),
            last: true,
          }));
          if (label && !labelDone) label = [];
        }
        const top = y;
        const heights = parts.map(({ cells }) => Math.max(...cells.map(linesHeight)) + 2 * PAD);
        const total = Math.max(
          labelHeight && labelPart.length ? linesHeight(labelPart) + 2 * PAD : 0,
          heights.reduce((a, b) => a + b, 0),
        );
        heights[heights.length - 1]! += total - heights.reduce((a, b) => a + b, 0);
        const write = (
          lines: readonly Line[],
          x: number,
          at: number,
          width: number,
          right?: boolean,
        ) =>
          lines.forEach((line, n) =>
            drawLine(
              doc,
              line,
              x + PAD,
              at + PAD + linesHeight(lines.slice(0, n)),
              width - 2 * PAD,
              right,
            ),
          );

        let rowTop = top;
        parts.forEach(({ row, cells, last }, p) => {
          if (!row.tr) {
            row.tr = doc.struct('TR');
            element.add(row.tr);
          }
          // The key point's name, beside the first of its rows.
          if (p === 0 && label !== null) {
            if (labelDone) artifact(() => write(labelPart, xs[0]!, top, table.widths[0]!));
            else {
              if (!labelCell) {
                labelCell = doc.struct('TH');
                tableAttributes(labelCell, { Scope: 'Row', RowSpan: group.rows.length });
                row.tr.add(labelCell);
              }
              const lines = labelPart;
              if (lines.length) labelCell.add(() => write(lines, xs[0]!, top, table.widths[0]!));
              if (label.length === 0) {
                labelCell.end();
                labelDone = true;
              }
            }
          }
          let column = firstColumn;
          row.cells.forEach((cell, c) => {
            const span = cell.span ?? 1;
            const width = table.widths.slice(column, column + span).reduce((a, b) => a + b, 0);
            const x = xs[column]!;
            if (!cell.element) {
              cell.element = doc.struct(cell.header ? 'TH' : 'TD');
              if (cell.header) tableAttributes(cell.element, { Scope: 'Row' });
              else if (span > 1) tableAttributes(cell.element, { ColSpan: span });
              row.tr!.add(cell.element);
            }
            const lines = cells[c]!;
            const at = rowTop;
            if (lines.length) cell.element.add(() => write(lines, x, at, width, cell.right));
            if (last) cell.element.end();
            column += span;
          });
          if (last) row.tr.end();
          rowTop += heights[p]!;
        });
        // The boxes, around what was drawn on this page only.
        artifact(() => {
          if (label !== null) box(xs[0]!, top, table.widths[0]!, total);
          let at = top;
          parts.forEach(({ row }, p) => {
            let column = firstColumn;
            for (const cell of row.cells) {
              const span = cell.span ?? 1;
              const width = table.widths.slice(column, column + span).reduce((a, b) => a + b, 0);
              box(xs[column]!, at, width, heights[p]!);
              column += span;
            }
            at += heights[p]!;
          });
        });
        y = top + total;
        const finished = parts.filter((part) => part.last).length;
        pending.splice(0, finished);
        if (pending.length) continuePage();
      }
      if (labelCell && !labelDone) (labelCell as Struct).end();
    }
    element.end();
  }
}
