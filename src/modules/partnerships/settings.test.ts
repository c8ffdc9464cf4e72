/** Partnerships' settings: the default, and a bad value refused at start-up. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../platform/settings.js';
import { readPartnershipsSettings } from './settings.js';

test('CDRP-01: an entry is stale after six months unless set; a bad value is refused', () => {
  assert.equal(readPartnershipsSettings({}).staleMonths, 6);
  assert.equal(readPartnershipsSettings({ PARTNERSHIPS_STALE_MONTHS: '3' }).staleMonths, 3);
  for (const bad of ['0', '61', 'six', '-1'])
    assert.throws(
      () => readPartnershipsSettings({ PARTNERSHIPS_STALE_MONTHS: bad }),
      ConfigError,
      bad,
    );
});
