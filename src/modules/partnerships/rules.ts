/**
 * The partnerships register's rules (seed 004): each borough's community safety partnership has
 * a nominated officer of inspector rank or above and a superintendent as deputy, and the register
 * shows when each entry was last confirmed (CDRP-01); its audits, strategies, targets and
 * performance are kept centrally by year (CDRP-10); its information-sharing protocol is recorded
 * with its compliance with the central guidance (CDRP-15). Pure: no I/O.
 */
import {
  addCalendarDays,
  addCalendarMonths,
  reportingYear,
  reportingYearOf,
  toLondonDate,
  type IsoDate,
} from '../../platform/calendar/index.js';
import type { SaidRefusal } from '../../platform/i18n/said.js';

/** Police ranks, lowest first (the Metropolitan Police's, up to a borough's commander). */
export const POLICE_RANKS = [
  'constable',
  'sergeant',
  'inspector',
  'chief_inspector',
  'superintendent',
  'chief_superintendent',
  'commander',
] as const;
export type PoliceRank = (typeof POLICE_RANKS)[number];

export const isPoliceRank = (value: unknown): value is PoliceRank =>
  (POLICE_RANKS as readonly unknown[]).includes(value);

const rankOrder = (rank: PoliceRank) => POLICE_RANKS.indexOf(rank);

/** CDRP-01: the nominated officer is an inspector or above ("at Inspector rank or above"). */
export function nominatedOfficerRankAllowed(rank: PoliceRank): boolean {
  return rankOrder(rank) >= rankOrder('inspector');
}

/**
 * CDRP-01: the deputy is "a superintendent": of superintending rank, superintendent or chief
 * superintendent (a commander is a borough's commander, not a deputy).
 */
export function deputyRankAllowed(rank: PoliceRank): boolean {
  return rank === 'superintendent' || rank === 'chief_superintendent';
}

/** A register entry's officers as typed. */
export interface OfficersInput {
  name?: string | undefined;
  officerName?: string | undefined;
  officerEmail?: string | undefined;
  officerRank?: string | undefined;
  deputyName?: string | undefined;
  deputyEmail?: string | undefined;
  deputyRank?: string | undefined;
}

export interface OfficersValue {
  name: string;
  officer: { fullName: string; email: string | null; rank: PoliceRank };
  deputy: { fullName: string; email: string | null; rank: PoliceRank };
}

const tidy = (value: string | undefined) => value?.replace(/\s+/g, ' ').trim() ?? '';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * CDRP-01: an entry's partnership name, its nominated officer (inspector or above) and its deputy
 * (a superintendent), each with a name and a rank, and an e-mail address if known (by which the
 * directory finds them); the two are different people.
 */
export function validateOfficers(input: OfficersInput): {
  refusals: SaidRefusal[];
  value: OfficersValue;
} {
  const refusals: SaidRefusal[] = [];
  const name = tidy(input.name);
  if (!name) refusals.push({ field: 'name', key: 'partnerships:register.errors.nameMissing' });
  else if (name.length > 200)
    refusals.push({
      field: 'name',
      key: 'partnerships:register.errors.nameTooLong',
      values: { max: 200 },
    });
  const person = (who: 'officer' | 'deputy') => {
    const fullName = tidy(input[`${who}Name`]);
    const email = tidy(input[`${who}Email`]).toLowerCase() || null;
    const rank = input[`${who}Rank`];
    if (!fullName)
      refusals.push({ field: `${who}Name`, key: `partnerships:register.errors.${who}NameMissing` });
    else if (fullName.length > 200)
      refusals.push({
        field: `${who}Name`,
        key: 'partnerships:register.errors.personNameTooLong',
        values: { max: 200 },
      });
    if (email && (email.length > 254 || !EMAIL.test(email)))
      refusals.push({ field: `${who}Email`, key: 'partnerships:register.errors.emailInvalid' });
    if (!isPoliceRank(rank))
      refusals.push({ field: `${who}Rank`, key: `partnerships:register.errors.${who}RankMissing` });
    else if (who === 'officer' ? !nominatedOfficerRankAllowed(rank) : !deputyRankAllowed(rank))
      refusals.push({ field: `${who}Rank`, key: `partnerships:register.errors.${who}RankTooLow` });
    return { fullName, email, rank: (isPoliceRank(rank) ? rank : 'inspector') as PoliceRank };
  };
  const officer = person('officer');
  const deputy = person('deputy');
  const same =
    officer.fullName &&
    (officer.email && deputy.email
      ? officer.email === deputy.email
      : officer.fullName.toLowerCase() === deputy.fullName.toLowerCase());
  if (same)
    refusals.push({ field: 'deputyName', key: 'partnerships:register.errors.deputySameAsOfficer' });
  return { refusals, value: { name, officer, deputy } };
}

/**
 * CDRP-01: the first day an entry confirmed at this instant is stale: `months` calendar months
 * after the London day it was confirmed (confirmed 31 August, six months: stale from 28 February).
 */
export function staleFrom(confirmedAt: Date, months: number): IsoDate {
  return addCalendarMonths(toLondonDate(confirmedAt), months);
}

/** CDRP-01: whether an entry last confirmed at this instant is stale today. */
export function isStale(confirmedAt: Date, today: IsoDate, months: number): boolean {
  return staleFrom(confirmedAt, months) <= today;
}

/**
 * CDRP-01: the first London day whose confirmations are not stale today: an entry confirmed
 * before the start of it is stale (the list's filter, on its index, agrees with `isStale`).
 */
export function staleCutoffDay(today: IsoDate, months: number): IsoDate {
  // Months are added day-clamped (31 August + 6 is 28 February), so step past every day that
  // `isStale` counts as stale, from the month-wise day before.
  let day = addCalendarMonths(today, -months);
  while (addCalendarMonths(addCalendarDays(day, 1), months) <= today) day = addCalendarDays(day, 1);
  return addCalendarDays(day, 1);
}

/** CDRP-10: what is kept centrally for each partnership, by year. */
export const RECORD_KINDS = ['audit', 'strategy', 'target', 'performance'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface RecordInput {
  year?: string | undefined;
  kind?: string | undefined;
  title?: string | undefined;
  figure?: string | undefined;
  link?: string | undefined;
}

export interface RecordValue {
  startYear: number;
  kind: RecordKind;
  title: string;
  figure: string | null;
  link: string | null;
}

/**
 * CDRP-10: a record kept for a partnership: its reporting year (2000-01 to next year), its kind,
 * its title, a figure for a target or performance (as the partnership states it), and a link to
 * the document where it is published (an http or https address).
 */
export function validateRecord(
  input: RecordInput,
  today: IsoDate,
): {
  refusals: SaidRefusal[];
  value: RecordValue;
} {
  const refusals: SaidRefusal[] = [];
  // Up to next reporting year (1 April to 31 March): in February, next year starts in April.
  const latest = reportingYearOf(today).startYear + 1;
  const yearText = tidy(input.year);
  const startYear = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  if (!yearText) refusals.push({ field: 'year', key: 'partnerships:records.errors.yearMissing' });
  else if (!(startYear >= 2000 && startYear <= latest))
    refusals.push({
      field: 'year',
      key: 'partnerships:records.errors.yearOutOfRange',
      values: { first: reportingYear(2000).label, last: reportingYear(latest).label },
    });
  const kind = (RECORD_KINDS as readonly unknown[]).includes(input.kind)
    ? (input.kind as RecordKind)
    : null;
  if (!kind) refusals.push({ field: 'kind', key: 'partnerships:records.errors.kindMissing' });
  const title = tidy(input.title);
  if (!title) refusals.push({ field: 'title', key: 'partnerships:records.errors.titleMissing' });
  else if (title.length > 300)
    refusals.push({
      field: 'title',
      key: 'partnerships:records.errors.titleTooLong',
      values: { max: 300 },
    });
  const figure = tidy(input.figure) || null;
  if (figure && figure.length > 300)
    refusals.push({
      field: 'figure',
      key: 'partnerships:records.errors.figureTooLong',
      values: { max: 300 },
    });
  const link = tidy(input.link) || null;
  if (link && (link.length > 2000 || !/^https?:\/\/[^\s]+\.[^\s]+$/i.test(link)))
    refusals.push({ field: 'link', key: 'partnerships:records.errors.linkInvalid' });
  return {
    refusals,
    value: { startYear, kind: kind ?? 'audit', title, figure, link },
  };
}

/** CDRP-15: a protocol's compliance with the central guidance on information sharing. */
export const COMPLIANCE_LEVELS = ['compliant', 'partly', 'not'] as const;
export type Compliance = (typeof COMPLIANCE_LEVELS)[number];

export interface ProtocolInput {
  compliance?: string | undefined;
  complianceNote?: string | undefined;
}

export interface ProtocolValue {
  agreedOn: IsoDate;
  reviewOn: IsoDate;
  compliance: Compliance;
  complianceNote: string | null;
  assessedOn: IsoDate;
}

/**
 * CDRP-15: a partnership's information-sharing protocol: the day it was agreed (not in the
 * future), its review date (after it was agreed), and its compliance with the central guidance
 * as assessed on a day (not in the future, nor before it was agreed); partly or not compliant
 * says why in a note.
 */
export function validateProtocol(
  input: ProtocolInput,
  dates: { agreedOn: IsoDate | null; reviewOn: IsoDate | null; assessedOn: IsoDate | null },
  today: IsoDate,
): { refusals: SaidRefusal[]; value: ProtocolValue } {
  const refusals: SaidRefusal[] = [];
  const { agreedOn, reviewOn, assessedOn } = dates;
  if (agreedOn && agreedOn > today)
    refusals.push({ field: 'agreedOn-day', key: 'partnerships:protocol.errors.agreedInFuture' });
  if (agreedOn && reviewOn && reviewOn <= agreedOn)
    refusals.push({
      field: 'reviewOn-day',
      key: 'partnerships:protocol.errors.reviewBeforeAgreed',
    });
  if (assessedOn && assessedOn > today)
    refusals.push({
      field: 'assessedOn-day',
      key: 'partnerships:protocol.errors.assessedInFuture',
    });
  else if (assessedOn && agreedOn && assessedOn < agreedOn)
    refusals.push({
      field: 'assessedOn-day',
      key: 'partnerships:protocol.errors.assessedBeforeAgreed',
    });
  const compliance = (COMPLIANCE_LEVELS as readonly unknown[]).includes(input.compliance)
    ? (input.compliance as Compliance)
    : null;
  if (!compliance)
    refusals.push({ field: 'compliance', key: 'partnerships:protocol.errors.complianceMissing' });
  const complianceNote = tidy(input.complianceNote) || null;
  if (compliance && compliance !== 'compliant' && !complianceNote)
    refusals.push({ field: 'complianceNote', key: 'partnerships:protocol.errors.noteMissing' });
  else if (complianceNote && complianceNote.length > 2000)
    refusals.push({
      field: 'complianceNote',
      key: 'partnerships:protocol.errors.noteTooLong',
      values: { max: 2000 },
    });
  return {
    refusals,
    value: {
      agreedOn: agreedOn ?? today,
      reviewOn: reviewOn ?? today,
      compliance: compliance ?? 'not',
      complianceNote,
      assessedOn: assessedOn ?? today,
    },
  };
}

/** CDRP-15: a protocol whose review date has come without a newer one recorded is overdue. */
export function reviewOverdue(reviewOn: IsoDate | null, today: IsoDate): boolean {
  return reviewOn !== null && reviewOn < today;
}
