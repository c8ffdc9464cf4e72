/**
 * Engagement groups (issue 26 part 1; CON-04): the register of each borough's community and
 * police engagement groups, their officers and constitution, the minimum standards and each
 * group's standing against them, its position statement and development plan, its meetings, and
 * its feed-up and feed-back. Its one public face (ADR 0014).
 */
import type { ScopeCatalogue } from '../../platform/auth/users-service.js';
import type { BridgeModule, ModuleDeps } from '../../platform/modules.js';
import { createEngagementScopeCatalogue } from './register/scope-catalogue.js';

/** What other parts of Bridge ask of the engagement groups. */
export interface EngagementApi {
  /** The groups an engagement group officer's role can be held for. */
  scopeCatalogue: ScopeCatalogue;
}

// Its benchmark generator, run in order by bench/data/generate.ts.
export { engagementGenerator } from './bench-data.js';
// Its part of the demonstration dataset, run in order by src/demo/demo-data.ts.
export { loadEngagementDemo, removeEngagementDemo } from './demo.js';

export type EngagementModule = BridgeModule<EngagementApi>;

export function createEngagementModule(deps: ModuleDeps): EngagementModule {
  const { db } = deps.platform;
  return {
    name: 'engagement',
    api: { scopeCatalogue: createEngagementScopeCatalogue(db) },
    registerRoutes() {},
  };
}
