/**
 * Requests still being handled, so that stopping can wait for them before it closes the
 * database. Fastify's close waits for open connections, but a request whose client has gone
 * away has no connection left while its handler still runs: closing the pool under it failed
 * that handler with "Cannot use a pool after calling end on the pool". A handler is done when
 * its reply is sent (onSend runs then even for a client that has gone), or at the latest when
 * the response ends.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface HandlersInFlight {
  /** Resolves when no request is being handled (at once when none is). */
  settled(): Promise<void>;
}

export function trackHandlersInFlight(app: FastifyInstance): HandlersInFlight {
  const running = new WeakSet<FastifyRequest>();
  let count = 0;
  let waiters: (() => void)[] = [];

  const done = (request: FastifyRequest) => {
    if (!running.delete(request)) return;
    count--;
    if (count === 0) {
      const ready = waiters;
      waiters = [];
      ready.forEach((resolve) => resolve());
    }
  };

  app.addHook('onRequest', async (request) => {
    running.add(request);
    count++;
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    done(request);
    return payload;
  });
  app.addHook('onResponse', async (request) => done(request));

  return {
    settled: () =>
      count === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
  };
}
