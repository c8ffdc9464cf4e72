/**
 * The rules of advisory groups (docs/domain.md IAG-01, 07, 18, 19, 21), as pure functions. The
 * service calls them; the pages show their messages.
 */
import { addCalendarDays, addCalendarMonths, type IsoDate } from '../../platform/calendar/index.js';
import type { OrganisationKind } from '../directory/index.js';
import type { Label, Said, SaidRefusal } from '../../platform/i18n/said.js';

export const GROUP_TYPES = [
  'corporate_iag',
  'borough_iag',
  'specialist',
  'community',
  'corporate_focus',
  'sub_group',
] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

export const GROUP_STATUSES = ['forming', 'active', 'suspended', 'closed'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

/** IAG-21(d): the intervals a group may agree to meet at, in months. */
export const MEETING_INTERVALS = [1, 2, 3, 4, 6, 12] as const;
export type MeetingInterval = (typeof MEETING_INTERVALS)[number];

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

/** A group's type as a value of a sentence: "a specialist advisory group". */
const typeInSentence = (type: GroupType): Label => ({
  key: `groups:groupType.${type}`,
  lower: true,
});

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
}): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  const type = { type: typeInSentence(input.type) };
  if (!isIndependentType(input.type) && /\bindependent\b/i.test(input.name))
    refusals.push({ field: 'name', key: 'groups:rules.registration.notIndependent', values: type });
  if (input.type === 'corporate_focus' && input.creating && !input.registeredByDirector)
    refusals.push({ field: 'type', key: 'groups:rules.registration.focusGroupByDirector' });
  const ownerKind = ownerKindFor(input.type);
  if (ownerKind === 'parent-group') {
    if (!input.hasParent)
      refusals.push({ field: 'parentGroupId', key: 'groups:rules.registration.selectParent' });
    else if (input.parentType === 'sub_group')
      refusals.push({ field: 'parentGroupId', key: 'groups:rules.registration.parentIsSubGroup' });
  } else {
    if (input.hasParent)
      refusals.push({ field: 'parentGroupId', key: 'groups:rules.registration.onlySubGroups' });
    if (input.ownerKind !== ownerKind)
      refusals.push({
        field: 'ownerId',
        key:
          ownerKind === 'borough'
            ? 'groups:rules.registration.ownedByBorough'
            : 'groups:rules.registration.ownedByDirectorate',
        values: type,
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
  | { allowed: false; reason: Said } {
  if (termsServed >= MAX_TERMS)
    return {
      allowed: false,
      reason: {
        key: 'groups:rules.terms.noThirdTerm',
        values: { max: MAX_TERMS, years: TERM_YEARS, served: termsServed },
      },
    };
  const termNumber = termsServed + 1;
  return { allowed: true, termNumber, needsAgreement: termNumber === 2 };
}

/**
 * IAG-18: an appointment made today must still be running: one starting so long ago that its
 * four years are already over would be a "current" membership past its end. Such a member is
 * history, recorded by importing the group's existing members (which counts their terms and
 * ends them) rather than by appointing them now. Returns the refusal, or null.
 */
export function checkAppointmentStart(startsOn: IsoDate, today: IsoDate): Said | null {
  const end = termEndDate(startsOn);
  if (end > today) return null;
  return {
    key: 'groups:rules.terms.alreadyEnded',
    values: {
      start: { date: startsOn },
      end: { date: end },
      years: TERM_YEARS,
      earliest: { date: addCalendarMonths(today, -TERM_YEARS * 12) },
    },
  };
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

/**
 * IAG-18: nobody decides their own case. A member who is also a chair of the group, or the
 * Director, may not agree (or refuse) their own second term in that capacity; someone else holding
 * it must. Returns the refusal, or null.
 */
export function checkNotOwnSecondTerm(
  memberUserId: string | null,
  deciderUserId: string,
  capacity: 'chair' | 'director' | 'decline',
): Said | null {
  if (memberUserId === null || memberUserId !== deciderUserId) return null;
  return { key: `groups:rules.terms.ownCase.${capacity}` };
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

/**
 * IAG-18, importing members: a second term's agreement given in the list for someone the rules
 * put in their first term is a mistake in the list; the message for its line, or null.
 */
export function importedAgreementProblem(
  row: { name: string; secondTermAgreement: unknown },
  term: { termNumber: number; end: IsoDate },
): Said | null {
  if (!row.secondTermAgreement || term.termNumber !== 1) return null;
  return {
    key: 'groups:rules.terms.importedAgreement',
    values: { name: row.name, end: { date: term.end } },
  };
}

/** Members are told six months ahead that their term ends. */
export const TERM_END_NOTICE_MONTHS = 6;

export function termEndNoticeDue(end: IsoDate, today: IsoDate): boolean {
  return today < end && addCalendarMonths(today, TERM_END_NOTICE_MONTHS) >= end;
}

// Vetting and access (IAG-29, IAG-30)

/**
 * Clearance levels from least to most: non-police personnel vetting levels 1 to 3, then the
 * national security vetting a directorate may require (Security Check, Developed Vetting). A
 * higher level is taken to cover work needing a lower one.
 */
export const CLEARANCE_ORDER = ['nppv1', 'nppv2', 'nppv3', 'sc', 'dv'] as const;
export type ClearanceLevel = (typeof CLEARANCE_ORDER)[number];
export interface HeldClearance {
  level: ClearanceLevel;
  grantedOn: IsoDate;
  expiresOn: IsoDate;
  withdrawnOn: IsoDate | null;
}

function clearanceActive(c: HeldClearance, on: IsoDate): boolean {
  return c.grantedOn <= on && on < c.expiresOn && (c.withdrawnOn === null || on < c.withdrawnOn);
}

/**
 * IAG-29: may this person do work needing `needed` on date `on`? Work that needs no clearance
 * needs no vetting; otherwise a clearance at least that high, in force that day.
 */
export function mayWorkAtClearance(
  held: readonly HeldClearance[],
  needed: ClearanceLevel | null,
  on: IsoDate,
): { allowed: true } | { allowed: false; refusal: Said } {
  if (needed === null) return { allowed: true };
  const rank = CLEARANCE_ORDER.indexOf(needed);
  if (held.some((c) => clearanceActive(c, on) && CLEARANCE_ORDER.indexOf(c.level) >= rank))
    return { allowed: true };
  const lapsed = held.find(
    (c) => CLEARANCE_ORDER.indexOf(c.level) >= rank && !clearanceActive(c, on),
  );
  const refusal: Said = lapsed
    ? {
        key: 'groups:rules.clearance.notInForce',
        values: { level: { key: `groups:clearance.${lapsed.level}` }, on: { date: on } },
      }
    : {
        key: 'groups:rules.clearance.notHeld',
        values: { level: { key: `groups:clearance.${needed}` } },
      };
  return { allowed: false, refusal };
}

export const CLEARANCE_WARNING_DAYS = 90;

/** IAG-29: a clearance in force that expires within 90 days is flagged. */
export function clearanceExpiringSoon(c: HeldClearance, today: IsoDate): boolean {
  return clearanceActive(c, today) && c.expiresOn <= addCalendarDays(today, CLEARANCE_WARNING_DAYS);
}

export interface AccessExemption {
  approvedOn: IsoDate;
  expiresOn: IsoDate | null;
  revokedOn: IsoDate | null;
}

/** IAG-30: nobody has unescorted access to police buildings unless an exemption is in force. */
export function hasUnescortedAccess(exemptions: readonly AccessExemption[], on: IsoDate): boolean {
  return exemptions.some(
    (e) =>
      e.approvedOn <= on &&
      (e.expiresOn === null || on < e.expiresOn) &&
      (e.revokedOn === null || on < e.revokedOn),
  );
}

// Membership balance (IAG-17, DP-01)

/**
 * IAG-01, IAG-21(c): a corporate focus group takes one representative from each corporate IAG.
 * `personIags` are the corporate IAGs the person is a current member of; `represented` those
 * that already have their representative in the focus group.
 */
export function checkFocusGroupRepresentative(
  personName: string,
  personIags: readonly { id: string; name: string }[],
  represented: ReadonlySet<string>,
): Said | null {
  if (personIags.length === 0)
    return { key: 'groups:rules.focusGroup.notInAnIag', values: { name: personName } };
  if (personIags.every((g) => represented.has(g.id)))
    return {
      key: 'groups:rules.focusGroup.represented',
      values: { groups: namesJoined(personIags.map((g) => g.name)), count: personIags.length },
    };
  return null;
}

/**
 * Group names joined as a sentence says them ("the Race IAG and the Youth IAG" after its own
 * "The"), each joining worded by the catalogue: the first name, then the rest joined likewise.
 */
function namesJoined(names: readonly string[]): string | Label {
  const [first = '', ...rest] = names;
  return rest.length === 0
    ? first
    : { key: 'groups:rules.focusGroup.andThe', values: { first, rest: namesJoined(rest) } };
}

// The Director's meetings with the corporate IAG chairs (IAG-31)

export const DIRECTOR_CHAIRS_MEETINGS_PER_YEAR = 2;

/**
 * IAG-31: the Director meets the corporate IAG chairs at least twice in each reporting year
 * (April to March). Counts meetings held or still scheduled in the year; cancelled ones do not
 * count. Returns the shortfall message, or null when the year has enough.
 */
export function directorChairsShortfall(yearLabel: string, heldOrScheduled: number): Said | null {
  if (heldOrScheduled >= DIRECTOR_CHAIRS_MEETINGS_PER_YEAR) return null;
  return {
    key: 'groups:rules.directorChairs.shortfall',
    values: { year: yearLabel, count: heldOrScheduled, least: DIRECTOR_CHAIRS_MEETINGS_PER_YEAR },
  };
}

// The annual conference of all advisory groups (IAG-32)

/**
 * IAG-32: the conference is for representatives of every advisory group: corporate, specialist
 * and borough alike. A group still forming is invited; one suspended or closed is not.
 */
export function invitedToAnnualConference(group: { status: GroupStatus }): boolean {
  return group.status === 'active' || group.status === 'forming';
}

/**
 * IAG-32: the police service holds the conference every year. Counts conferences held or
 * scheduled in the reporting year (cancelled ones do not count); returns the warning, or null.
 */
export function annualConferenceMissing(yearLabel: string, heldOrScheduled: number): Said | null {
  if (heldOrScheduled >= 1) return null;
  return { key: 'groups:rules.annualConference.missing', values: { year: yearLabel } };
}
