/**
 * Who in the scheme reaches which records (ICV-01, ICV-02): the grants of the person asking,
 * with the areas of the panels they coordinate read once, for `seesSuite` and `seesPanel`.
 */
import { eq, inArray } from 'drizzle-orm';
import { requireUser } from '../../platform/auth/permissions.js';
import { hasRole } from '../../platform/auth/permissions.js';
import type { Principal, UserPrincipal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/database.js';
import type { Action } from '../../platform/auth/permissions.js';
import { NotFoundError } from '../../platform/errors.js';
import { isUuid } from '../../platform/http/params.js';
import { seesPanel, type SchemeReach } from './rules.js';
import { custodyPanels } from './schema.js';

/** What a signed-in user reaches in the scheme, whatever they hold (nothing, for most). */
export async function reachOf(executor: Executor, user: UserPrincipal): Promise<SchemeReach> {
  const scoped = (role: 'panel_coordinator' | 'custody_inspector', type: 'panel' | 'suite') =>
    user.roles
      .filter((g) => g.role === role && g.scopeType === type && g.scopeId)
      .map((g) => g.scopeId!);
  const panelIds = scoped('panel_coordinator', 'panel');
  const panelAreas = panelIds.length
    ? (
        await executor
          .select({ area: custodyPanels.area })
          .from(custodyPanels)
          .where(inArray(custodyPanels.id, panelIds))
      ).map((p) => p.area)
    : [];
  return {
    manager: hasRole(user, 'scheme_manager'),
    panelIds,
    panelAreas,
    suiteIds: scoped('custody_inspector', 'suite'),
  };
}

export async function schemeReach(
  executor: Executor,
  principal: Principal,
  action: Action,
): Promise<{ user: UserPrincipal; reach: SchemeReach }> {
  const user = requireUser(principal, action);
  return { user, reach: await reachOf(executor, user) };
}

/**
 * The panel, if the person asking keeps it (the scheme manager, or its coordinator) and may do
 * `action`; any other panel, or none, is not found.
 */
export async function keptPanel(
  executor: Executor,
  principal: Principal,
  panelId: string,
  action: Action,
) {
  const { user, reach } = await schemeReach(executor, principal, action);
  const [panel] = isUuid(panelId)
    ? await executor.select().from(custodyPanels).where(eq(custodyPanels.id, panelId))
    : [];
  if (!panel || !seesPanel(reach, panel)) throw new NotFoundError();
  return { user, panel };
}
