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
const accountCrumb = [
  { text: 'Home', href: '/' },
  { text: 'Your account', href: '/account' },
];

export function registerAccountRoutes({ app, services, renderPage }: RouteDeps): void {
  const { auth } = services;
  const me = (principal: unknown) => principal as UserPrincipal;

  app.get('/account', signedIn, async (request, reply) => {
    const principal = me(request.principal);
    return renderPage(request, reply, 'platform/views/account/overview.njk', {
      title: 'Your account',
      breadcrumbs: [{ text: 'Home', href: '/' }],
      roles: principal.roles.map((g) => ROLE_INFO[g.role].label),
      hasSecondFactor: request.session?.user.hasSecondFactor ?? false,
    });
  });

  app.get('/account/password', signedIn, async (request, reply) =>
    renderPage(request, reply, 'platform/views/account/password.njk', {
      title: 'Change your password',
      breadcrumbs: accountCrumb,
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
        return redirectWithFlash(
          reply,
          '/account',
          'Your password has been changed. Your other sessions have been ended',
        );
      },
      (errors, status) =>
        renderPage(
          request,
          reply,
          'platform/views/account/password.njk',
          { title: 'Change your password', breadcrumbs: accountCrumb, errors },
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
        title: 'Second factor',
        breadcrumbs: accountCrumb,
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
        return redirectWithFlash(
          reply,
          '/account',
          'Your second factor is set up. Your other sessions have been ended',
        );
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
        return redirectWithFlash(reply, '/account', 'Your second factor has been turned off');
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
      title: 'Where you are signed in',
      breadcrumbs: accountCrumb,
      sessions: await auth.listSessions(me(request.principal)),
    }),
  );

  app.post('/account/sessions/:sessionId/end', signedIn, async (request, reply) => {
    const { sessionId } = request.params as { sessionId: string };
    if (!isUuid(sessionId) || !(await auth.endSession(me(request.principal), sessionId)))
      throw new NotFoundError();
    if (sessionId === request.session?.sessionId)
      return redirectWithFlash(reply, '/sign-in', 'You have signed out');
    return redirectWithFlash(reply, '/account/sessions', 'The session has been ended');
  });
}
