/**
 * A PDF laid onto pages: a module makes the blocks (headings, paragraphs, lists, tables), text.ts
 * the lines. Every line is laid out here, not by pdfkit's flowing text or its table, so that page
 * breaks are decided in one place, the same for every PDF Bridge makes:
 * - a heading is kept with what follows it (at least its first lines or the table's first row);
 * - a table's header row is repeated at the top of each page it continues on;
 * - a row is never split from its cells' text: it moves to the next page whole, unless it is
 *   taller than a page, and only then is it split by lines (the header repeated again);
 * - a group of rows named beside them (a header cell spanning them) is named again on each page
 *   it continues on ("(continued)");
 * - a box is drawn only around the text it holds.
 * Whatever is repeated (header rows, continued group names) and the boxes are marked as artifacts,
 * so a screen reader reads each word once. Headings, paragraphs, lists and tables are tagged
 * (H1, H2, P, L, LI, Lbl, LBody, Table, TR, TH, TD) in the order they are read.
 */
import {
  drawLine,
  layLines,
  lineHeight,
  linesHeight,
  style,
  type Doc,
  type Line,
  type Piece,
} from './text.js';

type Struct = PDFKit.PDFStructureElement;

const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = 56;
const TOP = MARGIN;
const BOTTOM = PAGE.height - MARGIN;
export const WIDTH = PAGE.width - 2 * MARGIN;
/** Inside each table cell, on every side. */
export const PAD = 5;
const RULE = '#b1b4b6';
/** A table's text, and its header cells'. */
export const CELL = style('Helvetica', 9);
export const CELL_BOLD = style('Helvetica-Bold', 9);

/** Sets a table cell's attributes (scope, spans), which pdfkit's struct() has no option for. */
function tableAttributes(element: Struct, attributes: Record<string, string | number>) {
  (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = {
    O: 'Table',
    ...attributes,
  };
}

export interface Cell {
  lines: Line[];
  header?: boolean;
  span?: number;
  right?: boolean;
}
export interface Row {
  cells: Cell[];
}
export interface Group {
  /** The group's name, beside its rows (a header cell spanning them), and the words naming it
   * again on each page they go on to ("… (continued)"). */
  label: { lines: Line[]; continued: Line[] } | null;
  rows: Row[];
}
export interface Table {
  title: string;
  widths: number[];
  head: string[];
  /** Columns whose header is aligned right, over figures. */
  rightHead?: boolean[];
  groups: Group[];
}

/** A list, one of its items, or an item's body: tagged L, LI, LBody, made when first drawn in. */
export interface Container {
  type: 'L' | 'LI' | 'LBody';
}
export const LIST_INDENT = 18;

export type Block =
  | {
      kind: 'text';
      type: 'H1' | 'H2' | 'P';
      lines: Line[];
      before: number;
      after: number;
      keepWithNext?: boolean;
      /** Starts a new page (after a cover). */
      pageBefore?: boolean;
      /** In a list: how far in, inside what, and the item's bullet or number. */
      indent?: number;
      within?: Container[];
      label?: Line[];
    }
  | { kind: 'table'; table: Table; before: number; after: number }
  | {
      /** A drawing (a chart), tagged Figure with its words for a screen reader; never split. */
      kind: 'figure';
      alt: string;
      height: number;
      draw: (doc: Doc, x: number, y: number) => void;
      before: number;
      after: number;
    };

/** A heading or paragraph across the page; a heading is kept with what follows unless told. */
export function textBlock(
  doc: Doc,
  type: 'H1' | 'H2' | 'P',
  pieces: readonly Piece[],
  spacing: { before?: number; after?: number; keepWithNext?: boolean; pageBefore?: boolean } = {},
): Block {
  return {
    kind: 'text',
    type,
    lines: layLines(doc, pieces, WIDTH),
    before: spacing.before ?? 0,
    after: spacing.after ?? 6,
    keepWithNext: spacing.keepWithNext ?? type !== 'P',
    pageBefore: spacing.pageBefore,
  };
}

/** A table cell's lines, inside its padding. */
export const cellLines = (doc: Doc, pieces: readonly Piece[], width: number) =>
  layLines(doc, pieces, width - 2 * PAD);

/** Lays the blocks onto pages, deciding every page break. */
export function layOut(doc: Doc, blocks: readonly Block[]) {
  const document = doc.struct('Document');
  doc.addStructure(document);
  /** Each list, item and item body, once made. */
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
    if (block.kind === 'figure') return block.height;
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
    if (head + Math.max(row, label) > BOTTOM - TOP) return head + 2 * PAD + 3 * lineHeight(CELL);
    return head + Math.max(row, label);
  };
  const headHeight = (table: Table) =>
    Math.max(...table.head.map((h, i) => linesHeight(headLines(table, h, i)))) + 2 * PAD;
  const headLines = (table: Table, text: string, column: number) =>
    layLines(doc, [{ text, style: CELL_BOLD }], table.widths[column]! - 2 * PAD);
  const rowHeight = (row: Row) => Math.max(...row.cells.map((c) => linesHeight(c.lines))) + 2 * PAD;

  blocks.forEach((block, index) => {
    if (block.kind === 'text' && block.pageBefore && !atTop()) newPage();
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
    else if (block.kind === 'figure') drawFigure(block);
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

  function drawFigure(block: Extract<Block, { kind: 'figure' }>) {
    const element = doc.struct('Figure', { alt: block.alt });
    document.add(element);
    const top = y;
    element.add(() => block.draw(doc, MARGIN, top));
    element.end();
    y += block.height;
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
              drawLine(
                doc,
                line,
                xs[i]! + PAD,
                top + PAD + linesHeight(all.slice(0, n)),
                table.widths[i]! - 2 * PAD,
                table.rightHead?.[i],
              ),
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
      /** Lines of the group's name not yet drawn; then, on later pages, its "(continued)" name. */
      let label = group.label ? [...group.label.lines] : null;
      let labelCell: Struct | null = null;
      /** The row holding the group's name: ended once the name is (ending it ends its cells). */
      let labelRow: Struct | null = null;
      let labelRowDone = false;
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
          // Taller than a page: split the first row (and the group's name) by lines.
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
          // The group's last row goes on beside its name while the name goes on.
          const nameLeft = label !== null && !labelDone && label.length > 0;
          const last = row.cells.every((c) => c.lines.length === 0);
          parts = [{ row, cells, last: last && !(nameLeft && pending.length === 1) }];
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
          // The group's name, beside the first of its rows.
          if (p === 0 && label !== null) {
            if (labelDone) artifact(() => write(labelPart, xs[0]!, top, table.widths[0]!));
            else {
              if (!labelCell) {
                labelCell = doc.struct('TH');
                tableAttributes(labelCell, { Scope: 'Row', RowSpan: group.rows.length });
                row.tr.add(labelCell);
                labelRow = row.tr;
              }
              const lines = labelPart;
              if (lines.length) labelCell.add(() => write(lines, xs[0]!, top, table.widths[0]!));
              if (label.length === 0) {
                labelCell.end();
                labelDone = true;
                if (labelRowDone) labelRow!.end();
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
          if (last && row.tr === labelRow && !labelDone) labelRowDone = true;
          else if (last) row.tr.end();
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
      if (labelRow && labelRowDone && !labelDone) (labelRow as Struct).end();
    }
    element.end();
  }
}
