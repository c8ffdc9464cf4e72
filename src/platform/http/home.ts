import { apiTokenPaths } from '../api/paths.js';
import { auditPaths } from '../audit/paths.js';
import { authPaths } from '../auth/paths.js';
import { can } from '../auth/permissions.js';
import type { UserPrincipal } from '../auth/principal.js';
import { roleLabel } from '../auth/roles.js';
import { bankHolidayPaths } from '../bank-holidays/paths.js';
import type { Translate } from '../i18n/messages.js';
import { outboxPaths } from '../mail/paths.js';
import { retentionPaths } from '../retention/paths.js';
import type { PublicHeadline } from '../headlines.js';
import type { BridgeModule, HomeTask, ModuleHomeTask, RouteDeps } from '../modules.js';

/** The platform's own tasks: administration and the person's account, after every module's. */
function platformTasks(
  p: UserPrincipal,
  services: RouteDeps['services'],
  t: Translate,
): (ModuleHomeTask | false)[] {
  return [
    can(p, 'users.manage') && {
      order: 210,
      href: authPaths.users,
      text: t('home.tasks.users.text'),
      hint: t('home.tasks.users.hint'),
    },
    can(p, 'audit.view') && {
      order: 220,
      href: auditPaths.trail,
      text: t('home.tasks.audit.text'),
      hint: t('home.tasks.audit.hint'),
    },
    can(p, 'users.manage') && {
      order: 230,
      href: bankHolidayPaths.page,
      text: t('home.tasks.bankHolidays.text'),
      hint: t('home.tasks.bankHolidays.hint'),
    },
    can(p, 'retention.manage') && {
      order: 235,
      href: retentionPaths.page,
      text: t('home.tasks.retention.text'),
      hint: t('home.tasks.retention.hint'),
    },
    can(p, 'api-tokens.manage') && {
      order: 240,
      href: apiTokenPaths.tokens,
      text: t('home.tasks.apiTokens.text'),
      hint: t('home.tasks.apiTokens.hint'),
    },
    can(p, 'mail.view-outbox') &&
      !services.mail.delivers && {
        order: 250,
        href: outboxPaths.outbox,
        text: t('home.tasks.outbox.text'),
        hint: t('home.tasks.outbox.hint'),
      },
    {
      order: 300,
      href: authPaths.account,
      text: t('home.tasks.account.text'),
      hint: t('home.tasks.account.hint'),
    },
  ];
}

/** Lower first; entries the person has no use for are left out. */
function inOrder(entries: readonly (ModuleHomeTask | false | null | 0 | undefined)[]) {
  return entries
    .filter((e): e is ModuleHomeTask => Boolean(e))
    .sort((a, b) => a.order - b.order)
    .map(({ href, text, hint }): HomeTask => ({ href, text, hint }));
}

/** The home page asks every module for the person's tasks; it names none of them. */
export function registerHomeRoutes(
  { app, services, renderPage }: RouteDeps,
  modules: readonly BridgeModule[],
): void {
  // Anyone not signed in gets the same page: kept and answered with an ETag (http/public-cache.ts).
  app.get('/', { config: { access: 'public', publicCache: true } }, async (request, reply) => {
    const p = request.principal;
    if (!p || p.kind !== 'user') {
      // The transparency site's home: every module's public work at a glance (issue 27 part 5).
      const headlines = await Promise.all(modules.map((m) => m.publicHeadline?.(request.t)));
      return renderPage(request, reply, 'platform/views/home-public.njk', {
        title: request.t('homePublic.title'),
        width: 'full',
        headlines: headlines
          .filter((h): h is PublicHeadline => Boolean(h))
          .sort((a, b) => a.order - b.order),
      });
    }
    const fromModules = await Promise.all(modules.map((m) => m.homeTasks?.(p, request.t) ?? []));
    const all = [...fromModules.flat(), ...platformTasks(p, services, request.t)];
    const tasks = inOrder(all);
    // Someone whose roles give them no staff work in Bridge (a lay visitor) is offered the public
    // pages they may use, beside their account and any volunteer's work of their own.
    const staffWork = all.filter((e) => e && !e.volunteer);
    if (staffWork.length === 1)
      tasks.unshift(...inOrder(modules.flatMap((m) => m.publicTasks?.(request.t) ?? [])));
    return renderPage(request, reply, 'platform/views/home.njk', {
      title: request.t('home.title'),
      // Administrators are warned a year before the bank-holiday data runs out.
      notice: can(p, 'users.manage') ? services.bankHolidays.warning() : null,
      roles: p.roles.map((g) => roleLabel(request.t, g.role)),
      tasks,
    });
  });
}
