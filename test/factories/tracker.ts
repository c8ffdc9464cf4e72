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

/**
 * Seed 002's Appendix 4 (issue 23), as the seed words and numbers it: the part "Objectives" (1 to
 * 3), the part "MPA Action Plan 2002/03" (1 to 10), item 2's sub-items 2.1 to 2.3 and item 3's
 * 3.1 to 3.6. The tests that type it in through the pages read it from here.
 */
export const SEED_002_APPENDIX_4 = {
  objectivesPart: 'Objectives',
  planPart: 'MPA Action Plan 2002/03',
  objectives: [
    'To establish an integrated framework of local consultation through consultative groups across London;',
    'To engage consultative groups in MPA activity and the MPA in Consultative Group activity;',
    'To develop effective financial accountability of consultative groups.',
  ],
  plan: [
    'To arrange and hold a one-day seminar for consultative groups;',
    'To develop a budget strategy incorporating:',
    'To prepare a position statement and development plan for groups as requested, considering:',
    'To identify central support to be provided to consultative groups.',
    'To publicise and promote consultative groups.',
    'To review how to involve consultative groups in future policing plan and other MPA consultation.',
    'To develop consultation feed-up and feed-back channels between consultative groups and the MPA as well as the corporate centre of the MPS.',
    'To identify MPA staffing requirements to support the day-to-day management and longer-term development of consultative groups;',
    'To identify, review and exchange best practice existing in consultative groups.',
    'To develop and introduce relevant financial monitoring procedures.',
  ],
  item2: [
    ['2.1', 'Future consultation budget structure'],
    ['2.2', 'A review of the funding application procedure and criteria;'],
    ['2.3', 'Funding of Best Value Report proposals.'],
  ],
  item3: [
    ['3.1', 'Staffing;'],
    ['3.2', 'Accommodation;'],
    ['3.3', 'Consultative processes;'],
    ['3.4', 'Structure;'],
    ['3.5', 'Integration with local agencies;'],
    ['3.6', 'Links with Independent Custody Visiting.'],
  ],
} as const;

/**
 * What seed 002's Appendix 4 reads, in its order, as the pages, report and PDF show it: each item
 * headed by its noun and number ("Recommendation 2", or "Objective 2" for a work plan).
 */
export function seed002Order(noun: 'Recommendation' | 'Objective'): string[] {
  const { objectivesPart, planPart, objectives, plan, item2, item3 } = SEED_002_APPENDIX_4;
  return [
    objectivesPart,
    ...objectives.flatMap((words, i) => [`${noun} ${i + 1}`, words]),
    planPart,
    `${noun} 1`,
    plan[0],
    `${noun} 2`,
    plan[1],
    ...item2.map(([n, words]) => `${n} ${words}`),
    `${noun} 3`,
    plan[2],
    ...item3.map(([n, words]) => `${n} ${words}`),
    ...plan.slice(3).flatMap((words, i) => [`${noun} ${i + 4}`, words]),
  ];
}
