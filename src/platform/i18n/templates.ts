/**
 * The templates' `t(key, options)`: the page's messages, in the page's language (`htmlLang`,
 * which the renderer sets from the request and the GOV.UK template writes as `<html lang>`).
 * What it returns is plain text: Nunjucks escapes it, values filled in included, once. And
 * `say(said)`: a sentence kept as its key and values (`Said`), worded in the page's language;
 * and the filters `date`, `dateTime`, `time` and `fileDescription`, which word dates and a kept
 * file ('PDF, 120KB') in the page's language.
 */
import type nunjucks from 'nunjucks';
import { toLondonDate } from '../calendar/index.js';
import { fileDescription } from '../files/document-types.js';
import { formatDate, formatDateTime, formatTime } from './dates.js';
import { DEFAULT_LANGUAGE, type MessageValues, type Messages, type Translate } from './messages.js';
import { say, type Said } from './said.js';

/** What Nunjucks gives a global or a filter as `this`: the template's context. */
export type TemplateThis = { ctx?: { htmlLang?: unknown } } | undefined;

/**
 * The messages of the page a global or filter is called from, by its `this`. A macro imported
 * without context has none of the page's variables: it is written in the default language.
 */
export function pageTranslator(messages: Messages): (self: TemplateThis) => Translate {
  return (self) => {
    const language = self?.ctx?.htmlLang;
    return messages.translator(typeof language === 'string' ? language : DEFAULT_LANGUAGE);
  };
}

export function addMessages(env: nunjucks.Environment, messages: Messages): void {
  const pageT = pageTranslator(messages);
  env.addGlobal('t', function t(this: TemplateThis, key: string, values?: MessageValues) {
    return pageT(this)(key, values);
  });
  env.addGlobal('say', function sayOnPage(this: TemplateThis, said: Said) {
    return say(pageT(this), said);
  });
  // Nunjucks calls a filter with the template's context as `this`, as it does a global.
  // A day ('2026-11-23'), or an instant read as its day in London.
  env.addFilter('date', function date(this: TemplateThis, d: string | Date | null | undefined) {
    return d ? formatDate(pageT(this), d instanceof Date ? toLondonDate(d) : d) : '';
  });
  env.addFilter('dateTime', function dateTime(this: TemplateThis, d: Date | string | null) {
    return d ? formatDateTime(pageT(this), new Date(d)) : '';
  });
  env.addFilter('time', function time(this: TemplateThis, d: Date | string | null | undefined) {
    return d ? formatTime(pageT(this), new Date(d)) : '';
  });
  // A kept file as GOV.UK describes a download: 'PDF, 120KB'.
  env.addFilter('fileDescription', function file(this: TemplateThis, f: FileFacts) {
    return fileDescription(pageT(this), f);
  });
}

type FileFacts = { mediaType: string; sizeBytes: number };
