/**
 * The scheme's rules (ICV-01, ICV-02, with ICV-03's target), as pure functions: what a custody
 * suite and a panel must give, and who in a scheme may see which records. Refusals are `Said`
 * (ADR 0015), worded by whoever shows them.
 */
import { type Said, type SaidRefusal } from '../../platform/i18n/said.js';

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

/** A required text field, refused when empty or longer than `max`; returns it as given. */
export function required(
  refusals: SaidRefusal[],
  field: string,
  value: string,
  max: number,
): string {
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
