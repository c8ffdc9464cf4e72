import type { RouteDeps } from '../../app.js';

/** For load balancers and orchestrators: live = the process answers; ready = it can serve. */
export function registerHealthRoutes({ app, services }: RouteDeps): void {
  const open = { config: { access: 'public' as const }, logLevel: 'warn' as const };
  app.get('/health/live', open, async () => ({ status: 'ok' }));
  app.get('/health/ready', open, async (request, reply) => {
    try {
      await services.database.ping();
      return { status: 'ok', database: services.database.kind };
    } catch (error) {
      request.log.error({ err: error }, 'database not ready');
      return reply.status(503).send({ status: 'unavailable', database: services.database.kind });
    }
  });
}
