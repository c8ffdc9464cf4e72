/** Each role's name, as people read it on the account, home and user pages and in e-mails. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../i18n/messages.js';
import { roleLabel, ROLES } from './roles.js';

const english = loadMessages(path.resolve('src')).translator('en');

test('every role is named in English from the catalogue', () => {
  assert.deepEqual(
    ROLES.map((role) => roleLabel(english, role)),
    [
      'Advisor',
      'Chair',
      'Deployment contact',
      'Requester',
      'Strategic engagement (CTSET)',
      'Coordination unit',
      'Director',
      'Authority officer',
      'Authority member',
      'Lay visitor',
      'Partnership officer',
      'Custody visiting scheme manager',
      'Custody visiting panel coordinator',
      'Custody inspector',
      'Engagement group officer',
      'Administrator',
    ],
  );
});
