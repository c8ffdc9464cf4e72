/**
 * Links to a group's own page, built only for people the page lets in (`group.view`, the rule
 * its route and service check): staff for every group, a chair or deployment contact for theirs.
 */
import { can } from '../../platform/auth/permissions.js';
import type { Principal } from '../../platform/auth/principal.js';
import { groupPaths } from './paths.js';

export function groupPageHref(principal: Principal, groupId: string): string | undefined {
  return can(principal, 'group.view', { type: 'group', id: groupId })
    ? groupPaths.group(groupId)
    : undefined;
}
