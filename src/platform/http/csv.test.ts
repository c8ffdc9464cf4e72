import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvText, fromSpreadsheetSafe, spreadsheetSafe } from './csv.js';

test('issue 21 item 20: a cell a spreadsheet would run as a formula is written as text, and read back exactly', () => {
  assert.equal(
    spreadsheetSafe('=HYPERLINK("http://evil.example","x")'),
    `'=HYPERLINK("http://evil.example","x")`,
  );
  assert.equal(spreadsheetSafe('+44 20 7946 0000'), "'+44 20 7946 0000");
  assert.equal(spreadsheetSafe('-2+3+cmd|/C calc!A0'), "'-2+3+cmd|/C calc!A0");
  assert.equal(spreadsheetSafe('@SUM(A1:A9)'), "'@SUM(A1:A9)");
  assert.equal(spreadsheetSafe('\tindented'), "'\tindented");
  // Numbers, dates and ordinary text are written as they are.
  for (const plain of ['-12.50', '1234.05', '2026-11-23', 'Camden', "O'Brien", ''])
    assert.equal(spreadsheetSafe(plain), plain);
  // Whatever was written, reading it back gives the value, even one that began with apostrophes.
  for (const value of ['=1+1', '+x', '-x', '@x', "'=1+1", "''-x", "'plain", 'plain', '-3', "'"])
    assert.equal(fromSpreadsheetSafe(spreadsheetSafe(value)), value, value);
  assert.equal(
    csvText([
      ['name', 'amount'],
      ['=cmd', '-3.00'],
    ]),
    "name,amount\n'=cmd,-3.00\n",
  );
});
