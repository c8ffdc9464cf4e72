/**
 * LEG-04: the force's workforce by sex and ethnic group, officers and staff, by rank band, kept
 * as headcounts at a date (a snapshot) so that its equality figures are monitored over time;
 * DP-01: published only with small counts suppressed. Pure.
 */
import type { IsoDate } from '../../platform/calendar/iso-date.js';
import { parseIsoDate } from '../../platform/calendar/iso-date.js';
import { readCsvRecords, type LineProblem } from '../../platform/files/csv-records.js';
import type { Said } from '../../platform/i18n/said.js';
import {
  SMALL_COUNT_THRESHOLD,
  publishedCount,
  suppressCells,
  type CountCell,
  type CountLine,
} from '../../platform/privacy/rules.js';

export type { LineProblem } from '../../platform/files/csv-records.js';

export const WORKFORCES = ['officer', 'staff', 'pcso'] as const;
export type Workforce = (typeof WORKFORCES)[number];

/**
 * Each workforce's rank bands, most junior first: officers by rank (inspector with chief
 * inspector, superintendent with every rank above), staff by grade.
 */
export const RANK_BANDS = {
  officer: ['constable', 'sergeant', 'inspector', 'superintendent'],
  staff: ['staff_junior', 'staff_middle', 'staff_senior'],
  pcso: ['pcso'],
} as const satisfies Record<Workforce, readonly string[]>;
export type RankBand = (typeof RANK_BANDS)[Workforce][number];
export const ALL_RANK_BANDS: readonly RankBand[] = WORKFORCES.flatMap((w) => RANK_BANDS[w]);

export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];

/** The census's five broad ethnic groups, and those who did not say. */
export const ETHNIC_GROUPS = ['asian', 'black', 'mixed', 'white', 'other', 'not_stated'] as const;
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number];
/** LEG-04: minority-ethnic personnel: every group but White (those who did not say are neither). */
export const MINORITY_GROUPS = ['asian', 'black', 'mixed', 'other'] as const;

/** One cell of a snapshot: how many people of a workforce, rank band, sex and ethnic group. */
export interface WorkforceCount {
  workforce: Workforce;
  rankBand: RankBand;
  sex: Sex;
  ethnicGroup: EthnicGroup;
  headcount: number;
}

export const bandsOf = (workforce: Workforce): readonly RankBand[] => RANK_BANDS[workforce];
export const workforceOf = (band: RankBand): Workforce =>
  WORKFORCES.find((w) => (RANK_BANDS[w] as readonly string[]).includes(band))!;

/** More people than any force employs: a headcount above this is a mistake. */
export const MAX_HEADCOUNT = 1_000_000;

// ---------------------------------------------------------------------------------------------
// The file of figures.

/** The header of a file of figures, in this order. */
export const CSV_COLUMNS = [
  'as_at',
  'workforce',
  'rank_band',
  'sex',
  'ethnic_group',
  'headcount',
] as const;

/** Snapshots of many years at every band, sex and group are some thousands of lines. */
export const MAX_LINES = 50_000;
export const MAX_PROBLEMS_LISTED = 50;

/** A snapshot read from a file: its date and every count it gives (cells not given are 0). */
export interface SnapshotRead {
  asAt: IsoDate;
  counts: WorkforceCount[];
}

export type WorkforceFile =
  { snapshots: SnapshotRead[]; problems: [] } | { snapshots: []; problems: LineProblem[] };

const problem = (name: string, values?: Said['values']): Said => ({
  key: `workforce:file.problems.${name}`,
  values,
});

function listed<T extends string>(list: readonly T[], value: string): T | undefined {
  const lower = value.toLowerCase();
  return (list as readonly string[]).includes(lower) ? (lower as T) : undefined;
}

/** A headcount as typed: a whole number from 0 up to MAX_HEADCOUNT, else null. */
export function headcountOf(value: string): number | null {
  const trimmed = value.trim().replace(/,/g, '');
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n <= MAX_HEADCOUNT ? n : null;
}

/**
 * LEG-04: reads a file of workforce figures (`as_at,workforce,rank_band,sex,ethnic_group,
 * headcount`), one line a cell; a file may hold several dates, each a snapshot. Codes are read
 * whatever their letter case. Any problem refuses the whole file, each bad line named.
 */
export function readWorkforceFile(text: string): WorkforceFile {
  const refuse = (problems: LineProblem[]): WorkforceFile => ({
    snapshots: [],
    problems: problems.slice(0, MAX_PROBLEMS_LISTED),
  });
  const read = readCsvRecords(text, problem);
  if ('problem' in read) return refuse([read.problem]);
  const [header, ...rows] = read.records;
  const headings = header.record.map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !headings.includes(c));
  if (missing.length)
    return refuse([
      { line: 1, message: problem('missingColumns', { columns: missing.join(', ') }) },
    ]);
  const unknown = headings.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length || headings.length !== CSV_COLUMNS.length)
    return refuse([
      {
        line: 1,
        message: problem('unknownColumns', { columns: unknown.join(', ') || headings.join(', ') }),
      },
    ]);
  if (!rows.length) return refuse([{ line: 1, message: problem('noFigures') }]);
  if (rows.length > MAX_LINES)
    return refuse([{ line: 1, message: problem('tooMany', { max: MAX_LINES }) }]);

  const at = Object.fromEntries(CSV_COLUMNS.map((c) => [c, headings.indexOf(c)])) as Record<
    (typeof CSV_COLUMNS)[number],
    number
  >;
  const problems: LineProblem[] = [];
  const byDate = new Map<IsoDate, WorkforceCount[]>();
  /** Each cell's first line, so that one given twice names both. */
  const seen = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const bad = (name: string, values?: Said['values']) =>
      problems.push({ line, message: problem(name, values) });
    if (record.length !== CSV_COLUMNS.length) {
      bad('cellCount', { found: record.length, expected: CSV_COLUMNS.length });
      if (problems.length >= MAX_PROBLEMS_LISTED) break;
      continue;
    }
    const cell = (c: (typeof CSV_COLUMNS)[number]) => record[at[c]]!.trim();
    const before = problems.length;
    const asAt = parseIsoDate(cell('as_at'));
    if (!asAt) bad('date', { value: cell('as_at') });
    const workforce = listed(WORKFORCES, cell('workforce'));
    if (!workforce) bad('listed', { column: 'workforce', value: cell('workforce') });
    const rankBand = listed(ALL_RANK_BANDS, cell('rank_band'));
    if (!rankBand) bad('listed', { column: 'rank_band', value: cell('rank_band') });
    else if (workforce && workforceOf(rankBand) !== workforce)
      bad('bandOfOther', { band: rankBand, workforce });
    const sex = listed(SEXES, cell('sex'));
    if (!sex) bad('listed', { column: 'sex', value: cell('sex') });
    const ethnicGroup = listed(ETHNIC_GROUPS, cell('ethnic_group'));
    if (!ethnicGroup) bad('listed', { column: 'ethnic_group', value: cell('ethnic_group') });
    const headcount = headcountOf(cell('headcount'));
    if (headcount === null) bad('headcount', { value: cell('headcount'), max: MAX_HEADCOUNT });
    if (problems.length === before) {
      const key = [asAt, workforce, rankBand, sex, ethnicGroup].join('|');
      const first = seen.get(key);
      if (first !== undefined) bad('twice', { first });
      else {
        seen.set(key, line);
        const counts = byDate.get(asAt!) ?? [];
        byDate.set(asAt!, counts);
        counts.push({
          workforce: workforce!,
          rankBand: rankBand!,
          sex: sex!,
          ethnicGroup: ethnicGroup!,
          headcount: headcount!,
        });
      }
    }
    if (problems.length >= MAX_PROBLEMS_LISTED) break;
  }
  if (problems.length) return refuse(problems);
  return {
    snapshots: [...byDate]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([asAt, counts]) => ({ asAt, counts })),
    problems: [],
  };
}

// ---------------------------------------------------------------------------------------------
// The published figures.

/** The columns of a line of the published figures: counts of people. */
export const FIGURE_COLUMNS = [
  'headcount',
  'female',
  'male',
  ...ETHNIC_GROUPS,
  'minority',
] as const;
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];
export type Tally = Record<FigureColumn, number>;

/** A line of the figures: a rank band, a workforce's total, or every workforce's. */
export type LineKey =
  | { kind: 'band'; workforce: Workforce; band: RankBand }
  | { kind: 'workforce'; workforce: Workforce }
  | { kind: 'all' };

/** DP-01: a line as published: each count as shown, and each share (null when withheld). */
export interface PublishedLine {
  key: LineKey;
  counts: Tally;
  /** Each count as shown: the figure, "fewer than 10" or "not shown". */
  shown: Record<FigureColumn, string>;
  /** LEG-04: minority-ethnic of those who stated their ethnicity (0 to 1). */
  minorityShare: number | null;
  /** LEG-04: women of all personnel (0 to 1). */
  femaleShare: number | null;
}

export interface PublishedSnapshot {
  all: PublishedLine;
  /** The workforces the snapshot counts anyone in, in order, each with its rank bands. */
  workforces: { workforce: Workforce; total: PublishedLine; bands: PublishedLine[] }[];
}

/** A count of people in each column, from the cells given. */
export function tally(counts: readonly WorkforceCount[]): Tally {
  const t = Object.fromEntries(FIGURE_COLUMNS.map((c) => [c, 0])) as Tally;
  for (const c of counts) {
    t.headcount += c.headcount;
    t[c.sex] += c.headcount;
    t[c.ethnicGroup] += c.headcount;
    if ((MINORITY_GROUPS as readonly string[]).includes(c.ethnicGroup)) t.minority += c.headcount;
  }
  return t;
}

/**
 * LEG-04: the share of minority-ethnic personnel, of those who stated their ethnicity (those
 * who did not are left out of the whole), and of women; null where there is nobody to share.
 */
export function shares(t: Tally): { minority: number | null; female: number | null } {
  const stated = t.minority + t.white;
  return {
    minority: stated ? t.minority / stated : null,
    female: t.headcount ? t.female / t.headcount : null,
  };
}

/** What a reader knows holds within a line: its parts add up to its people. */
const WITHIN_LINE: { parts: readonly FigureColumn[]; whole: FigureColumn }[] = [
  { parts: SEXES, whole: 'headcount' },
  { parts: ETHNIC_GROUPS, whole: 'headcount' },
  { parts: MINORITY_GROUPS, whole: 'minority' },
  { parts: ['minority', 'white', 'not_stated'], whole: 'headcount' },
];

/**
 * DP-01: a snapshot as published, decided over all its lines at once (the rank bands, each
 * workforce's total and everyone's), since each is a sum of others a reader sees: a count below
 * 10 is "fewer than 10", and a larger one beside it "not shown" where the others would give it
 * away (platform: suppressCells). A share is published only where every count it is worked from
 * is: a share of a hidden count would give it back.
 */
export function publishSnapshot(
  counts: readonly WorkforceCount[],
  threshold = SMALL_COUNT_THRESHOLD,
): PublishedSnapshot {
  const keys: LineKey[] = [{ kind: 'all' }];
  const present = WORKFORCES.filter((w) => counts.some((c) => c.workforce === w && c.headcount));
  for (const workforce of present) {
    keys.push({ kind: 'workforce', workforce });
    for (const band of bandsOf(workforce)) keys.push({ kind: 'band', workforce, band });
  }
  const tallies = keys.map((k) =>
    tally(
      k.kind === 'all'
        ? counts
        : counts.filter(
            (c) => c.workforce === k.workforce && (k.kind !== 'band' || c.rankBand === k.band),
          ),
    ),
  );
  const width = FIGURE_COLUMNS.length;
  const at = (line: number, column: FigureColumn) => line * width + FIGURE_COLUMNS.indexOf(column);
  const cells: CountCell[] = tallies.flatMap((t) => FIGURE_COLUMNS.map((c) => ({ count: t[c] })));
  const lines: CountLine[] = [];
  tallies.forEach((_, i) => {
    for (const { parts, whole } of WITHIN_LINE)
      lines.push({ parts: parts.map((p) => at(i, p)), whole: at(i, whole) });
  });
  const indexOf = (k: LineKey) =>
    keys.findIndex(
      (x) =>
        x.kind === k.kind &&
        (x.kind === 'all' || (k.kind !== 'all' && x.workforce === k.workforce)) &&
        (x.kind !== 'band' || (k.kind === 'band' && x.band === k.band)),
    );
  for (const column of FIGURE_COLUMNS) {
    lines.push({
      parts: present.map((w) => at(indexOf({ kind: 'workforce', workforce: w }), column)),
      whole: at(0, column),
    });
    for (const workforce of present)
      lines.push({
        parts: bandsOf(workforce).map((band) =>
          at(indexOf({ kind: 'band', workforce, band }), column),
        ),
        whole: at(indexOf({ kind: 'workforce', workforce }), column),
      });
  }
  const published = suppressCells(cells, lines, threshold);
  const line = (i: number): PublishedLine => {
    const t = tallies[i]!;
    const isShown = (c: FigureColumn) => published[at(i, c)]!.shown === 'shown';
    const s = shares(t);
    return {
      key: keys[i]!,
      counts: t,
      shown: Object.fromEntries(
        FIGURE_COLUMNS.map((c) => [c, publishedCount(t[c], published[at(i, c)]!, threshold)]),
      ) as Record<FigureColumn, string>,
      minorityShare: isShown('minority') && isShown('white') ? s.minority : null,
      femaleShare: isShown('female') && isShown('headcount') ? s.female : null,
    };
  };
  return {
    all: line(0),
    workforces: present.map((workforce) => ({
      workforce,
      total: line(indexOf({ kind: 'workforce', workforce })),
      bands: bandsOf(workforce).map((band) => line(indexOf({ kind: 'band', workforce, band }))),
    })),
  };
}

/** The line of a published snapshot for everyone ('all') or one workforce; null if none counted. */
export function lineFor(snapshot: PublishedSnapshot, who: Workforce | 'all'): PublishedLine | null {
  if (who === 'all') return snapshot.all;
  return snapshot.workforces.find((w) => w.workforce === who)?.total ?? null;
}

/** A share as a percentage to one decimal place: 0.134 → "13.4%". */
export const percentText = (share: number) => `${(share * 100).toFixed(1)}%`;
