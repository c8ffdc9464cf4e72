import type { RouteDeps } from '../modules.js';
import { RETRY_AFTER_SECONDS } from '../db/errors.js';

/**
 * For load balancers and orchestrators: live = the process answers; ready = it can serve. The
 * answer does not say which database or driver is behind it (issue 21, item 24); the log does.
 * The ping gives up within the database timeouts (DB_CONNECT_TIMEOUT_MS, DB_STATEMENT_TIMEOUT_MS).
 */
export function registerHealthRoutes({ app, services }: RouteDeps): void {
  const open = { config: { access: 'public' as const }, logLevel: 'warn' as const };
  app.get('/health/live', open, async () => ({ status: 'ok' }));
  app.get('/health/ready', open, async (request, reply) => {
    try {
      await services.database.ping();
      return { status: 'ok' };
    } catch (error) {
      request.log.error({ err: error, database: services.database.kind }, 'database not ready');
      return reply
        .status(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ status: 'unavailable' });
    }
  });
}
