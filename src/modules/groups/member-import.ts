/**
 * Reads a list of a group's existing members, as CSV, for import: one row per person with the
 * date they first joined and, for a member in a second term, the date the chair and the Director
 * agreed it and who they were (IAG-18). Pure: checks every row and names each bad one by its line
 * number.
 */
import { parse } from 'csv-parse/sync';
import { parseIsoDate, type IsoDate } from '../../platform/calendar/index.js';
import { lineWithNul, NUL_IN_FILE } from '../../platform/http/text-input.js';
import type { Translate } from '../../platform/i18n/messages.js';

export const MEMBER_IMPORT_COLUMNS = [
  'name',
  'email',
  'first_joined',
  'publish_name',
  'second_term_agreed_on',
  'agreed_by_chair',
  'agreed_by_director',
] as const;
export const MEMBER_IMPORT_MAX_ROWS = 500;

export interface MemberImportRow {
  line: number;
  name: string;
  email: string | null;
  firstJoined: IsoDate;
  publishName: boolean;
  /** IAG-18: the second term's agreement as the group's records have it, or null. */
  secondTermAgreement: { agreedOn: IsoDate; chair: string; director: string } | null;
}

export interface MemberImportProblem {
  line: number;
  message: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** 2007-04-30, or the UK's 30/04/2007. */
function dateOf(value: string): IsoDate | null {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (uk) return parseIsoDate(`${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`);
  return parseIsoDate(value);
}

/** `t` words the problems (the default language's, as the service has no request). */
export function parseMemberImport(
  csv: string,
  today: IsoDate,
  t: Translate,
): { rows: MemberImportRow[]; problems: MemberImportProblem[] } {
  // PostgreSQL cannot store a null character: the list is refused, naming the line.
  const nulLine = lineWithNul(csv);
  if (nulLine) return { rows: [], problems: [{ line: nulLine, message: NUL_IN_FILE }] };
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_')),
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return {
      rows: [],
      problems: [{ line, message: t('groups:memberImport.notCsv') }],
    };
  }
  const problems: MemberImportProblem[] = [];
  const header = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const headings = header.split(',').map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  const missing = ['name', 'first_joined'].filter((c) => !headings.includes(c));
  if (missing.length)
    return {
      rows: [],
      problems: [
        {
          line: 1,
          message: t('groups:memberImport.missingColumns', { columns: missing.join(', ') }),
        },
      ],
    };
  if (records.length === 0)
    return { rows: [], problems: [{ line: 2, message: t('groups:memberImport.empty') }] };
  if (records.length > MEMBER_IMPORT_MAX_ROWS)
    return {
      rows: [],
      problems: [
        {
          line: MEMBER_IMPORT_MAX_ROWS + 2,
          message: t('groups:memberImport.tooMany', { max: MEMBER_IMPORT_MAX_ROWS }),
        },
      ],
    };
  const rows: MemberImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const name = record.name ?? '';
    const email = (record.email ?? '').toLowerCase() || null;
    const joined = record.first_joined ?? '';
    const publish = (record.publish_name ?? '').toLowerCase();
    const rowProblems: string[] = [];
    // Each problem is a clause of the line's one sentence (joined by "; ").
    const problem = (key: string, values?: Record<string, string | number>) =>
      rowProblems.push(t(`groups:memberImport.row.${key}`, values));
    if (!name) problem('noName');
    else if (name.length > 200) problem('nameTooLong');
    if (email && !EMAIL.test(email)) problem('notEmail', { email });
    const firstJoined = dateOf(joined);
    if (!joined) problem('noFirstJoined');
    else if (!firstJoined) problem('firstJoinedNotDate', { date: joined });
    else if (firstJoined > today) problem('firstJoinedInFuture');
    if (!['', 'yes', 'no', 'y', 'n'].includes(publish)) problem('publishName');
    const agreedOnText = record.second_term_agreed_on ?? '';
    const chair = record.agreed_by_chair ?? '';
    const director = record.agreed_by_director ?? '';
    const agreedOn = agreedOnText ? dateOf(agreedOnText) : null;
    if (agreedOnText || chair || director) {
      if (!agreedOnText || !chair || !director) problem('agreementIncomplete');
      if (agreedOnText && !agreedOn) problem('agreedOnNotDate', { date: agreedOnText });
      else if (agreedOn && agreedOn > today) problem('agreedOnInFuture');
      else if (agreedOn && firstJoined && agreedOn < firstJoined) problem('agreedBeforeJoining');
      if (chair.length > 200 || director.length > 200) problem('agreedByTooLong');
      if (chair && director && chair.toLowerCase() === director.toLowerCase())
        problem('agreedBySamePerson');
    }
    const key = email ?? name.toLowerCase();
    if (key && seen.has(key)) problem('samePerson', { line: seen.get(key)! });
    if (key) seen.set(key, line);
    if (rowProblems.length) problems.push({ line, message: capitalise(rowProblems.join('; ')) });
    else
      rows.push({
        line,
        name,
        email,
        firstJoined: firstJoined!,
        publishName: publish.startsWith('y'),
        secondTermAgreement: agreedOn ? { agreedOn, chair, director } : null,
      });
  }
  return { rows, problems };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
