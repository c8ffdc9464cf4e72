import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

test('defaults run the demo on embedded PGlite on port 3000', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.demo, true);
  assert.equal(config.session.idleMinutes, 30);
  assert.equal(config.session.absoluteHours, 12);
});

test('production needs its own secret', () => {
  assert.throws(() => loadConfig({ BRIDGE_DEMO: 'false' }), ConfigError);
  assert.throws(() => loadConfig({ BRIDGE_DEMO: 'false', BRIDGE_SECRET: 'short' }), /at least 32/);
  assert.equal(loadConfig({ BRIDGE_DEMO: 'false', BRIDGE_SECRET: 'x'.repeat(32) }).demo, false);
});

test('bad values stop start-up with a message naming the setting', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT must be a whole number/);
  assert.throws(
    () => loadConfig({ SESSION_IDLE_MINUTES: '0' }),
    /SESSION_IDLE_MINUTES must be between/,
  );
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ BRIDGE_DEMO: 'maybe' }), /BRIDGE_DEMO must be true or false/);
  assert.throws(() => loadConfig({ SMTP_URL: 'http://x' }), /SMTP_URL/);
  assert.throws(
    () => loadConfig({ IAG_RULES_AGREED_ON: '2007-02-30' }),
    /IAG_RULES_AGREED_ON must be a date/,
  );
});

test('IAG-19: the date the term rules were agreed is a setting, London by default', () => {
  assert.equal(loadConfig({}).groups.rulesAgreedOn, '2007-04-30');
  assert.equal(
    loadConfig({ IAG_RULES_AGREED_ON: '2026-04-01' }).groups.rulesAgreedOn,
    '2026-04-01',
  );
});
