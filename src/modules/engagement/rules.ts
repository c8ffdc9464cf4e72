/**
 * Engagement groups (CON-04; seed 002 paragraphs 19 to 21 and Appendix 4): minimum standards and
 * each group's standing against them, a position statement and development plan under six
 * headings, and feed-up and feed-back (issues raised and answered). Pure rules: no I/O.
 */
import type { IsoDate } from '../../platform/calendar/index.js';
import type { Said, SaidRefusal } from '../../platform/i18n/said.js';

/** How far a group meets a standard. */
export const STANDINGS = ['met', 'partly', 'not_met'] as const;
export type Standing = (typeof STANDINGS)[number];

/** Seed 002 Appendix 4: the six headings of a position statement and development plan. */
export const PLAN_HEADINGS = [
  'staffing',
  'accommodation',
  'processes',
  'structure',
  'agencies',
  'custody_visiting',
] as const;
export type PlanHeading = (typeof PLAN_HEADINGS)[number];

/** Feed-up: to whom a group raises an issue. */
export const ISSUE_RECIPIENTS = ['authority', 'police'] as const;
export type IssueRecipient = (typeof ISSUE_RECIPIENTS)[number];

export const ISSUE_STATES = ['open', 'answered', 'closed'] as const;
export type IssueState = (typeof ISSUE_STATES)[number];

/** The register's filter by standing. */
export const STANDING_FILTERS = ['all_met', 'some_not_met', 'not_assessed'] as const;
export type StandingFilter = (typeof STANDING_FILTERS)[number];

type Input = Record<string, string | string[] | undefined>;

/** A form's text, trimmed with its runs of spaces made one. */
export function tidy(value: string | string[] | undefined): string {
  return (typeof value === 'string' ? value : '').trim().replace(/\s+/g, ' ');
}

/** A long text (evidence, a plan): trimmed, its lines kept. */
function longText(value: string | string[] | undefined): string {
  return (typeof value === 'string' ? value : '').trim();
}

function required(
  refusals: SaidRefusal[],
  field: string,
  value: string,
  max: number,
  missingKey: string,
): string {
  if (!value) refusals.push({ field, key: missingKey });
  else if (value.length > max)
    refusals.push({ field, key: 'engagement:errors.tooLong', values: { max } });
  return value;
}

function optional(refusals: SaidRefusal[], field: string, value: string, max: number) {
  if (value.length > max)
    refusals.push({ field, key: 'engagement:errors.tooLong', values: { max } });
  return value || null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LINK = /^https?:\/\/[^\s]+$/i;

export const OFFICER_ROLES = ['chair', 'secretary', 'treasurer'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export interface OfficerValue {
  fullName: string;
  email: string | null;
}

export interface GroupValue {
  name: string;
  boroughId: string;
  constitutionLink: string | null;
  contactEmail: string | null;
  /** Each officer typed, or null when the place is vacant. */
  officers: Record<OfficerRole, OfficerValue | null>;
}

/** CON-04: a group has a name and a borough; its link and addresses are checked when given. */
export function validateGroup(input: Input): { refusals: SaidRefusal[]; value: GroupValue } {
  const refusals: SaidRefusal[] = [];
  const name = required(refusals, 'name', tidy(input.name), 200, 'engagement:errors.nameMissing');
  const boroughId = tidy(input.boroughId);
  if (!boroughId) refusals.push({ field: 'boroughId', key: 'engagement:errors.boroughIdMissing' });
  const constitutionLink = optional(
    refusals,
    'constitutionLink',
    tidy(input.constitutionLink),
    500,
  );
  if (constitutionLink && !LINK.test(constitutionLink))
    refusals.push({ field: 'constitutionLink', key: 'engagement:errors.linkInvalid' });
  const contactEmail = optional(refusals, 'contactEmail', tidy(input.contactEmail), 254);
  if (contactEmail && !EMAIL.test(contactEmail))
    refusals.push({ field: 'contactEmail', key: 'engagement:errors.emailInvalid' });
  const officer = (role: OfficerRole): OfficerValue | null => {
    const fullName = tidy(input[`${role}Name`]);
    const email = tidy(input[`${role}Email`]).toLowerCase() || null;
    if (email && (email.length > 254 || !EMAIL.test(email)))
      refusals.push({ field: `${role}Email`, key: 'engagement:errors.emailInvalid' });
    if (!fullName) {
      if (email)
        refusals.push({ field: `${role}Name`, key: 'engagement:errors.officerNameMissing' });
      return null;
    }
    if (fullName.length > 200)
      refusals.push({
        field: `${role}Name`,
        key: 'engagement:errors.tooLong',
        values: { max: 200 },
      });
    return { fullName, email };
  };
  const officers = {
    chair: officer('chair'),
    secretary: officer('secretary'),
    treasurer: officer('treasurer'),
  };
  return {
    refusals,
    value: {
      name,
      boroughId,
      constitutionLink,
      contactEmail: contactEmail?.toLowerCase() ?? null,
      officers,
    },
  };
}

export interface StandardValue {
  code: string;
  title: string;
  description: string;
}

/** CON-04: a new minimum standard has a short code, a title and a description. */
export function validateStandard(input: Input): { refusals: SaidRefusal[]; value: StandardValue } {
  const refusals: SaidRefusal[] = [];
  const code = required(refusals, 'code', tidy(input.code), 20, 'engagement:errors.codeMissing');
  const title = required(
    refusals,
    'title',
    tidy(input.title),
    200,
    'engagement:errors.titleMissing',
  );
  const description = required(
    refusals,
    'description',
    longText(input.description),
    2000,
    'engagement:errors.descriptionMissing',
  );
  return { refusals, value: { code, title, description } };
}

/** CON-04: an assessment says how far the standard is met, on what evidence, on a day not ahead. */
export function validateAssessment(
  input: Input,
  assessedOn: IsoDate | null,
  today: IsoDate,
): { refusals: SaidRefusal[]; value: { standing: Standing; evidence: string } } {
  const refusals: SaidRefusal[] = [];
  const standing = STANDINGS.find((s) => s === input.standing);
  if (!standing) refusals.push({ field: 'standing', key: 'engagement:errors.standingMissing' });
  const evidence = required(
    refusals,
    'evidence',
    longText(input.evidence),
    2000,
    'engagement:errors.evidenceMissing',
  );
  if (assessedOn && assessedOn > today)
    refusals.push({ field: 'assessedOn-day', key: 'engagement:errors.assessedInFuture' });
  return { refusals, value: { standing: standing ?? 'not_met', evidence } };
}

export interface LatestAssessment {
  standardId: string;
  standing: Standing;
  assessedOn: IsoDate;
  createdAt: Date;
}

/** CON-04: of a group's assessments, the latest for each standard (later day, then later entry). */
export function latestAssessments<T extends LatestAssessment>(rows: readonly T[]): Map<string, T> {
  const latest = new Map<string, T>();
  for (const row of rows) {
    const held = latest.get(row.standardId);
    if (
      !held ||
      row.assessedOn > held.assessedOn ||
      (row.assessedOn === held.assessedOn && row.createdAt > held.createdAt)
    )
      latest.set(row.standardId, row);
  }
  return latest;
}

export interface StandingSummary {
  met: number;
  partly: number;
  notMet: number;
  notAssessed: number;
  /** The register's one-word answer. */
  overall: 'all_met' | 'some_not_met' | 'not_assessed';
}

/**
 * CON-04: a group's standing against the standards in force, from the latest assessment of each:
 * all met only when every standard is assessed as met; not assessed when none is.
 */
export function standingSummary(
  standardIds: readonly string[],
  latest: ReadonlyMap<string, { standing: Standing }>,
): StandingSummary {
  const counts = { met: 0, partly: 0, notMet: 0 };
  for (const id of standardIds) {
    const standing = latest.get(id)?.standing;
    if (standing === 'met') counts.met++;
    else if (standing === 'partly') counts.partly++;
    else if (standing === 'not_met') counts.notMet++;
  }
  return summaryFromCounts(counts, standardIds.length);
}

/** CON-04: the same summary from counts of the latest assessments of the standards in force. */
export function summaryFromCounts(
  counts: { met: number; partly: number; notMet: number },
  standards: number,
): StandingSummary {
  const { met, partly, notMet } = counts;
  const notAssessed = Math.max(0, standards - met - partly - notMet);
  const overall =
    notAssessed === standards ? 'not_assessed' : met === standards ? 'all_met' : 'some_not_met';
  return { met, partly, notMet, notAssessed, overall };
}

export interface HeadingValue {
  position: string;
  plan: string;
}

/** CON-04: a heading of the plan says where the group stands now and what it plans. */
export function validateHeading(
  input: Input,
  targetOn: IsoDate | null,
  today: IsoDate,
): { refusals: SaidRefusal[]; value: HeadingValue & { heading: PlanHeading } } {
  const refusals: SaidRefusal[] = [];
  const heading = PLAN_HEADINGS.find((h) => h === input.heading);
  if (!heading) refusals.push({ field: 'heading', key: 'engagement:errors.headingMissing' });
  const position = required(
    refusals,
    'position',
    longText(input.position),
    4000,
    'engagement:errors.positionMissing',
  );
  const plan = required(
    refusals,
    'plan',
    longText(input.plan),
    4000,
    'engagement:errors.planMissing',
  );
  if (targetOn && targetOn < today)
    refusals.push({ field: 'targetOn-day', key: 'engagement:errors.targetInPast' });
  return { refusals, value: { heading: heading ?? 'staffing', position, plan } };
}

/** CON-04: the headings a plan has yet to cover, in the order of Appendix 4. */
export function missingHeadings(present: readonly string[]): PlanHeading[] {
  return PLAN_HEADINGS.filter((h) => !present.includes(h));
}

/**
 * A refusal about the record's state rather than a field of the form: said without a field, as
 * the page may no longer show the form (an agreed plan has no Agree button).
 */
export type StateRefusal = Said;

/**
 * CON-04: a plan is agreed only once, and only with all six headings written (said on the plan
 * page, at its Agree button).
 */
export function agreeRefusal(plan: {
  headings: readonly string[];
  agreedAt: Date | null;
}): StateRefusal | SaidRefusal | null {
  if (plan.agreedAt) return { key: 'engagement:errors.planAlreadyAgreed' };
  const missing = missingHeadings(plan.headings);
  if (missing.length)
    return {
      field: 'agree',
      key: 'engagement:errors.planIncomplete',
      values: { count: missing.length },
    };
  return null;
}

/** An agreed plan is changed no further (a new year's plan is written instead). */
export function headingRefusal(plan: { agreedAt: Date | null } | null): StateRefusal | null {
  return plan?.agreedAt ? { key: 'engagement:errors.planAgreed' } : null;
}

export interface IssueValue {
  raisedTo: IssueRecipient;
  issue: string;
  wanted: string;
}

/** CON-04 feed-up: an issue says to whom, what the issue is, and what the group wants. */
export function validateIssue(input: Input): { refusals: SaidRefusal[]; value: IssueValue } {
  const refusals: SaidRefusal[] = [];
  const raisedTo = ISSUE_RECIPIENTS.find((r) => r === input.raisedTo);
  if (!raisedTo) refusals.push({ field: 'raisedTo', key: 'engagement:errors.raisedToMissing' });
  const issue = required(
    refusals,
    'issue',
    longText(input.issue),
    2000,
    'engagement:errors.issueMissing',
  );
  const wanted = required(
    refusals,
    'wanted',
    longText(input.wanted),
    2000,
    'engagement:errors.wantedMissing',
  );
  return { refusals, value: { raisedTo: raisedTo ?? 'authority', issue, wanted } };
}

export interface IssueFacts {
  raisedOn: IsoDate;
  respondedOn: IsoDate | null;
  closedOn: IsoDate | null;
}

/** CON-04: an issue is open until answered, answered until closed. */
export function issueState(issue: IssueFacts): IssueState {
  return issue.closedOn ? 'closed' : issue.respondedOn ? 'answered' : 'open';
}

/** CON-04 feed-back: an answer needs words; a closed issue (no answer form) is answered no more. */
export function answerRefusals(
  issue: IssueFacts,
  response: string,
): (StateRefusal | SaidRefusal)[] {
  if (issue.closedOn) return [{ key: 'engagement:errors.issueClosed' }];
  if (!response) return [{ field: 'response', key: 'engagement:errors.responseMissing' }];
  if (response.length > 4000)
    return [{ field: 'response', key: 'engagement:errors.tooLong', values: { max: 4000 } }];
  return [];
}

/**
 * CON-04: an issue is closed only once it is answered, and only once (the page offers its Close
 * button only then).
 */
export function closeRefusal(issue: IssueFacts): StateRefusal | null {
  if (issue.closedOn) return { key: 'engagement:errors.issueClosed' };
  if (!issue.respondedOn) return { key: 'engagement:errors.closeUnanswered' };
  return null;
}

/** Days from raising to closing, or to today while it is not closed. */
export function daysOpen(issue: IssueFacts, today: IsoDate): number {
  const end = issue.closedOn ?? today;
  // Whole days between two ISO dates, counted without time zones.
  const ms = Date.parse(`${end}T00:00:00Z`) - Date.parse(`${issue.raisedOn}T00:00:00Z`);
  return Math.max(0, Math.round(ms / 86_400_000));
}
