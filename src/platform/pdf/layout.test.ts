import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pdfPages, pdfStructure } from '../../../test/pdf-text.js';
import { CELL, CELL_BOLD, WIDTH, cellLines, renderPdf } from './index.js';

test('a group of rows whose name is taller than a page is laid out whole: every word once, repeated words marked, rows tagged', async () => {
  const words = Array.from({ length: 250 }, (_, i) => `word${i}`);
  const widths = [WIDTH * 0.25, WIDTH * 0.75];
  for (const rows of [1, 2, 4]) {
    const bytes = await renderPdf({ Title: 'Long names', Author: 'Bridge' }, (doc) => [
      {
        kind: 'table',
        before: 0,
        after: 0,
        table: {
          title: 'Groups',
          widths,
          head: ['Name', 'Row'],
          groups: [
            {
              label: {
                lines: cellLines(doc, [{ text: words.join(' '), style: CELL_BOLD }], widths[0]!),
                continued: cellLines(
                  doc,
                  [{ text: 'Name (continued)', style: CELL_BOLD }],
                  widths[0]!,
                ),
              },
              rows: Array.from({ length: rows }, (_, i) => ({
                cells: [{ lines: cellLines(doc, [{ text: `row ${i}`, style: CELL }], widths[1]!) }],
              })),
            },
          ],
        },
      },
    ]);
    const pages = await pdfPages(bytes);
    assert.ok(pages.length > 1, 'the name goes on to a second page');
    const read = pages.flatMap((page) => page.filter((l) => !l.artifact).map((l) => l.text));
    assert.deepEqual(
      read
        .join(' ')
        .split(' ')
        .filter((w) => w.startsWith('word')),
      words,
      `${rows} row(s): the name read once, whole`,
    );
    for (let i = 0; i < rows; i++) assert.ok(read.includes(`row ${i}`), `row ${i} is read`);
    // The header row repeated on the next page is an artifact, not read again.
    assert.ok(pages[1]!.some((l) => l.artifact && l.text === 'Name'));
    const [structure] = await pdfStructure(bytes);
    assert.ok(structure!.includes('Document/Table/TR/TH'));
  }
});
