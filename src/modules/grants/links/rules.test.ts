import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_NOTE, readAddress, validateLink } from './rules.js';

const ID = '0b7c6a52-3f1e-4d6a-9c55-2a8e4f1b9d03';

test('CON-04: a meeting is named by its own page, its pages under it, or a body’s meeting page', () => {
  for (const address of [
    `/meetings/${ID}`,
    `/meetings/${ID}/minutes`,
    `/groups/ab12/meetings/${ID}`,
    `/engagement-groups/${ID}/meetings/${ID}`,
    `https://bridge.example.gov.uk/meetings/${ID}?tab=papers#agenda`,
    `  http://localhost:3000/meetings/${ID.toUpperCase()}/  `,
  ])
    assert.deepEqual(readAddress(address), { target: { kind: 'meeting', id: ID } }, address);
});

test('CON-04: a tracker recommendation is named by its page in the tracker', () => {
  assert.deepEqual(readAddress(`/tracker/recommendations/${ID}`), {
    target: { kind: 'recommendation', id: ID },
  });
  assert.deepEqual(readAddress(`https://bridge.example/tracker/recommendations/${ID}/edit`), {
    target: { kind: 'recommendation', id: ID },
  });
});

test('CON-04: a consultation is named by its staff page or its public page', () => {
  for (const address of [
    `/consultation/consultations/${ID}`,
    `/consultations/${ID}`,
    `https://bridge.example/consultations/${ID}/respond`,
  ])
    assert.deepEqual(readAddress(address), { target: { kind: 'consultation', id: ID } }, address);
});

test('CON-04: an address naming no record is refused on the address field', () => {
  for (const address of [
    `/tracker/sources/${ID}`,
    `/consultations/invited/${ID}`,
    '/meetings/not-an-id',
    `/grants/${ID}`,
    `meetings/${ID}`,
    `ftp://bridge.example/meetings/${ID}`,
    'https://',
  ]) {
    const read = readAddress(address);
    assert.ok('refusal' in read, address);
    assert.equal(read.refusal.field, 'address');
    assert.equal(read.refusal.key, 'grants:links.errors.addressUnknown');
  }
});

test('CON-04: an empty address is refused as missing', () => {
  assert.deepEqual(readAddress('   '), {
    refusal: { field: 'address', key: 'grants:links.errors.addressMissing' },
  });
});

test('CON-04: the form gives the record and the note, and refuses a note too long', () => {
  assert.deepEqual(validateLink({ address: `/meetings/${ID}`, note: ' Paid for the hall. ' }), {
    refusals: [],
    value: { target: { kind: 'meeting', id: ID }, note: 'Paid for the hall.' },
  });
  assert.deepEqual(validateLink({ address: `/meetings/${ID}`, note: ' ' }).value.note, null);
  const refused = validateLink({ address: '', note: 'x'.repeat(MAX_NOTE + 1) });
  assert.deepEqual(
    refused.refusals.map((r) => r.field),
    ['address', 'note'],
  );
  assert.equal(refused.value.target, null);
});
