import type { Translate } from '../i18n/messages.js';
import type { RouteDeps } from '../modules.js';
import { NotFoundError, type FieldError } from '../errors.js';
import { field, redirectWithFlash, registerFormPage } from '../http/render.js';
import { isUuid } from '../http/params.js';
import type { UserPrincipal } from './principal.js';
import { roleLabel } from './roles.js';
import { requiresSecondFactor } from './permissions.js';
import { authPaths } from './paths.js';
import { clientOf, secondFactorPageData, setSessionCookie, setupToShow } from './sign-in-routes.js';
import type { SecondFactorSetup } from './service.js';
import type { OwnExport } from '../person-data/own-export.js';

const signedIn = { config: { access: 'signed-in' as const } };
const accountCrumb = (t: Translate) => [
  { text: t('nav.home'), href: '/' },
  { text: t('account.title'), href: authPaths.account },
];

/** Building an archive reads every module: a few a person may make, not a stream of them. */
const EXPORTS_PER_HOUR = 5;

export function registerAccountRoutes(
  { app, services, renderPage }: RouteDeps,
  ownExport: OwnExport,
): void {
  const { auth } = services;
  const me = (principal: unknown) => principal as UserPrincipal;

  app.get(authPaths.account, signedIn, async (request, reply) => {
    const principal = me(request.principal);
    return renderPage(request, reply, 'platform/views/account/overview.njk', {
      title: request.t('account.title'),
      breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
      roles: principal.roles.map((g) => roleLabel(request.t, g.role)),
      hasSecondFactor: request.session?.user.hasSecondFactor ?? false,
    });
  });

  registerFormPage(app, authPaths.password, signedIn, {
    show: (request, reply, _values, errors, status) =>
      renderPage(
        request,
        reply,
        'platform/views/account/password.njk',
        {
          title: request.t('account.password.title'),
          breadcrumbs: accountCrumb(request.t),
          errors,
        },
        status,
      ),
    async submit(request, reply) {
      await auth.changePassword(me(request.principal), {
        currentPassword: field(request.body, 'currentPassword'),
        newPassword: field(request.body, 'newPassword'),
        confirmPassword: field(request.body, 'confirmPassword'),
      });
      return redirectWithFlash(reply, authPaths.account, request.t('account.password.changed'));
    },
  });

  const showSecondFactor = async (
    request: Parameters<typeof renderPage>[0],
    reply: Parameters<typeof renderPage>[1],
    setup: SecondFactorSetup,
    errors?: FieldError[],
    status = 200,
  ) => {
    const principal = me(request.principal);
    return renderPage(
      request,
      reply,
      'platform/views/account/second-factor.njk',
      {
        title: request.t('account.secondFactor.title'),
        breadcrumbs: accountCrumb(request.t),
        hasSecondFactor: request.session?.user.hasSecondFactor ?? false,
        required: requiresSecondFactor(principal.roles),
        errors,
        ...(await secondFactorPageData(setup)),
      },
      status,
    );
  };

  registerFormPage(app, authPaths.accountSecondFactor, signedIn, {
    show: (request, reply, values, errors, status) =>
      showSecondFactor(
        request,
        reply,
        setupToShow(auth, me(request.principal).email, values.sealedSecret),
        errors,
        status,
      ),
    async submit(request, reply) {
      const token = await auth.enableSecondFactor(
        request.session!,
        {
          sealedSecret: field(request.body, 'sealedSecret'),
          code: field(request.body, 'code'),
          currentPassword: field(request.body, 'currentPassword'),
        },
        clientOf(request),
      );
      setSessionCookie(reply, token);
      return redirectWithFlash(reply, authPaths.account, request.t('account.secondFactor.setUp'));
    },
  });

  registerFormPage(app, authPaths.removeSecondFactor, signedIn, {
    shownElsewhere: true,
    show: (request, reply, _values, errors, status) =>
      showSecondFactor(
        request,
        reply,
        auth.newSecondFactorSetup(me(request.principal).email),
        errors?.map((e) => ({ ...e, field: 'removePassword' })),
        status,
      ),
    async submit(request, reply) {
      await auth.disableSecondFactor(me(request.principal), field(request.body, 'removePassword'));
      return redirectWithFlash(
        reply,
        authPaths.account,
        request.t('account.secondFactor.turnedOff'),
      );
    },
  });

  app.get(authPaths.sessions, signedIn, async (request, reply) => {
    const sessions = await auth.listSessions(me(request.principal));
    return renderPage(request, reply, 'platform/views/account/sessions.njk', {
      title: request.t('account.sessions.title'),
      breadcrumbs: accountCrumb(request.t),
      sessions: sessions.map((s) => ({ ...s, endHref: authPaths.endSession(s.id) })),
    });
  });

  app.post(authPaths.endSession.pattern, signedIn, async (request, reply) => {
    const { sessionId } = request.params as { sessionId: string };
    if (!isUuid(sessionId) || !(await auth.endSession(me(request.principal), sessionId)))
      throw new NotFoundError();
    if (sessionId === request.session?.sessionId)
      return redirectWithFlash(reply, authPaths.signIn, request.t('auth.signedOut'));
    return redirectWithFlash(reply, authPaths.sessions, request.t('account.sessions.ended'));
  });

  // DP-02: a person's own export, without asking anyone.
  app.get(authPaths.yourData, signedIn, async (request, reply) =>
    renderPage(request, reply, 'platform/views/account/your-data.njk', {
      title: request.t('account.yourData.title'),
      breadcrumbs: accountCrumb(request.t),
      hasEntry: await ownExport.hasEntry(request.principal),
    }),
  );

  app.post(
    authPaths.yourData,
    {
      config: {
        access: 'signed-in' as const,
        rateLimit: {
          max: EXPORTS_PER_HOUR,
          timeWindow: '1 hour',
          hook: 'preHandler',
          // Per person, not per address: colleagues behind one office proxy are not one person.
          keyGenerator: (request) =>
            request.principal?.kind === 'user' ? request.principal.userId : request.ip,
        },
      },
    },
    async (request, reply) => {
      const bytes = await ownExport.build(request.principal, request.id);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', 'attachment; filename="your-bridge-data.zip"')
        .header('cache-control', 'no-store')
        .send(Buffer.from(bytes));
    },
  );
}
