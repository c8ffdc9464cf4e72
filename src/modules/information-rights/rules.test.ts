import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dueDate, status, validateExtension, validateReceived } from './rules.js';

test('DP-02: a request received on 31 January is due on the last day of February (28, or 29 in a leap year)', () => {
  assert.equal(dueDate('2027-01-31'), '2027-02-28');
  assert.equal(dueDate('2028-01-31'), '2028-02-29');
});

test('DP-02: a request is due the same date next month', () => {
  assert.equal(dueDate('2026-12-07'), '2027-01-07');
  assert.equal(dueDate('2026-08-31'), '2026-09-30');
});

test('DP-02: an extension of two further months runs three months from receipt, clamped to the month end', () => {
  assert.equal(dueDate('2026-11-30', 2), '2027-02-28');
  assert.equal(dueDate('2026-10-15', 1), '2026-12-15');
});

const open = { receivedOn: '2027-01-31', extensionMonths: 0 };

test('DP-02: an extension of one or two months with a reason is allowed within the first month', () => {
  const one = validateExtension(
    open,
    { months: '1', reason: 'Records in several modules' },
    '2027-02-28',
  );
  assert.deepEqual(one, { refusals: [], months: 1 });
  const two = validateExtension(open, { months: '2', reason: 'Complex' }, '2027-02-01');
  assert.deepEqual(two.refusals, []);
});

test('DP-02: an extension beyond two further months is refused, naming the months', () => {
  const { refusals } = validateExtension(open, { months: '3', reason: 'Busy' }, '2027-02-01');
  assert.deepEqual(refusals, [{ field: 'months', key: 'information-rights:errors.monthsTooMany' }]);
  const extended = { ...open, extensionMonths: 2 };
  assert.deepEqual(
    validateExtension(extended, { months: '2', reason: 'Again' }, '2027-02-01').refusals.map(
      (r) => r.key,
    ),
    ['information-rights:errors.monthsNotLonger'],
  );
});

test('DP-02: an extension needs its reason, and is refused after the first month has passed', () => {
  assert.deepEqual(
    validateExtension(open, { months: '1', reason: '' }, '2027-02-01').refusals.map((r) => r.field),
    ['reason'],
  );
  assert.deepEqual(
    validateExtension(open, { months: '1', reason: 'Late' }, '2027-03-01').refusals.map(
      (r) => r.key,
    ),
    ['information-rights:errors.extensionTooLate'],
  );
  assert.deepEqual(
    validateExtension(open, { months: 'x', reason: 'Late' }, '2027-02-01').refusals.map(
      (r) => r.key,
    ),
    ['information-rights:errors.monthsMissing'],
  );
});

test('DP-02: the register tells open, due within a week, overdue and answered apart', () => {
  assert.equal(status({ dueOn: '2027-02-28', answeredAt: null }, '2027-02-01'), 'open');
  assert.equal(status({ dueOn: '2027-02-28', answeredAt: null }, '2027-02-21'), 'dueSoon');
  assert.equal(status({ dueOn: '2027-02-28', answeredAt: null }, '2027-02-28'), 'dueSoon');
  assert.equal(status({ dueOn: '2027-02-28', answeredAt: null }, '2027-03-01'), 'overdue');
  assert.equal(status({ dueOn: '2027-02-28', answeredAt: new Date() }, '2027-03-09'), 'answered');
});

test('DP-02: a request cannot be received after today', () => {
  assert.deepEqual(validateReceived('2027-02-02', '2027-02-01'), [
    { field: 'receivedOn-day', key: 'information-rights:errors.receivedInFuture' },
  ]);
  assert.deepEqual(validateReceived('2027-02-01', '2027-02-01'), []);
});
