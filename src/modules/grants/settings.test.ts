import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../platform/settings.js';
import { readGrantsSettings } from './settings.js';

test('360Giving: the prefix, funder identifier and name have defaults, and may be set', () => {
  assert.deepEqual(readGrantsSettings({}), {
    prefix360: '360G-bridge-',
    funderId: '360G-bridge-funder',
    funderName: 'Metropolitan Police Authority',
  });
  assert.deepEqual(
    readGrantsSettings({
      GRANTS_360_PREFIX: '360G-mopac-',
      GRANTS_FUNDER_ID: 'GB-GOR-PC000123',
      GRANTS_FUNDER_NAME: ' The Authority ',
    }),
    { prefix360: '360G-mopac-', funderId: 'GB-GOR-PC000123', funderName: 'The Authority' },
  );
});

test('360Giving: a prefix or funder identifier that is not an identifier stops the start, naming the setting', () => {
  for (const bad of ['360G-bridge', '360G bridge-', '-x-', 'x--'])
    assert.throws(
      () => readGrantsSettings({ GRANTS_360_PREFIX: bad }),
      (e: unknown) => e instanceof ConfigError && /GRANTS_360_PREFIX/.test(e.message),
      bad,
    );
  assert.throws(() => readGrantsSettings({ GRANTS_FUNDER_ID: 'GB CHC 1' }), /GRANTS_FUNDER_ID/);
});
