/** The refusals every form's text and date fields give, as a person reads them. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import type { FieldError } from '../errors.js';
import { loadMessages } from '../i18n/messages.js';
import { dateField, tooLong } from './form-fields.js';

const english = loadMessages(path.resolve('src')).translator('en');

test('a text longer than allowed is refused with its field named and the limit', () => {
  const errors: FieldError[] = [];
  tooLong(english, errors, 'title', 'Title', 'x'.repeat(201), 200);
  tooLong(english, errors, 'venue', 'Venue', 'x'.repeat(200), 200);
  tooLong(english, errors, 'notes', 'Notes', null, 200);
  assert.deepEqual(errors, [{ field: 'title', message: 'Title must be 200 characters or fewer' }]);
});

test('a date is asked for, each missing box named, and an impossible date refused', () => {
  const label = 'the date of the meeting';
  const refused = (input: Record<string, string>) => {
    const errors: FieldError[] = [];
    assert.equal(dateField(english, input, 'date', label, errors), null);
    return errors;
  };
  assert.deepEqual(refused({}), [{ field: 'date-day', message: 'Enter the date of the meeting' }]);
  assert.deepEqual(refused({ 'date-month': '3', 'date-year': '2027' }), [
    { field: 'date-day', message: 'The date of the meeting must include a day' },
  ]);
  assert.deepEqual(refused({ 'date-day': '1', 'date-year': '2027' }), [
    { field: 'date-month', message: 'The date of the meeting must include a month' },
  ]);
  assert.deepEqual(refused({ 'date-day': '1', 'date-month': '3' }), [
    { field: 'date-year', message: 'The date of the meeting must include a year' },
  ]);
  assert.deepEqual(refused({ 'date-day': '30', 'date-month': '2', 'date-year': '2027' }), [
    { field: 'date-day', message: 'The date of the meeting must be a real date' },
  ]);
  const errors: FieldError[] = [];
  assert.equal(dateField(english, {}, 'date', label, errors, { required: false }), null);
  assert.deepEqual(errors, [], 'an optional date may be left out');
  assert.equal(
    dateField(
      english,
      { 'date-day': '1', 'date-month': '3', 'date-year': '2027' },
      'date',
      label,
      errors,
    ),
    '2027-03-01',
  );
});
