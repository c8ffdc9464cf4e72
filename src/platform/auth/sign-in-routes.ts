import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { RouteDeps } from '../modules.js';
import { TooManyRequestsError } from '../errors.js';
import { safeNext } from '../http/next.js';
import { field, formValues, redirectWithFlash, registerFormPage } from '../http/render.js';
import { authPaths } from './paths.js';
import type { AuthService, ClientInfo, SecondFactorSetup, SessionContext } from './service.js';

export const SESSION_COOKIE = 'bridge_session';
/** The cookie holding the secret CSRF tokens are made from (see app.ts). */
export const CSRF_COOKIE = 'bridge_csrf';

export function clientOf(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}

/**
 * Gives the browser a new session. When it is a whole one (the person is now signed in), the
 * CSRF secret is renewed with it: a secret planted or read before signing in makes no token that
 * works after. Every caller redirects next, and the page after makes the new secret when it
 * first writes a form. The password step of an account with a second factor signs nobody in,
 * so the secret is kept until the code is accepted.
 */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  stage: SessionContext['stage'] = 'complete',
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
  });
  if (stage === 'complete') reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** Where a part-signed-in person goes next. */
function stagePath(stage: SessionContext['stage'], next: string): string {
  const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
  if (stage === 'second_factor') return `${authPaths.secondFactor}${query}`;
  if (stage === 'enrol') return `${authPaths.setUpSecondFactor}${query}`;
  return next;
}

/**
 * The setup a second-factor form shows: the one it carried when a code was refused (so the app
 * already set up still works), else a fresh one.
 */
export function setupToShow(
  auth: AuthService,
  email: string,
  sealedSecret: unknown,
): SecondFactorSetup {
  if (typeof sealedSecret !== 'string') return auth.newSecondFactorSetup(email);
  try {
    return auth.reopenSecondFactorSetup(email, sealedSecret);
  } catch {
    return auth.newSecondFactorSetup(email);
  }
}

export async function secondFactorPageData(setup: SecondFactorSetup) {
  return {
    setup,
    qrCode: await QRCode.toDataURL(setup.uri, { margin: 1, width: 200 }),
    // Groups of four are easier to type.
    secretGroups: setup.secret.match(/.{1,4}/g)?.join(' ') ?? setup.secret,
  };
}

export function registerSignInRoutes({ app, services, renderPage, config }: RouteDeps): void {
  const { auth } = services;
  const signedOut = { config: { access: 'signed-out' as const } };
  const rateLimited = {
    config: { rateLimit: { max: config.signIn.requestsPerMinute, timeWindow: '1 minute' } },
  };
  /** Where to go once signed in: the page that sent the person here, if it is Bridge's. */
  const nextOf = (value: unknown) => safeNext(value, config.publicUrl);
  const nextFromQuery = (request: FastifyRequest) => ({
    next: nextOf((request.query as Record<string, unknown>).next),
  });

  // Each `show` below is called without errors for a visit (GET) and with them when a
  // submission is refused: a visit by someone at another stage of signing in is sent on.
  registerFormPage(app, authPaths.signIn, signedOut, {
    initial: nextFromQuery,
    submitOptions: rateLimited,
    async show(request, reply, values, errors, status) {
      const next = nextOf(values.next);
      if (request.session && !errors)
        return reply.redirect(stagePath(request.session.stage, next), 303);
      return renderPage(
        request,
        reply,
        'platform/views/auth/sign-in.njk',
        {
          title: request.t('auth.signIn.title'),
          errors,
          values: errors ? { email: field(values, 'email') } : {},
          next,
        },
        status,
      );
    },
    async submit(request, reply) {
      try {
        const result = await auth.signIn(
          {
            email: field(request.body, 'email'),
            password: field(request.body, 'password'),
            previousToken: request.cookies[SESSION_COOKIE],
          },
          clientOf(request),
        );
        setSessionCookie(reply, result.token, result.stage);
        return reply.redirect(stagePath(result.stage, nextOf(field(request.body, 'next'))), 303);
      } catch (error) {
        if (error instanceof TooManyRequestsError)
          reply.header('retry-after', String(error.retryAfterSeconds));
        throw error;
      }
    },
  });

  registerFormPage(app, authPaths.secondFactor, signedOut, {
    initial: nextFromQuery,
    submitOptions: rateLimited,
    async show(request, reply, values, errors, status) {
      const next = nextOf(values.next);
      if (request.session?.stage !== 'second_factor')
        return reply.redirect(
          request.session && !errors ? stagePath(request.session.stage, next) : authPaths.signIn,
          303,
        );
      return renderPage(
        request,
        reply,
        'platform/views/auth/second-factor.njk',
        { title: request.t('auth.secondFactor.title'), errors, next },
        status,
      );
    },
    async submit(request, reply) {
      const session = request.session;
      if (session?.stage !== 'second_factor') return reply.redirect(authPaths.signIn, 303);
      setSessionCookie(
        reply,
        await auth.completeSecondFactor(session, field(request.body, 'code'), clientOf(request)),
      );
      return reply.redirect(nextOf(field(request.body, 'next')), 303);
    },
  });

  registerFormPage(app, authPaths.setUpSecondFactor, signedOut, {
    initial: nextFromQuery,
    submitOptions: rateLimited,
    async show(request, reply, values, errors, status) {
      const session = request.session;
      if (session?.stage !== 'enrol')
        return reply.redirect(
          session && !errors ? stagePath(session.stage, '/') : authPaths.signIn,
          303,
        );
      const setup = setupToShow(auth, session.user.email, values.sealedSecret);
      return renderPage(
        request,
        reply,
        'platform/views/auth/set-up-second-factor.njk',
        {
          title: request.t('auth.setUpSecondFactor.title'),
          errors,
          next: nextOf(values.next),
          ...(await secondFactorPageData(setup)),
        },
        status,
      );
    },
    async submit(request, reply) {
      const session = request.session;
      if (session?.stage !== 'enrol') return reply.redirect(authPaths.signIn, 303);
      setSessionCookie(
        reply,
        await auth.enableSecondFactor(
          session,
          { sealedSecret: field(request.body, 'sealedSecret'), code: field(request.body, 'code') },
          clientOf(request),
        ),
      );
      return redirectWithFlash(
        reply,
        nextOf(field(request.body, 'next')),
        request.t('auth.setUpSecondFactor.done'),
      );
    },
  });

  app.post(authPaths.signOut, { config: { access: 'public' } }, async (request, reply) => {
    if (request.session) await auth.signOut(request.session);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return redirectWithFlash(reply, authPaths.signIn, request.t('auth.signedOut'));
  });

  // The link is sent once the answer has gone, so that the answer takes the same time whether
  // or not the address has an account (issue 21 item 22).
  const resetsToSend = new WeakMap<FastifyRequest, { send(): void }>();
  registerFormPage(app, authPaths.forgottenPassword, signedOut, {
    submitOptions: {
      ...rateLimited,
      onResponse: async (request) => resetsToSend.get(request)?.send(),
    },
    show: (request, reply, values, errors, status) =>
      renderPage(
        request,
        reply,
        'platform/views/auth/forgotten-password.njk',
        {
          title: request.t('auth.forgottenPassword.title'),
          errors,
          values: formValues(values),
        },
        status,
      ),
    async submit(request, reply) {
      const reset = auth.requestPasswordResetAfterAnswer(
        field(request.body, 'email'),
        clientOf(request),
        (err) => request.log.error({ err }, 'password reset could not be sent'),
      );
      resetsToSend.set(request, reset);
      return renderPage(request, reply, 'platform/views/auth/reset-sent.njk', {
        title: request.t('auth.resetSent.title'),
      });
    },
  });

  const tokenOf = (request: FastifyRequest) => (request.params as { token: string }).token;
  registerFormPage(app, authPaths.resetPassword.pattern, signedOut, {
    submitOptions: rateLimited,
    async show(request, reply, _values, errors, status) {
      const token = tokenOf(request);
      if (!errors && !(await auth.resetTokenIsValid(token)))
        return renderPage(
          request,
          reply,
          'platform/views/auth/reset-expired.njk',
          { title: request.t('auth.resetExpired.title') },
          404,
        );
      return renderPage(
        request,
        reply,
        'platform/views/auth/reset-password.njk',
        {
          title: request.t('auth.resetPassword.title'),
          action: authPaths.resetPassword(token),
          errors,
        },
        status,
      );
    },
    async submit(request, reply) {
      await auth.resetPassword(tokenOf(request), {
        newPassword: field(request.body, 'newPassword'),
        confirmPassword: field(request.body, 'confirmPassword'),
      });
      return redirectWithFlash(reply, authPaths.signIn, request.t('auth.resetPassword.done'));
    },
  });
}
