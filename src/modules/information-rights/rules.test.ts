import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  correctionRefusal,
  dueDate,
  erasureRefusal,
  erasureStatus,
  status,
  validateDecision,
  validateErasureRequest,
  validateExtension,
  validateCorrections,
  validateReceived,
} from './rules.js';

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

test('DP-02: a request to erase or correct is due a month after receipt, and the register tells it open, due soon, overdue or closed', () => {
  assert.equal(dueDate('2027-01-31'), '2027-02-28');
  assert.equal(erasureStatus({ dueOn: '2027-02-28', closedAt: null }, '2027-02-01'), 'open');
  assert.equal(erasureStatus({ dueOn: '2027-02-28', closedAt: null }, '2027-02-25'), 'dueSoon');
  assert.equal(erasureStatus({ dueOn: '2027-02-28', closedAt: null }, '2027-03-01'), 'overdue');
  assert.equal(
    erasureStatus({ dueOn: '2027-02-28', closedAt: new Date() }, '2027-03-09'),
    'closed',
  );
});

test('DP-02: a request to erase or correct names its kind and what is asked, within 2000 characters', () => {
  assert.deepEqual(validateErasureRequest({ kind: 'erase', asked: 'Delete my details' }), {
    refusals: [],
    kind: 'erase',
  });
  assert.deepEqual(
    validateErasureRequest({ kind: 'forget', asked: '' }).refusals.map((r) => r.field),
    ['kind', 'asked'],
  );
  assert.deepEqual(
    validateErasureRequest({ kind: 'correct', asked: 'x'.repeat(2001) }).refusals.map((r) => r.key),
    ['information-rights:errors.askedTooLong'],
  );
});

const undecided = { decision: null, closedAt: null };

test('DP-03: a decision is agreed, agreed in part or refused, always with the reasons saying what must be kept', () => {
  assert.deepEqual(
    validateDecision(undecided, { decision: 'agreed_in_part', reasons: 'Minutes are kept' }),
    { refusals: [], decision: 'agreed_in_part' },
  );
  assert.deepEqual(
    validateDecision(undecided, { decision: 'maybe', reasons: '' }).refusals.map((r) => r.key),
    ['information-rights:errors.decisionMissing', 'information-rights:errors.reasonsMissing'],
  );
  assert.deepEqual(
    validateDecision(undecided, { decision: 'refused', reasons: 'x'.repeat(4001) }).refusals.map(
      (r) => r.field,
    ),
    ['reasons'],
  );
});

test('DP-03: a request is decided once only', () => {
  assert.deepEqual(
    validateDecision(
      { decision: 'agreed', closedAt: null },
      { decision: 'refused', reasons: 'Changed our mind' },
    ).refusals.map((r) => r.key),
    ['information-rights:errors.alreadyDecided'],
  );
});

test('DP-03: an erasure is carried out only when agreed (in whole or part), once, and never under a legal hold', () => {
  const agreed = { kind: 'erase', decision: 'agreed', carriedOutAt: null };
  assert.equal(erasureRefusal(agreed, 0), null);
  assert.equal(erasureRefusal({ ...agreed, decision: 'agreed_in_part' }, 0), null);
  assert.equal(
    erasureRefusal({ ...agreed, decision: 'refused' }, 0),
    'information-rights:errors.notAgreed',
  );
  assert.equal(
    erasureRefusal({ ...agreed, decision: null }, 0),
    'information-rights:errors.notAgreed',
  );
  assert.equal(erasureRefusal(agreed, 1), 'information-rights:errors.personHeld');
  assert.equal(
    erasureRefusal({ ...agreed, carriedOutAt: new Date() }, 0),
    'information-rights:errors.alreadyCarriedOut',
  );
  assert.equal(
    erasureRefusal({ ...agreed, kind: 'correct' }, 0),
    'information-rights:errors.notAnErasure',
  );
});

test('DP-03: an agreed correction is closed once, by recording what was corrected', () => {
  const agreed = { kind: 'correct', decision: 'agreed', closedAt: null };
  assert.equal(correctionRefusal(agreed), null);
  assert.equal(correctionRefusal({ ...agreed, decision: 'agreed_in_part' }), null);
  assert.equal(
    correctionRefusal({ ...agreed, decision: 'refused' }),
    'information-rights:errors.notAgreed',
  );
  assert.equal(
    correctionRefusal({ ...agreed, closedAt: new Date() }),
    'information-rights:errors.alreadyClosed',
  );
  assert.equal(
    correctionRefusal({ ...agreed, kind: 'erase' }),
    'information-rights:errors.notACorrection',
  );
  assert.deepEqual(validateCorrections('Date of birth corrected in the directory'), []);
  assert.deepEqual(
    [...validateCorrections(''), ...validateCorrections('x'.repeat(4001))].map((r) => r.key),
    [
      'information-rights:errors.correctionsMissing',
      'information-rights:errors.correctionsTooLong',
    ],
  );
});
