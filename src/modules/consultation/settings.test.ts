/** Consultation's settings: the defaults, and a bad value refused at start-up. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../platform/settings.js';
import { readConsultationSettings } from './settings.js';

test('CON-02: the summer peak is July and August unless set; empty is none', () => {
  assert.deepEqual(readConsultationSettings({}).summerPeakMonths, [7, 8]);
  assert.deepEqual(
    readConsultationSettings({ CONSULTATION_SUMMER_PEAK_MONTHS: '8, 7,12' }).summerPeakMonths,
    [7, 8, 12],
  );
  assert.deepEqual(
    readConsultationSettings({ CONSULTATION_SUMMER_PEAK_MONTHS: '' }).summerPeakMonths,
    [],
  );
  for (const bad of ['0', '13', 'July', '7;8'])
    assert.throws(
      () => readConsultationSettings({ CONSULTATION_SUMMER_PEAK_MONTHS: bad }),
      ConfigError,
      bad,
    );
});

test('DP-03, CON-06: retention, the quiet panel member and the rate limit have defaults and bounds', () => {
  const defaults = readConsultationSettings({});
  assert.equal(defaults.responseRetentionDays, 730);
  assert.equal(defaults.panelQuietMonths, 12);
  assert.equal(defaults.responsesPerAddressPerHour, 20);
  assert.equal(
    readConsultationSettings({ CONSULTATION_PANEL_QUIET_MONTHS: '6' }).panelQuietMonths,
    6,
  );
  for (const [name, bad] of [
    ['CONSULTATION_RESPONSE_RETENTION_DAYS', '10'],
    ['CONSULTATION_PANEL_QUIET_MONTHS', '0'],
    ['CONSULTATION_RESPONSES_PER_ADDRESS_PER_HOUR', 'many'],
  ] as const)
    assert.throws(() => readConsultationSettings({ [name]: bad }), ConfigError, name);
});
