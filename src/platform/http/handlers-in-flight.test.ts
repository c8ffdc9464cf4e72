import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import Fastify from 'fastify';
import { trackHandlersInFlight } from './handlers-in-flight.js';

test('stopping waits for a handler still running for a client that has gone away', async () => {
  const app = Fastify();
  const handlers = trackHandlersInFlight(app);
  let finish!: () => void;
  const started = new Promise<void>((resolve) => {
    app.get('/slow', async () => {
      resolve();
      await new Promise<void>((r) => (finish = r));
      return 'done';
    });
  });
  app.get('/quick', async () => 'ok');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;

  assert.equal((await app.inject('/quick')).body, 'ok');
  let settled = false;
  await handlers.settled().then(() => (settled = true));
  assert.ok(settled, 'nothing running: settled at once');

  const request = http.get(`http://127.0.0.1:${port}/slow`);
  request.on('error', () => {});
  await started;
  request.destroy();
  await app.close();
  settled = false;
  const waiting = handlers.settled().then(() => (settled = true));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(settled, false, 'the server has closed, but the handler is still running');
  finish();
  await waiting;
  assert.ok(settled);
});
