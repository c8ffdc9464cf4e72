/**
 * Text for a PDF, as lines laid out by layout.ts: words in a style measured, wrapped into lines
 * no wider than a column, and each line drawn on one baseline (a tag's words on their colour).
 */
export type Doc = PDFKit.PDFDocument;

/** The GOV.UK tag colours a PDF draws. */
export type TagColour = 'grey' | 'green' | 'blue';

/** GOV.UK Frontend's tag colours: the text, and the fill behind it. */
const TAG_COLOURS: Record<TagColour, { text: string; fill: string }> = {
  grey: { text: '#282d30', fill: '#eeefef' },
  green: { text: '#005a30', fill: '#cce2d8' },
  blue: { text: '#0c2d4a', fill: '#bbd4ea' },
};
const TAG_PAD = 2;
/** Helvetica's ascender, and its ascender and descender together, as parts of the font size. */
const ASCENT = 0.718;
const ASCENT_DESCENT = 0.925;

export interface Style {
  font: 'Helvetica' | 'Helvetica-Bold' | 'Helvetica-Oblique' | 'Helvetica-BoldOblique';
  size: number;
  colour: string;
}
export const style = (font: Style['font'], size: number, colour = '#0b0c0c'): Style => ({
  font,
  size,
  colour,
});

/** Words in one style; a tag's words are kept together and drawn on their colour. */
export interface Piece {
  text: string;
  style: Style;
  tag?: TagColour;
  /** Follows the piece before with no space between (a stressed word and its full stop). */
  glued?: boolean;
}
export interface Run extends Piece {
  x: number;
}
export interface Line {
  runs: Run[];
  height: number;
}

export const lineHeight = (s: Style) => s.size * 1.3;
export const linesHeight = (lines: readonly Line[]) => lines.reduce((sum, l) => sum + l.height, 0);

/**
 * A word's width in a style. Measuring is most of the work of laying out a long report, and the
 * same words (names, "the") come back again and again, so each document keeps what it measured:
 * the standard fonts' widths grow with the size, so one measure per font serves every size.
 */
const measured = new WeakMap<Doc, Map<string, number>>();
export function widthOf(doc: Doc, text: string, s: Style): number {
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
export function layLines(doc: Doc, pieces: readonly Piece[], width: number): Line[] {
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

export function drawLine(
  doc: Doc,
  line: Line,
  x: number,
  y: number,
  width?: number,
  right = false,
) {
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
