import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guideReviewDue, guideReviewOverdue } from './rules.js';

test('IAG-24: guides are reviewed a year after the version in force was agreed; overdue ones are flagged', () => {
  assert.equal(guideReviewDue('2026-03-31'), '2027-03-31');
  assert.equal(guideReviewOverdue('2026-11-23', '2026-11-24'), true);
  assert.equal(guideReviewOverdue('2026-11-24', '2026-11-24'), false);
  assert.equal(guideReviewOverdue(null, '2026-11-24'), true, 'never reviewed');
});
