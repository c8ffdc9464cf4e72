/**
 * Who may read and keep an engagement group (CON-04): staff read every group; the authority's
 * officers keep every group; a group's engagement officer (their role is held for that group)
 * reads and keeps their own group only.
 */
import { can, hasRole } from '../../platform/auth/permissions.js';
import type { Principal } from '../../platform/auth/principal.js';

const officerOf = (principal: Principal, groupId: string) =>
  principal?.kind === 'user' &&
  hasRole(principal, 'engagement_officer', { type: 'engagement_group', id: groupId });

export const mayViewGroup = (principal: Principal, groupId: string) =>
  can(principal, 'engagement.view') || officerOf(principal, groupId);

export const mayKeepGroup = (principal: Principal, groupId: string) =>
  can(principal, 'engagement.manage') ||
  (can(principal, 'engagement.keep') && officerOf(principal, groupId));

/** The groups a person's engagement officer roles are held for. */
export function ownGroupIds(principal: Principal): string[] {
  if (principal?.kind !== 'user') return [];
  return principal.roles.flatMap((g) =>
    g.role === 'engagement_officer' && g.scopeType === 'engagement_group' && g.scopeId
      ? [g.scopeId]
      : [],
  );
}
