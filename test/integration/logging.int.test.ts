import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { Agent, createTestApp } from '../app.js';
import { FACTORY_PASSWORD, makeAccount, signInAccount } from '../factories/accounts.js';
import { makeGroup } from '../factories/groups.js';

test('logs are JSON with a request id on every line, one line a request with its path, status and time, and carry no personal data', async () => {
  const lines: string[] = [];
  const t = await createTestApp({
    demo: false,
    config: { logLevel: 'info' },
    logStream: { write: (line) => void lines.push(line) },
  });
  const account = await makeAccount(t, { role: 'authority_officer' });
  const email = account.email;
  const officer = await signInAccount(t, account);
  await officer.get('/directory?q=Camden+private.person%40example.org');
  const stranger = new Agent(t.app);
  await stranger.post('/sign-in', { email: 'private.person@example.org', password: 'hunter2' });
  await stranger.post('/forgotten-password', { email: 'private.person@example.org' });
  const session = officer.cookies.get('bridge_session');
  assert.ok(session, 'the agent holds a session cookie');
  await t.close();

  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const requestLines = entries.filter((e) => e.req || e.res);
  assert.ok(requestLines.length >= 5, `request lines were logged (${requestLines.length})`);
  // One line a request, as it is answered: what was asked, the answer's status and its time.
  for (const entry of requestLines) {
    assert.match(String(entry.reqId), /^[0-9a-f-]{36}$/);
    assert.equal(entry.msg, 'request completed');
    assert.match(String((entry.req as { method?: string }).method), /^(GET|POST)$/);
    assert.equal(typeof (entry.res as { statusCode?: number }).statusCode, 'number');
    assert.equal(typeof entry.responseTime, 'number');
  }
  const ids = requestLines.map((e) => e.reqId);
  assert.equal(new Set(ids).size, ids.length, 'no request is logged twice');
  const incoming = entries.find(
    (e) => (e.req as { path?: string } | undefined)?.path === '/directory',
  );
  assert.ok(incoming, 'the search request was logged by its path alone');

  const all = lines.join('\n');
  for (const secret of [
    email,
    'private.person',
    'example.org',
    FACTORY_PASSWORD,
    'hunter2',
    'Camden',
    session,
  ]) {
    assert.ok(!all.includes(secret), `the logs do not contain ${secret}`);
  }
});

test("issue 21 item 7: a failing query's log line carries its code and statement, none of the values sent", async () => {
  const lines: string[] = [];
  const t = await createTestApp({
    demo: false,
    config: { logLevel: 'info' },
    logStream: { write: (line) => void lines.push(line) },
  });
  try {
    const youth = await makeGroup(t, { name: 'Youth Independent Advisory Group (test)' });
    const panelist = await makeAccount(t, { role: 'coordination_unit' });
    const coordinator = await signInAccount(t, panelist);
    const opened = await coordinator.post(`/groups/${youth.id}/recruitment/new`, {
      'opensOn-day': '20',
      'opensOn-month': '11',
      'opensOn-year': '2026',
      'closesOn-day': '31',
      'closesOn-month': '12',
      'closesOn-year': '2026',
      'appointmentDate-day': '1',
      'appointmentDate-month': '4',
      'appointmentDate-year': '2027',
      targetAudiences: 'Young people in care',
      panel: panelist.email,
    });
    assert.equal(opened.statusCode, 303, 'the round opened');
    // The database refuses every new application: a failure the form cannot foresee, as a
    // value PostgreSQL refuses would be. The error it gives quotes the whole row in its detail.
    await t.services.db.execute(
      sql`alter table applications add constraint issue21_refuse_all check (false) not valid`,
    );
    lines.length = 0;

    const applicant = {
      fullName: 'Quentin Marigold-Fairweather',
      email: 'quentin.marigold@private-mail.example',
      phone: '07700 900461',
      'dateOfBirth-day': '17',
      'dateOfBirth-month': '9',
      'dateOfBirth-year': '2007',
      communities: 'Carers of Zanzibar Road',
      statement: 'My brother was stopped and searched outside Lewisham station.',
      confirm: ['independent', 'principles'],
    };
    const visitor = new Agent(t.app);
    await visitor.get(`/advisory-groups/${youth.id}/apply`);
    const response = await visitor.post(`/advisory-groups/${youth.id}/apply`, applicant);
    assert.equal(response.statusCode, 500);
    assert.match(response.body, /Sorry, there is a problem with the service/);

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const failed = entries.find((e) => e.msg === 'request failed');
    assert.ok(failed, `the failure was logged: ${lines.join('\n')}`);
    const err = failed.err as Record<string, unknown>;
    assert.equal(err.code, '23514', 'the SQLSTATE: a check constraint refused the row');
    assert.equal(err.constraint, 'issue21_refuse_all');
    const statement = err.statement as Record<string, unknown>;
    assert.match(String(statement.fingerprint), /^[0-9a-f]{12}$/);
    assert.equal(statement.operation, 'insert');
    assert.equal(statement.table, 'applications');
    assert.match(String(err.stack), /^\s+at /, 'the stack has its frames, not its message');

    // Searched without the fields every line carries (its time in milliseconds, the process,
    // the request's id and timing), whose digits can hold '07700' by chance.
    const all = entries
      .map(({ time: _time, pid: _pid, reqId: _reqId, responseTime: _took, ...rest }) =>
        JSON.stringify(rest),
      )
      .join('\n');
    for (const value of [
      'Quentin',
      'Marigold',
      'quentin.marigold',
      'private-mail',
      '07700',
      '900461',
      '2007-09-17',
      'Zanzibar',
      'stopped and searched',
      'Failing row',
      'params',
      'insert into',
    ])
      assert.ok(!all.includes(value), `the logs do not contain "${value}"`);
  } finally {
    await t.close();
  }
});
