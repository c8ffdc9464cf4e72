/**
 * The parts of every page that never change (the header's logo bar, the footer, the skip link),
 * rendered once with the GOV.UK macros when the templates are set up, and written into each page
 * as they are. Rendering them on every request was a quarter of a list page's rendering time,
 * the more so as the GOV.UK page template renders its header and footer twice, once to see
 * whether they are empty (issue 8, `npm run bench`).
 */
import nunjucks from 'nunjucks';
import { DEFAULT_LANGUAGE } from '../i18n/messages.js';

const FIXED_PARTS = {
  header: 'platform/views/fixed/header.njk',
  footer: 'platform/views/fixed/footer.njk',
  skipLink: 'platform/views/fixed/skip-link.njk',
} as const;

export type FixedMarkup = Record<keyof typeof FIXED_PARTS, nunjucks.runtime.SafeString>;

/**
 * Renders the fixed parts once for each language and makes them the global `fixedMarkup` of the
 * templates (`fixedMarkup[htmlLang]`); returns the default language's.
 */
export function addFixedMarkup(
  env: nunjucks.Environment,
  languages: readonly string[] = [DEFAULT_LANGUAGE],
): FixedMarkup {
  const byLanguage: Record<string, FixedMarkup> = {};
  for (const language of languages)
    byLanguage[language] = Object.fromEntries(
      Object.entries(FIXED_PARTS).map(([part, template]) => [
        part,
        new nunjucks.runtime.SafeString(env.render(template, { htmlLang: language }).trim()),
      ]),
    ) as FixedMarkup;
  env.addGlobal('fixedMarkup', byLanguage);
  return byLanguage[DEFAULT_LANGUAGE] ?? byLanguage[languages[0]!]!;
}
