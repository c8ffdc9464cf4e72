import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from './app.js';
import { ConfigError } from './config.js';

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

test('issue 21 item 8: the database timeouts are settings with defaults, checked by name', () => {
  assert.deepEqual(loadConfig({}).databaseTimeouts, {
    connectMs: 5_000,
    statementMs: 15_000,
    idleInTransactionMs: 60_000,
  });
  assert.deepEqual(
    loadConfig({
      DB_CONNECT_TIMEOUT_MS: '2000',
      DB_STATEMENT_TIMEOUT_MS: '30000',
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '120000',
    }).databaseTimeouts,
    { connectMs: 2_000, statementMs: 30_000, idleInTransactionMs: 120_000 },
  );
  assert.throws(() => loadConfig({ DB_CONNECT_TIMEOUT_MS: 'soon' }), /DB_CONNECT_TIMEOUT_MS/);
  assert.throws(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: '0' }), /DB_STATEMENT_TIMEOUT_MS/);
  assert.throws(
    () => loadConfig({ DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '-1' }),
    /DB_IDLE_IN_TRANSACTION_TIMEOUT_MS/,
  );
});

test('issue 21 item 19: TRUST_PROXY is a number of hops or a list of proxies, never everyone', () => {
  assert.equal(loadConfig({}).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
  assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
  assert.deepEqual(
    loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.10,::1,fd00::/8' }).trustProxy,
    ['10.0.0.0/8', '192.168.1.10', '::1', 'fd00::/8'],
  );
  assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), /TRUST_PROXY=true would believe/);
  assert.throws(() => loadConfig({ TRUST_PROXY: '11' }), /TRUST_PROXY must be between 1 and 10/);
  for (const bad of ['10.0.0.0/33', 'proxy.example', '10.0.0.1/8/2', '10.0.0.0/x', '::1/129'])
    assert.throws(
      () => loadConfig({ TRUST_PROXY: bad }),
      new RegExp(`TRUST_PROXY must be .*"${bad.replace(/[./]/g, '\\$&')}" is not an address`),
    );
});
