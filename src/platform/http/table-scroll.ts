/**
 * Issue 21 item 26: a table wider than the screen scrolls inside its own region, never the whole
 * page (WCAG 1.4.10, reflow at 320 CSS pixels). Every page's GOV.UK tables are wrapped here, once,
 * as the page is rendered, rather than in each template: a focusable region (so it can be
 * scrolled from the keyboard) named by the table's caption. The region's styles are in
 * assets/bridge.css (`.app-table-scroll`).
 */

const OPEN = '<table class="govuk-table';
const REGION = '<div class="app-table-scroll"';
const CLOSE = '</table>';
const CAPTION = /<caption\b[^>]*>([\s\S]*?)<\/caption>/;
const WORD = /\w/;

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

/** Whether the table at `at` is the first thing in a scrolling region already. */
function inRegion(html: string, at: number): boolean {
  const tag = html.lastIndexOf('<', at - 1);
  return tag >= 0 && html.startsWith(REGION, tag);
}

/**
 * The page in parts, each table between its region's opening and closing tags. A table is
 * `<table class="govuk-table` at a word's end, up to its first `>`, then to the first `</table>`:
 * what the regular expression `/<table class="govuk-table\b[^>]*>[\s\S]*?<\/table>/g` matched.
 */
function wrappedParts(html: string): string[] {
  const parts: string[] = [];
  let copied = 0;
  let at = html.indexOf(OPEN);
  while (at >= 0) {
    const after = at + OPEN.length;
    // Not a GOV.UK table, or one already in its region (a part of the page rendered and
    // wrapped before, and kept: the committee report's items).
    if ((after < html.length && WORD.test(html[after]!)) || inRegion(html, at)) {
      at = html.indexOf(OPEN, at + 1);
      continue;
    }
    const tagEnd = html.indexOf('>', after);
    const close = tagEnd < 0 ? -1 : html.indexOf(CLOSE, tagEnd + 1);
    if (close < 0) break;
    const end = close + CLOSE.length;
    const table = html.slice(at, end);
    parts.push(
      html.slice(copied, at),
      `<div class="app-table-scroll" role="region" aria-label="${labelOf(table)}" tabindex="0">`,
      table,
      '</div>',
    );
    copied = end;
    at = html.indexOf(OPEN, end);
  }
  parts.push(copied === 0 ? html : html.slice(copied));
  return parts;
}

export function scrollableTables(html: string): string {
  return wrappedParts(html).join('');
}

/**
 * The same page, written straight into the bytes that are sent. A long page (the committee
 * report is 200 KB) is then not copied into a second string as large, which is kept in the
 * old generation until a full collection: those collections were the report's slowest requests.
 */
export function scrollableTablesBytes(html: string): Buffer {
  const parts = wrappedParts(html);
  if (parts.length === 1) return Buffer.from(html);
  let size = 0;
  for (const part of parts) size += Buffer.byteLength(part);
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  for (const part of parts) at += bytes.write(part, at);
  return bytes;
}
