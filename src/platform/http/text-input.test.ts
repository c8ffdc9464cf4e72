import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldLabel, lineWithNul, nulFieldErrors, withoutNul } from './text-input.js';

const said = (label: string) =>
  `${label} must not include a null character (U+0000): remove it and try again`;

test('issue 21 item 4: each field with a null character is named, a date once, against its day', () => {
  assert.deepEqual(
    nulFieldErrors({
      fullName: 'Ann\u0000',
      notes: 'fine',
      _csrf: '\u0000',
      'startsOn-day': '1\u0000',
      'startsOn-month': '\u00002',
      roles: ['chair', 'x\u0000'],
      address: { street: 'High\u0000 Street' },
    }),
    [
      { field: 'fullName', message: said('Full name') },
      { field: 'startsOn-day', message: said('Starts on') },
      { field: 'roles', message: said('Roles') },
      { field: 'address.street', message: said('Address street') },
    ],
  );
  assert.deepEqual(nulFieldErrors({ a: 'plain', b: ['x'], c: 3 }), []);
  assert.deepEqual(nulFieldErrors(undefined), []);
});

test('issue 21 item 4: labels, stripping and the line of a file', () => {
  assert.equal(fieldLabel('dateOfBirth'), 'Date of birth');
  assert.equal(fieldLabel('source_title'), 'Source title');
  assert.equal(fieldLabel('csv'), 'CSV');
  assert.equal(fieldLabel('websiteUrl'), 'Website URL');
  assert.deepEqual(withoutNul({ a: 'A\u0000n\u0000n', b: ['\u0000x'] }), { a: 'Ann', b: ['x'] });
  assert.equal(lineWithNul('a,b\nc,d\ne\u0000,f\n'), 3);
  assert.equal(lineWithNul('\u0000'), 1);
  assert.equal(lineWithNul('a,b\nc,d'), null);
});
