/**
 * Tracker records a test makes for itself: a source with its recommendations, key points and
 * actions, imported through the tracker's own service as an authority officer imports a file
 * (TRK-01), so the rows are the ones the pages read.
 */
import { eq } from 'drizzle-orm';
import { organisations } from '../../src/modules/directory/schema.js';
import { TRACKER_CSV_COLUMNS } from '../../src/modules/tracker/transfer/csv.js';
import { principalFor, type TestApp } from '../app.js';
import { makeAccount } from './accounts.js';

export type TrackerRow = Partial<Record<(typeof TRACKER_CSV_COLUMNS)[number], string>>;

/** One line of the tracker's import format, its cells in the format's order. */
export const trackerCsvRow = (cells: TrackerRow): string =>
  TRACKER_CSV_COLUMNS.map((c) => cells[c] ?? '').join(',');

/** A whole import file: the heading line, then a line per row. */
export const trackerCsv = (rows: TrackerRow[]): string =>
  [TRACKER_CSV_COLUMNS.join(','), ...rows.map(trackerCsvRow)].join('\n');

/** The id of a reference organisation (a borough by its ONS code, a unit by its code). */
export async function organisationIdByCode(t: TestApp, code: string): Promise<string> {
  const [row] = await t.services.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.code, code));
  if (!row) throw new Error(`No organisation with the code ${code}`);
  return row.id;
}

/**
 * Imports a source from rows of the import format (the first row names the source) through the
 * tracker service, as a new authority officer; gives the source's id.
 */
export async function makeTrackerSource(t: TestApp, rows: TrackerRow[]): Promise<string> {
  const officer = await makeAccount(t, { role: 'authority_officer' });
  const result = await t.services.tracker.importCsv(
    await principalFor(t, officer.email),
    trackerCsv(rows),
  );
  return result.source.id;
}
