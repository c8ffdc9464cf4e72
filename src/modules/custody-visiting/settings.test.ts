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

test('ICV-08: a review is overdue after five working days and an issue escalates after ten, unless set', () => {
  const defaults = readCustodyVisitingSettings({});
  assert.equal(defaults.reviewOverdueWorkingDays, 5);
  assert.equal(defaults.issueEscalationWorkingDays, 10);
  const set = readCustodyVisitingSettings({
    CUSTODY_REVIEW_OVERDUE_WORKING_DAYS: '3',
    CUSTODY_ISSUE_ESCALATION_WORKING_DAYS: '15',
  });
  assert.equal(set.reviewOverdueWorkingDays, 3);
  assert.equal(set.issueEscalationWorkingDays, 15);
  for (const bad of ['0', '61', 'five', '2.5'])
    assert.throws(
      () => readCustodyVisitingSettings({ CUSTODY_REVIEW_OVERDUE_WORKING_DAYS: bad }),
      ConfigError,
      bad,
    );
});

test('ICV-08: the chief inspector for custody is e-mailed at the address set, if one is', () => {
  assert.equal(readCustodyVisitingSettings({}).chiefInspectorEmail, null);
  assert.equal(
    readCustodyVisitingSettings({ CUSTODY_CHIEF_INSPECTOR_EMAIL: 'Chief.Custody@police.example' })
      .chiefInspectorEmail,
    'chief.custody@police.example',
  );
  assert.throws(
    () => readCustodyVisitingSettings({ CUSTODY_CHIEF_INSPECTOR_EMAIL: 'not an address' }),
    ConfigError,
  );
});

test('ICV-09: a terrorism report’s copy to the authority is e-mailed to the address set, if any', () => {
  assert.equal(readCustodyVisitingSettings({}).authorityEmail, null);
  const set = readCustodyVisitingSettings({
    CUSTODY_AUTHORITY_EMAIL: 'Custody.Reports@authority.example',
  });
  assert.equal(set.authorityEmail, 'custody.reports@authority.example');
  assert.throws(
    () => readCustodyVisitingSettings({ CUSTODY_AUTHORITY_EMAIL: 'reports' }),
    ConfigError,
  );
});
