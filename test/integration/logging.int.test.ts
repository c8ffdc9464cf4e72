import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { Agent, createTestApp, demoAccount, signIn } from '../app.js';

test('logs are JSON with a request id on every line, and carry no personal data', async () => {
  const lines: string[] = [];
  const t = await createTestApp({
    config: { logLevel: 'info' },
    logStream: { write: (line) => void lines.push(line) },
  });
  const email = demoAccount('authority_officer').email;
  const officer = await signIn(t.app, email);
  await officer.get('/directory?q=Camden+private.person%40example.org');
  const stranger = new Agent(t.app);
  await stranger.post('/sign-in', { email: 'private.person@example.org', password: 'hunter2' });
  await stranger.post('/forgotten-password', { email: 'private.person@example.org' });
  const session = officer.cookies.get('bridge_session');
  assert.ok(session, 'the agent holds a session cookie');
  await t.close();

  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const requestLines = entries.filter((e) => e.req || e.res);
  assert.ok(requestLines.length >= 8, `request lines were logged (${requestLines.length})`);
  for (const entry of requestLines) assert.match(String(entry.reqId), /^[0-9a-f-]{36}$/);
  const incoming = entries.find(
    (e) => (e.req as { path?: string } | undefined)?.path === '/directory',
  );
  assert.ok(incoming, 'the search request was logged by its path alone');

  const all = lines.join('\n');
  for (const secret of [
    email,
    'private.person',
    'example.org',
    DEMO_PASSWORD,
    'hunter2',
    'Camden',
    session,
  ]) {
    assert.ok(!all.includes(secret), `the logs do not contain ${secret}`);
  }
});
