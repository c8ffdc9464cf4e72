/** Custody visiting's settings: the defaults, and a bad value refused at start-up. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../platform/settings.js';
import { readCustodyVisitingSettings } from './settings.js';

test('ICV-02: a visitor’s fixed term is three years unless set, from one to ten', () => {
  assert.equal(readCustodyVisitingSettings({}).visitorTermYears, 3);
  assert.equal(
    readCustodyVisitingSettings({ CUSTODY_VISITOR_TERM_YEARS: '4' }).visitorTermYears,
    4,
  );
  for (const bad of ['0', '11', 'three', '2.5'])
    assert.throws(
      () => readCustodyVisitingSettings({ CUSTODY_VISITOR_TERM_YEARS: bad }),
      ConfigError,
      bad,
    );
});
