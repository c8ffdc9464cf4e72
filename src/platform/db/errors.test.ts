import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DrizzleQueryError } from 'drizzle-orm';
import { databaseErrorForLog, isDatabaseUnavailable, markFromDatabase } from './errors.js';

/** As node-postgres and PGlite report a server's error. */
function serverError(code: string, message: string, extra: Record<string, string> = {}) {
  return Object.assign(new Error(message), { code, severity: 'ERROR', ...extra });
}

function socketError(code: string, message: string) {
  return Object.assign(new Error(message), { code });
}

test('issue 21 items 8 and 9: unreachable, cut off or too slow is unavailable; a refused query is not', () => {
  const wrapped = (cause: Error) => new DrizzleQueryError('select 1', [], cause);
  // As the pool and its clients throw them (database.ts marks them as the database's).
  const fromPool = (error: Error) => markFromDatabase(error);
  for (const error of [
    fromPool(socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')),
    fromPool(socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND db.example')),
    fromPool(new Error('timeout exceeded when trying to connect')),
    fromPool(new Error('Connection terminated due to connection timeout')),
    fromPool(new Error('Connection terminated unexpectedly')),
    wrapped(new Error('Query read timeout')),
    wrapped(new Error('Client was closed and is not queryable')),
    wrapped(serverError('57014', 'canceling statement due to statement timeout')),
    wrapped(serverError('57P01', 'terminating connection due to administrator command')),
    serverError('08006', 'connection failure'),
    serverError('53300', 'sorry, too many clients already'),
  ])
    assert.equal(isDatabaseUnavailable(error), true, error.message);
  for (const error of [
    wrapped(serverError('23505', 'duplicate key value violates unique constraint')),
    wrapped(serverError('22021', 'invalid byte sequence for encoding "UTF8": 0x00')),
    new Error('PGlite is closed'),
    new Error('Cannot use a pool after calling end on the pool'),
    new TypeError('x is undefined'),
    // The same socket errors from elsewhere (the mail server, a client that hung up).
    socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:25'),
    socketError('ETIMEDOUT', 'Connection timeout'),
    socketError('ECONNRESET', 'aborted'),
  ])
    assert.equal(isDatabaseUnavailable(error), false, error.message);
});

test('issue 21 item 7: a socket error from elsewhere is not logged as the database’s', () => {
  assert.equal(
    databaseErrorForLog(socketError('ECONNREFUSED', 'connect ECONNREFUSED ::1:25')),
    undefined,
  );
});

test('issue 21 item 7: the stack is logged by its frames, never the message that holds the values', () => {
  const error = new DrizzleQueryError(
    'insert into "addresses" ("line") values ($1)',
    ['Flat 2\n    at 12 Acacia Avenue'],
    new Error('boom'),
  );
  const logged = databaseErrorForLog(error)!;
  assert.ok(!logged.stack.includes('Acacia'), logged.stack);
  assert.match(logged.stack, /^\s+at /, 'the frames are kept');
});

test('issue 21 item 7: a database error is logged by code, statement and names, never values', () => {
  const cause = serverError(
    '23505',
    'duplicate key value violates unique constraint "people_email_key"',
    {
      detail: 'Key (lower(email))=(ada.private@example.org) already exists.',
      table: 'people',
      constraint: 'people_email_key',
      routine: '_bt_check_unique',
    },
  );
  const error = new DrizzleQueryError(
    'insert into "people" ("name", "email") values ($1, $2)',
    ['Ada Private', 'ada.private@example.org'],
    cause,
  );
  const logged = databaseErrorForLog(error)!;
  assert.equal(logged.code, '23505');
  assert.equal(logged.table, 'people');
  assert.equal(logged.constraint, 'people_email_key');
  assert.equal(logged.routine, '_bt_check_unique');
  assert.equal(logged.unavailable, false);
  assert.deepEqual(Object.keys(logged.statement as object).sort(), [
    'fingerprint',
    'operation',
    'table',
  ]);
  assert.equal((logged.statement as { table: string }).table, 'people');
  assert.equal((logged.statement as { operation: string }).operation, 'insert');
  const text = JSON.stringify(logged);
  for (const value of ['Ada', 'ada.private', 'example.org', 'values (', 'Failed query', 'params'])
    assert.ok(!text.includes(value), `no "${value}" in ${text}`);

  const refused = databaseErrorForLog(
    new DrizzleQueryError(
      'select 1',
      [],
      socketError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432'),
    ),
  )!;
  assert.equal(refused.code, 'ECONNREFUSED');
  assert.equal(refused.message, 'connect ECONNREFUSED 10.0.0.5:5432');
  assert.equal(refused.unavailable, true);

  assert.equal(databaseErrorForLog(new Error('not about the database')), undefined);
});
