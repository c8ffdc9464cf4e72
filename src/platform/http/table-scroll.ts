/**
 * Issue 21 item 26: a table wider than the screen scrolls inside its own region, never the whole
 * page (WCAG 1.4.10, reflow at 320 CSS pixels). Every page's GOV.UK tables are wrapped here, once,
 * as the page is rendered, rather than in each template: a focusable region (so it can be
 * scrolled from the keyboard) named by the table's caption. The region's styles are in
 * assets/bridge.css (`.app-table-scroll`).
 */

const TABLE = /<table class="govuk-table\b[^>]*>[\s\S]*?<\/table>/g;
const CAPTION = /<caption\b[^>]*>([\s\S]*?)<\/caption>/;

/** The caption's words, as an attribute value (the template has already escaped them). */
function labelOf(table: string): string {
  const caption = CAPTION.exec(table)?.[1] ?? '';
  const words = caption
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/"/g, '&quot;');
  return words || 'Table';
}

export function scrollableTables(html: string): string {
  if (!html.includes('<table class="govuk-table')) return html;
  return html.replace(
    TABLE,
    (table) =>
      `<div class="app-table-scroll" role="region" aria-label="${labelOf(table)}" tabindex="0">${table}</div>`,
  );
}
