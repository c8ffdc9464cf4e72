import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCommendationConsultation } from './rules.js';

test('IAG-15: recognition is made in consultation with the chair or deputy chair', () => {
  assert.equal(checkCommendationConsultation('chair', true), null);
  assert.match(
    checkCommendationConsultation('co_chair', false)!,
    /must be a chair of the group now/,
  );
  assert.equal(checkCommendationConsultation('deputy_chair', false), null);
});
