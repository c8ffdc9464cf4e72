/**
 * The rota's rules (ICV-03) as pure functions: quarters and their weeks, targets, the draw that
 * pairs visitors and spreads visits over days and evenings, swaps, and availability.
 */
import { type IsoDate, addCalendarDays, addCalendarMonths } from '../../platform/calendar/index.js';
import { type Said, type SaidRefusal } from '../../platform/i18n/said.js';

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
