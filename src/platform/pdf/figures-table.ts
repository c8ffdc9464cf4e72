/**
 * A plain table of a PDF: one row a line, its first column naming the row (a header cell) and
 * the others figures (aligned right) unless said to be words. Most of Bridge's reports are such
 * tables.
 */
import { CELL, CELL_BOLD, WIDTH, cellLines, type Block } from './layout.js';
import type { Doc } from './text.js';

export function figuresTable(
  doc: Doc,
  spec: {
    title: string;
    head: string[];
    /** Each column's share of the page's width. */
    shares: number[];
    rows: string[][];
    /** The columns, besides the first, that hold words rather than figures. */
    words?: readonly number[];
  },
): Block {
  const widths = spec.shares.map((share) => share * WIDTH);
  const isFigure = (i: number) => i > 0 && !spec.words?.includes(i);
  return {
    kind: 'table',
    before: 2,
    after: 12,
    table: {
      title: spec.title,
      widths,
      head: spec.head,
      rightHead: widths.map((_, i) => isFigure(i)),
      groups: spec.rows.map((cells) => ({
        label: null,
        rows: [
          {
            cells: cells.map((words, i) => ({
              lines: cellLines(doc, [{ text: words, style: i ? CELL : CELL_BOLD }], widths[i]!),
              header: i === 0,
              right: isFigure(i),
            })),
          },
        ],
      })),
    },
  };
}
