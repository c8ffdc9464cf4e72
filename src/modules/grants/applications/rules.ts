/**
 * Applying for funding (CON-04, CON-05, CDRP-12): who may apply for what (what a person
 * represents, and what the fund accepts), the sections of an application and when each is
 * complete, the budget lines in integer pence, and when a draft may be submitted or withdrawn.
 * Pure rules.
 */
import type { IsoDate } from '../../../platform/calendar/index.js';
import type { Said, SaidRefusal } from '../../../platform/i18n/said.js';
import { formatPence } from '../../../platform/money/pence.js';
import type { ApplicantKind } from '../constants.js';
import { parseMoney, requiredText, roundState, tidy } from '../funds/rules.js';

type Input = Record<string, string | string[] | undefined>;

/** Something a person may apply for: what they represent, by kind and record. */
export interface Applicant {
  kind: ApplicantKind;
  /** The engagement group's id, or the directory organisation's (the borough, the organisation). */
  id: string;
  name: string;
}

/** The roles and directory entry that decide what a person represents. */
export interface Represents {
  /** Engagement groups whose engagement_officer role they hold. */
  engagementGroups: { id: string; name: string }[];
  /** Boroughs whose partnership_officer role they hold. */
  boroughs: { id: string; name: string }[];
  /** The community organisation their own directory entry belongs to, if any. */
  organisation: { id: string; name: string } | null;
}

/** The value of an applicant's choice on the form: `kind:id`. */
export const applicantValue = (a: { kind: string; id: string }) => `${a.kind}:${a.id}`;

/**
 * CON-04, CON-05: what a person may apply for to a fund: each thing they represent whose kind the
 * fund accepts. A borough's partnership officer applies for its partnership or its command.
 */
export function applicantsFor(
  represents: Represents,
  fundAccepts: readonly string[],
  names: { partnership: (borough: string) => string; borough: (borough: string) => string },
): Applicant[] {
  const all: Applicant[] = [
    ...represents.engagementGroups.map((g) => ({
      kind: 'engagement_group' as const,
      id: g.id,
      name: g.name,
    })),
    ...represents.boroughs.flatMap((b) => [
      { kind: 'partnership' as const, id: b.id, name: names.partnership(b.name) },
      { kind: 'borough' as const, id: b.id, name: names.borough(b.name) },
    ]),
    ...(represents.organisation
      ? [{ kind: 'organisation' as const, ...represents.organisation }]
      : []),
  ];
  return all.filter((a) => fundAccepts.includes(a.kind));
}

/** CON-04: the applicant chosen must be one offered; anything else (a forged choice) is refused. */
export function chosenApplicant(
  offered: readonly Applicant[],
  typed: string | string[] | undefined,
): { applicant: Applicant } | { refusal: SaidRefusal } {
  const found = offered.find((a) => applicantValue(a) === typed);
  return found
    ? { applicant: found }
    : { refusal: { field: 'applicant', key: 'grants:applications.errors.applicantMissing' } };
}

/** Whether a person represents an application's applicant (and so may see and change it). */
export function representsApplicant(
  represents: Represents,
  application: {
    applicantKind: string;
    engagementGroupId: string | null;
    organisationId: string | null;
  },
): boolean {
  switch (application.applicantKind) {
    case 'engagement_group':
      return represents.engagementGroups.some((g) => g.id === application.engagementGroupId);
    case 'partnership':
    case 'borough':
      return represents.boroughs.some((b) => b.id === application.organisationId);
    case 'organisation':
      return represents.organisation?.id === application.organisationId;
    default:
      return false;
  }
}

/**
 * CON-04: a person may start an application only while the round is open. Said of the round, not
 * a field: a round not open has no start form.
 */
export function roundClosedRefusal(
  round: { opensOn: string; closesOn: string },
  today: IsoDate,
): Said | null {
  const state = roundState(round, today);
  if (state === 'open') return null;
  return {
    key: `grants:applications.errors.round.${state}`,
    values:
      state === 'upcoming' ? { date: { date: round.opensOn } } : { date: { date: round.closesOn } },
  };
}

export const SECTIONS = ['about', 'objectives', 'budget', 'outcomes'] as const;
export type Section = (typeof SECTIONS)[number];
export type SectionStatus = 'not_started' | 'in_progress' | 'complete';

/** What an application holds, as the sections read it. */
export interface Draft {
  projectTitle: string;
  summary: string | null;
  startsOn: string | null;
  endsOn: string | null;
  objectives: string | null;
  activities: string | null;
  lines: number;
  outcomes: number;
}

/** CON-04: each section of an application, complete when everything it asks is given. */
export function sectionStatuses(d: Draft): Record<Section, SectionStatus> {
  const of = (given: boolean[]): SectionStatus =>
    given.every(Boolean) ? 'complete' : given.some(Boolean) ? 'in_progress' : 'not_started';
  return {
    about: of([!!d.projectTitle, !!d.summary, !!d.startsOn, !!d.endsOn]),
    objectives: of([!!d.objectives, !!d.activities]),
    budget: d.lines > 0 ? 'complete' : 'not_started',
    outcomes: d.outcomes > 0 ? 'complete' : 'not_started',
  };
}

/**
 * CON-04, CON-05: a draft is submitted while its round is open and every section is complete;
 * each refusal names what is missing (its section on the check page), or the round closed (at
 * the submit form). One no longer a draft is said without a field: its page has no submit form.
 */
export function submitRefusals(
  d: Draft & { status: string },
  round: { opensOn: string; closesOn: string },
  today: IsoDate,
): (Said | SaidRefusal)[] {
  if (d.status !== 'draft') return [notDraft];
  const closed = roundClosedRefusal(round, today);
  if (closed) return [{ ...closed, field: 'submit' }];
  const refusals: SaidRefusal[] = [];
  const missing = (field: string, what: string) =>
    refusals.push({ field, key: `grants:applications.missing.${what}` });
  if (!d.projectTitle) missing('about', 'projectTitle');
  if (!d.summary) missing('about', 'summary');
  if (!d.startsOn) missing('about', 'startsOn');
  if (!d.endsOn) missing('about', 'endsOn');
  if (!d.objectives) missing('objectives', 'objectives');
  if (!d.activities) missing('objectives', 'activities');
  if (!d.lines) missing('budget', 'lines');
  if (!d.outcomes) missing('outcomes', 'outcomes');
  return refusals;
}

/** An application may be withdrawn by its applicant before the panel decides. */
export function withdrawRefusal(status: string): SaidRefusal | null {
  return status === 'draft' || status === 'submitted'
    ? null
    : { field: 'withdraw', key: 'grants:applications.errors.cannotWithdraw' };
}

/** A draft's sections are changed only while it is a draft. */
export const editable = (status: string) => status === 'draft';

/**
 * Refused for what the application has become (submitted, withdrawn), not for a field: the
 * section pages and the check page show no field it could be said at.
 */
export const notDraft: Said = { key: 'grants:applications.errors.notDraft' };

export const MAX_LINES = 30;
export const MAX_OUTCOMES = 20;

/** The about section as saved part-way: what is given is checked, nothing is required yet. */
export function validateAbout(
  input: Input,
  startsOn: IsoDate | null,
  endsOn: IsoDate | null,
): { value: { projectTitle: string; summary: string | null }; refusals: SaidRefusal[] } {
  const refusals: SaidRefusal[] = [];
  const projectTitle = requiredText(refusals, input, 'projectTitle', 200);
  const summary = tidy(input.summary);
  if (summary.length > 2000)
    refusals.push({ field: 'summary', key: 'grants:funds.errors.tooLong', values: { max: 2000 } });
  if (startsOn && endsOn && endsOn < startsOn)
    refusals.push({ field: 'endsOn-day', key: 'grants:applications.errors.endsBeforeStarts' });
  return { value: { projectTitle, summary: summary || null }, refusals };
}

/** Objectives and activities, saved part-way. */
export function validateObjectives(input: Input): {
  value: { objectives: string | null; activities: string | null };
  refusals: SaidRefusal[];
} {
  const refusals: SaidRefusal[] = [];
  const read = (field: string) => {
    const value = tidy(input[field]);
    if (value.length > 5000)
      refusals.push({ field, key: 'grants:funds.errors.tooLong', values: { max: 5000 } });
    return value || null;
  };
  return { value: { objectives: read('objectives'), activities: read('activities') }, refusals };
}

/** The most one application may ask for in all (its lines' sum): £2,000,000. */
export const MAX_REQUEST_PENCE = 2_000_000_00;

/**
 * CDRP-12: a budget line says what the money is for and how much, in pence, above nothing; the
 * lines together ask for no more than MAX_REQUEST_PENCE (`totalPence`: the lines already there).
 */
export function validateBudgetLine(
  input: Input,
  lines: number,
  totalPence = 0,
): { value: { description: string; amountPence: number }; refusals: SaidRefusal[] } {
  const refusals: SaidRefusal[] = [];
  const description = requiredText(refusals, input, 'lineDescription', 300);
  const money = parseMoney(input.amount, 'amount');
  if ('refusal' in money) refusals.push(money.refusal);
  else if (totalPence + money.pence > MAX_REQUEST_PENCE)
    refusals.push({
      field: 'amount',
      key: 'grants:applications.errors.requestTooLarge',
      values: { max: formatPence(MAX_REQUEST_PENCE) },
    });
  if (lines >= MAX_LINES)
    refusals.push({
      field: 'lineDescription',
      key: 'grants:applications.errors.tooManyLines',
      values: { max: MAX_LINES },
    });
  return { value: { description, amountPence: 'pence' in money ? money.pence : 0 }, refusals };
}

/** CON-04: an outcome promised, with how it will be measured. */
export function validateOutcome(
  input: Input,
  outcomes: number,
): { value: { outcome: string; measure: string }; refusals: SaidRefusal[] } {
  const refusals: SaidRefusal[] = [];
  const outcome = requiredText(refusals, input, 'outcome', 500);
  const measure = requiredText(refusals, input, 'measure', 500);
  if (outcomes >= MAX_OUTCOMES)
    refusals.push({
      field: 'outcome',
      key: 'grants:applications.errors.tooManyOutcomes',
      values: { max: MAX_OUTCOMES },
    });
  return { value: { outcome, measure }, refusals };
}

/** CDRP-12: what is asked for is the sum of the budget lines. */
export const requestedPence = (lines: readonly { amountPence: number }[]) =>
  lines.reduce((sum, l) => sum + l.amountPence, 0);
