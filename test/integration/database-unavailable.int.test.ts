/**
 * Issue 21, items 8, 9 and 10: a database that cannot be reached, or that stops answering, gives
 * a 503 within seconds (a GOV.UK page, problem+json for the API, Retry-After on both), and the
 * instance recovers by itself when the database comes back; starting without one says in one
 * line which setting to check.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { SIGN_IN_FAILED } from '../../src/platform/auth/service.js';
import { openDatabase, sql, type DatabaseTimeouts } from '../../src/platform/db/database.js';
import { isDatabaseUnavailable } from '../../src/platform/db/errors.js';
import { prepareDatabase } from '../../src/startup.js';
import { Agent } from '../app.js';
import { createTestDatabase } from '../database.js';

const root = path
  .resolve(import.meta.dirname, '../..')
  .replace(/[\\/]\.test-build[\\/][^\\/]+$/, '');

/** Short, so the test is quick; Bridge's defaults are longer (see config.ts). */
const timeouts: DatabaseTimeouts = {
  connectMs: 1_000,
  statementMs: 1_500,
  idleInTransactionMs: 5_000,
};
/** What "within a few seconds" means here: the query timeout (statement + 2 s) and some. */
const FEW_SECONDS = 6_000;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

function assertUnavailablePage(response: LightMyRequestResponse, what: string): void {
  assert.equal(response.statusCode, 503, `${what}: ${response.body.slice(0, 300)}`);
  assert.equal(response.headers['retry-after'], '30', `${what}: Retry-After`);
  assert.match(String(response.headers['content-type']), /text\/html/, what);
  assert.match(
    response.body,
    /<h1 class="govuk-heading-l">Sorry, the service is unavailable<\/h1>/,
  );
  assert.match(response.body, /Try again in a few minutes\. What you entered has not been saved\./);
  assert.doesNotMatch(response.body, /ECONNREFUSED|timeout|pg_|postgres/i, `${what}: no internals`);
}

const noServerNeeded = {
  timeout: 120_000,
  skip: process.env.BRIDGE_TEST_DB === 'postgres' && 'runs on the PGlite pass: it needs no server',
};

test(
  'issue 21 item 9: a database refusing connections gives 503 pages, problem+json and not ready, never 500',
  noServerNeeded,
  async () => {
    const port = await closedPort();
    const config: Config = testConfig({
      demo: false,
      databaseUrl: `postgres://bridge@127.0.0.1:${port}/bridge`,
      databaseTimeouts: timeouts,
    });
    const database = await openDatabase({ url: config.databaseUrl, timeouts });
    const { app } = await buildApp({ config, database, mailTransport: null });
    await app.ready();
    try {
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      assert.equal(ready.statusCode, 503);
      assert.equal(ready.headers['retry-after'], '30');
      assert.deepEqual(ready.json(), { status: 'unavailable' });

      const visitor = new Agent(app);
      const form = await visitor.get('/sign-in');
      assert.equal(form.statusCode, 200, 'the sign-in form needs no database');
      assertUnavailablePage(await visitor.get('/advisory-groups'), 'a public page');
      assertUnavailablePage(
        await visitor.post('/sign-in', { email: 'someone@example.org', password: 'a password' }),
        'a form post',
      );

      const api = await app.inject({
        method: 'GET',
        url: '/api/v1/organisations',
        headers: { authorization: `Bearer brg_${'x'.repeat(43)}` },
      });
      assert.equal(api.statusCode, 503);
      assert.equal(api.headers['retry-after'], '30');
      assert.match(String(api.headers['content-type']), /application\/problem\+json/);
      const problem = api.json() as Record<string, unknown>;
      assert.equal(problem.status, 503);
      assert.equal(problem.title, 'Sorry, the service is unavailable');
      assert.doesNotMatch(api.body, /ECONNREFUSED|postgres/i);
    } finally {
      await app.close();
      await database.close();
    }
  },
);

test(
  'issue 21 item 10: starting with an unreachable database says in one line what is wrong and which setting to check, and exits 1',
  noServerNeeded,
  async () => {
    const port = await closedPort();
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: `postgres://bridge:a-secret-password@127.0.0.1:${port}/bridge`,
        BRIDGE_DEMO: 'false',
        BRIDGE_SECRET: 'a-test-secret-that-is-long-enough-to-use',
        DB_CONNECT_TIMEOUT_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`still running after 90 s; stderr: ${stderr}`));
      }, 90_000);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    assert.equal(code, 1, `exit code; stderr: ${stderr}`);
    assert.equal(
      stderr.trim(),
      `Bridge cannot start: the PostgreSQL server at 127.0.0.1:${port} refused the connection (is it running?); check DATABASE_URL.`,
    );
    assert.doesNotMatch(stdout + stderr, /a-secret-password|\n\s+at /, 'no password, no stack');
  },
);

/**
 * A TCP proxy that can stall: while stalled it accepts connections and reads nothing on from
 * either side, as a frozen server does; when it passes traffic again, what was held goes on.
 */
class StallingProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly held: (() => void)[] = [];
  private stalled = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    this.server = net.createServer((client) => this.accept(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  private accept(client: net.Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    const upstream = net.connect(this.port, this.host);
    this.sockets.add(upstream);
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    this.forward(client, upstream);
    this.forward(upstream, client);
  }

  private forward(from: net.Socket, to: net.Socket): void {
    from.on('data', (chunk: Buffer) => {
      if (!this.stalled) to.write(chunk);
      else this.held.push(() => to.destroyed || to.write(chunk));
    });
  }

  stall(): void {
    this.stalled = true;
  }

  pass(): void {
    this.stalled = false;
    for (const send of this.held.splice(0)) send();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

test(
  'issue 21 item 8: a database that stops answering gives 503 within seconds, and Bridge recovers by itself when it answers again',
  {
    timeout: 120_000,
    skip:
      process.env.BRIDGE_TEST_DB !== 'postgres' &&
      'PostgreSQL only: PGlite is in-process and cannot stall (set TEST_DATABASE_URL)',
  },
  async () => {
    const server = new URL(process.env.TEST_DATABASE_URL!);
    const proxy = new StallingProxy(server.hostname, Number(server.port || 5432));
    const proxyPort = await proxy.listen();
    const { database, drop } = await createTestDatabase({
      timeouts,
      via: (url) => {
        const through = new URL(url);
        through.hostname = '127.0.0.1';
        through.port = String(proxyPort);
        return through.toString();
      },
    });
    const config = testConfig({ demo: false, databaseTimeouts: timeouts });
    await prepareDatabase(database, config);
    const { app } = await buildApp({ config, database, mailTransport: null });
    await app.ready();
    try {
      const visitor = new Agent(app);
      await visitor.get('/sign-in');
      const signIn = () =>
        visitor.post('/sign-in', { email: 'someone@example.org', password: 'a password' });
      assert.equal((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200);
      assert.equal((await visitor.get('/advisory-groups')).statusCode, 200);
      const refused = await signIn();
      assert.equal(refused.statusCode, 400, 'a wrong password is refused on the form');
      assert.ok(refused.body.includes(SIGN_IN_FAILED));

      // Every connection the pool may hold, open and idle, as on a busy day.
      await Promise.all(Array.from({ length: 12 }, () => visitor.get('/advisory-groups')));

      proxy.stall();
      // Writes: transactions whose `begin` goes unanswered, more of them than the pool holds.
      // Each must fail within seconds and give its connection up, or the pool is left full of
      // lost connections and Bridge stays down after the database returns.
      const writes = await timed(() =>
        Promise.all(
          Array.from({ length: 12 }, () =>
            database.db
              .transaction((tx) => tx.execute(sql`select 1`))
              .then(
                () => 'done',
                (error: unknown) => (isDatabaseUnavailable(error) ? 'unavailable' : error),
              ),
          ),
        ),
      );
      assert.deepEqual(writes.result, Array(12).fill('unavailable'));
      assert.ok(writes.ms < 2 * FEW_SECONDS, `twelve transactions gave up in ${writes.ms} ms`);

      const ready = await timed(() => app.inject({ method: 'GET', url: '/health/ready' }));
      assert.equal(ready.result.statusCode, 503);
      assert.deepEqual(ready.result.json(), { status: 'unavailable' });
      assert.ok(ready.ms < FEW_SECONDS, `/health/ready answered in ${ready.ms} ms`);

      // More requests at once than the pool has connections: none waits longer.
      const pages = await timed(() =>
        Promise.all(Array.from({ length: 12 }, () => visitor.get('/advisory-groups'))),
      );
      for (const page of pages.result) assertUnavailablePage(page, 'a page while stalled');
      assert.ok(pages.ms < 2 * FEW_SECONDS, `twelve pages answered in ${pages.ms} ms`);
      const post = await timed(signIn);
      assertUnavailablePage(post.result, 'a form post while stalled');
      assert.ok(post.ms < FEW_SECONDS, `the post answered in ${post.ms} ms`);

      proxy.pass();
      const readyAgain = await app.inject({ method: 'GET', url: '/health/ready' });
      assert.equal(readyAgain.statusCode, 200, 'ready again once the database answers');
      assert.deepEqual(readyAgain.json(), { status: 'ok' });
      for (let i = 0; i < 12; i++) {
        const page = await visitor.get('/advisory-groups');
        assert.equal(page.statusCode, 200, `page ${i + 1} after the database came back`);
        assert.match(page.body, /Race Independent Advisory Group/);
      }
      const again = await signIn();
      assert.equal(again.statusCode, 400);
      assert.ok(again.body.includes(SIGN_IN_FAILED), 'the form answers as before');
    } finally {
      await app.close();
      // The proxy first: were connections still lost, closing them lets the pool end.
      await proxy.close();
      await drop();
    }
  },
);
