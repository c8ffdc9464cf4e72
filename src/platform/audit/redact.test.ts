import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactSnapshot, wordsRegExp } from './redact.js';

const mention = wordsRegExp(['Ada Lovelace', 'ada@example.org', '1815-12-10', 'May']);

test('a snapshot of someone else’s record keeps everything but the person’s own words', () => {
  assert.deepEqual(
    redactSnapshot(
      {
        title: 'Forum with ADA LOVELACE and Charles Babbage',
        contact: ['ada@example.org', 'charles@example.org'],
        born: '1815-12-10',
        count: 3,
        open: true,
        none: null,
      },
      mention,
      false,
    ),
    {
      title: 'Forum with Erased person and Charles Babbage',
      contact: ['Erased person', 'charles@example.org'],
      born: 'Erased person',
      count: 3,
      open: true,
      none: null,
    },
  );
});

test('a snapshot of the person’s own record keeps its shape, ids, dates, codes and numbers only', () => {
  assert.deepEqual(
    redactSnapshot(
      {
        id: '0b9d5a2e-8f1c-4c1e-9b7a-2d3f4e5a6b7c',
        fullName: 'Ada Lovelace',
        phone: '020 7946 0000',
        address: '12 St James’s Square, London',
        postcode: 'SW1Y 4JH',
        status: 'active',
        role: 'independent_advisor',
        joinedOn: '2024-01-31',
        updatedAt: '2026-12-07T10:00:00.000Z',
        dateOfBirth: '1815-12-10',
        terms: [{ from: '2024-01-31', note: 'Asked to serve again' }],
        version: 2,
      },
      mention,
      true,
    ),
    {
      id: '0b9d5a2e-8f1c-4c1e-9b7a-2d3f4e5a6b7c',
      fullName: '[erased]',
      phone: '[erased]',
      address: '[erased]',
      postcode: '[erased]',
      status: 'active',
      role: 'independent_advisor',
      joinedOn: '2024-01-31',
      updatedAt: '2026-12-07T10:00:00.000Z',
      dateOfBirth: '[erased]',
      terms: [{ from: '2024-01-31', note: '[erased]' }],
      version: 2,
    },
  );
});

test('with no words to look for, only a snapshot of their own record changes', () => {
  assert.deepEqual(redactSnapshot({ note: 'Ada Lovelace' }, null, false), { note: 'Ada Lovelace' });
  assert.deepEqual(redactSnapshot({ note: 'Ada Lovelace' }, null, true), { note: '[erased]' });
});

test('a word is found whole, never inside another word', () => {
  assert.deepEqual(
    redactSnapshot({ note: 'The Mayor met may, MAY and Ada Lovelaces' }, mention, false),
    { note: 'The Mayor met Erased person, Erased person and Ada Lovelaces' },
  );
});
