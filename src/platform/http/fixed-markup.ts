/**
 * The parts of every page that never change (the header's logo bar, the footer, the skip link),
 * rendered once with the GOV.UK macros when the templates are set up, and written into each page
 * as they are. Rendering them on every request was a quarter of a list page's rendering time,
 * the more so as the GOV.UK page template renders its header and footer twice, once to see
 * whether they are empty (issue 8, `npm run bench`).
 */
import nunjucks from 'nunjucks';

const FIXED_PARTS = {
  header: 'platform/views/fixed/header.njk',
  footer: 'platform/views/fixed/footer.njk',
  skipLink: 'platform/views/fixed/skip-link.njk',
} as const;

export type FixedMarkup = Record<keyof typeof FIXED_PARTS, nunjucks.runtime.SafeString>;

/** Renders the fixed parts and makes them the global `fixedMarkup` of the templates. */
export function addFixedMarkup(env: nunjucks.Environment): FixedMarkup {
  const markup = Object.fromEntries(
    Object.entries(FIXED_PARTS).map(([part, template]) => [
      part,
      new nunjucks.runtime.SafeString(env.render(template, {}).trim()),
    ]),
  ) as FixedMarkup;
  env.addGlobal('fixedMarkup', markup);
  return markup;
}
