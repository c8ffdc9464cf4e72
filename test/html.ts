/**
 * Reads what a person reads on a page: the text of tables, row by row, the captions and headings
 * that carry counts, summary lists, and the pagination summary ("Showing 1 to 25 of 45"). Bridge
 * renders plain GOV.UK markup with no nested tables, so a few regular expressions read it well
 * enough for tests; no HTML parser is a dependency.
 */

import assert from 'node:assert/strict';

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  pound: '£',
};

/** The text a person reads in a fragment of HTML: tags dropped, entities decoded, spaces folded. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<span class="govuk-visually-hidden">[\s\S]*?<\/span>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The main content of a page (the layout's header, navigation and footer left out). */
export function mainOf(html: string): string {
  const match = /<main[\s\S]*?<\/main>/i.exec(html);
  return match ? match[0] : html;
}

export interface Table {
  caption: string;
  headers: string[];
  /** Body rows: the text of each cell (th or td), in order. */
  rows: string[][];
  /** The raw HTML of each body row, for links. */
  rowHtml: string[];
}

/** Every table on the page, in order. */
export function tablesOf(html: string): Table[] {
  return [...html.matchAll(/<table[\s\S]*?<\/table>/gi)].map(([table]) => {
    const caption = /<caption[^>]*>([\s\S]*?)<\/caption>/i.exec(table);
    const head = /<thead[\s\S]*?<\/thead>/i.exec(table)?.[0] ?? '';
    const body = head ? table.replace(head, '') : table;
    const cells = (row: string) =>
      [...row.matchAll(/<(td|th)\b[^>]*>([\s\S]*?)<\/\1>/gi)].map((c) => textOf(c[2]!));
    const headers = head ? cells(head) : [];
    const rowHtml = [...body.matchAll(/<tr\b[\s\S]*?<\/tr>/gi)]
      .map((r) => r[0])
      .filter((r) => /<td\b/i.test(r));
    return {
      caption: caption ? textOf(caption[1]!) : '',
      headers,
      rows: rowHtml.map(cells),
      rowHtml,
    };
  });
}

/** The one table on the page whose caption or headers match, or the only table. */
export function tableOf(html: string, which?: RegExp): Table {
  const tables = tablesOf(html);
  const found = which
    ? tables.filter((t) => which.test(t.caption) || t.headers.some((h) => which.test(h)))
    : tables;
  if (found.length !== 1)
    throw new Error(
      `expected one table${which ? ` matching ${which}` : ''}, found ${found.length}: ${tables
        .map((t) => `[${t.caption} | ${t.headers.join(', ')}]`)
        .join(' ')}`,
    );
  return found[0]!;
}

/** A body row's cells keyed by the table's headers. */
export function rowRecords(table: Table): Record<string, string>[] {
  return table.rows.map((cells) => Object.fromEntries(cells.map((c, i) => [table.headers[i], c])));
}

/** The cells of the row whose first cell starts with `first` (exactly one such row). */
export function rowOf(table: Table, first: string): Record<string, string> {
  const rows = rowRecords(table).filter((r) => (r[table.headers[0]!] ?? '').startsWith(first));
  if (rows.length !== 1)
    throw new Error(
      `expected one row starting "${first}", found ${rows.length} in ${JSON.stringify(table.rows)}`,
    );
  return rows[0]!;
}

/** The column under a header, as text. */
export function columnOf(table: Table, header: string): string[] {
  const i = table.headers.indexOf(header);
  if (i < 0) throw new Error(`no column "${header}" in ${table.headers.join(', ')}`);
  return table.rows.map((r) => r[i] ?? '');
}

/** A number as a person reads it ("1,234", "£12.50", "3"), or NaN. */
export function numberOf(text: string): number {
  const match = /-?[\d,]+(\.\d+)?/.exec(text);
  return match ? Number(match[0].replace(/,/g, '')) : NaN;
}

/** Pounds as read ("£1,234.50") in pence. */
export function penceOf(text: string): number {
  const match = /(-)?£([\d,]+)(?:\.(\d{2}))?/.exec(text);
  if (!match) return NaN;
  const pence = Number(match[2]!.replace(/,/g, '')) * 100 + Number(match[3] ?? '0');
  return match[1] ? -pence : pence;
}

/** The pagination summary's figures, or null when the page has no pagination. */
export function paginationOf(html: string): { from: number; to: number; total: number } | null {
  const match = /Showing ([\d,]+) to ([\d,]+) of ([\d,]+)/.exec(textOf(html));
  if (!match) return null;
  return { from: numberOf(match[1]!), to: numberOf(match[2]!), total: numberOf(match[3]!) };
}

/** The rows of GOV.UK summary lists on the page: key text to value text. */
export function summaryOf(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of html.matchAll(/<div class="govuk-summary-list__row[\s\S]*?<\/dd>/gi)) {
    const key = /<dt[^>]*>([\s\S]*?)<\/dt>/i.exec(row[0]);
    const value = /<dd class="govuk-summary-list__value[^"]*"[^>]*>([\s\S]*?)<\/dd>/i.exec(row[0]);
    if (key && value) out.set(textOf(key[1]!), textOf(value[1]!));
  }
  return out;
}

/** The text of every heading (h1 to h4) and table caption on the page. */
export function headingsOf(html: string): string[] {
  return [...html.matchAll(/<(h[1-4]|caption)\b[^>]*>([\s\S]*?)<\/\1>/gi)].map((m) =>
    textOf(m[2]!),
  );
}

/** The first heading or caption matching the pattern, with the first number in it. */
export function countIn(html: string, pattern: RegExp): number {
  const all = [...headingsOf(html), textOf(mainOf(html))];
  for (const text of all) {
    const match = pattern.exec(text);
    if (match) return numberOf(match[1] ?? match[0]);
  }
  throw new Error(`no text matching ${pattern} in: ${headingsOf(html).join(' | ')}`);
}

/** Each needle found in the text after the one before it: the text reads in this order. */
export function assertInOrder(text: string, needles: readonly string[]): void {
  let from = 0;
  for (const needle of needles) {
    const at = text.indexOf(needle, from);
    assert.ok(
      at >= 0,
      `"${needle}" not found after position ${from}: …${text.slice(from, from + 300)}…`,
    );
    from = at + needle.length;
  }
}
