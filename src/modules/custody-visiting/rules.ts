/**
 * The scheme's rules (ICV-01, ICV-02, with ICV-03's target), as pure functions: what a custody
 * suite and a panel must give, and who in a scheme may see which records. Refusals are `Said`
 * (ADR 0015), worded by whoever shows them.
 */
import { addCalendarMonths, type IsoDate } from '../../platform/calendar/index.js';
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
