/**
 * The language of each request: the one asked for with `?lang=` (remembered in a cookie), else
 * the one remembered, else the first the browser prefers (Accept-Language), among the languages
 * that have a catalogue; the default language otherwise. With one language nothing is read or
 * set: every request is in it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DEFAULT_LANGUAGE, type Messages, type Translate } from './messages.js';

export const LANGUAGE_COOKIE = 'bridge_lang';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

declare module 'fastify' {
  interface FastifyRequest {
    /** The language the page is written in (`en`, `cy`). */
    lang: string;
    /** The request's messages: `request.t(key, values)`. */
    t: Translate;
  }
}

/** The languages an Accept-Language header asks for, most wanted first (`cy-GB` as `cy`). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { language: tag.trim().toLowerCase().split('-')[0]!, q: q ? Number(q) : 1, index };
    })
    .filter((a) => a.language && a.language !== '*' && a.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((a) => a.language);
}

/** The language asked for in the address, if it is one there is a catalogue for. */
function askedFor(request: FastifyRequest, languages: readonly string[]): string | undefined {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  return typeof asked === 'string' && languages.includes(asked) ? asked : undefined;
}

export function chooseLanguage(request: FastifyRequest, languages: readonly string[]): string {
  if (languages.length < 2) return DEFAULT_LANGUAGE;
  const remembered = request.cookies[LANGUAGE_COOKIE];
  return (
    askedFor(request, languages) ??
    (remembered && languages.includes(remembered) ? remembered : undefined) ??
    acceptedLanguages(request.headers['accept-language']).find((l) => languages.includes(l)) ??
    DEFAULT_LANGUAGE
  );
}

/**
 * Gives every request its `lang` and `t` (worked out when first read), and remembers a language
 * asked for in the address. Registered after the cookie plugin.
 */
export function installLanguage(app: FastifyInstance, messages: Messages): void {
  const chosen = new WeakMap<FastifyRequest, string>();
  const languageOf = (request: FastifyRequest) => {
    let language = chosen.get(request);
    if (language === undefined)
      chosen.set(request, (language = chooseLanguage(request, messages.languages)));
    return language;
  };
  app.decorateRequest('lang', {
    getter(this: FastifyRequest) {
      return languageOf(this);
    },
  });
  app.decorateRequest('t', {
    getter(this: FastifyRequest) {
      return messages.translator(languageOf(this));
    },
  });
  if (messages.languages.length < 2) return;
  app.addHook('onRequest', async (request, reply) => {
    const asked = askedFor(request, messages.languages);
    if (asked && asked !== request.cookies[LANGUAGE_COOKIE])
      reply.setCookie(LANGUAGE_COOKIE, asked, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: 'auto',
        maxAge: ONE_YEAR_SECONDS,
      });
    // The same address answers in more than one language.
    reply.header('vary', 'Accept-Language, Cookie');
  });
}

/** One entry of the GOV.UK language toggle: each language named in itself. */
export interface LanguageChoice {
  language: string;
  /** The language's own name: `English`, `Cymraeg`. */
  name: string;
  /** "Change the language to …", in that language, for a screen reader. */
  changeTo: string;
  href: string;
  current: boolean;
}

/** The language toggle for this page, or null when there is only one language. */
export function languageToggle(
  request: FastifyRequest,
  messages: Messages,
): LanguageChoice[] | null {
  if (messages.languages.length < 2) return null;
  const [pathname = '/', search = ''] = request.url.split('?');
  return messages.languages.map((language) => {
    const query = new URLSearchParams(search);
    query.set('lang', language);
    const t = messages.translator(language);
    return {
      language,
      name: t('language.name'),
      changeTo: t('language.changeTo'),
      href: `${pathname}?${query.toString()}`,
      current: language === request.lang,
    };
  });
}
