/**
 * The templates' `t(key, options)`: the page's messages, in the page's language (`htmlLang`,
 * which the renderer sets from the request and the GOV.UK template writes as `<html lang>`).
 * What it returns is plain text: Nunjucks escapes it, values filled in included, once.
 */
import type nunjucks from 'nunjucks';
import type { TOptions } from 'i18next';
import { DEFAULT_LANGUAGE, type Messages } from './messages.js';

export function addMessages(env: nunjucks.Environment, messages: Messages): void {
  env.addGlobal(
    't',
    // Nunjucks calls a global with the template's context as `this`. A macro imported without
    // context has none of the page's variables: it is written in the default language.
    function t(
      this: { ctx?: { htmlLang?: unknown } } | undefined,
      key: string,
      options?: TOptions,
    ) {
      const language = this?.ctx?.htmlLang;
      return messages.translator(typeof language === 'string' ? language : DEFAULT_LANGUAGE)(
        key,
        options,
      );
    },
  );
}
