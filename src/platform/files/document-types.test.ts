import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../i18n/messages.js';
import { cleanFileName, detectDocumentType, fileDescription } from './document-types.js';

const english = loadMessages(path.resolve('src')).translator('en');

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

test('a kept file is described as GOV.UK describes a download, in the catalogue’s words', () => {
  const described = (mediaType: string, sizeBytes: number) =>
    fileDescription(english, { mediaType, sizeBytes });
  assert.equal(described('application/pdf', 120 * 1024), 'PDF, 120KB');
  assert.equal(described('application/pdf', 10), 'PDF, 1KB', 'never 0KB');
  assert.equal(described('application/msword', 1.2 * 1024 * 1024), 'Word, 1.2MB');
  assert.equal(described('image/png', 3 * 1024 * 1024), 'PNG image, 3MB');
  assert.equal(described('application/x-unknown', 2048), 'File, 2KB');
});
