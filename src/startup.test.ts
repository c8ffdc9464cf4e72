import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DrizzleQueryError } from 'drizzle-orm';
import { testConfig } from './app.js';
import { startupDatabaseProblem } from './startup.js';

const config = testConfig({ databaseUrl: 'postgres://bridge:s3cret@db.internal:6543/bridge_live' });

function failure(code: string | undefined, message: string, sqlstate = false) {
  const cause = Object.assign(
    new Error(message),
    code ? { code } : {},
    sqlstate ? { severity: 'FATAL' } : {},
  );
  return new DrizzleQueryError('select 1', [], cause);
}

test('issue 21 item 10: a database that cannot be used at start is one line naming the setting to check', () => {
  const cases: [Error, string][] = [
    [
      failure('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:6543'),
      'Bridge cannot start: the PostgreSQL server at db.internal:6543 refused the connection (is it running?); check DATABASE_URL.',
    ],
    [
      failure('ENOTFOUND', 'getaddrinfo ENOTFOUND db.internal'),
      'Bridge cannot start: the database host "db.internal" was not found; check DATABASE_URL.',
    ],
    [
      failure('28P01', 'password authentication failed for user "bridge"', true),
      'Bridge cannot start: the PostgreSQL server at db.internal:6543 refused the user name or password; check DATABASE_URL.',
    ],
    [
      failure('3D000', 'database "bridge_live" does not exist', true),
      'Bridge cannot start: the PostgreSQL server at db.internal:6543 has no database named "bridge_live"; check DATABASE_URL.',
    ],
    [
      failure(undefined, 'Connection terminated due to connection timeout'),
      'Bridge cannot start: the PostgreSQL server at db.internal:6543 did not answer within 5000 ms (DB_CONNECT_TIMEOUT_MS); check DATABASE_URL.',
    ],
    [
      failure('57014', 'canceling statement due to statement timeout', true),
      'Bridge cannot start: the PostgreSQL server at db.internal:6543 cancelled a statement that ran longer than 15000 ms; check DB_STATEMENT_TIMEOUT_MS.',
    ],
  ];
  for (const [error, line] of cases) {
    const problem = startupDatabaseProblem(error, config);
    assert.equal(problem, line);
    assert.doesNotMatch(problem!, /s3cret|\n/);
  }
  // Anything else is not a setting to check: it stops start-up as it is.
  assert.equal(startupDatabaseProblem(new TypeError('x is undefined'), config), undefined);
  assert.equal(
    startupDatabaseProblem(failure('ECONNREFUSED', 'refused'), testConfig()),
    undefined,
    'embedded PGlite has no server to reach',
  );
});
