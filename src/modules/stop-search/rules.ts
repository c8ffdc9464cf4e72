/**
 * LEG-04: stop and search is monitored from the monthly files police.uk publishes for each force,
 * read exactly as published. Pure: reading a file checks every line and names each bad one, so
 * a file is imported whole or not at all.
 *
 * A file holds one month (police.uk publishes one file per force per month); the month is the one
 * its searches are dated in, as written (police.uk writes each date with its offset).
 */
import type { Said } from '../../platform/i18n/said.js';
import { readCsvRecords, type LineProblem } from '../../platform/files/csv-records.js';

// The census file's reading (reference-rules.ts) uses the same reader.
export {
  readCsvRecords,
  type CsvRecord,
  type LineProblem,
} from '../../platform/files/csv-records.js';

/** The header of a police.uk stop-and-search file, exactly as published. */
export const POLICE_UK_COLUMNS = [
  'Type',
  'Date',
  'Part of a policing operation',
  'Policing operation',
  'Latitude',
  'Longitude',
  'Gender',
  'Age range',
  'Self-defined ethnicity',
  'Officer-defined ethnicity',
  'Legislation',
  'Object of search',
  'Outcome',
  'Outcome linked to object of search',
  'Removal of more than just outer clothing',
] as const;

export const SEARCH_TYPES = [
  'Person search',
  'Person and Vehicle search',
  'Vehicle search',
] as const;
export const GENDERS = ['Male', 'Female', 'Other'] as const;
export const AGE_RANGES = ['under 10', '10-17', '18-24', '25-34', 'over 34'] as const;

/** The five broad ethnic groups of the census, as stop-and-search figures are given by. */
export const ETHNIC_GROUPS = ['white', 'black', 'asian', 'mixed', 'other'] as const;
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number];

/** What an officer records of the person searched (police.uk's words). */
export const OFFICER_DEFINED_ETHNICITIES = ['White', 'Black', 'Asian', 'Mixed', 'Other'] as const;

/**
 * A self-defined ethnicity as police.uk writes it ("Black/African/Caribbean/Black British -
 * Caribbean") starts with its broad group; "Other ethnic group - Not stated" is no answer.
 */
const SELF_DEFINED_PREFIXES: [string, EthnicGroup][] = [
  ['White', 'white'],
  ['Black/African/Caribbean/Black British', 'black'],
  ['Asian/Asian British', 'asian'],
  ['Mixed/Multiple ethnic groups', 'mixed'],
  ['Other ethnic group', 'other'],
];
const NOT_STATED = 'Other ethnic group - Not stated';

/** The broad group of a self-defined ethnicity: null when not stated, undefined when not known. */
export function selfDefinedGroup(value: string): EthnicGroup | null | undefined {
  if (value === '' || value === NOT_STATED) return null;
  const [prefix] = value.split(' - ');
  return SELF_DEFINED_PREFIXES.find(([p]) => p === prefix?.trim())?.[1];
}

/** The broad group of an officer-defined ethnicity (null when not recorded). */
export function officerDefinedGroup(value: string): EthnicGroup | null | undefined {
  if (value === '') return null;
  const i = (OFFICER_DEFINED_ETHNICITIES as readonly string[]).indexOf(value);
  // Listed in the same order as ETHNIC_GROUPS.
  return i < 0 ? undefined : ETHNIC_GROUPS[i];
}

/** One search as read from a file: the published words kept as they are, blanks as null. */
export interface Search {
  type: (typeof SEARCH_TYPES)[number];
  /** The instant, as the file dates it. */
  occurredAt: Date;
  partOfOperation: boolean | null;
  operation: string | null;
  latitude: number | null;
  longitude: number | null;
  gender: (typeof GENDERS)[number] | null;
  ageRange: (typeof AGE_RANGES)[number] | null;
  selfDefinedEthnicity: string | null;
  selfDefinedGroup: EthnicGroup | null;
  officerDefinedEthnicity: (typeof OFFICER_DEFINED_ETHNICITIES)[number] | null;
  legislation: string | null;
  objectOfSearch: string | null;
  outcome: string | null;
  outcomeLinked: boolean | null;
  removalOfClothing: boolean | null;
}

/** A file read: its month (YYYY-MM-01) and searches, or every problem by line. */
export type SearchFile =
  | { month: string; searches: Search[]; problems: [] }
  | { month: null; searches: []; problems: LineProblem[] };

/** More than a month's searches of the largest force, many times over: a file this long is not one. */
export const MAX_SEARCHES_PER_FILE = 250_000;
/** Beyond this many, the rest of a bad file's problems are not listed (the file is refused anyway). */
export const MAX_PROBLEMS_LISTED = 50;

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const problem = (name: string, values?: Said['values']): Said => ({
  key: `stop-search:file.problems.${name}`,
  values,
});

/** A police.uk true/false cell ("True", "False", or blank). */
function yesNo(value: string): boolean | null | undefined {
  if (value === '') return null;
  const lower = value.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** A coordinate: blank, or a decimal number within its range. */
function coordinate(value: string, limit: number): number | null | undefined {
  if (value === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(value)) return undefined;
  const n = Number(value);
  return Math.abs(n) <= limit ? n : undefined;
}

/** An instant as police.uk writes it, with its month as written; undefined if not one. */
function instant(value: string): { at: Date; month: string } | undefined {
  const m = ISO_INSTANT.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const day = new Date(Date.UTC(y!, mo! - 1, d!));
  if (day.getUTCMonth() !== mo! - 1 || day.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59)
    return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : { at, month: `${m[1]}-${m[2]}-01` };
}

function oneOf<T extends string>(list: readonly T[], value: string): T | null | undefined {
  if (value === '') return null;
  return (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * LEG-04: reads a police.uk stop-and-search file. The header must be police.uk's exactly (in
 * its order); blank cells are allowed where police.uk leaves them blank; every search must be
 * of the same month. Any problem refuses the whole file, with each bad line named.
 */
export function readPoliceUkFile(text: string): SearchFile {
  const refuse = (problems: LineProblem[]): SearchFile => ({
    month: null,
    searches: [],
    problems: problems.slice(0, MAX_PROBLEMS_LISTED),
  });
  const read = readCsvRecords(text, problem);
  if ('problem' in read) return refuse([read.problem]);
  const [header, ...rows] = read.records;
  const headings = header.record.map((h) => h.trim());
  const missing = POLICE_UK_COLUMNS.filter((c) => !headings.includes(c));
  if (missing.length)
    return refuse([
      { line: 1, message: problem('missingColumns', { columns: missing.join(', ') }) },
    ]);
  const unknown = headings.filter((h) => !(POLICE_UK_COLUMNS as readonly string[]).includes(h));
  if (unknown.length)
    return refuse([
      { line: 1, message: problem('unknownColumns', { columns: unknown.join(', ') }) },
    ]);
  // Every column there and none other: a column named twice.
  if (headings.length !== POLICE_UK_COLUMNS.length)
    return refuse([{ line: 1, message: problem('header') }]);
  if (!rows.length) return refuse([{ line: 1, message: problem('noSearches') }]);
  if (rows.length > MAX_SEARCHES_PER_FILE)
    return refuse([{ line: 1, message: problem('tooMany', { max: MAX_SEARCHES_PER_FILE }) }]);

  const at = Object.fromEntries(POLICE_UK_COLUMNS.map((c) => [c, headings.indexOf(c)])) as Record<
    (typeof POLICE_UK_COLUMNS)[number],
    number
  >;
  const problems: LineProblem[] = [];
  const searches: Search[] = [];
  let month: string | null = null;
  for (const { record, info } of rows) {
    // A search never spans lines in police.uk's files: the line it ends on is its line.
    const line = info.lines;
    const bad = (name: string, values?: Said['values']) =>
      problems.push({ line, message: problem(name, values) });
    if (record.length !== POLICE_UK_COLUMNS.length) {
      bad('cellCount', { found: record.length, expected: POLICE_UK_COLUMNS.length });
      continue;
    }
    const cell = (c: (typeof POLICE_UK_COLUMNS)[number]) => record[at[c]]!.trim();
    const before = problems.length;
    const type = oneOf(SEARCH_TYPES, cell('Type'));
    if (!type) bad('type', { value: cell('Type') });
    const when = instant(cell('Date'));
    if (!when) bad('date', { value: cell('Date') });
    else if (month === null) month = when.month;
    else if (when.month !== month)
      bad('otherMonth', { month: { month: month }, found: { month: when.month } });
    const partOfOperation = yesNo(cell('Part of a policing operation'));
    if (partOfOperation === undefined)
      bad('yesNo', {
        column: 'Part of a policing operation',
        value: cell('Part of a policing operation'),
      });
    const latitude = coordinate(cell('Latitude'), 90);
    const longitude = coordinate(cell('Longitude'), 180);
    if (latitude === undefined) bad('coordinate', { column: 'Latitude', value: cell('Latitude') });
    if (longitude === undefined)
      bad('coordinate', { column: 'Longitude', value: cell('Longitude') });
    if ((latitude === null) !== (longitude === null)) bad('halfLocation');
    const gender = oneOf(GENDERS, cell('Gender'));
    if (gender === undefined) bad('listed', { column: 'Gender', value: cell('Gender') });
    const ageRange = oneOf(AGE_RANGES, cell('Age range'));
    if (ageRange === undefined) bad('listed', { column: 'Age range', value: cell('Age range') });
    const selfDefined = cell('Self-defined ethnicity');
    const group = selfDefinedGroup(selfDefined);
    if (group === undefined)
      bad('listed', { column: 'Self-defined ethnicity', value: selfDefined });
    const officerDefined = oneOf(OFFICER_DEFINED_ETHNICITIES, cell('Officer-defined ethnicity'));
    if (officerDefined === undefined)
      bad('listed', {
        column: 'Officer-defined ethnicity',
        value: cell('Officer-defined ethnicity'),
      });
    const outcomeLinked = yesNo(cell('Outcome linked to object of search'));
    if (outcomeLinked === undefined)
      bad('yesNo', {
        column: 'Outcome linked to object of search',
        value: cell('Outcome linked to object of search'),
      });
    const removal = yesNo(cell('Removal of more than just outer clothing'));
    if (removal === undefined)
      bad('yesNo', {
        column: 'Removal of more than just outer clothing',
        value: cell('Removal of more than just outer clothing'),
      });
    if (problems.length > before) {
      if (problems.length >= MAX_PROBLEMS_LISTED) break;
      continue;
    }
    const text = (c: (typeof POLICE_UK_COLUMNS)[number]) => cell(c) || null;
    searches.push({
      type: type!,
      occurredAt: when!.at,
      partOfOperation: partOfOperation!,
      operation: text('Policing operation'),
      latitude: latitude!,
      longitude: longitude!,
      gender: gender!,
      ageRange: ageRange!,
      selfDefinedEthnicity: text('Self-defined ethnicity'),
      selfDefinedGroup: group!,
      officerDefinedEthnicity: officerDefined!,
      legislation: text('Legislation'),
      objectOfSearch: text('Object of search'),
      outcome: text('Outcome'),
      outcomeLinked: outcomeLinked!,
      removalOfClothing: removal!,
    });
  }
  if (problems.length) return refuse(problems);
  return { month: month!, searches, problems: [] };
}
