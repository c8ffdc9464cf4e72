/**
 * CSV downloads: quoted by csv-stringify, and safe to open in a spreadsheet.
 */
import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';

/**
 * Text a spreadsheet would read as a formula (=, +, -, @, tab, return at the start) is opened as
 * text instead: the CSV is opened in Excel by people who trust it. Only for text a person typed;
 * numbers and dates are written as they are.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Sends rows (a header first) as a CSV file to download. */
export function sendCsv(reply: FastifyReply, fileName: string, rows: readonly string[][]) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName.replace(/"/g, '')}"`)
    .header('cache-control', 'private, no-store')
    .send(stringify(rows as string[][]));
}
