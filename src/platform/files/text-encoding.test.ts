import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeText } from './text-encoding.js';

const TEXT = 'source_title,narrative\n“Café” review,£40 – done €5\n';

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

test('issue 21 item 29: a CSV is read from UTF-8, UTF-16 (either byte order, marked or not) and Windows-1252', () => {
  const cases: [string, Buffer, string][] = [
    ['UTF-8', Buffer.from(TEXT, 'utf8'), 'UTF-8'],
    [
      'UTF-8 with BOM',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]),
      'UTF-8',
    ],
    [
      'UTF-16LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]),
      'UTF-16LE',
    ],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]), 'UTF-16BE'],
    ['UTF-16LE unmarked', Buffer.from(TEXT, 'utf16le'), 'UTF-16LE'],
    ['UTF-16BE unmarked', utf16be(TEXT), 'UTF-16BE'],
    // Windows-1252: “ ” – € at 0x93 0x94 0x96 0x80, é and £ as in Latin-1.
    [
      'Windows-1252',
      Buffer.from([
        ...Buffer.from('source_title,narrative\n', 'latin1'),
        0x93,
        ...Buffer.from('Caf', 'latin1'),
        0xe9,
        0x94,
        ...Buffer.from(' review,', 'latin1'),
        0xa3,
        ...Buffer.from('40 ', 'latin1'),
        0x96,
        ...Buffer.from(' done ', 'latin1'),
        0x80,
        ...Buffer.from('5\n', 'latin1'),
      ]),
      'Windows-1252',
    ],
  ];
  for (const [name, bytes, encoding] of cases) {
    const read = decodeText(bytes);
    assert.equal(read.text, TEXT, name);
    assert.equal(read.encoding, encoding, name);
    assert.ok(!read.text.includes('\uFFFD'), `${name}: no replacement characters`);
  }
});
