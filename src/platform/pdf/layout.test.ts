import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pdfPages, pdfStructure } from '../../../test/pdf-text.js';
import {
  CELL,
  CELL_BOLD,
  WIDTH,
  cellLines,
  lineChartBlock,
  renderPdf,
  textBlock,
} from './index.js';

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

test('a chart is a Figure with its words, never split across pages: one that does not fit below goes to the next page whole, a new-page heading starts one', async () => {
  const bytes = await renderPdf({ Title: 'Charts', Author: 'Bridge' }, (doc) => [
    textBlock(doc, 'P', [{ text: Array(60).fill('Filler line.').join('\n'), style: CELL }]),
    lineChartBlock(
      [
        { label: 'April 2026', value: 10, shown: '10', target: 20 },
        { label: 'May 2026', value: 30, shown: '30', target: 20 },
      ],
      String,
      'Visits: April 2026 to May 2026',
    ),
    textBlock(doc, 'H2', [{ text: 'Next section', style: CELL_BOLD }], { pageBefore: true }),
  ]);
  const pages = await pdfPages(bytes);
  assert.equal(pages.length, 3);
  assert.deepEqual(
    pages[1]!.map((l) => l.text),
    ['0', '12.5', '25', '37.5', '50', 'April 2026 May 2026'],
    'the chart whole on the second page: its scale and its periods',
  );
  assert.deepEqual(
    pages[2]!.map((l) => l.text),
    ['Next section'],
  );
  const structure = await pdfStructure(bytes);
  assert.deepEqual(structure[1], ['Document', 'Document/Figure']);
});
