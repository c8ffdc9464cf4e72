/** The groups module's shared words, as a person reads them, from the English catalogue. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConflictError } from '../../platform/errors.js';
import { loadMessages } from '../../platform/i18n/messages.js';
import type { PersonSummary } from '../directory/index.js';
import { nameOf, staleEdit } from './access.js';

const english = loadMessages(path.resolve('src')).translator('en');

test('a person not in the directory is named "Unknown person"', () => {
  const ada: PersonSummary = {
    id: 'p1',
    fullName: 'Ada Lovelace',
    email: null,
    userId: null,
    organisationId: null,
    organisationName: null,
    archived: false,
  };
  const people = new Map([['p1', ada]]);
  assert.equal(nameOf(english, people, 'p1'), 'Ada Lovelace');
  assert.equal(nameOf(english, people, 'p2'), 'Unknown person');
  assert.equal(nameOf(english, people, null), 'Unknown person');
});

test('an edit of a group someone else changed meanwhile is refused in words', () => {
  assert.throws(
    () => staleEdit(english),
    (error: unknown) =>
      error instanceof ConflictError &&
      error.field === 'version' &&
      error.message ===
        'Someone else changed this group while you were editing it. Check the latest version and make your change again',
  );
});
