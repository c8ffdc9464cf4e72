import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { RouteDeps } from '../modules.js';
import { TooManyRequestsError, type FieldError } from '../errors.js';
import { safeNext } from '../http/next.js';
import { field, formValues, redirectWithFlash, withFormErrors } from '../http/render.js';
import type { ClientInfo, SecondFactorSetup, SessionContext } from './service.js';

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
  if (stage === 'second_factor') return `/sign-in/second-factor${query}`;
  if (stage === 'enrol') return `/sign-in/set-up-second-factor${query}`;
  return next;
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
  const signInRateLimit = { max: config.signIn.requestsPerMinute, timeWindow: '1 minute' };

  app.get('/sign-in', { config: { access: 'signed-out' } }, async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).next, config.publicUrl);
    if (request.session) return reply.redirect(stagePath(request.session.stage, next), 303);
    return renderPage(request, reply, 'platform/views/auth/sign-in.njk', {
      title: request.t('auth.signIn.title'),
      values: {},
      next,
    });
  });

  app.post(
    '/sign-in',
    { config: { access: 'signed-out', rateLimit: signInRateLimit } },
    async (request, reply) => {
      const next = safeNext(field(request.body, 'next'), config.publicUrl);
      const showAgain = (errors: FieldError[], status: number) =>
        renderPage(
          request,
          reply,
          'platform/views/auth/sign-in.njk',
          {
            title: request.t('auth.signIn.title'),
            errors,
            values: { email: field(request.body, 'email') },
            next,
          },
          status,
        );
      try {
        return await withFormErrors(async () => {
          const result = await auth.signIn(
            {
              email: field(request.body, 'email'),
              password: field(request.body, 'password'),
              previousToken: request.cookies[SESSION_COOKIE],
            },
            clientOf(request),
          );
          setSessionCookie(reply, result.token, result.stage);
          return reply.redirect(stagePath(result.stage, next), 303);
        }, showAgain);
      } catch (error) {
        if (error instanceof TooManyRequestsError) {
          reply.header('retry-after', String(error.retryAfterSeconds));
          return showAgain([{ field: 'email', message: error.message }], 429);
        }
        throw error;
      }
    },
  );

  app.get(
    '/sign-in/second-factor',
    { config: { access: 'signed-out' } },
    async (request, reply) => {
      const next = safeNext((request.query as Record<string, unknown>).next, config.publicUrl);
      if (request.session?.stage !== 'second_factor')
        return reply.redirect(
          request.session ? stagePath(request.session.stage, next) : '/sign-in',
          303,
        );
      return renderPage(request, reply, 'platform/views/auth/second-factor.njk', {
        title: request.t('auth.secondFactor.title'),
        next,
      });
    },
  );

  app.post(
    '/sign-in/second-factor',
    { config: { access: 'signed-out', rateLimit: signInRateLimit } },
    async (request, reply) => {
      const next = safeNext(field(request.body, 'next'), config.publicUrl);
      const session = request.session;
      if (session?.stage !== 'second_factor') return reply.redirect('/sign-in', 303);
      const showAgain = (errors: FieldError[], status: number) =>
        renderPage(
          request,
          reply,
          'platform/views/auth/second-factor.njk',
          { title: request.t('auth.secondFactor.title'), errors, next },
          status,
        );
      try {
        return await withFormErrors(async () => {
          setSessionCookie(
            reply,
            await auth.completeSecondFactor(
              session,
              field(request.body, 'code'),
              clientOf(request),
            ),
          );
          return reply.redirect(next, 303);
        }, showAgain);
      } catch (error) {
        if (error instanceof TooManyRequestsError)
          return showAgain([{ field: 'code', message: error.message }], 429);
        throw error;
      }
    },
  );

  app.get(
    '/sign-in/set-up-second-factor',
    { config: { access: 'signed-out' } },
    async (request, reply) => {
      const session = request.session;
      if (session?.stage !== 'enrol')
        return reply.redirect(session ? stagePath(session.stage, '/') : '/sign-in', 303);
      const setup = auth.newSecondFactorSetup(session.user.email);
      return renderPage(request, reply, 'platform/views/auth/set-up-second-factor.njk', {
        title: request.t('auth.setUpSecondFactor.title'),
        next: safeNext((request.query as Record<string, unknown>).next, config.publicUrl),
        ...(await secondFactorPageData(setup)),
      });
    },
  );

  app.post(
    '/sign-in/set-up-second-factor',
    { config: { access: 'signed-out', rateLimit: signInRateLimit } },
    async (request, reply) => {
      const session = request.session;
      if (session?.stage !== 'enrol') return reply.redirect('/sign-in', 303);
      const next = safeNext(field(request.body, 'next'), config.publicUrl);
      const sealedSecret = field(request.body, 'sealedSecret');
      return withFormErrors(
        async () => {
          setSessionCookie(
            reply,
            await auth.enableSecondFactor(
              session,
              { sealedSecret, code: field(request.body, 'code') },
              clientOf(request),
            ),
          );
          return redirectWithFlash(reply, next, request.t('auth.setUpSecondFactor.done'));
        },
        async (errors, status) => {
          let setup: SecondFactorSetup;
          try {
            setup = auth.reopenSecondFactorSetup(session.user.email, sealedSecret);
          } catch {
            setup = auth.newSecondFactorSetup(session.user.email);
          }
          return renderPage(
            request,
            reply,
            'platform/views/auth/set-up-second-factor.njk',
            {
              title: request.t('auth.setUpSecondFactor.title'),
              errors,
              next,
              ...(await secondFactorPageData(setup)),
            },
            status,
          );
        },
      );
    },
  );

  app.post('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
    if (request.session) await auth.signOut(request.session);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return redirectWithFlash(reply, '/sign-in', request.t('auth.signedOut'));
  });

  app.get('/forgotten-password', { config: { access: 'signed-out' } }, async (request, reply) =>
    renderPage(request, reply, 'platform/views/auth/forgotten-password.njk', {
      title: request.t('auth.forgottenPassword.title'),
      values: {},
    }),
  );

  // The link is sent once the answer has gone, so that the answer takes the same time whether
  // or not the address has an account (issue 21 item 22).
  const resetsToSend = new WeakMap<FastifyRequest, { send(): void }>();
  app.post(
    '/forgotten-password',
    {
      config: { access: 'signed-out', rateLimit: signInRateLimit },
      onResponse: async (request) => resetsToSend.get(request)?.send(),
    },
    async (request, reply) =>
      withFormErrors(
        async () => {
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
        (errors, status) =>
          renderPage(
            request,
            reply,
            'platform/views/auth/forgotten-password.njk',
            {
              title: request.t('auth.forgottenPassword.title'),
              errors,
              values: formValues(request.body),
            },
            status,
          ),
      ),
  );

  app.get(
    '/reset-password/:token',
    { config: { access: 'signed-out' } },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      if (!(await auth.resetTokenIsValid(token))) {
        return renderPage(
          request,
          reply,
          'platform/views/auth/reset-expired.njk',
          { title: request.t('auth.resetExpired.title') },
          404,
        );
      }
      return renderPage(request, reply, 'platform/views/auth/reset-password.njk', {
        title: request.t('auth.resetPassword.title'),
        token,
      });
    },
  );

  app.post(
    '/reset-password/:token',
    { config: { access: 'signed-out', rateLimit: signInRateLimit } },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      return withFormErrors(
        async () => {
          await auth.resetPassword(token, {
            newPassword: field(request.body, 'newPassword'),
            confirmPassword: field(request.body, 'confirmPassword'),
          });
          return redirectWithFlash(reply, '/sign-in', request.t('auth.resetPassword.done'));
        },
        (errors, status) =>
          renderPage(
            request,
            reply,
            'platform/views/auth/reset-password.njk',
            { title: request.t('auth.resetPassword.title'), token, errors },
            status,
          ),
      );
    },
  );
}
