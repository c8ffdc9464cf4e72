/**
 * The scheme's rules (ICV-01, ICV-02, with ICV-03's target), as pure functions: what a custody
 * suite and a panel must give, and who in a scheme may see which records. Refusals are `Said`
 * (ADR 0015), worded by whoever shows them.
 */
import { addCalendarDays, addCalendarMonths, type IsoDate } from '../../platform/calendar/index.js';
import type { Said, SaidRefusal } from '../../platform/i18n/said.js';

/** The most visits a week a suite can be set to aim for: three a day. */
export const MAX_VISITS_PER_WEEK = 21;

export interface SuiteInput {
  name?: string | undefined;
  area?: string | undefined;
  address?: string | undefined;
  cells?: string | undefined;
  targetVisitsPerWeek?: string | undefined;
}

export interface SuiteValue {
  name: string;
  area: string;
  address: string;
  cells: number;
  targetVisitsPerWeek: number;
}

export interface PanelInput {
  name?: string | undefined;
  area?: string | undefined;
  coordinatorEmail?: string | undefined;
}

export interface PanelValue {
  name: string;
  area: string;
  coordinatorEmail: string;
}

/** Trimmed, with runs of spaces made one: "Camden " and "Camden" are the same area. */
export function tidy(value: string | undefined): string {
  return (value ?? '').trim().replace(/\s+/g, ' ');
}

/** Two areas are the same whatever their case and spacing (ICV-02: one panel per area). */
export function sameArea(a: string, b: string): boolean {
  return tidy(a).toLowerCase() === tidy(b).toLowerCase();
}

function required(refusals: SaidRefusal[], field: string, value: string, max: number): string {
  if (!value) refusals.push({ field, key: `custody-visiting:errors.${field}Missing` });
  else if (value.length > max)
    refusals.push({ field, key: `custody-visiting:errors.${field}TooLong`, values: { max } });
  return value;
}

/**
 * A custody suite: its name, its borough or custody area, its address, its cells (a whole
 * number, none or more), and the visits a week its rota aims for (ICV-03: more than none, at
 * most three a day, in hundredths: 0.5 is fortnightly). An empty target takes the default.
 */
export function validateSuite(
  input: SuiteInput,
  defaultTarget: number,
): { refusals: SaidRefusal[]; value: SuiteValue } {
  const refusals: SaidRefusal[] = [];
  const name = required(refusals, 'name', tidy(input.name), 200);
  const area = required(refusals, 'area', tidy(input.area), 100);
  const address = required(refusals, 'address', (input.address ?? '').trim(), 500);
  const cellsText = tidy(input.cells);
  const cells = /^\d{1,4}$/.test(cellsText) ? Number(cellsText) : NaN;
  if (!cellsText) refusals.push({ field: 'cells', key: `custody-visiting:errors.cellsMissing` });
  else if (Number.isNaN(cells))
    refusals.push({ field: 'cells', key: `custody-visiting:errors.cellsNumber` });
  const targetText = tidy(input.targetVisitsPerWeek);
  const target = targetText
    ? /^\d{1,2}(\.\d{1,2})?$/.test(targetText)
      ? Number(targetText)
      : NaN
    : defaultTarget;
  if (Number.isNaN(target) || target <= 0 || target > MAX_VISITS_PER_WEEK)
    refusals.push({
      field: 'targetVisitsPerWeek',
      key: `custody-visiting:errors.target`,
      values: { max: MAX_VISITS_PER_WEEK },
    });
  return { refusals, value: { name, area, address, cells, targetVisitsPerWeek: target } };
}

/**
 * ICV-02: a panel for a borough or custody area, with its coordinator, given by the e-mail
 * address of their directory entry.
 */
export function validatePanel(input: PanelInput): { refusals: SaidRefusal[]; value: PanelValue } {
  const refusals: SaidRefusal[] = [];
  const name = required(refusals, 'name', tidy(input.name), 200);
  const area = required(refusals, 'area', tidy(input.area), 100);
  const coordinatorEmail = tidy(input.coordinatorEmail).toLowerCase();
  if (!coordinatorEmail)
    refusals.push({ field: 'coordinatorEmail', key: `custody-visiting:errors.coordinatorMissing` });
  return { refusals, value: { name, area, coordinatorEmail } };
}

/**
 * ICV-02: a panel per borough or custody area, so a second panel for an area that has one is
 * refused (`otherAreas` are the areas of the other panels).
 */
export function panelAreaRefusal(area: string, otherAreas: readonly string[]): SaidRefusal | null {
  return otherAreas.some((other) => sameArea(other, area))
    ? { field: 'area', key: `custody-visiting:errors.areaTaken`, values: { area } }
    : null;
}

/** What a person in the scheme holds: their role, and the panel or suites it is held for. */
export interface SchemeReach {
  manager: boolean;
  /** The areas of the panels they coordinate. */
  panelAreas: readonly string[];
  panelIds: readonly string[];
  /** The suites they are the custody inspector for. */
  suiteIds: readonly string[];
}

/**
 * ICV-01: the scheme is run by the authority, independent of the police: the scheme manager sees
 * every suite; a panel's coordinator the suites of the panel's area; a custody inspector only
 * the suites they are inspector for.
 */
export function seesSuite(reach: SchemeReach, suite: { id: string; area: string }): boolean {
  return (
    reach.manager ||
    reach.suiteIds.includes(suite.id) ||
    reach.panelAreas.some((area) => sameArea(area, suite.area))
  );
}

/** ICV-02: a panel is seen and changed by the scheme manager and by its own coordinator only. */
export function seesPanel(reach: SchemeReach, panel: { id: string }): boolean {
  return reach.manager || reach.panelIds.includes(panel.id);
}

/** How a person stands to a panel's meetings, in the meetings module's terms (ADR 0005). */
export interface PanelMeetingStanding {
  member: boolean;
  police: boolean;
  chair: boolean;
  secretariat: boolean;
  mayView: boolean;
  mayOpenBody: boolean;
}

/**
 * ICV-02: a panel meets about quarterly with the custody inspector. Its coordinator chairs and
 * minutes its meetings, and the scheme manager may do it for them; the custody inspector for any
 * suite the panel visits attends for the police and reads what a member reads, but still sees
 * no panel page (ICV-01). Another panel's coordinator, or anyone else, sees none of it.
 */
export function panelMeetingStanding(
  reach: SchemeReach,
  panel: { id: string },
  panelSuites: readonly { id: string }[],
): PanelMeetingStanding {
  const chair = reach.panelIds.includes(panel.id);
  const secretariat = reach.manager;
  const police = panelSuites.some((s) => reach.suiteIds.includes(s.id));
  return {
    member: false,
    police,
    chair,
    secretariat,
    mayView: chair || secretariat || police,
    mayOpenBody: seesPanel(reach, panel),
  };
}

/**
 * ICV-02: panels meet about quarterly, so a panel with no meeting held or scheduled in the three
 * months from today is told to schedule one.
 */
export function panelMeetingDue(meetingsInQuarterAhead: number): Said | null {
  return meetingsInQuarterAhead > 0 ? null : { key: 'custody-visiting:meetings.noneInQuarter' };
}

/** A target as a person reads it: "1", "0.5", "2.25". */
export function formatTarget(visitsPerWeek: number): string {
  return String(Math.round(visitsPerWeek * 100) / 100);
}

// ---- Visitors (ICV-01, ICV-02) ----

/** About six months' probation from the appointment (ICV-02). */
export const PROBATION_MONTHS = 6;

export type InterviewOutcome = 'suitable' | 'unsuitable';
export type VettingResult = 'cleared' | 'refused';

/** What a visitor's record holds that the rules read: the latest of each step. */
export interface VisitorRecord {
  interviewOutcome: InterviewOutcome | null;
  vettingResult: VettingResult | null;
  vettingExpiresOn: IsoDate | null;
  appointedOn: IsoDate | null;
  termEndsOn: IsoDate | null;
  probationSignedOffOn: IsoDate | null;
  suspendedFrom: IsoDate | null;
  /** ICV-02: the day they left the scheme, if they have. */
  leftOn?: IsoDate | null;
  /** The courses done; the induction course is the one that makes a visitor trained. */
  courses: readonly { induction: boolean; completedOn: IsoDate }[];
}

/**
 * ICV-01: a visitor declares they are not a serving police officer or member of police staff,
 * nor otherwise directly involved in the criminal justice system. Each question must be
 * answered; a "yes" refuses the appointment, saying why.
 */
export function independenceRefusals(answers: {
  policeOfficerOrStaff?: string | undefined;
  criminalJustice?: string | undefined;
}): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  for (const field of ['policeOfficerOrStaff', 'criminalJustice'] as const) {
    const answer = answers[field];
    if (answer !== 'yes' && answer !== 'no')
      refusals.push({ field, key: `custody-visiting:visitors.errors.${field}Missing` });
    else if (answer === 'yes')
      refusals.push({ field, key: `custody-visiting:visitors.errors.${field}Refused` });
  }
  return refusals;
}

/** A date that has to have happened already (an interview, a vetting, a course). */
export function notAfterToday(field: string, on: IsoDate | null, today: IsoDate): SaidRefusal[] {
  return on && on > today
    ? [{ field: `${field}-day`, key: 'custody-visiting:visitors.errors.inFuture' }]
    : [];
}

/** The end of a term of `years` begun on `start`: its anniversary, the first day out of term. */
export function termEnd(start: IsoDate, years: number): IsoDate {
  return addCalendarMonths(start, years * 12);
}

/** When about six months' probation from the appointment comes to an end. */
export function probationDueOn(appointedOn: IsoDate): IsoDate {
  return addCalendarMonths(appointedOn, PROBATION_MONTHS);
}

const vettedOn = (v: VisitorRecord, on: IsoDate) =>
  v.vettingResult === 'cleared' && v.vettingExpiresOn !== null && on < v.vettingExpiresOn;

/**
 * ICV-02: appointment follows the compulsory interview (found suitable) and vetting (cleared,
 * in force on the day); a visitor is appointed once, and renewed after.
 */
export function appointmentRefusal(v: VisitorRecord, appointedOn: IsoDate): SaidRefusal | null {
  const field = 'appointedOn-day';
  if (v.appointedOn) return { field, key: 'custody-visiting:visitors.errors.alreadyAppointed' };
  if (v.interviewOutcome !== 'suitable')
    return { field, key: 'custody-visiting:visitors.errors.notInterviewed' };
  if (!vettedOn(v, appointedOn))
    return { field, key: 'custody-visiting:visitors.errors.notVettedForAppointment' };
  return null;
}

/**
 * ICV-02: a term renewed runs for a full term from the end of the current one, or from the day
 * of renewal when the current one has already ended. Only an appointed visitor is renewed.
 */
export function renewal(
  v: VisitorRecord,
  renewedOn: IsoDate,
  years: number,
): { refusal: SaidRefusal } | { termEndsOn: IsoDate } {
  if (!v.appointedOn || !v.termEndsOn)
    return {
      refusal: { field: 'renewedOn-day', key: 'custody-visiting:visitors.errors.notAppointed' },
    };
  if (renewedOn < v.appointedOn)
    return {
      refusal: {
        field: 'renewedOn-day',
        key: 'custody-visiting:visitors.errors.beforeAppointment',
      },
    };
  return { termEndsOn: termEnd(renewedOn < v.termEndsOn ? v.termEndsOn : renewedOn, years) };
}

/** ICV-02: probation is signed off once, for an appointed visitor, not before they began. */
export function probationSignOffRefusal(v: VisitorRecord, on: IsoDate): SaidRefusal | null {
  const field = 'signedOffOn-day';
  if (!v.appointedOn) return { field, key: 'custody-visiting:visitors.errors.notAppointed' };
  if (v.probationSignedOffOn)
    return { field, key: 'custody-visiting:visitors.errors.alreadySignedOff' };
  if (on < v.appointedOn)
    return { field, key: 'custody-visiting:visitors.errors.beforeAppointment' };
  return null;
}

/** Suspended on `today`: a suspension from a later day has not begun. */
export function isSuspended(v: Pick<VisitorRecord, 'suspendedFrom'>, today: IsoDate): boolean {
  return v.suspendedFrom !== null && v.suspendedFrom <= today;
}

/** ICV-02: left the scheme by `today` (a leaving recorded for a later day has not happened). */
export function hasLeft(v: Pick<VisitorRecord, 'leftOn'>, today: IsoDate): boolean {
  return Boolean(v.leftOn) && v.leftOn! <= today;
}

/** ICV-02: why a visitor leaves the scheme. */
export const LEAVING_REASONS = ['resigned', 'termEnded', 'removed', 'other'] as const;
export type LeavingReason = (typeof LEAVING_REASONS)[number];

/**
 * ICV-02, ICV-10: a visitor recorded as having left: once, with a reason from the list, on a day
 * not before they declared (the day itself is checked by the form).
 */
export function leavingRefusals(
  v: { declaredOn: IsoDate; leftOn: IsoDate | null },
  leftOn: IsoDate | null,
  reason: string | undefined,
): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  if (v.leftOn)
    return [{ field: 'leftOn-day', key: 'custody-visiting:visitors.errors.alreadyLeft' }];
  if (leftOn && leftOn < v.declaredOn)
    refusals.push({
      field: 'leftOn-day',
      key: 'custody-visiting:visitors.errors.leftBeforeDeclared',
    });
  if (!LEAVING_REASONS.some((r) => r === reason))
    refusals.push({
      field: 'reason',
      key: 'custody-visiting:visitors.errors.leavingReasonMissing',
    });
  return refusals;
}

/** On probation: appointed, and the probation not yet signed off. */
export function onProbation(v: VisitorRecord): boolean {
  return v.appointedOn !== null && v.probationSignedOffOn === null;
}

/**
 * ICV-02: may this visitor be put on the rota today? Only one appointed (the term running),
 * vetted (cleared, not expired), trained (the induction course done: the course every scheme
 * gives before a first visit; later courses add to it, they do not replace it) and not
 * suspended. Null when they may; otherwise why not, the first reason found. A visitor on
 * probation may be, but is to be paired with an experienced visitor (`onProbation`).
 */
export function rotaEligibility(v: VisitorRecord, today: IsoDate): Said | null {
  if (hasLeft(v, today))
    return { key: 'custody-visiting:visitors.rota.left', values: { date: { date: v.leftOn! } } };
  if (isSuspended(v, today))
    return {
      key: 'custody-visiting:visitors.rota.suspended',
      values: { date: { date: v.suspendedFrom! } },
    };
  if (!v.appointedOn || v.appointedOn > today || !v.termEndsOn)
    return { key: 'custody-visiting:visitors.rota.notAppointed' };
  if (v.termEndsOn <= today)
    return {
      key: 'custody-visiting:visitors.rota.termEnded',
      values: { date: { date: v.termEndsOn } },
    };
  if (v.vettingResult !== 'cleared' || !v.vettingExpiresOn)
    return { key: 'custody-visiting:visitors.rota.notVetted' };
  if (!vettedOn(v, today))
    return {
      key: 'custody-visiting:visitors.rota.vettingExpired',
      values: { date: { date: v.vettingExpiresOn } },
    };
  if (!v.courses.some((c) => c.induction && c.completedOn <= today))
    return { key: 'custody-visiting:visitors.rota.notTrained' };
  return null;
}

/** ICV-02: the compulsory interview: who sat on its panel, and whether the person is suitable. */
export function interviewRefusals(input: {
  interviewPanel: string;
  outcome?: string | undefined;
}): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  required(refusals, 'interviewPanel', input.interviewPanel, 500);
  if (input.outcome !== 'suitable' && input.outcome !== 'unsuitable')
    refusals.push({ field: 'outcome', key: 'custody-visiting:visitors.errors.outcomeMissing' });
  return refusals;
}

/** ICV-02: vetting's result; a clearance needs its expiry, after the day it was given. */
export function vettingRefusals(input: {
  result?: string | undefined;
  vettedOn: IsoDate | null;
  expiresOn: IsoDate | null;
}): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  if (input.result !== 'cleared' && input.result !== 'refused')
    refusals.push({ field: 'result', key: 'custody-visiting:visitors.errors.resultMissing' });
  if (input.result === 'cleared' && input.vettedOn) {
    if (!input.expiresOn)
      refusals.push({
        field: 'expiresOn-day',
        key: 'custody-visiting:visitors.errors.expiryMissing',
      });
    else if (input.expiresOn <= input.vettedOn)
      refusals.push({
        field: 'expiresOn-day',
        key: 'custody-visiting:visitors.errors.expiryBeforeVetting',
      });
  }
  return refusals;
}

/** A text a visitor's form must have (a course's name, a reason), at most `max` characters. */
export function requiredText(field: string, value: string, max: number): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  required(refusals, field, value, max);
  return refusals;
}

// ---- The rota (ICV-03) ----

/** A quarter is named by its first day: 1 January, 1 April, 1 July or 1 October. */
export function quarterOf(on: IsoDate): IsoDate {
  const [year, month] = on.split('-').map(Number) as [number, number];
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return `${year}-${String(first).padStart(2, '0')}-01`;
}

/** A quarter as an address gives it ("2027-01-01"), or null when it is not one. */
export function parseQuarter(text: string | undefined): IsoDate | null {
  const match = /^(\d{4})-(01|04|07|10)-01$/.exec(text ?? '');
  return match ? match[0] : null;
}

export const nextQuarter = (start: IsoDate): IsoDate => addCalendarMonths(start, 3);
export const previousQuarter = (start: IsoDate): IsoDate => addCalendarMonths(start, -3);

/** The Monday of the week a day is in (weeks run Monday to Sunday). */
export function mondayOf(on: IsoDate): IsoDate {
  const weekday = new Date(`${on}T00:00:00Z`).getUTCDay();
  return addCalendarDays(on, -((weekday + 6) % 7));
}

/** The quarter's weeks: those whose Monday falls in it (13, sometimes 14). */
export function quarterWeeks(start: IsoDate): IsoDate[] {
  const end = nextQuarter(start);
  let monday = mondayOf(start);
  if (monday < start) monday = addCalendarDays(monday, 7);
  const weeks: IsoDate[] = [];
  for (; monday < end; monday = addCalendarDays(monday, 7)) weeks.push(monday);
  return weeks;
}

/** ICV-03: a suite's target over the quarter: its visits a week over the quarter's weeks. */
export function quarterTarget(visitsPerWeek: number, weeks: number): number {
  return Math.ceil(visitsPerWeek * weeks - 1e-9);
}

/** A random source the draw is given: the same seed draws the same rota (tests, demo data). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** A visitor the draw may put on the rota (ICV-02: eligible), with the weeks they cannot do. */
export interface RotaVisitor {
  id: string;
  /** Probation signed off: a visitor on probation is paired only with an experienced one. */
  experienced: boolean;
  unavailableWeeks: readonly IsoDate[];
}

export interface RotaSuite {
  id: string;
  /** Visits over the quarter (`quarterTarget`, or `surgedQuarterTarget` with surges). */
  target: number;
  /**
   * ICV-10: each week's target when surges raise some weeks (`weekTarget`): the visits are
   * spread in proportion, more in the surge's weeks. Without it they are spread evenly.
   */
  weekly?: ReadonlyMap<IsoDate, number>;
}

/**
 * ICV-03, ICV-10: the week of each of `needed` visits over `weeks`, in proportion to each
 * week's target (`weekly`, default 1 each): evenly without a surge, more in a surge's weeks.
 */
export function spreadVisits(
  needed: number,
  weeks: readonly IsoDate[],
  weekly?: ReadonlyMap<IsoDate, number>,
): IsoDate[] {
  if (!weeks.length || needed <= 0) return [];
  if (!weekly)
    return Array.from(
      { length: needed },
      (_, i) => weeks[Math.floor((i * weeks.length) / needed)]!,
    );
  const weights = weeks.map((w) => weekly.get(w) ?? 0);
  const total = weights.reduce((n, w) => n + w, 0);
  if (total <= 0) return spreadVisits(needed, weeks);
  const placed: IsoDate[] = [];
  for (let i = 0; i < needed; i++) {
    const at = (i * total) / needed;
    let sum = 0;
    let k = 0;
    for (; k < weeks.length - 1; k++) {
      sum += weights[k]!;
      if (sum > at + 1e-9) break;
    }
    placed.push(weeks[k]!);
  }
  return placed;
}

export interface RotaVisit {
  suiteId: string;
  week: IsoDate;
  visitorIds: readonly [string, string];
}

export interface DrawInput {
  visitors: readonly RotaVisitor[];
  suites: readonly RotaSuite[];
  weeks: readonly IsoDate[];
  /** The visits before this quarter's draw, oldest first: no pair is drawn twice running. */
  earlierPairs: readonly (readonly [string, string])[];
  /** Visits of the quarter that stay (made, or in a week already begun), counted to targets. */
  kept?: readonly RotaVisit[];
  random: () => number;
}

/** A suite the draw could not bring to its target, and by how many visits. */
export interface RotaGap {
  suiteId: string;
  target: number;
  drawn: number;
  short: number;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * ICV-02, ICV-03: may these visitors make a visit together? At least two different visitors
 * (a visit is never made alone), and a visitor on probation only with an experienced one.
 */
export function pairRefusal(
  visitors: readonly { id: string; experienced: boolean }[],
): Said | null {
  if (new Set(visitors.map((v) => v.id)).size < 2)
    return { key: 'custody-visiting:rota.errors.onePerson' };
  if (!visitors.some((v) => v.experienced))
    return { key: 'custody-visiting:rota.errors.noExperienced' };
  return null;
}

/**
 * ICV-03: the draw. Each suite's visits over the quarter are spread across its weeks; each
 * visit gets a pair drawn at random from the visitors free that week (nobody twice in a week,
 * nobody in a week they cannot do), never the pair either visitor made their last visit with,
 * a visitor on probation always with an experienced one, those with fewest visits so far
 * first so the work is shared fairly, and a pair not yet drawn this quarter before one that
 * was. What it cannot fill it reports as gaps.
 */
export function drawRota(input: DrawInput): { visits: RotaVisit[]; gaps: RotaGap[] } {
  const { random, weeks } = input;
  const kept = input.kept ?? [];
  const share = new Map<string, number>(input.visitors.map((v) => [v.id, 0]));
  const lastPartner = new Map<string, string>();
  const usedPairs = new Map<string, number>();
  const busy = new Set<string>();
  const note = (ids: readonly [string, string], week: IsoDate | null) => {
    const [a, b] = ids;
    lastPartner.set(a, b);
    lastPartner.set(b, a);
    if (week) {
      busy.add(`${week}|${a}`);
      busy.add(`${week}|${b}`);
      usedPairs.set(pairKey(a, b), (usedPairs.get(pairKey(a, b)) ?? 0) + 1);
      for (const id of ids) if (share.has(id)) share.set(id, share.get(id)! + 1);
    }
  };
  for (const pair of input.earlierPairs) note([pair[0], pair[1]], null);
  for (const visit of [...kept].sort((x, y) => x.week.localeCompare(y.week)))
    note(visit.visitorIds, visit.week);

  // Each suite's visits still to draw, spread evenly over the weeks not begun.
  const slots: { suiteId: string; week: IsoDate; order: number }[] = [];
  for (const suite of input.suites) {
    const needed = suite.target - kept.filter((k) => k.suiteId === suite.id).length;
    for (const week of spreadVisits(needed, weeks, suite.weekly))
      slots.push({ suiteId: suite.id, week, order: random() });
  }
  slots.sort((x, y) => x.week.localeCompare(y.week) || x.order - y.order);

  const visits: RotaVisit[] = [];
  for (const slot of slots) {
    const free = input.visitors
      .filter((v) => !v.unavailableWeeks.includes(slot.week) && !busy.has(`${slot.week}|${v.id}`))
      .map((v) => ({ v, tie: random() }))
      .sort((x, y) => share.get(x.v.id)! - share.get(y.v.id)! || x.tie - y.tie)
      .map((x) => x.v);
    let chosen: [RotaVisitor, RotaVisitor] | null = null;
    for (const first of free) {
      const partners = free
        .filter(
          (other) =>
            other.id !== first.id &&
            pairRefusal([first, other]) === null &&
            lastPartner.get(first.id) !== other.id &&
            lastPartner.get(other.id) !== first.id,
        )
        .sort(
          (x, y) =>
            share.get(x.id)! - share.get(y.id)! ||
            (usedPairs.get(pairKey(first.id, x.id)) ?? 0) -
              (usedPairs.get(pairKey(first.id, y.id)) ?? 0),
        );
      if (partners.length) {
        chosen = [first, partners[0]!];
        break;
      }
    }
    if (!chosen) continue;
    const visit: RotaVisit = {
      suiteId: slot.suiteId,
      week: slot.week,
      visitorIds: [chosen[0].id, chosen[1].id],
    };
    note(visit.visitorIds, slot.week);
    visits.push(visit);
  }

  const gaps: RotaGap[] = [];
  for (const suite of input.suites) {
    const drawn = [...kept, ...visits].filter((v) => v.suiteId === suite.id).length;
    if (drawn < suite.target)
      gaps.push({ suiteId: suite.id, target: suite.target, drawn, short: suite.target - drawn });
  }
  return { visits, gaps };
}

/**
 * ICV-03: a visitor swapped into a visit in place of another: eligible (ICV-02), not already
 * one of the pair, free that week, and the pair still with an experienced visitor.
 */
export function swapRefusal(input: {
  staying: { id: string; experienced: boolean };
  incoming: { id: string; experienced: boolean; eligibility: Said | null } | null;
  busyThatWeek: boolean;
  /** The new pair would visit together twice running (`pairTwiceRunning`). */
  twiceRunning?: boolean;
}): SaidRefusal | null {
  const field = 'incoming';
  const { incoming } = input;
  if (!incoming) return { field, key: 'custody-visiting:rota.errors.incomingMissing' };
  if (incoming.eligibility) return { field, ...incoming.eligibility };
  const pair = pairRefusal([input.staying, incoming]);
  if (pair) return { field, ...pair };
  if (input.busyThatWeek) return { field, key: 'custody-visiting:rota.errors.busyThatWeek' };
  if (input.twiceRunning) return { field, key: 'custody-visiting:rota.errors.twiceRunning' };
  return null;
}

/**
 * ICV-03: whether a visit by `a` and `b` in `week` would make them the same pair twice running:
 * the visit either of them makes just before that week, or just after it, is with the other.
 * `visits` are the panel's other visits, planned or made, around that week.
 */
export function pairTwiceRunning(
  week: IsoDate,
  a: string,
  b: string,
  visits: readonly RotaVisit[],
): boolean {
  const besideWeek = (visitorId: string) => {
    let before: RotaVisit | null = null;
    let after: RotaVisit | null = null;
    for (const v of visits) {
      if (!v.visitorIds.includes(visitorId)) continue;
      if (v.week < week && (!before || v.week > before.week)) before = v;
      if (v.week > week && (!after || v.week < after.week)) after = v;
    }
    return [before, after];
  };
  return [
    ...besideWeek(a).map((v) => v?.visitorIds.includes(b)),
    ...besideWeek(b).map((v) => v?.visitorIds.includes(a)),
  ].some(Boolean);
}

/** Evening runs from 6pm until 7am; a visit's slot is its day of the week and its time. */
export const EVENING_FROM = 18 * 60;
export const DAY_FROM = 7 * 60;

export interface VisitSlot {
  weekend: boolean;
  evening: boolean;
}

/** ICV-03: where a visit falls in the spread: weekday or weekend, day or evening. */
export function visitSlot(on: IsoDate, minutes: number): VisitSlot {
  const weekday = new Date(`${on}T00:00:00Z`).getUTCDay();
  return {
    weekend: weekday === 0 || weekday === 6,
    evening: minutes >= EVENING_FROM || minutes < DAY_FROM,
  };
}

/**
 * ICV-03: the day and time the pair fixes: a day of the visit's week, not one already gone,
 * and a time of day.
 */
export function visitTimeRefusals(input: {
  week: IsoDate;
  on: IsoDate | null;
  minutes: number | null;
  timeGiven: boolean;
  today: IsoDate;
}): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  const { week, on } = input;
  if (on && (on < week || on > addCalendarDays(week, 6)))
    refusals.push({
      field: 'visitOn-day',
      key: 'custody-visiting:rota.errors.notInWeek',
      values: { from: { date: week }, to: { date: addCalendarDays(week, 6) } },
    });
  else if (on && on < input.today)
    refusals.push({ field: 'visitOn-day', key: 'custody-visiting:rota.errors.dayGone' });
  if (!input.timeGiven)
    refusals.push({ field: 'visitTime', key: 'custody-visiting:rota.errors.timeMissing' });
  else if (input.minutes === null)
    refusals.push({ field: 'visitTime', key: 'custody-visiting:rota.errors.timeInvalid' });
  return refusals;
}

/** The spread of a suite's visits made: weekday and weekend, day and evening. */
export interface Spread {
  weekdayDay: number;
  weekdayEvening: number;
  weekendDay: number;
  weekendEvening: number;
}

export function spreadOf(slots: readonly VisitSlot[]): Spread {
  const spread: Spread = { weekdayDay: 0, weekdayEvening: 0, weekendDay: 0, weekendEvening: 0 };
  for (const s of slots) {
    const key = `${s.weekend ? 'weekend' : 'weekday'}${s.evening ? 'Evening' : 'Day'}` as const;
    spread[key] += 1;
  }
  return spread;
}

/**
 * ICV-03: what a suite's rota lacks: visits short of its target (planned and made together),
 * and, once visits are made, none at weekends or none in the evening.
 */
export function suiteRotaGaps(input: { target: number; visits: number; spread: Spread }): Said[] {
  const gaps: Said[] = [];
  const { spread } = input;
  if (input.visits < input.target)
    gaps.push({
      key: 'custody-visiting:rota.gaps.short',
      values: { count: input.target - input.visits, target: input.target },
    });
  const made =
    spread.weekdayDay + spread.weekdayEvening + spread.weekendDay + spread.weekendEvening;
  if (made > 0 && spread.weekendDay + spread.weekendEvening === 0)
    gaps.push({ key: 'custody-visiting:rota.gaps.noWeekend' });
  if (made > 0 && spread.weekdayEvening + spread.weekendEvening === 0)
    gaps.push({ key: 'custody-visiting:rota.gaps.noEvening' });
  return gaps;
}

/** ICV-03: the weeks a visitor says they cannot do must be weeks of the quarter. */
export function availabilityRefusals(
  unavailable: readonly string[],
  weeks: readonly IsoDate[],
  note: string,
): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  if (unavailable.some((w) => !weeks.includes(w)))
    refusals.push({ field: 'unavailable', key: 'custody-visiting:rota.errors.notAWeek' });
  else if (unavailable.length === weeks.length)
    refusals.push({ field: 'unavailable', key: 'custody-visiting:rota.errors.noWeekLeft' });
  if (note.length > 1000)
    refusals.push({
      field: 'note',
      key: 'custody-visiting:rota.errors.noteTooLong',
      values: { max: 1000 },
    });
  return refusals;
}

// ---- The visit report, written at the station (ICV-03 to ICV-07) ----

/** A time of day (minutes after midnight) as a 24-hour clock shows it: "19:30". */
export const clockText = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** ICV-04: a time as the report gives it, "19:05" (24-hour clock). */
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A time typed as "7:05", "19.05" or "1905", made "07:05" or "19:05"; null when it is not one. */
export function parseTime(value: string | undefined): string | null {
  const m = /^(\d{1,2})[:.]?(\d{2})$/.exec(tidy(value));
  if (!m) return null;
  const time = `${m[1]!.padStart(2, '0')}:${m[2]}`;
  return TIME.test(time) ? time : null;
}

/** ICV-03: a visit is made by at least two visitors together: two different ones. */
export function visitPairRefusal(
  firstVisitorId: string | null,
  secondVisitorId: string | null,
): SaidRefusal | null {
  if (!secondVisitorId || secondVisitorId === firstVisitorId)
    return { field: 'secondVisitorId', key: 'custody-visiting:reports.errors.oneVisitor' };
  return null;
}

export interface AdmissionInput {
  arrivedAt?: string | undefined;
  admittedAt?: string | undefined;
  delayReason?: string | undefined;
  delayAuthorisedBy?: string | undefined;
}

export interface AdmissionValue {
  arrivedAt: string;
  admittedAt: string;
  /** Null when they were admitted at once. */
  delayReason: string | null;
  delayAuthorisedBy: string | null;
}

/**
 * ICV-04: visitors are admitted at once; a delay (admitted later than they arrived) is allowed
 * only on an inspector's authority (or above), its reason given: both are recorded, or the delay
 * is refused. Admission cannot come before arrival. Without a delay no reason is kept.
 */
export function validateAdmission(input: AdmissionInput): {
  refusals: SaidRefusal[];
  value: AdmissionValue;
} {
  const refusals: SaidRefusal[] = [];
  const arrivedAt = parseTime(input.arrivedAt);
  const admittedAt = parseTime(input.admittedAt);
  for (const [field, time] of [
    ['arrivedAt', arrivedAt],
    ['admittedAt', admittedAt],
  ] as const) {
    if (!tidy(input[field]))
      refusals.push({ field, key: `custody-visiting:reports.errors.${field}Missing` });
    else if (!time) refusals.push({ field, key: 'custody-visiting:reports.errors.time' });
  }
  const delayed = !!arrivedAt && !!admittedAt && admittedAt > arrivedAt;
  if (arrivedAt && admittedAt && admittedAt < arrivedAt)
    refusals.push({ field: 'admittedAt', key: 'custody-visiting:reports.errors.admittedBefore' });
  const delayReason = tidy(input.delayReason);
  const delayAuthorisedBy = tidy(input.delayAuthorisedBy);
  if (delayed) {
    if (!delayReason)
      refusals.push({ field: 'delayReason', key: 'custody-visiting:reports.errors.delayReason' });
    else if (delayReason.length > 1000)
      refusals.push({
        field: 'delayReason',
        key: 'custody-visiting:reports.errors.tooLong',
        values: { max: 1000 },
      });
    if (!delayAuthorisedBy)
      refusals.push({
        field: 'delayAuthorisedBy',
        key: 'custody-visiting:reports.errors.delayAuthorisedBy',
      });
    else if (delayAuthorisedBy.length > 200)
      refusals.push({
        field: 'delayAuthorisedBy',
        key: 'custody-visiting:reports.errors.tooLong',
        values: { max: 200 },
      });
  }
  return {
    refusals,
    value: {
      arrivedAt: arrivedAt ?? '',
      admittedAt: admittedAt ?? '',
      delayReason: delayed ? delayReason : null,
      delayAuthorisedBy: delayed ? delayAuthorisedBy : null,
    },
  };
}

/** ICV-07: why a detainee present was not seen. */
export const NOT_SEEN_REASONS = ['asleep', 'interview', 'solicitor', 'declined', 'safety'] as const;
export type NotSeenReason = (typeof NOT_SEEN_REASONS)[number];

/**
 * ICV-05: the only things a report holds about a detainee. A detainee is identified by custody
 * record number only: there is no field for a name, nor for the reason for detention, and
 * anything else a form sends is not read.
 */
export const DETAINEE_FIELDS = [
  'custodyRecordNumber',
  'child',
  'vulnerable',
  'consent',
  'seen',
  'notSeenReason',
  'recordChecked',
  'observations',
  'terrorism',
  'recordingsViewed',
  'recordingsNotes',
] as const;

export type DetaineeInput = Partial<Record<(typeof DETAINEE_FIELDS)[number], string | undefined>>;

export interface DetaineeValue {
  custodyRecordNumber: string;
  child: boolean;
  vulnerable: boolean;
  consent: boolean;
  seen: boolean;
  notSeenReason: NotSeenReason | null;
  recordChecked: boolean;
  observations: string | null;
  terrorism: boolean;
  recordingsViewed: boolean;
  recordingsNotes: string | null;
}

/**
 * ICV-09: visitors may view recordings of interviews of a person detained under terrorism
 * legislation, and of nobody else: for such a detainee they say whether they did; a note on
 * which (never naming anyone) only with a viewing.
 */
export function recordingsRefusals(input: {
  terrorism: boolean;
  recordingsViewed: string | undefined;
  recordingsNotes: string;
}): SaidRefusal[] {
  const said = input.recordingsViewed;
  if (!input.terrorism)
    return said === 'yes'
      ? [
          {
            field: 'recordingsViewed',
            key: 'custody-visiting:reports.errors.recordingsNotTerrorism',
          },
        ]
      : [];
  if (said !== 'yes' && said !== 'no')
    return [
      { field: 'recordingsViewed', key: 'custody-visiting:reports.errors.recordingsMissing' },
    ];
  if (input.recordingsNotes.length > 500)
    return [
      {
        field: 'recordingsNotes',
        key: 'custody-visiting:reports.errors.tooLong',
        values: { max: 500 },
      },
    ];
  return [];
}

/** A custody record number: letters, digits, slashes and hyphens, with a digit ("01CD/1234/26"). */
const CUSTODY_RECORD = /^(?=.*\d)[A-Z0-9][A-Z0-9/-]{2,29}$/;

/**
 * ICV-05: a detainee present: their custody record number (never a name: one without a digit,
 * or with spaces, is refused), whether a child or vulnerable, whether they consented; seen only
 * with consent, and when not seen, why (ICV-07); their custody record read only with consent
 * (ICV-06). Only `DETAINEE_FIELDS` are read.
 */
export function validateDetainee(input: DetaineeInput): {
  refusals: SaidRefusal[];
  value: DetaineeValue;
} {
  const refusals: SaidRefusal[] = [];
  const custodyRecordNumber = tidy(input.custodyRecordNumber).toUpperCase();
  if (!custodyRecordNumber)
    refusals.push({
      field: 'custodyRecordNumber',
      key: 'custody-visiting:reports.errors.recordNumberMissing',
    });
  else if (!CUSTODY_RECORD.test(custodyRecordNumber))
    refusals.push({
      field: 'custodyRecordNumber',
      key: 'custody-visiting:reports.errors.recordNumberForm',
    });
  const consent = input.consent === 'yes';
  if (input.consent !== 'yes' && input.consent !== 'no')
    refusals.push({ field: 'consent', key: 'custody-visiting:reports.errors.consentMissing' });
  const seen = input.seen === 'yes';
  const reason = NOT_SEEN_REASONS.find((r) => r === input.notSeenReason) ?? null;
  if (input.seen !== 'yes' && input.seen !== 'no')
    refusals.push({ field: 'seen', key: 'custody-visiting:reports.errors.seenMissing' });
  else if (seen && input.consent === 'no')
    refusals.push({ field: 'seen', key: 'custody-visiting:reports.errors.seenWithoutConsent' });
  else if (!seen && !reason)
    refusals.push({
      field: 'notSeenReason',
      key: 'custody-visiting:reports.errors.notSeenReasonMissing',
    });
  const recordChecked = input.recordChecked === 'yes';
  if (recordChecked && !consent)
    refusals.push({
      field: 'recordChecked',
      key: 'custody-visiting:reports.errors.recordWithoutConsent',
    });
  const observations = (input.observations ?? '').trim();
  if (observations.length > 2000)
    refusals.push({
      field: 'observations',
      key: 'custody-visiting:reports.errors.tooLong',
      values: { max: 2000 },
    });
  const terrorism = input.terrorism === 'yes';
  const recordingsViewed = terrorism && input.recordingsViewed === 'yes';
  const recordingsNotes = recordingsViewed ? tidy(input.recordingsNotes) : '';
  refusals.push(
    ...recordingsRefusals({
      terrorism,
      recordingsViewed: input.recordingsViewed,
      recordingsNotes,
    }),
  );
  return {
    refusals,
    value: {
      custodyRecordNumber,
      child: input.child === 'yes',
      vulnerable: input.vulnerable === 'yes',
      consent,
      seen,
      notSeenReason: seen ? null : reason,
      recordChecked,
      observations: observations || null,
      terrorism,
      recordingsViewed,
      recordingsNotes: recordingsNotes || null,
    },
  };
}

/** ICV-09: a report is a terrorism report when a detainee it lists is held under that legislation. */
export function isTerrorismReport(detainees: readonly { terrorism: boolean }[]): boolean {
  return detainees.some((d) => d.terrorism);
}

/** ICV-09: to whom a terrorism report is copied when it is sent. */
export const REPORT_COPY_RECIPIENTS = ['authority', 'terrorism_reviewer'] as const;
export type ReportCopyRecipient = (typeof REPORT_COPY_RECIPIENTS)[number];

/**
 * ICV-09: the copies a report records when it is sent: none unless it is a terrorism report;
 * then one to the authority, e-mailed (a link to the report, which the authority's staff read in
 * Bridge) when its address is set, and one to the Independent Reviewer of Terrorism Legislation,
 * who is outside Bridge and cannot open a link to it: that copy, and the authority's without an
 * address, await the scheme manager, who sends the report by a secure route and records it.
 */
export function reportCopies(
  detainees: readonly { terrorism: boolean }[],
  authorityEmail: string | null,
): { recipient: ReportCopyRecipient; sentTo: string | null }[] {
  if (!isTerrorismReport(detainees)) return [];
  return [
    { recipient: 'authority', sentTo: authorityEmail },
    { recipient: 'terrorism_reviewer', sentTo: null },
  ];
}

/**
 * ICV-09: a copy sent by hand is recorded once, by whom it went to and the day, which is not
 * before the report was sent nor after today.
 */
export function copySentRefusals(input: {
  awaiting: boolean;
  sentTo: string;
  sentOn: IsoDate | null;
  reportSentOn: IsoDate;
  today: IsoDate;
}): SaidRefusal[] {
  if (!input.awaiting)
    return [{ field: 'sentTo', key: 'custody-visiting:reports.errors.copyRecorded' }];
  const refusals: SaidRefusal[] = [];
  if (!input.sentTo)
    refusals.push({ field: 'sentTo', key: 'custody-visiting:reports.errors.copySentToMissing' });
  else if (input.sentTo.length > 200)
    refusals.push({
      field: 'sentTo',
      key: 'custody-visiting:reports.errors.tooLong',
      values: { max: 200 },
    });
  if (input.sentOn && (input.sentOn < input.reportSentOn || input.sentOn > input.today))
    refusals.push({ field: 'sentOn-day', key: 'custody-visiting:reports.errors.copyDate' });
  return refusals;
}

/** ICV-05: children first, then vulnerable detainees, then the rest, each by record number. */
export function detaineesInOrder<
  D extends { child: boolean; vulnerable: boolean; custodyRecordNumber: string },
>(detainees: readonly D[]): D[] {
  const rank = (d: D) => (d.child ? 0 : d.vulnerable ? 1 : 2);
  return [...detainees].sort(
    (a, b) => rank(a) - rank(b) || a.custodyRecordNumber.localeCompare(b.custodyRecordNumber, 'en'),
  );
}

/** ICV-06: what is checked at every visit, each found satisfactory or with concerns. */
export const REPORT_CHECKS = ['rights', 'health', 'cells'] as const;
export type ReportCheck = (typeof REPORT_CHECKS)[number];
export type CheckFinding = 'satisfactory' | 'concerns';

export type ChecksInput = Partial<
  Record<
    | `${ReportCheck}Check`
    | `${ReportCheck}Notes`
    | 'detaineesPresent'
    | 'conditions'
    | 'issuesRaised'
    | 'actionTaken'
    | 'followUp',
    string | undefined
  >
>;

export interface ChecksValue {
  rightsCheck: CheckFinding;
  rightsNotes: string | null;
  healthCheck: CheckFinding;
  healthNotes: string | null;
  cellsCheck: CheckFinding;
  cellsNotes: string | null;
  detaineesPresent: number;
  conditions: string;
  issuesRaised: string | null;
  actionTaken: string | null;
  followUp: string | null;
}

/**
 * ICV-06, ICV-07: the checks of the visit (rights and entitlements, health and welfare, cells
 * and facilities: each satisfactory or with concerns, which are described), how many detainees
 * were present, the conditions seen, the issues raised on the spot and what was done (an issue
 * needs what was done), and matters for follow-up.
 */
export function validateChecks(input: ChecksInput): {
  refusals: SaidRefusal[];
  value: ChecksValue;
} {
  const refusals: SaidRefusal[] = [];
  const text = (field: keyof ChecksInput, max = 2000) => {
    const value = (input[field] ?? '').trim();
    if (value.length > max)
      refusals.push({ field, key: 'custody-visiting:reports.errors.tooLong', values: { max } });
    return value;
  };
  const findings = {} as Record<ReportCheck, CheckFinding>;
  const notes = {} as Record<ReportCheck, string | null>;
  for (const check of REPORT_CHECKS) {
    const finding = input[`${check}Check`];
    const note = text(`${check}Notes`);
    if (finding !== 'satisfactory' && finding !== 'concerns')
      refusals.push({
        field: `${check}Check`,
        key: `custody-visiting:reports.errors.checkMissing`,
        values: { check: { key: `custody-visiting:reports.checks.${check}.name`, lower: true } },
      });
    else if (finding === 'concerns' && !note)
      refusals.push({
        field: `${check}Notes`,
        key: 'custody-visiting:reports.errors.concernsNotes',
        values: { check: { key: `custody-visiting:reports.checks.${check}.name`, lower: true } },
      });
    findings[check] = finding === 'concerns' ? 'concerns' : 'satisfactory';
    notes[check] = note || null;
  }
  const presentText = tidy(input.detaineesPresent);
  const detaineesPresent = /^\d{1,3}$/.test(presentText) ? Number(presentText) : NaN;
  if (!presentText)
    refusals.push({
      field: 'detaineesPresent',
      key: 'custody-visiting:reports.errors.presentMissing',
    });
  else if (Number.isNaN(detaineesPresent))
    refusals.push({
      field: 'detaineesPresent',
      key: 'custody-visiting:reports.errors.presentNumber',
    });
  const conditions = text('conditions');
  if (!conditions)
    refusals.push({
      field: 'conditions',
      key: 'custody-visiting:reports.errors.conditionsMissing',
    });
  const issuesRaised = text('issuesRaised');
  const actionTaken = text('actionTaken');
  if (issuesRaised && !actionTaken)
    refusals.push({ field: 'actionTaken', key: 'custody-visiting:reports.errors.actionMissing' });
  const followUp = text('followUp');
  return {
    refusals,
    value: {
      rightsCheck: findings.rights,
      rightsNotes: notes.rights,
      healthCheck: findings.health,
      healthNotes: notes.health,
      cellsCheck: findings.cells,
      cellsNotes: notes.cells,
      detaineesPresent: Number.isNaN(detaineesPresent) ? 0 : detaineesPresent,
      conditions,
      issuesRaised: issuesRaised || null,
      actionTaken: actionTaken || null,
      followUp: followUp || null,
    },
  };
}

/** What a report holds that decides whether it is complete and who reads it. */
export interface ReportState {
  status: 'draft' | 'submitted';
  firstVisitorId: string;
  secondVisitorId: string;
  suiteId: string;
  /** When the checks of ICV-06 were recorded; null while they are not. */
  checksRecordedAt: Date | null;
  detaineesPresent: number | null;
  firstConfirmedAt: Date | null;
  secondConfirmedAt: Date | null;
}

/**
 * ICV-07: the parts a report must have before it is confirmed: the checks, conditions and
 * detainees present recorded, and each detainee present listed (seen, or not seen with why).
 * The date, suite, visitors and times are given when it is begun. Empty when complete.
 */
export function missingParts(report: ReportState, detaineesListed: number): Said[] {
  const missing: Said[] = [];
  if (!report.checksRecordedAt || report.detaineesPresent === null)
    missing.push({ key: 'custody-visiting:reports.missing.checks' });
  else if (detaineesListed !== report.detaineesPresent)
    missing.push({
      key: 'custody-visiting:reports.missing.detainees',
      values: { present: report.detaineesPresent, listed: detaineesListed },
    });
  return missing;
}

/** Which of the report's two visitors this is, if either. */
export function visitorRole(
  report: ReportState,
  visitorId: string | null,
): 'first' | 'second' | null {
  if (!visitorId) return null;
  if (report.firstVisitorId === visitorId) return 'first';
  if (report.secondVisitorId === visitorId) return 'second';
  return null;
}

/**
 * ICV-07: a visitor of the report confirms it, once it is complete; it is sent (submitted)
 * when both have. A sent report is not confirmed again.
 */
export function confirmationRefusal(
  report: ReportState,
  visitorId: string | null,
  detaineesListed: number,
): Said | null {
  const who = visitorRole(report, visitorId);
  if (!who) return { key: 'custody-visiting:reports.errors.notYourReport' };
  if (report.status === 'submitted') return { key: 'custody-visiting:reports.errors.sent' };
  const missing = missingParts(report, detaineesListed);
  if (missing.length) return missing[0]!;
  return null;
}

/**
 * ICV-07: a draft is read by its two visitors only; once both have confirmed it and it is sent,
 * it goes to the custody inspector of its suite and the scheme manager (the police see it only
 * after the visit is reported), and is read by the coordinator of the panel whose visitors made
 * it (the panel of its suite's area). Nobody else reads it.
 */
export function seesReport(
  reach: SchemeReach,
  visitorId: string | null,
  report: Pick<ReportState, 'status' | 'firstVisitorId' | 'secondVisitorId' | 'suiteId'> & {
    panelId: string;
  },
): boolean {
  if (visitorId && (report.firstVisitorId === visitorId || report.secondVisitorId === visitorId))
    return true;
  if (report.status !== 'submitted') return false;
  return (
    reach.manager ||
    reach.suiteIds.includes(report.suiteId) ||
    reach.panelIds.includes(report.panelId)
  );
}

/**
 * ICV-03, ICV-07: a visit on the rota its pair may begin the report of: not missed, its fixed
 * day (or, unfixed, its week) come by today, and not reported already.
 */
export function visitReportable(
  visit: { status: 'planned' | 'made' | 'missed'; weekStarting: IsoDate; visitOn: IsoDate | null },
  reported: boolean,
  today: IsoDate,
): boolean {
  return visit.status !== 'missed' && !reported && (visit.visitOn ?? visit.weekStarting) <= today;
}

/**
 * ICV-03, ICV-07: a report begun from a visit on the rota reports that visit: its day is a day
 * of the visit's week, so the visit it marks made is counted in its own week and quarter.
 */
export function visitDayRefusal(visitedOn: IsoDate, weekStarting: IsoDate): SaidRefusal | null {
  const lastDay = addCalendarDays(weekStarting, 6);
  if (visitedOn >= weekStarting && visitedOn <= lastDay) return null;
  return {
    field: 'visitedOn-day',
    key: 'custody-visiting:reports.errors.notInVisitWeek',
    values: { from: { date: weekStarting }, to: { date: lastDay } },
  };
}

/** ICV-04: a report's admission was delayed (the measure ICV-10 counts). */
export function admissionDelayed(report: { arrivedAt: string; admittedAt: string }): boolean {
  return report.admittedAt > report.arrivedAt;
}

/**
 * ICV-01: what an applicant declares on the public form, each a box they must tick: not a
 * serving police officer or police staff, not otherwise directly involved in the criminal
 * justice system, and aged 18 or over.
 */
export const APPLICATION_DECLARATIONS = ['notPolice', 'notCriminalJustice', 'adult'] as const;

/** ICV-01: each declaration left unticked, refused naming the box (the first one missing). */
export function applicationDeclarationRefusals(ticked: readonly string[]): SaidRefusal[] {
  const missing = APPLICATION_DECLARATIONS.filter((d) => !ticked.includes(d));
  return missing.map((d) => ({
    field: 'declarations',
    key: `custody-visiting:applications.errors.declaration.${d}`,
  }));
}

/** ICV-02: the area an applicant chose: one of the panels' areas, or "not sure" (null). */
export function applicationArea(
  chosen: string | undefined,
  areas: readonly string[],
): { area: string | null; refusal: SaidRefusal | null } {
  const value = tidy(chosen);
  if (value === 'not-sure') return { area: null, refusal: null };
  const area = areas.find((a) => sameArea(a, value));
  if (area) return { area, refusal: null };
  return {
    area: null,
    refusal: { field: 'area', key: 'custody-visiting:applications.errors.area' },
  };
}

/**
 * ICV-02: the acknowledgements one address may be sent in a day, as the advisory groups' form
 * does: nobody has confirmed the address, so the form must not be a way to flood someone's inbox.
 */
export const VISITOR_APPLICATION_MAILS_PER_ADDRESS_PER_DAY = 3;

export function mayAcknowledgeVisitorApplication(sentToAddressToday: number): boolean {
  return sentToAddressToday < VISITOR_APPLICATION_MAILS_PER_ADDRESS_PER_DAY;
}

/**
 * ICV-02: only an application still received can be declined or invited to interview, and a
 * coordinator may invite only to their own panel; declining needs a reason.
 */
export function applicationDecisionRefusals(
  application: { status: string },
  decision: { outcome: string; reason: string; panelId: string | null },
): SaidRefusal[] {
  if (application.status !== 'received')
    return [{ field: 'outcome', key: 'custody-visiting:applications.errors.decided' }];
  if (decision.outcome === 'decline')
    return decision.reason
      ? decision.reason.length > 2000
        ? [
            {
              field: 'reason',
              key: 'custody-visiting:applications.errors.reasonTooLong',
              values: { max: 2000 },
            },
          ]
        : []
      : [{ field: 'reason', key: 'custody-visiting:applications.errors.reason' }];
  if (decision.outcome === 'invite')
    return decision.panelId
      ? []
      : [{ field: 'panelId', key: 'custody-visiting:applications.errors.panel' }];
  return [{ field: 'outcome', key: 'custody-visiting:applications.errors.outcome' }];
}

/** ICV-02: who sees an application: the manager every one, a coordinator their panel's area's. */
export function seesApplication(reach: SchemeReach, application: { area: string | null }): boolean {
  if (reach.manager) return true;
  const area = application.area;
  return area !== null && reach.panelAreas.some((a) => sameArea(a, area));
}

/** The reference an applicant is given: the start of the application's id, in capitals. */
export function applicationReference(id: string): string {
  return `ICV-${id.slice(0, 8).toUpperCase()}`;
}
