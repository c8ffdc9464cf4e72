/** The refusals of an uploaded file that are decided before its bytes are read, as a person reads them. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import type { FieldError } from '../errors.js';
import { loadMessages } from '../i18n/messages.js';
import { checkUploadedFile } from './upload.js';

const english = loadMessages(path.resolve('src')).translator('en');
const MB = 1024 * 1024;

test('no file, a file too large and an empty file are each refused in words', async () => {
  const errors: FieldError[] = [];
  assert.equal(await checkUploadedFile(english, errors, null, 5 * MB), null);
  assert.equal(
    await checkUploadedFile(
      english,
      errors,
      { filename: 'big.pdf', received: null, tooLarge: true },
      5 * MB,
      { field: 'receipt' },
    ),
    null,
  );
  assert.equal(
    await checkUploadedFile(
      english,
      errors,
      {
        filename: 'empty.pdf',
        received: { path: '/nowhere', sizeBytes: 0, sha256: '' },
        tooLarge: false,
      },
      5 * MB,
    ),
    null,
  );
  assert.deepEqual(errors, [
    { field: 'file', message: 'Select a file' },
    { field: 'receipt', message: 'The selected file must be smaller than 5MB' },
    { field: 'file', message: 'The selected file is empty' },
  ]);
  const none: FieldError[] = [];
  assert.equal(await checkUploadedFile(english, none, null, 5 * MB, { optional: true }), null);
  assert.deepEqual(none, [], 'an optional file may be left out');
});
