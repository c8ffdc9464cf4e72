import type { Translate } from '../i18n/messages.js';
import type { RouteDeps } from '../modules.js';
import { NotFoundError, type FieldError } from '../errors.js';
import { field, redirectWithFlash, withFormErrors } from '../http/render.js';
import { isUuid } from '../http/params.js';
import type { UserPrincipal } from './principal.js';
import { ROLE_INFO } from './roles.js';
import { requiresSecondFactor } from './permissions.js';
import { clientOf, secondFactorPageData, setSessionCookie } from './sign-in-routes.js';
import type { SecondFactorSetup } from './service.js';

const signedIn = { config: { access: 'signed-in' as const } };
const accountCrumb = (t: Translate) => [
  { text: t('nav.home'), href: '/' },
  { text: t('account.title'), href: '/account' },
];

export function registerAccountRoutes({ app, services, renderPage }: RouteDeps): void {
  const { auth } = services;
  const me = (principal: unknown) => principal as UserPrincipal;

  app.get('/account', signedIn, async (request, reply) => {
    const principal = me(request.principal);
    return renderPage(request, reply, 'platform/views/account/overview.njk', {
      title: request.t('account.title'),
      breadcrumbs: [{ text: request.t('nav.home'), href: '/' }],
      roles: principal.roles.map((g) => ROLE_INFO[g.role].label),
      hasSecondFactor: request.session?.user.hasSecondFactor ?? false,
    });
  });

  app.get('/account/password', signedIn, async (request, reply) =>
    renderPage(request, reply, 'platform/views/account/password.njk', {
      title: request.t('account.password.title'),
      breadcrumbs: accountCrumb(request.t),
    }),
  );

  app.post('/account/password', signedIn, async (request, reply) =>
    withFormErrors(
      async () => {
        await auth.changePassword(me(request.principal), {
          currentPassword: field(request.body, 'currentPassword'),
          newPassword: field(request.body, 'newPassword'),
          confirmPassword: field(request.body, 'confirmPassword'),
        });
        return redirectWithFlash(reply, '/account', request.t('account.password.changed'));
      },
      (errors, status) =>
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
    ),
  );

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

  app.get('/account/second-factor', signedIn, async (request, reply) =>
    showSecondFactor(request, reply, auth.newSecondFactorSetup(me(request.principal).email)),
  );

  app.post('/account/second-factor', signedIn, async (request, reply) => {
    const session = request.session!;
    const sealedSecret = field(request.body, 'sealedSecret');
    return withFormErrors(
      async () => {
        const token = await auth.enableSecondFactor(
          session,
          {
            sealedSecret,
            code: field(request.body, 'code'),
            currentPassword: field(request.body, 'currentPassword'),
          },
          clientOf(request),
        );
        setSessionCookie(reply, token);
        return redirectWithFlash(reply, '/account', request.t('account.secondFactor.setUp'));
      },
      async (errors, status) => {
        let setup: SecondFactorSetup;
        try {
          setup = auth.reopenSecondFactorSetup(session.user.email, sealedSecret);
        } catch {
          setup = auth.newSecondFactorSetup(session.user.email);
        }
        return showSecondFactor(request, reply, setup, errors, status);
      },
    );
  });

  app.post('/account/second-factor/remove', signedIn, async (request, reply) =>
    withFormErrors(
      async () => {
        await auth.disableSecondFactor(
          me(request.principal),
          field(request.body, 'removePassword'),
        );
        return redirectWithFlash(reply, '/account', request.t('account.secondFactor.turnedOff'));
      },
      (errors, status) =>
        showSecondFactor(
          request,
          reply,
          auth.newSecondFactorSetup(me(request.principal).email),
          errors.map((e) => ({ ...e, field: 'removePassword' })),
          status,
        ),
    ),
  );

  app.get('/account/sessions', signedIn, async (request, reply) =>
    renderPage(request, reply, 'platform/views/account/sessions.njk', {
      title: request.t('account.sessions.title'),
      breadcrumbs: accountCrumb(request.t),
      sessions: await auth.listSessions(me(request.principal)),
    }),
  );

  app.post('/account/sessions/:sessionId/end', signedIn, async (request, reply) => {
    const { sessionId } = request.params as { sessionId: string };
    if (!isUuid(sessionId) || !(await auth.endSession(me(request.principal), sessionId)))
      throw new NotFoundError();
    if (sessionId === request.session?.sessionId)
      return redirectWithFlash(reply, '/sign-in', request.t('auth.signedOut'));
    return redirectWithFlash(reply, '/account/sessions', request.t('account.sessions.ended'));
  });
}
