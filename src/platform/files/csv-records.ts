/**
 * Reading an uploaded CSV file to its records, each with the line it ends on, so that a module's
 * import can check every line and name each bad one (a file is imported whole or not at all).
 * Each module words its own problems.
 */
import { parse } from 'csv-parse/sync';
import type { Said } from '../i18n/said.js';
import { lineWithNul } from '../http/text-input.js';

/** A CSV record and the line it ends on. */
export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** What is wrong with a line of a file. */
export interface LineProblem {
  line: number;
  message: Said;
}

/**
 * A CSV file's records, header first (a spreadsheet's byte-order mark and blank lines left
 * out), or the one problem that stops it being read at all: a null character, not CSV, or empty.
 */
export function readCsvRecords(
  text: string,
  /** The file's own words for each problem. */
  said: (name: 'nul' | 'notCsv' | 'empty') => Said,
): { records: [CsvRecord, ...CsvRecord[]] } | { problem: LineProblem } {
  const nulLine = lineWithNul(text);
  if (nulLine) return { problem: { line: nulLine, message: said('nul') } };
  let records: CsvRecord[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    return {
      problem: { line: (error as { lines?: number }).lines ?? 1, message: said('notCsv') },
    };
  }
  const [header, ...rows] = records;
  if (!header) return { problem: { line: 1, message: said('empty') } };
  return { records: [header, ...rows] };
}
