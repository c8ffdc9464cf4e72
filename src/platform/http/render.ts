import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { fieldErrorsOf, type AppError, type FieldError } from '../errors.js';
import { languageToggle } from '../i18n/language.js';
import type { Messages } from '../i18n/messages.js';
import { navigationFor, type NavItem } from './navigation.js';
import { scrollableTablesBytes } from './table-scroll.js';
import { refusedText } from './text-input.js';
import './types.js';

export const FLASH_COOKIE = 'bridge_flash';

export interface PageData {
  title: string;
  breadcrumbs?: { text: string; href?: string }[];
  /** Field errors to show in the error summary and beside each field. */
  errors?: FieldError[] | undefined;
  [key: string]: unknown;
}

/**
 * Everything a page needs that is the same for every page: who, navigation, CSRF, messages, and
 * the page's language (`htmlLang`, which the templates' `t` reads) with the language toggle.
 */
export function createRenderer(navItems: readonly NavItem[], messages: Messages) {
  return async function renderPage(
    request: FastifyRequest,
    reply: FastifyReply,
    template: string,
    data: PageData,
    status = 200,
  ): Promise<FastifyReply> {
    const errors = data.errors ?? [];
    const flashCookie = request.cookies[FLASH_COOKIE];
    const flash = flashCookie ? request.unsignCookie(flashCookie) : null;
    if (flashCookie) reply.clearCookie(FLASH_COOKIE, { path: '/' });
    const fieldErrors = Object.fromEntries(errors.map((e) => [e.field, { text: e.message }]));
    const html = await reply
      .status(status)
      .header('cache-control', 'no-store')
      .viewAsync(template, {
        ...data,
        errorList: errors.map((e) => ({ text: e.message, href: `#${e.field}` })),
        fieldErrors,
        flash: flash?.valid ? flash.value : null,
        session: request.session,
        principal: request.principal,
        navigation: navigationFor(
          navItems,
          request.principal,
          request.url.split('?')[0] ?? '/',
          request.t,
        ),
        htmlLang: request.lang,
        languageToggle: languageToggle(request, messages),
        // Made when a form on the page writes it: a page without one (most public pages) sets
        // no CSRF cookie and spends nothing making one.
        csrfToken: lazyCsrfToken(reply),
      });
    return reply.send(scrollableTablesBytes(html));
  };
}

export type RenderPage = ReturnType<typeof createRenderer>;

/**
 * The answers whose page wrote a CSRF token: made for one person, so never kept for others
 * (http/public-cache.ts), whether or not a cookie was set with it.
 */
export const repliesWithCsrfToken = new WeakSet<FastifyReply>();

/** The page's CSRF token, made the first time the template writes it (`{{ csrfToken }}`). */
function lazyCsrfToken(reply: FastifyReply): { toString(): string } {
  let token: string | undefined;
  return {
    toString: () => {
      repliesWithCsrfToken.add(reply);
      return (token ??= reply.generateCsrf());
    },
  };
}

/** Redirects after a successful action, with a success message for the next page. */
export function redirectWithFlash(
  reply: FastifyReply,
  location: string,
  message: string,
): FastifyReply {
  reply.setCookie(FLASH_COOKIE, message, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
    signed: true,
    maxAge: 60,
  });
  return reply.redirect(location, 303);
}

/** A string field from a parsed form body; absent or non-string becomes ''. */
export function field(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

/** All string fields of a form body, for showing the form again as it was typed. */
export function formValues(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf',
    ),
  );
}

/**
 * Runs a form's action; when it is refused with field errors, shows the form again with the
 * error summary and each field's message, and the status of the refusal.
 */
export async function withFormErrors(
  action: () => Promise<FastifyReply>,
  showAgain: (errors: FieldError[], status: number) => Promise<FastifyReply>,
): Promise<FastifyReply> {
  // The form's text was refused before the handler ran (a null character): nothing is done.
  const refused = refusedText.getStore();
  if (refused) return showAgain(refused, 400);
  try {
    return await action();
  } catch (error) {
    const errors = fieldErrorsOf(error);
    if (!errors) throw error;
    return showAgain(errors, (error as AppError).status);
  }
}

export type FormValues = Record<string, string | string[] | undefined>;

/** Shows a form page: first empty (or with its initial values), then again with errors. */
export type FormShow = (
  request: FastifyRequest,
  reply: FastifyReply,
  values: FormValues,
  errors?: FieldError[],
  status?: number,
) => Promise<FastifyReply>;

/**
 * A form page's `show`, declared by its template and what it loads for the template (its title,
 * breadcrumbs and the rest). What was typed is given as `values` unless the page shapes its own
 * (defaults under what was typed), and the errors are added. The forms were each writing the
 * same five-argument function around the same render call.
 */
export function formShow(
  renderPage: RenderPage,
  template: string,
  load: (request: FastifyRequest, values: FormValues, errors?: FieldError[]) => Promise<PageData>,
): FormShow {
  return async (request, reply, values, errors, status = 200) =>
    renderPage(
      request,
      reply,
      template,
      { values, ...(await load(request, values, errors)), errors },
      status,
    );
}

/** What a form sent, as the services read it. */
export type FormBody = Record<string, string | string[] | undefined>;

/** Where a saved form takes the person, and what they are told was done. */
export interface Saved {
  to: string;
  message: string;
}

/**
 * The submit of the forms about one record, named in the address by `param` (e.g. 'partId'):
 * the service saves what was sent, then the person is taken where `done` says and told what
 * was done. A refusal (a ValidationError, a ConflictError) shows the form again with it: the
 * form page (registerFormPage) does that. A module names its own, `saveForPanel =
 * saveFor('panelId')`, as groups and meetings have `saveForGroup` and `saveForMeeting`.
 */
export function saveFor(param: string) {
  return function save<R, I = FormBody>(
    save: (
      principal: FastifyRequest['principal'],
      id: string,
      input: I,
      requestId: string,
    ) => Promise<R>,
    done: (id: string, saved: R, request: FastifyRequest) => Saved,
  ) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const id = (request.params as Record<string, string>)[param]!;
      const saved = await save(request.principal, id, (request.body ?? {}) as I, request.id);
      const { to, message } = done(id, saved, request);
      return redirectWithFlash(reply, to, message);
    };
  };
}

/**
 * Every form in Bridge: GET shows it, POST submits it, and a submission that fails with field
 * errors shows the form again with them and what was typed. Saves each form writing the same
 * three handlers. A form that sits on another page (a button or a short form on a record's
 * page) registers only its POST, with `shownElsewhere`; a refusal shows that page again.
 */
export function registerFormPage(
  app: FastifyInstance,
  url: string,
  options: RouteShorthandOptions,
  page: {
    show: FormShow;
    submit: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;
    /** The values the form starts with; none unless given. */
    initial?: (request: FastifyRequest) => FormValues | Promise<FormValues>;
    /** The form is on the page `show` renders, at another address: no GET here. */
    shownElsewhere?: true;
    /** Options of the POST alone, added to `options` (e.g. signing in's rate limit). */
    submitOptions?: RouteShorthandOptions;
  },
): void {
  if (!page.shownElsewhere)
    app.get(url, options, async (request, reply) =>
      page.show(request, reply, page.initial ? await page.initial(request) : {}),
    );
  const submitOptions = page.submitOptions
    ? {
        ...options,
        ...page.submitOptions,
        config: { ...options.config, ...page.submitOptions.config },
      }
    : options;
  app.post(url, submitOptions, async (request, reply) =>
    withFormErrors(
      () => page.submit(request, reply),
      (errors, status) =>
        page.show(request, reply, (request.body ?? {}) as FormValues, errors, status),
    ),
  );
}
