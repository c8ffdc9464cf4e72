/**
 * Starts the real server process and stops it with SIGTERM while a request is still arriving:
 * the request gets its answer, new connections are turned away, and the process exits cleanly.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { test } from 'node:test';

// The project itself (this file may run from the compiled copy in .test-build/), started as
// `npm start` starts it.
const root = path
  .resolve(import.meta.dirname, '../..')
  .replace(/[\\/]\.test-build[\\/][^\\/]+$/, '');

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`timed out: ${what}`)), ms),
    ),
  ]);
}

test(
  'graceful shutdown finishes a request in flight, then exits 0',
  // The server process always runs on its own embedded database, so once is enough.
  { skip: process.env.BRIDGE_TEST_DB === 'postgres' && 'runs on the PGlite pass' },
  async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bridge-shutdown-'));
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        BRIDGE_DEMO: 'false',
        BRIDGE_SECRET: 'a-test-secret-that-is-long-enough-to-use',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no listen line; stderr: ${stderr}`)),
        60_000,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          log.push(line);
          const match = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
          if (match) {
            clearTimeout(timer);
            resolve(Number(match[1]));
          }
        }
      });
      child.on('exit', () => reject(new Error(`server exited early; stderr: ${stderr}`)));
    });

    try {
      // A form post whose body has not finished arriving when the signal comes.
      const body = 'email=someone%40example.org&password=not-the-password';
      const socket = net.connect(port, '127.0.0.1');
      await once(socket, 'connect');
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      socket.write(
        'POST /sign-in HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n' +
          'Content-Type: application/x-www-form-urlencoded\r\n' +
          `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 500));

      await assert.rejects(
        fetch(`http://127.0.0.1:${port}/health/live`),
        'a new connection is refused once stopping has begun',
      );

      socket.write(body.slice(10));
      await within(once(socket, 'close'), 10_000, 'the request in flight was answered');
      assert.match(answer, /^HTTP\/1\.1 (403|400|303) /, `the request in flight was answered`);

      const [code] = (await within(exited, 15_000, 'the process exited')) as [number | null];
      assert.equal(code, 0, `clean exit; stderr: ${stderr}`);
      assert.ok(
        log.some((line) => line.includes('stopping: finishing requests in flight')),
        'the stop was logged',
      );
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  },
);
