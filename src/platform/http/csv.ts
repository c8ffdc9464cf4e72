/**
 * CSV downloads: quoted by csv-stringify, and safe to open in a spreadsheet. Every CSV Bridge
 * writes goes through `csvText`, so no export can forget the escaping.
 */
import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';

/** A cell a spreadsheet would read as a formula, or one already escaped (so escaping is undone exactly). */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A plain number (an amount, a count) is written as it is, even when negative. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Text a spreadsheet would read as a formula (=, +, -, @, tab, return at the start) is opened as
 * text instead, by an apostrophe before it: the CSV is opened in Excel by people who trust it.
 * Plain numbers are written as they are. A cell that already starts with apostrophes before such
 * a character gets one more, so `fromSpreadsheetSafe` gives back exactly what was written.
 */
export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** Undoes `spreadsheetSafe`, for a file Bridge wrote that is read back in (an import). */
export function fromSpreadsheetSafe(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value) ? value.slice(1) : value;
}

/** Rows (a header first) as CSV text, every cell made safe to open in a spreadsheet. */
export function csvText(rows: readonly (readonly string[])[]): string {
  return stringify(rows.map((row) => row.map(spreadsheetSafe)));
}

/** Sends rows (a header first) as a CSV file to download: someone's own, kept by no cache. */
export function sendCsv(reply: FastifyReply, fileName: string, rows: readonly string[][]) {
  return csvReply(reply, fileName, rows, 'private, no-store');
}

/**
 * Sends public rows (open data) as a CSV file: the same for everyone, so any cache may keep it
 * for five minutes (a kept public page is answered with an ETag instead: http/public-cache.ts).
 */
export function sendPublicCsv(reply: FastifyReply, fileName: string, rows: readonly string[][]) {
  return csvReply(reply, fileName, rows, 'public, max-age=300');
}

function csvReply(
  reply: FastifyReply,
  fileName: string,
  rows: readonly string[][],
  cacheControl: string,
) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName.replace(/"/g, '')}"`)
    .header('cache-control', cacheControl)
    .send(csvText(rows));
}
