import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../platform/settings.js';
import { readStopSearchSettings } from './settings.js';

const NAME = 'STOP_SEARCH_DISPROPORTIONALITY_THRESHOLD';

test('LEG-04: the disproportionality threshold is 2 unless set, and may be set to a ratio above 1', () => {
  assert.equal(readStopSearchSettings({}).disproportionalityThreshold, 2);
  assert.equal(readStopSearchSettings({ [NAME]: '' }).disproportionalityThreshold, 2);
  assert.equal(readStopSearchSettings({ [NAME]: '1.5' }).disproportionalityThreshold, 1.5);
  assert.equal(readStopSearchSettings({ [NAME]: '3' }).disproportionalityThreshold, 3);
});

test('LEG-04: a threshold that is not a ratio above 1 stops the start, naming the setting', () => {
  for (const bad of ['1', '0.5', 'two', '-2', '2.555', '101'])
    assert.throws(() => readStopSearchSettings({ [NAME]: bad }), ConfigError, bad);
  assert.throws(() => readStopSearchSettings({ [NAME]: 'x' }), new RegExp(NAME));
});
