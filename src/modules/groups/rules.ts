/**
 * The rules of advisory groups (DOMAIN.md IAG-01, 07, 18, 19, 21), as pure functions. The
 * service calls them; the pages show their messages.
 */
import { addCalendarMonths, type IsoDate } from '../../platform/calendar/index.js';
import type { OrganisationKind } from '../directory/kinds.js';

export const GROUP_TYPES = [
  'corporate_iag',
  'borough_iag',
  'specialist',
  'community',
  'corporate_focus',
  'sub_group',
] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

export const GROUP_TYPE_LABELS: Record<GroupType, string> = {
  corporate_iag: 'Corporate independent advisory group',
  borough_iag: 'Borough independent advisory group',
  specialist: 'Specialist advisory group',
  community: 'Community advisory group',
  corporate_focus: 'Corporate focus group',
  sub_group: 'Sub-group',
};

export const GROUP_STATUSES = ['forming', 'active', 'suspended', 'closed'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];
export const GROUP_STATUS_LABELS: Record<GroupStatus, string> = {
  forming: 'Being set up',
  active: 'Active',
  suspended: 'Suspended',
  closed: 'Closed',
};

/** IAG-21(d): the intervals a group may agree to meet at, in months. */
export const MEETING_INTERVALS = [1, 2, 3, 4, 6, 12] as const;
export type MeetingInterval = (typeof MEETING_INTERVALS)[number];
export const MEETING_INTERVAL_LABELS: Record<MeetingInterval, string> = {
  1: 'Monthly',
  2: 'Every two months',
  3: 'Quarterly',
  4: 'Every four months',
  6: 'Twice a year',
  12: 'Once a year',
};

/**
 * IAG-01: whether a group of this type may be called "Independent". Specialist and community
 * advisory groups give predominantly non-independent advice and are never labelled so (Rec 4, 6).
 */
export function isIndependentType(type: GroupType): boolean {
  return type === 'corporate_iag' || type === 'borough_iag';
}

/** IAG-01: the kind of organisation that owns each type of group. */
export function ownerKindFor(type: GroupType): OrganisationKind | 'parent-group' {
  switch (type) {
    case 'borough_iag':
    case 'community':
      return 'borough';
    case 'corporate_iag':
    case 'specialist':
    case 'corporate_focus':
      return 'directorate';
    case 'sub_group':
      return 'parent-group';
  }
}

export interface RuleRefusal {
  field: string;
  message: string;
}

/**
 * IAG-01: the checks a group's registration must pass beyond its form. Returns each refusal
 * with the field it belongs to; an empty list means the group may be registered as described.
 */
export function checkGroupRegistration(input: {
  type: GroupType;
  name: string;
  ownerKind: OrganisationKind | null;
  hasParent: boolean;
  parentType: GroupType | null;
  registeredByDirector: boolean;
  /** Whether it is being created now (the Director rule applies to creation only). */
  creating: boolean;
}): RuleRefusal[] {
  const refusals: RuleRefusal[] = [];
  if (!isIndependentType(input.type) && /\bindependent\b/i.test(input.name)) {
    refusals.push({
      field: 'name',
      message: `A ${GROUP_TYPE_LABELS[input.type].toLowerCase()} gives predominantly non-independent advice and cannot be called "Independent" (IAG-01)`,
    });
  }
  if (input.type === 'corporate_focus' && input.creating && !input.registeredByDirector) {
    refusals.push({
      field: 'type',
      message:
        'Only the Director of the Diversity and Citizen Focus Directorate can set up a corporate focus group (IAG-01)',
    });
  }
  const ownerKind = ownerKindFor(input.type);
  if (ownerKind === 'parent-group') {
    if (!input.hasParent)
      refusals.push({ field: 'parentGroupId', message: 'Select the group this is a sub-group of' });
    else if (input.parentType === 'sub_group')
      refusals.push({
        field: 'parentGroupId',
        message: 'A sub-group belongs to a group, not to another sub-group',
      });
  } else {
    if (input.hasParent)
      refusals.push({
        field: 'parentGroupId',
        message: 'Only a sub-group belongs to another group; choose "Sub-group" as the type',
      });
    if (input.ownerKind !== ownerKind)
      refusals.push({
        field: 'ownerId',
        message:
          ownerKind === 'borough'
            ? `A ${GROUP_TYPE_LABELS[input.type].toLowerCase()} is owned by a borough command: select a borough`
            : `A ${GROUP_TYPE_LABELS[input.type].toLowerCase()} is owned by a police directorate: select a directorate`,
      });
  }
  return refusals;
}

/** IAG-07: a corporate IAG names one deployment contact; other groups may, but need not. */
export function needsDeploymentContact(type: GroupType): boolean {
  return type === 'corporate_iag';
}

// Terms of appointment (IAG-18, IAG-19)

export const TERM_YEARS = 4;
export const MAX_TERMS = 2;

/** IAG-18: an appointment ends four years after it starts. */
export function termEndDate(start: IsoDate): IsoDate {
  return addCalendarMonths(start, TERM_YEARS * 12);
}

/**
 * IAG-18: whether a member who has served `termsServed` terms may be appointed again, and what
 * that appointment needs. A third term is refused, saying why.
 */
export function nextTerm(
  termsServed: number,
):
  | { allowed: true; termNumber: number; needsAgreement: boolean }
  | { allowed: false; reason: string } {
  if (termsServed >= MAX_TERMS)
    return {
      allowed: false,
      reason: `An advisor may serve at most ${MAX_TERMS} terms of ${TERM_YEARS} years in a group, and this member has served ${termsServed} (IAG-18). A third term cannot be agreed`,
    };
  const termNumber = termsServed + 1;
  return { allowed: true, termNumber, needsAgreement: termNumber === 2 };
}

/**
 * IAG-18, second term: agreed only when the chair (or a co-chair) and the Director have each
 * agreed, as two separate people.
 */
export function secondTermAgreed(approvals: {
  chairUserId: string | null;
  directorUserId: string | null;
}): boolean {
  return (
    approvals.chairUserId !== null &&
    approvals.directorUserId !== null &&
    approvals.chairUserId !== approvals.directorUserId
  );
}

export interface RetrospectiveAppointment {
  termNumber: number;
  start: IsoDate;
  /** The date the four-year rule ends the appointment. */
  termEnd: IsoDate;
  /** The date it actually ends: later than termEnd when the IAG-19 transition applies. */
  end: IsoDate;
  transitional: boolean;
  /** Two whole terms had passed before the rules were agreed. */
  beyondMaximum: boolean;
}

/**
 * IAG-18 applied retrospectively, with the IAG-19 transition, to a member imported with the date
 * they first joined: service is counted in four-year terms from that date, at most two. A term
 * that was running when the rules were agreed and that the rule ends before, or within six months
 * after, that date stays valid for one year from it. Returns the term running `today` (or the
 * last one, if service has ended).
 */
export function retrospectiveAppointment(
  firstJoined: IsoDate,
  rulesAgreed: IsoDate,
  today: IsoDate,
): RetrospectiveAppointment {
  const transitionCutoff = addCalendarMonths(rulesAgreed, 6);
  const transitionEnd = addCalendarMonths(rulesAgreed, 12);
  let termNumber = 1;
  let start = firstJoined;
  for (;;) {
    const termEnd = termEndDate(start);
    // A first term that ended before the rules were agreed rolled into a second, so only the
    // term running at that date, or a last term long over, is "terminated" by the rule.
    const transitional =
      start < rulesAgreed &&
      termEnd <= transitionCutoff &&
      (termNumber === MAX_TERMS || termEnd >= rulesAgreed);
    const end = transitional && transitionEnd > termEnd ? transitionEnd : termEnd;
    if (end > today || termNumber === MAX_TERMS) {
      const beyondMaximum = termEndDate(termEndDate(firstJoined)) <= rulesAgreed;
      return { termNumber, start, termEnd, end, transitional, beyondMaximum };
    }
    start = end;
    termNumber += 1;
  }
}

/** Members are told six months ahead that their term ends. */
export const TERM_END_NOTICE_MONTHS = 6;

export function termEndNoticeDue(end: IsoDate, today: IsoDate): boolean {
  return today < end && addCalendarMonths(today, TERM_END_NOTICE_MONTHS) >= end;
}

// Chairs and elections (IAG-21 a, b)

export const CHAIR_TERM_YEARS = 2;
export const MAX_CONSECUTIVE_CHAIR_TERMS = 2;

/** IAG-21(a): elections every two years; the next is due two years after the last. */
export function nextElectionDue(lastElection: IsoDate | null, today: IsoDate): IsoDate {
  return lastElection ? addCalendarMonths(lastElection, CHAIR_TERM_YEARS * 12) : today;
}

/**
 * IAG-21(a, b): the result of an election. One chair or two co-chairs; nobody elected for a
 * third consecutive term. `previousWinners` lists the people elected at this group's earlier
 * elections, most recent first.
 */
export function checkElectionResult(
  elected: readonly { personId: string; name: string }[],
  previousWinners: readonly (readonly string[])[],
): RuleRefusal[] {
  const refusals: RuleRefusal[] = [];
  if (elected.length === 0)
    refusals.push({ field: 'elected', message: 'Select who was elected chair' });
  if (elected.length > 2)
    refusals.push({
      field: 'elected',
      message: 'A group elects one chair or at most two co-chairs (IAG-21a)',
    });
  for (const person of elected) {
    const consecutive = previousWinners
      .slice(0, MAX_CONSECUTIVE_CHAIR_TERMS)
      .filter((winners) => winners.includes(person.personId)).length;
    if (consecutive >= MAX_CONSECUTIVE_CHAIR_TERMS)
      refusals.push({
        field: 'elected',
        message: `${person.name} has chaired the group for the last ${MAX_CONSECUTIVE_CHAIR_TERMS} terms in a row, and nobody may serve more than ${MAX_CONSECUTIVE_CHAIR_TERMS} consecutive terms as chair (IAG-21b)`,
      });
  }
  return refusals;
}

// Recruitment (IAG-16, IAG-17, IAG-20)

export const RECRUITMENT_INTERVAL_MONTHS = 12;

/**
 * IAG-20: a corporate IAG runs at most one recruitment in any 12 months. Returns the refusal,
 * with the date the next round may open, or null when this round may open on `opensOn`.
 */
export function checkRecruitmentInterval(
  type: GroupType,
  opensOn: IsoDate,
  otherRoundsOpened: readonly IsoDate[],
): { message: string; nextMayOpen: IsoDate } | null {
  if (type !== 'corporate_iag') return null;
  const clash = otherRoundsOpened.find(
    (other) =>
      addCalendarMonths(other, RECRUITMENT_INTERVAL_MONTHS) > opensOn &&
      addCalendarMonths(opensOn, RECRUITMENT_INTERVAL_MONTHS) > other,
  );
  if (!clash) return null;
  const latest = [...otherRoundsOpened].sort().at(-1)!;
  const nextMayOpen = addCalendarMonths(latest, RECRUITMENT_INTERVAL_MONTHS);
  return {
    nextMayOpen,
    message: `A corporate IAG runs at most one recruitment in any 12 months, and this group opened one on ${clash} (IAG-20). The next may open on ${nextMayOpen}`,
  };
}

/** Whole years of age on a date (a birthday on 29 February is reached on 28 February). */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  let years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  if (addCalendarMonths(dateOfBirth, years * 12) > on) years -= 1;
  return years;
}

/**
 * IAG-17: whether an applicant is within the group's ages on the appointment date, inclusive
 * (the Youth IAG takes 14 to 25). Groups without limits take any age.
 */
export function checkAgeEligibility(
  group: { minAge: number | null; maxAge: number | null },
  dateOfBirth: IsoDate | null,
  appointmentDate: IsoDate,
): string | null {
  if (group.minAge === null && group.maxAge === null) return null;
  if (!dateOfBirth) return 'Enter your date of birth: this group takes members of certain ages';
  const age = ageOn(dateOfBirth, appointmentDate);
  const min = group.minAge ?? 0;
  const max = group.maxAge ?? 200;
  if (age < min || age > max)
    return `This group takes members aged ${min} to ${max} on the date of appointment, ${appointmentDate}; you would be ${age} (IAG-17)`;
  return null;
}
