import { apiTokenPaths } from '../api/paths.js';
import { auditPaths } from '../audit/paths.js';
import { authPaths } from '../auth/paths.js';
import { can } from '../auth/permissions.js';
import { outboxPaths } from '../mail/paths.js';
import type { BridgeModule, ModuleNavItem, PlatformServices } from '../modules.js';

/** The navigation: the platform's entries and every module's, in their order. */
export function serviceNavigation(platform: PlatformServices, modules: readonly BridgeModule[]) {
  const entries: ModuleNavItem[] = [
    { order: 0, textKey: 'nav.home', href: '/', visible: () => true },
    ...modules.flatMap((m) => m.navigation ?? []),
    {
      order: 90,
      textKey: 'nav.users',
      href: authPaths.users,
      visible: (p) => can(p, 'users.manage'),
    },
    {
      order: 100,
      textKey: 'nav.audit',
      href: auditPaths.trail,
      visible: (p) => can(p, 'audit.view'),
    },
    {
      order: 110,
      textKey: 'nav.apiTokens',
      href: apiTokenPaths.tokens,
      visible: (p) => can(p, 'api-tokens.manage'),
    },
    {
      order: 120,
      textKey: 'nav.outbox',
      href: outboxPaths.outbox,
      visible: (p) => !platform.mail.delivers && can(p, 'mail.view-outbox'),
    },
    {
      order: 130,
      textKey: 'nav.account',
      href: authPaths.account,
      visible: (p) => p?.kind === 'user',
    },
    { order: 140, textKey: 'nav.signIn', href: authPaths.signIn, visible: (p) => p === null },
  ];
  // A stable sort: entries of the same order keep the order the modules are listed in.
  return entries.sort((a, b) => a.order - b.order);
}
