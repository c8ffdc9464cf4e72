/**
 * Tracking recommendations to completion: the domain rules as pure functions. TRK-01 (key
 * points, actions, results/timescale), LEG-02 (boards' borough scrutiny and thematic reviews),
 * LEG-07 (inquiry recommendations monitored by a named group), CON-08 and IAG-25 (work plans),
 * IAG-26 (each corporate IAG's annual report), IAG-28 (the three-yearly review). Numbering and
 * order are in numbering-rules.ts, removing and withdrawing in removal-rules.ts.
 */
import {
  addCalendarDays,
  addCalendarMonths,
  parseIsoDate,
  reportingYear,
  reportingYearOf,
  type IsoDate,
  type ReportingYear,
} from '../../platform/calendar/index.js';
import { type Said } from '../../platform/i18n/said.js';

// Sources

/**
 * What a tracked source can be. LEG-02: a board's borough scrutiny and its thematic reviews;
 * LEG-07: an inquiry; CON-08, IAG-25: a work plan (an advisory group's work schedule for a
 * reporting year is one); IAG-26: a corporate IAG's annual report; IAG-28: the review of the
 * advisory process.
 */
export const SOURCE_KINDS = [
  'review',
  'scrutiny',
  'inquiry',
  'inspection',
  'borough_scrutiny',
  'thematic_review',
  'work_plan',
  'annual_report',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * TRK-01: a source is tracked once. Two are the same source when they are of the same kind with
 * the same title, whatever the case or spacing: the key they are compared by.
 */
export function sourceIdentity(source: { title: string; kind: string }): string {
  return `${source.kind}:${source.title.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}

/**
 * TRK-01: why a file for a source already tracked is not imported again, naming that source. The
 * caller fills in `kind` with the kind's name (`tracker:sourceKind.<kind>`).
 */
export function duplicateSourceProblem(existing: {
  title: string;
  kind: SourceKind;
  reference: string | null;
  createdOn: IsoDate;
}): Said & { kind: SourceKind } {
  const values = { title: existing.title, date: { date: existing.createdOn } };
  return existing.reference
    ? {
        key: 'tracker:transfer.duplicateSource.withReference',
        values: { ...values, reference: existing.reference },
        kind: existing.kind,
      }
    : { key: 'tracker:transfer.duplicateSource.withoutReference', values, kind: existing.kind };
}

export function isSourceKind(value: unknown): value is SourceKind {
  return SOURCE_KINDS.includes(value as SourceKind);
}

/**
 * What a source's numbered items are called: a work plan has objectives, not recommendations
 * (the words are `tracker:itemNoun.<noun>.one` and `.many`).
 */
export type ItemNoun = 'objective' | 'recommendation';
export function itemNoun(kind: SourceKind): ItemNoun {
  return kind === 'work_plan' ? 'objective' : 'recommendation';
}

/**
 * LEG-07: an inquiry's recommendations are monitored to completion by a named group; LEG-02: a
 * board's scrutiny is tracked by the board. The source must say who monitors it.
 */
export function needsMonitoringGroup(kind: SourceKind): boolean {
  return kind === 'inquiry' || kind === 'borough_scrutiny' || kind === 'thematic_review';
}

// Recommendations

/**
 * A recommendation is accepted and tracked, superseded by another of the same source (seed 000:
 * Rec 14 supersedes 11 to 13), or not accepted, with the rationale recorded (seed 002 asks for
 * the rationale for not pursuing one).
 */
export const RECOMMENDATION_STATUSES = ['accepted', 'superseded', 'not_accepted'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export function isRecommendationStatus(value: unknown): value is RecommendationStatus {
  return RECOMMENDATION_STATUSES.includes(value as RecommendationStatus);
}

/**
 * TRK-01: what is wrong with a recommendation's standing, if anything. A superseded one names
 * the recommendation that supersedes it (another one of the same source); one not accepted
 * gives the rationale.
 */
export function recommendationStandingProblem(standing: {
  number: string;
  status: RecommendationStatus;
  supersededBy: string | null;
  rationale: string | null;
  /** The numbers of the source's recommendations. */
  numbers: ReadonlySet<string>;
}): (Said & { field: 'supersededBy' | 'rationale' }) | null {
  const { status, supersededBy, rationale } = standing;
  const problem = (field: 'supersededBy' | 'rationale', name: string, number?: string) => ({
    field,
    key: `tracker:standingProblem.${name}`,
    ...(number === undefined ? {} : { values: { number } }),
  });
  if (status === 'superseded') {
    if (!supersededBy) return problem('supersededBy', 'missing');
    if (supersededBy === standing.number) return problem('supersededBy', 'itself');
    if (!standing.numbers.has(supersededBy))
      return problem('supersededBy', 'notInSource', supersededBy);
  } else if (supersededBy) {
    return problem('supersededBy', 'notSuperseded');
  }
  if (status === 'not_accepted' && !rationale) return problem('rationale', 'noRationale');
  return null;
}

// Actions and their results (TRK-01)

/**
 * TRK-01: each action's result/timescale is Completed (with a date), Ongoing or Awaits. An
 * action of a plan just agreed is Not started until its first update (issue 23), counted apart.
 */
export const ACTION_RESULTS = ['completed', 'ongoing', 'awaits', 'not_started'] as const;
export type ActionResult = (typeof ACTION_RESULTS)[number];

export function isActionResult(value: unknown): value is ActionResult {
  return ACTION_RESULTS.includes(value as ActionResult);
}

/**
 * When an action was completed. Reports often give only the month ("Completed September 2003");
 * a record brought in from an older report may say it was completed without giving a date, and
 * that is kept as it was said rather than given a date nobody recorded.
 */
export type CompletedOn =
  | { precision: 'day'; date: IsoDate }
  | { precision: 'month'; date: IsoDate }
  | { precision: 'unrecorded' };

/** The word an import file uses for a completion its source gave no date for. */
export const UNRECORDED_COMPLETION = 'undated';

/** 2003-09-15, or 2003-09 for a month; the import's `undated` only where that is allowed. */
export function parseCompletedOn(
  value: string,
  options: { allowUnrecorded: boolean },
): CompletedOn | null {
  const v = value.trim();
  if (options.allowUnrecorded && v.toLowerCase() === UNRECORDED_COMPLETION)
    return { precision: 'unrecorded' };
  const month = /^(\d{4})-(\d{2})$/.exec(v);
  if (month) {
    const date = parseIsoDate(`${month[1]}-${month[2]}-01`);
    return date ? { precision: 'month', date } : null;
  }
  const day = parseIsoDate(v);
  return day ? { precision: 'day', date: day } : null;
}

/** How a completion date is written in an import file: the inverse of parseCompletedOn. */
export function completedOnText(completed: CompletedOn): string {
  if (completed.precision === 'unrecorded') return UNRECORDED_COMPLETION;
  return completed.precision === 'month' ? completed.date.slice(0, 7) : completed.date;
}

/** "Completed 15 September 2003", "Completed September 2003", or "Completed (no date given)". */
export function completedLabel(completed: CompletedOn): Said {
  if (completed.precision === 'unrecorded') return { key: 'tracker:completed.unrecorded' };
  return {
    key: 'tracker:completed.dated',
    values: {
      date: completed.precision === 'month' ? { month: completed.date } : { date: completed.date },
    },
  };
}

/** "Completed September 2003", "Ongoing", "Awaits". */
export function resultLabel(result: ActionResult, completed: CompletedOn | null): Said {
  return result === 'completed' && completed
    ? completedLabel(completed)
    : { key: `tracker:actionResult.${result}` };
}

/**
 * TRK-01: what is wrong with an action's result, if anything. Completed needs the date it was
 * completed, not later than today; Ongoing and Awaits have no completion date. A date the source
 * never gave is only accepted from an import of an older record (`allowUnrecorded`), never
 * typed by someone recording progress now. The key of the problem's message.
 */
export function actionResultProblem(
  result: ActionResult,
  completedOn: CompletedOn | null,
  today: IsoDate,
): string | null {
  if (result !== 'completed') return completedOn ? 'tracker:resultProblem.notCompleted' : null;
  if (!completedOn) return 'tracker:resultProblem.noDate';
  if (completedOn.precision !== 'unrecorded' && completedOn.date > today)
    return 'tracker:resultProblem.future';
  return null;
}

/** An action is overdue when it has a due date that has passed and it is not completed. */
export function isOverdue(
  action: { result: ActionResult; dueOn: IsoDate | null },
  today: IsoDate,
): boolean {
  return action.result !== 'completed' && action.dueOn !== null && action.dueOn < today;
}

// Who may record progress (TRK-01; issue: "the owner of an action, and their unit")

/** An action's owner: a person, a unit or a borough (an organisation in the directory). */
export interface ActionOwner {
  personId: string | null;
  organisationId: string | null;
  /** The organisation the owning person belongs to, if any: their unit. */
  personOrganisationId: string | null;
}

/** Who is asking: their directory entry and unit, and the boroughs they are partnership officer for. */
export interface TrackerUser {
  manages: boolean;
  personId: string | null;
  organisationId: string | null;
  boroughIds: readonly string[];
}

/**
 * Progress on an action is recorded by the tracker's managers, any of the action's owners, or
 * anyone in an owner's unit: an owning unit or borough itself, or the unit an owning person
 * belongs to. A borough's partnership officer answers for the borough. Nobody else can; an
 * action nobody owns is the managers' alone.
 */
export function mayUpdateAction(user: TrackerUser, owners: readonly ActionOwner[]): boolean {
  if (user.manages) return true;
  return owners.some((owner) => {
    if (owner.personId && user.personId === owner.personId) return true;
    const units = [owner.organisationId, owner.personOrganisationId].filter(
      (u): u is string => u !== null,
    );
    if (user.organisationId && units.includes(user.organisationId)) return true;
    return owner.organisationId !== null && user.boroughIds.includes(owner.organisationId);
  });
}

// Progress, and what changed (the committee report)

/** An action as at a date, for counting and comparing. */
export interface ActionState {
  actionId: string;
  result: ActionResult;
  narrative: string | null;
  completedOn: string | null;
}

export type ResultCounts = Record<ActionResult, number> & { total: number };

/** TRK-01: the report's summary: how many actions stand at each result. */
export function countByResult(states: readonly { result: ActionResult }[]): ResultCounts {
  const counts: ResultCounts = { completed: 0, ongoing: 0, awaits: 0, not_started: 0, total: 0 };
  for (const s of states) {
    counts[s.result] += 1;
    counts.total += 1;
  }
  return counts;
}

/** A recommendation is complete when it has actions and every one is completed. */
export function recommendationProgress(
  results: readonly ActionResult[],
): 'complete' | 'in_progress' | 'no_actions' {
  if (results.length === 0) return 'no_actions';
  return results.every((r) => r === 'completed') ? 'complete' : 'in_progress';
}

export interface ActionChange {
  actionId: string;
  kind: 'new' | 'result' | 'narrative';
  before: ActionResult | null;
  after: ActionResult;
}

/**
 * What changed since the last report: actions that did not exist then, actions whose result
 * changed, and actions whose narrative changed with the same result. With no earlier report,
 * nothing is listed as changed (there is nothing to compare with).
 */
export function changesSince(
  previous: readonly ActionState[] | null,
  current: readonly ActionState[],
): ActionChange[] {
  if (!previous) return [];
  const before = new Map(previous.map((s) => [s.actionId, s]));
  const changes: ActionChange[] = [];
  for (const now of current) {
    const then = before.get(now.actionId);
    if (!then)
      changes.push({ actionId: now.actionId, kind: 'new', before: null, after: now.result });
    else if (then.result !== now.result || then.completedOn !== now.completedOn)
      changes.push({
        actionId: now.actionId,
        kind: 'result',
        before: then.result,
        after: now.result,
      });
    else if ((then.narrative ?? '') !== (now.narrative ?? ''))
      changes.push({
        actionId: now.actionId,
        kind: 'narrative',
        before: then.result,
        after: now.result,
      });
  }
  return changes;
}

// Sources whose date Bridge watches (IAG-26, IAG-28)

/**
 * IAG-26: the reporting year whose annual reports are expected now: the one that ended most
 * recently (April to March), whose reports are due by the following 31 July.
 */
export function annualReportYearDue(today: IsoDate): ReportingYear {
  return reportingYear(reportingYearOf(today).startYear - 1);
}

/**
 * A date something was recorded as happening, or a report is read as at, cannot be in the
 * future: what has not happened yet cannot be reported or received. The key of the problem's
 * message.
 */
export function notInTheFuture(date: IsoDate, today: IsoDate): string | null {
  return date > today ? 'tracker:dateInTheFuture' : null;
}

/** IAG-28: the review of the whole advisory process comes round every three years. */
export const PROCESS_REVIEW_INTERVAL_MONTHS = 36;

/** IAG-28: when the next review of the advisory process is due, three years after the last. */
export function nextProcessReviewDue(lastReviewOn: IsoDate): IsoDate {
  return addCalendarMonths(lastReviewOn, PROCESS_REVIEW_INTERVAL_MONTHS);
}

/**
 * Whether a watched source is overdue, due soon (within `soonDays` days) or neither: a source
 * with a due date that has not been received (IAG-26's annual report by 31 July; IAG-28's
 * review).
 */
export function dueState(
  dueOn: IsoDate | null,
  receivedOn: IsoDate | null,
  today: IsoDate,
  soonDays = 30,
): 'received' | 'overdue' | 'due_soon' | 'not_due' | 'no_date' {
  if (receivedOn) return 'received';
  if (!dueOn) return 'no_date';
  if (dueOn < today) return 'overdue';
  return dueOn <= addCalendarDays(today, soonDays) ? 'due_soon' : 'not_due';
}

/**
 * IAG-25, IAG-26: the reporting year (April to March) a work plan or an annual report covers, as
 * a clerk types it: "2006-07", "2006/07", "2006-2007", "2006 to 2007", or its first year alone,
 * "2006"; given as its first year. Null for anything else: a second year that is not the one
 * after the first, a year that is not four digits.
 */
export function parseReportingYear(typed: string): number | null {
  const match = /^(\d{4})(?:\s*(?:-|–|\/|to)\s*(\d{4}|\d{2}))?$/i.exec(typed.trim());
  if (!match) return null;
  const start = Number(match[1]);
  if (start < 1000 || start > 9998) return null;
  const end = match[2];
  if (end && Number(end) !== (end.length === 2 ? (start + 1) % 100 : start + 1)) return null;
  return start;
}

/**
 * TRK-01: the day a back-filled update says it happened (issue 23 item 10), which a report as at
 * a date reads it by. Not in the future; not before the source's own date, when it has one (the
 * plan did not exist before then). It may be before the day the action was typed in: a plan
 * agreed years ago and entered now is what back-filling is for. It may not be before the day the
 * last progress on the action happened, so the action's state now (the last update recorded) is
 * also the last that happened: earlier progress is recorded first. A completion it records
 * cannot be after the day it happened. Gives the field and the words, or null.
 */
export function happenedOnProblem(update: {
  happenedOn: IsoDate;
  today: IsoDate;
  sourceDate: IsoDate | null;
  lastProgressOn: IsoDate | null;
  completed: CompletedOn | null;
}): (Said & { field: 'happenedOn-day' | 'completedOn-day' }) | null {
  const { happenedOn, today, sourceDate, lastProgressOn, completed } = update;
  if (happenedOn > today) return { field: 'happenedOn-day', key: 'tracker:dateInTheFuture' };
  if (sourceDate && happenedOn < sourceDate)
    return {
      field: 'happenedOn-day',
      key: 'tracker:progress.happenedOn.beforeSource',
      values: { date: { date: sourceDate } },
    };
  if (lastProgressOn && happenedOn < lastProgressOn)
    return {
      field: 'happenedOn-day',
      key: 'tracker:progress.happenedOn.beforeLast',
      values: { date: { date: lastProgressOn } },
    };
  if (completed && completed.precision === 'day' && completed.date > happenedOn)
    return {
      field: 'completedOn-day',
      key: 'tracker:progress.happenedOn.completedAfter',
      values: { date: { date: happenedOn } },
    };
  return null;
}
