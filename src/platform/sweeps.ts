import type { FastifyInstance } from 'fastify';
import type { PlatformServices, Sweep } from './modules.js';

/** The platform's own sweeps; each module adds its own (BridgeModule.sweeps). */
export function platformSweeps(platform: PlatformServices, log: FastifyInstance['log']): Sweep[] {
  return [
    { name: 'mail', everyMs: 15_000, run: () => platform.mail.deliverDue() },
    // Bank holidays an administrator uploaded on another instance are put in use here too.
    {
      name: 'bank-holiday reload',
      everyMs: 10 * 60_000,
      run: () =>
        platform.bankHolidays
          .load()
          .then((problem) => problem && log.warn({ problem }, 'bank holidays')),
    },
    { name: 'session', everyMs: 10 * 60_000, run: () => platform.auth.sweepExpired() },
  ];
}
