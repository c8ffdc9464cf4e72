/**
 * Reads a PDF back as a person (or a screen reader following the content) reads it: the text of
 * each page, line by line, in the order it is drawn. Uses Mozilla's pdf.js (its legacy build,
 * which runs on Node), so a test checks the words that are in the file, not the code that put
 * them there.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const fonts = `${path.join(
  path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  'standard_fonts',
)}/`;

/** A line of a page, and whether it is marked an artifact (a repeated header, "continued"). */
export interface PdfLine {
  text: string;
  artifact: boolean;
}

/**
 * Each page's lines, in the order they are drawn. A line is text drawn one piece after another
 * at the same height within one marked part of the content (a heading, a paragraph, a table
 * cell, a repeated header): cells side by side are read one after the other, as a screen reader
 * reads them, not merged across the page. Spaces are folded.
 */
export async function pdfPages(bytes: Uint8Array): Promise<PdfLine[][]> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: fonts,
    isEvalSupported: false,
  }).promise;
  try {
    const pages: PdfLine[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const lines: PdfLine[] = [];
      const marks: string[] = [];
      let line = '';
      let y: number | null = null;
      const finish = () => {
        const text = line.replace(/\s+/g, ' ').trim();
        if (text) lines.push({ text, artifact: marks.includes('Artifact') });
        line = '';
        y = null;
      };
      for (const item of content.items) {
        if ('str' in item) {
          const top = item.transform[5] as number;
          if (y !== null && Math.abs(top - y) > 0.5) finish();
          else if (line && item.str) line += ' ';
          line += item.str;
          y = top;
          continue;
        }
        finish(); // the start or end of a marked part
        if (item.type === 'endMarkedContent') marks.pop();
        else marks.push((item as { tag?: string }).tag ?? '');
      }
      finish();
      pages.push(lines);
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/**
 * The structure a screen reader follows on each page, as pdf.js reads it: each element's path
 * from the document down ("Document/Table/TR/TH"), in order, once per element.
 */
export async function pdfStructure(bytes: Uint8Array): Promise<string[][]> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: fonts,
    isEvalSupported: false,
  }).promise;
  try {
    const pages: string[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const paths: string[] = [];
      type Node = { role?: string; children?: Node[] };
      const walk = (node: Node, path: string) => {
        for (const child of node.children ?? []) {
          if (!child.role) continue;
          const here = path ? `${path}/${child.role}` : child.role;
          paths.push(here);
          walk(child, here);
        }
      };
      walk((await (await pdf.getPage(n)).getStructTree()) as Node, '');
      pages.push(paths);
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/** Every page's lines as plain text, one line a line: what a test quotes in a failure. */
export const pagesText = (pages: readonly PdfLine[][]): string =>
  pages
    .map((lines, n) =>
      [`--- page ${n + 1}`, ...lines.map((l) => (l.artifact ? `(${l.text})` : l.text))].join('\n'),
    )
    .join('\n');
