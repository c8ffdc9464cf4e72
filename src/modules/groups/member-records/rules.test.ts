import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../../../platform/i18n/messages.js';
import { checkCommendationConsultation } from './rules.js';

const t = loadMessages(path.resolve('src')).translator('en');

test('IAG-15: recognition is made in consultation with the chair or deputy chair', () => {
  assert.equal(checkCommendationConsultation('chair', true), null);
  assert.equal(
    t(checkCommendationConsultation('co_chair', false)!),
    'The person consulted as chair must be a chair of the group now (IAG-15)',
  );
  assert.equal(checkCommendationConsultation('deputy_chair', false), null);
});
