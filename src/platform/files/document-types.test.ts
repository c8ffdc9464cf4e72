import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanFileName, detectDocumentType } from './document-types.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

test('documents are recognised by their bytes, not their names', async () => {
  assert.deepEqual(await detectDocumentType(PDF, 'agenda.pdf'), {
    mime: 'application/pdf',
    extension: 'pdf',
  });
  assert.deepEqual(await detectDocumentType(PNG, 'map.pdf'), {
    mime: 'image/png',
    extension: 'png',
  });
});

test('anything else is refused: text, programs, archives', async () => {
  assert.equal(await detectDocumentType(Buffer.from('just some text'), 'notes.pdf'), null);
  assert.equal(
    await detectDocumentType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'binary'), 'a.doc'),
    null,
  );
  assert.equal(await detectDocumentType(Buffer.alloc(0), 'empty.pdf'), null);
});

test('file names are made safe to show and to send back', () => {
  assert.equal(cleanFileName('Minutes <draft> "v2".PDF', 'pdf'), 'Minutes -draft- -v2-.pdf');
  assert.equal(cleanFileName('../../etc/passwd', 'pdf'), '..-..-etc-passwd.pdf');
  assert.equal(cleanFileName('', 'png'), 'document.png');
});
