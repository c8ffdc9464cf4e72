/**
 * The rules of requests for independent advice: how urgent a request is, how long it may wait
 * for the strategic engagement team (CTSET), and where it may be routed. Pure functions, named
 * by rule id.
 */
import {
  mayWorkAtClearance,
  type ClearanceLevel,
  type GroupType,
  type HeldClearance,
} from '../groups/index.js';
import {
  addCalendarMonths,
  type IsoDate,
  londonInstant,
  londonMinutes,
  toLondonDate,
  workingDaysIn,
} from '../../platform/calendar/index.js';
import { type Said } from '../../platform/i18n/said.js';

export const URGENCIES = ['urgent', 'routine'] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * Where a request stands: waiting for CTSET, passed to a group (whose contact nominates), every
 * advisor wanted has accepted, or declined by CTSET. Later stages (advice given, used) follow.
 */
export const REQUEST_STATUSES = ['awaiting_triage', 'routed', 'declined', 'deployed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The most advisors one request may ask for. */
export const MAX_ADVISORS_WANTED = 10;

export interface TriageTargets {
  urgentMinutes: number;
  routineWorkingDays: number;
}

const workingDays = workingDaysIn('england-and-wales');

/**
 * IAG-08: when a request should have been triaged by. An urgent one within the urgent target
 * (two hours by default, round the clock); any other within the routine target in working days
 * (five by default), at the same time of day it arrived.
 */
export function triageDueAt(
  request: { urgency: Urgency; submittedAt: Date },
  targets: TriageTargets,
): Date {
  return stageDueAt(request.urgency, request.submittedAt, targets);
}

/**
 * When a stage that began at `since` is due to be done: the urgent target in minutes, round
 * the clock; otherwise the routine target in England-and-Wales working days, at the same time.
 */
export function stageDueAt(urgency: Urgency, since: Date, targets: TriageTargets): Date {
  if (urgency === 'urgent') return new Date(since.getTime() + targets.urgentMinutes * 60_000);
  const day = workingDays.addWorkingDays(toLondonDate(since), targets.routineWorkingDays);
  return londonInstant(day, londonMinutes(since));
}

/**
 * Whether a routine target was counted past the bank-holiday data, so with only the holidays
 * that follow fixed rules left out (the page says so).
 */
export function countedPastHolidayData(urgency: Urgency, due: Date): boolean {
  return urgency === 'routine' && workingDays.beyondData(toLondonDate(due));
}

/**
 * IAG-08: a request passed to a group must have an advisor nominated within the same targets,
 * counted from when it was passed; one still without any nomination after that is overdue.
 */
export function nominationOverdue(
  request: { status: RequestStatus; urgency: Urgency; triagedAt: Date | null },
  nominations: number,
  targets: TriageTargets,
  now: Date,
): boolean {
  return (
    request.status === 'routed' &&
    request.triagedAt !== null &&
    nominations === 0 &&
    now > stageDueAt(request.urgency, request.triagedAt, targets)
  );
}

/** IAG-08: a request still waiting for triage after it was due is overdue. */
export function triageOverdue(
  request: { status: RequestStatus; urgency: Urgency; submittedAt: Date },
  targets: TriageTargets,
  now: Date,
): boolean {
  return request.status === 'awaiting_triage' && now > triageDueAt(request, targets);
}

/**
 * IAG-08: advice is asked for work to come, so the date it is needed from may not be before
 * today (in London). A request already made keeps its date: changing another part of it is not
 * refused because that date has since passed, only a change of the date itself is checked.
 */
export function neededFromProblem(
  neededFrom: IsoDate,
  today: IsoDate,
  previous?: IsoDate | null,
): Said | null {
  if (previous && neededFrom === previous) return null;
  if (neededFrom < today)
    return { key: 'advice:rules.neededFromPast', values: { today: { date: today } } };
  return null;
}

/** Only a request waiting for triage may be routed or declined. */
export function checkTriage(status: RequestStatus): Said | null {
  if (status === 'awaiting_triage') return null;
  return status === 'declined'
    ? { key: 'advice:rules.requestDeclined' }
    : { key: 'advice:rules.alreadyPassed' };
}

/**
 * IAG-07, IAG-08: a request is passed to a group's deployment contact, so a group may receive
 * it only while it is working and has a deployment contact named.
 */
export function routingProblem(group: {
  name: string;
  status: string;
  deploymentContactId: string | null;
}): Said | null {
  if (group.status !== 'active' && group.status !== 'forming')
    return { key: 'advice:rules.groupNotWorking', values: { group: group.name } };
  if (!group.deploymentContactId)
    return { key: 'advice:rules.groupWithoutContact', values: { group: group.name } };
  return null;
}

/** A count of one unit of a wait: `{ unit: 'hour', count: 3 }`. */
export interface WaitPart {
  unit: 'minute' | 'hour' | 'day';
  count: number;
}

/**
 * How long something has waited, as a person would say it ('35 minutes', '3 days 2 hours'):
 * the largest unit and the next, the second left out when it is nought. Worded by `waitedWords`.
 */
export function waitedFor(from: Date, now: Date): WaitPart[] {
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));
  const pair = (big: WaitPart, rest: WaitPart) => (rest.count ? [big, rest] : [big]);
  if (minutes < 60) return [{ unit: 'minute', count: minutes }];
  const hours = Math.floor(minutes / 60);
  if (hours < 24)
    return pair({ unit: 'hour', count: hours }, { unit: 'minute', count: minutes % 60 });
  const days = Math.floor(hours / 24);
  return pair({ unit: 'day', count: days }, { unit: 'hour', count: hours % 24 });
}

// Nomination and deployment (IAG-07, IAG-08, IAG-10, IAG-29, IAG-30)

/**
 * The kinds of experience a request may ask for and an advisor may offer, so that matching is
 * exact rather than a guess at free text. The request's own words say the rest.
 */
export const EXPERIENCE_AREAS = [
  'race',
  'faith',
  'disability',
  'lgbt',
  'youth',
  'gypsy_traveller',
  'women',
  'older_people',
  'mental_health',
  'hate_crime',
  'stop_and_search',
  'critical_incidents',
  'counter_terrorism',
  'domestic_abuse',
  'missing_people',
  'public_order',
] as const;
export type ExperienceArea = (typeof EXPERIENCE_AREAS)[number];

/**
 * A nomination's life: nominated by the contact, then accepted or declined by the advisor, or
 * withdrawn. Nominated and accepted ones hold a place on the request.
 */
export const DEPLOYMENT_STATUSES = ['nominated', 'accepted', 'declined', 'withdrawn'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];
export const ACTIVE_DEPLOYMENT_STATUSES = ['nominated', 'accepted'] as const;

/** IAG-10: recent load is counted over this many months before today. */
export const LOAD_WINDOW_MONTHS = 12;

/** IAG-10: the first day of the rolling window over which an advisor's load is counted. */
export function loadWindowStart(today: IsoDate): IsoDate {
  return addCalendarMonths(today, -LOAD_WINDOW_MONTHS);
}

/**
 * IAG-08, IAG-30: contacting the advisor and arranging their escorted access falls to CTSET
 * when the request is urgent, and to the coordination unit otherwise.
 */
export function arrangementOwner(urgency: Urgency): 'ctset' | 'coordination_unit' {
  return urgency === 'urgent' ? 'ctset' : 'coordination_unit';
}

/** Advisors are nominated only while the request is with a group and still needs some. */
export function checkNominating(status: RequestStatus): Said | null {
  if (status === 'routed') return null;
  if (status === 'deployed') return { key: 'advice:rules.allAccepted' };
  if (status === 'declined') return { key: 'advice:rules.requestDeclined' };
  return { key: 'advice:rules.notPassedYet' };
}

/** A request asks for so many advisors: nominations beyond that are refused. */
export function checkNominationCount(holding: number, adding: number, wanted: number): Said | null {
  if (adding < 1) return { key: 'advice:rules.selectAdvisors' };
  const room = wanted - holding;
  if (adding <= room) return null;
  if (room <= 0) return { key: 'advice:rules.advisorsFull', values: { count: wanted } };
  return { key: 'advice:rules.advisorsRoom', values: { count: wanted, room } };
}

export interface NominationCandidate {
  name: string;
  /** IAG-07: a current member of a group the request was passed to. */
  currentMember: boolean;
  clearances: readonly HeldClearance[];
  /** Periods the advisor said they cannot be deployed. */
  unavailable: readonly { startsOn: IsoDate; endsOn: IsoDate }[];
  /** A conflict of interest recorded against this request. */
  conflicted: boolean;
  /** Already nominated for, or declined, this request. */
  alreadyAsked: boolean;
  experience: readonly string[];
}

export interface NominationRequest {
  clearanceNeeded: ClearanceLevel | null;
  neededFrom: IsoDate;
  neededUntil: IsoDate | null;
  experienceNeeded: readonly string[];
}

/**
 * IAG-07, IAG-10, IAG-29: why an advisor may not be nominated for a request, or null when they
 * are suitable: a current member, cleared for the work on its first day, free of any conflict
 * recorded against it, available on its dates, not already asked, and, when the request names
 * kinds of experience, bringing at least one of them.
 */
export function nominationProblem(
  candidate: NominationCandidate,
  request: NominationRequest,
): Said | null {
  const name = candidate.name;
  if (!candidate.currentMember) return { key: 'advice:rules.notCurrentMember', values: { name } };
  if (candidate.alreadyAsked) return { key: 'advice:rules.alreadyAsked', values: { name } };
  if (candidate.conflicted) return { key: 'advice:rules.conflicted', values: { name } };
  // IAG-29: cleared on every day of the work, so on its first and its last.
  const until = request.neededUntil ?? request.neededFrom;
  for (const day of [request.neededFrom, until]) {
    const clearance = mayWorkAtClearance(candidate.clearances, request.clearanceNeeded, day);
    if (!clearance.allowed)
      return { key: 'advice:rules.notCleared', values: { name, reason: clearance.refusal } };
  }
  if (candidate.unavailable.some((u) => u.startsOn <= until && request.neededFrom <= u.endsOn))
    return { key: 'advice:rules.notAvailable', values: { name } };
  if (
    request.experienceNeeded.length > 0 &&
    !request.experienceNeeded.some((e) => candidate.experience.includes(e))
  )
    return { key: 'advice:rules.noExperience', values: { name } };
  return null;
}

/** The advisor answers a nomination once, while it stands. */
export function checkResponse(status: DeploymentStatus): Said | null {
  if (status === 'nominated') return null;
  if (status === 'accepted') return { key: 'advice:rules.alreadyAccepted' };
  if (status === 'declined') return { key: 'advice:rules.alreadyDeclined' };
  return { key: 'advice:rules.withdrawn' };
}

// The advice itself (IAG-02, IAG-03, IAG-27)

/**
 * The kinds of group whose members give independent advice: the IAGs, and the focus groups
 * made of their representatives. Specialist and community advisory groups give predominantly
 * non-independent advice (IAG-01). A sub-group counts as its parent.
 */
const INDEPENDENT_GROUP_TYPES: readonly GroupType[] = [
  'corporate_iag',
  'borough_iag',
  'corporate_focus',
];

/**
 * IAG-02: advice is independent when an independent advisor gives it: a member of an
 * independent group whose latest declaration confirms their independence. Bridge labels each
 * piece of advice from those facts, and says why.
 */
export function adviceIndependence(facts: {
  groupType: GroupType;
  groupName: string;
  declaration: { declaredOn: IsoDate; independenceConfirmed: boolean } | null;
}): { independent: boolean; basis: Said } {
  const group = facts.groupName;
  if (!INDEPENDENT_GROUP_TYPES.includes(facts.groupType))
    return {
      independent: false,
      // The caller fills in the group type's name, in lower case, from the groups catalogue.
      basis: { key: 'advice:rules.basis.notIndependentGroup', values: { group } },
    };
  if (!facts.declaration)
    return { independent: false, basis: { key: 'advice:rules.basis.noDeclaration' } };
  const declaredOn = { date: facts.declaration.declaredOn };
  if (!facts.declaration.independenceConfirmed)
    return {
      independent: false,
      basis: { key: 'advice:rules.basis.notConfirmed', values: { declaredOn } },
    };
  return {
    independent: true,
    basis: { key: 'advice:rules.basis.independent', values: { group, declaredOn } },
  };
}

/** Only an advisor who accepted may record the advice they gave, once. */
export function checkAdviceRecording(status: DeploymentStatus, recorded: boolean): Said | null {
  if (recorded) return { key: 'advice:rules.adviceRecorded' };
  if (status !== 'accepted') return { key: 'advice:rules.onlyAcceptedRecord' };
  return null;
}

/** IAG-03, IAG-27: what the requester did with the advice. It may or may not be applied. */
export const ADVICE_OUTCOMES = ['used', 'partly_used', 'not_used'] as const;
export type AdviceOutcome = (typeof ADVICE_OUTCOMES)[number];

/** IAG-08: CTSET asks the requester a question while triaging, one at a time. */
export function checkQuestion(status: RequestStatus, openQuestion: boolean): Said | null {
  if (status !== 'awaiting_triage') return { key: 'advice:rules.questionAfterTriage' };
  if (openQuestion) return { key: 'advice:rules.questionOpen' };
  return null;
}

// The proactive offer (IAG-09)

/** IAG-09: the incidents for which CTSET offers independent advice without being asked. */
export const OFFER_KINDS = ['serious_crime', 'critical_incident'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

export const OFFER_RESPONSES = ['awaiting', 'taken_up', 'declined'] as const;
export type OfferResponse = (typeof OFFER_RESPONSES)[number];

/**
 * IAG-09: the senior investigating officer's answer is recorded once (`answered`: a conflict,
 * not a mistake in the form). Declining needs the reason they gave, so the authority can see
 * why offers are turned down.
 */
export function checkOfferResponse(
  current: OfferResponse,
  answer: OfferResponse,
  reason: string | null,
): { field: string; words: Said; answered: boolean } | null {
  if (current !== 'awaiting')
    return { field: 'response', words: { key: 'advice:rules.offerAnswered' }, answered: true };
  if (answer === 'awaiting')
    return {
      field: 'response',
      words: { key: 'advice:rules.offerSelectAnswer' },
      answered: false,
    };
  if (answer === 'declined' && !reason)
    return { field: 'note', words: { key: 'advice:rules.offerDeclineReason' }, answered: false };
  return null;
}

// Disclosure to advisors (IAG-35)

/**
 * Who may share things with advisors on a request, and read and add its documents to share:
 * its requester, CTSET and the coordination unit (IAG-35). Advisors reach those documents only
 * through the disclosure log.
 */
export function mayShareOnRequest(viewer: {
  isRequester: boolean;
  isCtset: boolean;
  isCoordinationUnit: boolean;
}): boolean {
  return viewer.isRequester || viewer.isCtset || viewer.isCoordinationUnit;
}

/** Files kept with a request: documents to share with advisors, and advice's attachments. */
export const ADVICE_DOCUMENT_PURPOSES = ['to_share', 'advice'] as const;
export type AdviceDocumentPurpose = (typeof ADVICE_DOCUMENT_PURPOSES)[number];

/** Documents to share are added while advice may still be sought: not once it was declined. */
export function checkDocumentToShare(status: RequestStatus): Said | null {
  return status === 'declined' ? { key: 'advice:rules.noDocumentsDeclined' } : null;
}

export const DISCLOSURE_KINDS = ['document', 'decision_rationale'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

/** IAG-35: things are disclosed only to an advisor who has accepted the request. */
export function checkDisclosure(status: DeploymentStatus): Said | null {
  return status === 'accepted' ? null : { key: 'advice:rules.shareOnlyAccepted' };
}

/**
 * IAG-35: the advisor acknowledges the terms before seeing what was disclosed; until then they
 * see only what it is and on what terms.
 */
export function mayReadDisclosure(disclosure: { acknowledgedAt: Date | null }): boolean {
  return disclosure.acknowledgedAt !== null;
}

// Equitable deployment (IAG-10)

/**
 * IAG-10: how concentrated deployments are: the share of all deployments in a period that went
 * to the busiest tenth of the advisors deployed (at least one advisor). An even spread gives
 * about 10%; a few people doing most of the work gives far more.
 */
export function busiestTenthShare(counts: readonly number[]): { advisors: number; share: number } {
  const deployed = counts.filter((n) => n > 0).sort((a, b) => b - a);
  const total = deployed.reduce((a, b) => a + b, 0);
  if (total === 0) return { advisors: 0, share: 0 };
  const advisors = Math.max(1, Math.ceil(deployed.length / 10));
  const top = deployed.slice(0, advisors).reduce((a, b) => a + b, 0);
  return { advisors, share: top / total };
}

/** IAG-10: an advisor deployed more often than the threshold in a period is flagged. */
export function overburdened(deploymentsInPeriod: number, threshold: number): boolean {
  return deploymentsInPeriod > threshold;
}
