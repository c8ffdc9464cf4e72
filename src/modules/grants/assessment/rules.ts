/**
 * Assessment and award (issue 26 part 3; CON-04, CON-05, LEG-06, CDRP-12): assessors score an
 * application against its fund's weighted criteria (an assessor who declares a conflict of
 * interest is removed and not counted); a panel decides with its reason; an award carries
 * conditions, is never more than was asked nor more than the fund's year has left, waits for the
 * applicant's earlier grants to be evaluated, and is paid in instalments. Pure: no I/O.
 */
import { addCalendarMonths, type IsoDate } from '../../../platform/calendar/index.js';
import type { SaidRefusal } from '../../../platform/i18n/said.js';
import { formatPence, readPounds } from '../../../platform/money/pence.js';
import { MAX_SCORE } from '../constants.js';

type Input = Record<string, string | string[] | undefined>;

const text = (value: string | string[] | undefined) =>
  (typeof value === 'string' ? value : '').trim();

/** The longest comment, reason or set of conditions kept. */
export const MAX_TEXT = 5000;
/** An award is paid in one to this many instalments. */
export const MAX_INSTALMENTS = 4;
/** The fewest assessments counted before a panel may decide. */
export const MIN_ASSESSMENTS = 1;

export interface Criterion {
  id: string;
  title: string;
  weight: number;
}

/** The field a criterion's score is typed in. */
export const scoreField = (criterionId: string) => `score-${criterionId}`;
export const scoreCommentField = (criterionId: string) => `comment-${criterionId}`;

export interface ScoresValue {
  scores: { criterionId: string; score: number | null; comment: string | null }[];
  comments: string | null;
}

/**
 * CON-04: an assessor's scores, 0 to 5 against each criterion, with a comment each and overall.
 * Saved part-way (`complete` false) a score may be left blank; sent, every criterion needs one.
 */
export function validateScores(
  input: Input,
  criteria: readonly Criterion[],
  complete: boolean,
): { refusals: SaidRefusal[]; value: ScoresValue } {
  const refusals: SaidRefusal[] = [];
  const scores = criteria.map((criterion) => {
    const field = scoreField(criterion.id);
    const typed = text(input[field]);
    let score: number | null = null;
    if (typed === '') {
      if (complete)
        refusals.push({
          field,
          key: 'grants:assessment.errors.scoreMissing',
          values: { criterion: criterion.title },
        });
    } else if (!/^\d$/.test(typed) || Number(typed) > MAX_SCORE)
      refusals.push({
        field,
        key: 'grants:assessment.errors.scoreRange',
        values: { criterion: criterion.title, max: MAX_SCORE },
      });
    else score = Number(typed);
    const comment = text(input[scoreCommentField(criterion.id)]);
    if (comment.length > MAX_TEXT)
      refusals.push({
        field: scoreCommentField(criterion.id),
        key: 'grants:assessment.errors.tooLong',
        values: { max: MAX_TEXT },
      });
    return { criterionId: criterion.id, score, comment: comment || null };
  });
  const comments = text(input.comments);
  if (comments.length > MAX_TEXT)
    refusals.push({
      field: 'comments',
      key: 'grants:assessment.errors.tooLong',
      values: { max: MAX_TEXT },
    });
  return { refusals, value: { scores, comments: comments || null } };
}

/** An assessor's part in the totals: their scores if sent and not conflicted. */
export interface AssessmentScores {
  conflicted: boolean;
  submitted: boolean;
  scores: ReadonlyMap<string, number>;
}

export interface WeightedResult {
  /** How many assessments are counted: sent, and with no conflict of interest declared. */
  counted: number;
  /** Each criterion's mean score among those counted (null: none counted). */
  criteria: { id: string; title: string; weight: number; mean: number | null }[];
  /** The weighted score as a percentage of the most it could be, to one decimal (null: none). */
  percent: number | null;
}

/**
 * CON-04: the weighted score. Each criterion's mean over the assessments counted, weighted by the
 * criterion's weight, as a share of every criterion scored the most. An assessor who declared a
 * conflict of interest is not counted, nor one who has not sent their scores.
 */
export function weightedScore(
  criteria: readonly Criterion[],
  assessments: readonly AssessmentScores[],
): WeightedResult {
  const counted = assessments.filter((a) => a.submitted && !a.conflicted);
  const rows = criteria.map((c) => {
    const scores = counted.map((a) => a.scores.get(c.id)).filter((s) => s !== undefined);
    return {
      id: c.id,
      title: c.title,
      weight: c.weight,
      mean: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
    };
  });
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);
  const percent =
    counted.length && totalWeight
      ? Math.round(
          (rows.reduce((sum, r) => sum + r.weight * (r.mean ?? 0), 0) / (totalWeight * MAX_SCORE)) *
            1000,
        ) / 10
      : null;
  return { counted: counted.length, criteria: rows, percent };
}

/** CON-04: a conflict of interest is declared with what it is. */
export function validateConflict(input: Input): { refusals: SaidRefusal[]; note: string } {
  const note = text(input.note);
  const refusals: SaidRefusal[] = [];
  if (!note) refusals.push({ field: 'note', key: 'grants:assessment.errors.conflictMissing' });
  else if (note.length > MAX_TEXT)
    refusals.push({
      field: 'note',
      key: 'grants:assessment.errors.tooLong',
      values: { max: MAX_TEXT },
    });
  return { refusals, note };
}

export type DecisionValue =
  | { outcome: 'declined'; panel: string; reason: string }
  | {
      outcome: 'awarded';
      panel: string;
      reason: string;
      awardedPence: number;
      conditions: string;
      instalments: number;
    };

/**
 * CON-04, CON-05: the panel's decision: who sat, the outcome and its reason; an award names its
 * amount (more than nothing, no more than was asked), its conditions and how many instalments.
 * The first instalment's date is read by the caller (a date field) and passed in.
 */
export function validateDecision(
  input: Input,
  requestedPence: number,
): { refusals: SaidRefusal[]; value: DecisionValue | null } {
  const refusals: SaidRefusal[] = [];
  const outcome =
    input.outcome === 'awarded' || input.outcome === 'declined' ? input.outcome : null;
  if (!outcome) refusals.push({ field: 'outcome', key: 'grants:award.errors.outcomeMissing' });
  const panel = text(input.panel);
  if (!panel) refusals.push({ field: 'panel', key: 'grants:award.errors.panelMissing' });
  else if (panel.length > 500)
    refusals.push({ field: 'panel', key: 'grants:award.errors.tooLong', values: { max: 500 } });
  const reason = text(input.reason);
  if (!reason) refusals.push({ field: 'reason', key: 'grants:award.errors.reasonMissing' });
  else if (reason.length > MAX_TEXT)
    refusals.push({
      field: 'reason',
      key: 'grants:award.errors.tooLong',
      values: { max: MAX_TEXT },
    });
  if (outcome !== 'awarded')
    return { refusals, value: outcome && !refusals.length ? { outcome, panel, reason } : null };

  const amount = readPounds(text(input.amount), requestedPence);
  let awardedPence = 0;
  if (!text(input.amount))
    refusals.push({ field: 'amount', key: 'grants:award.errors.amountMissing' });
  else if (amount === 'too-large')
    refusals.push({
      field: 'amount',
      key: 'grants:award.errors.amountOverRequested',
      values: { requested: formatPence(requestedPence) },
    });
  else if (amount === null || amount <= 0)
    refusals.push({ field: 'amount', key: 'grants:award.errors.amountInvalid' });
  else awardedPence = amount;
  const conditions = text(input.conditions);
  if (!conditions)
    refusals.push({ field: 'conditions', key: 'grants:award.errors.conditionsMissing' });
  else if (conditions.length > MAX_TEXT)
    refusals.push({
      field: 'conditions',
      key: 'grants:award.errors.tooLong',
      values: { max: MAX_TEXT },
    });
  const typed = text(input.instalments);
  const instalments = /^\d+$/.test(typed) ? Number(typed) : 0;
  if (instalments < 1 || instalments > MAX_INSTALMENTS)
    refusals.push({
      field: 'instalments',
      key: 'grants:award.errors.instalments',
      values: { max: MAX_INSTALMENTS },
    });
  // Each instalment is at least a penny.
  else if (awardedPence > 0 && awardedPence < instalments)
    refusals.push({ field: 'instalments', key: 'grants:award.errors.instalmentsTooSmall' });
  return {
    refusals,
    value: refusals.length
      ? null
      : { outcome, panel, reason, awardedPence, conditions, instalments },
  };
}

/**
 * Why the panel may not decide this application now, if it may not: it must be submitted (not a
 * draft, withdrawn or already decided), and scored by at least one assessor without a conflict.
 */
export function decisionRefusal(state: { status: string; counted: number }): SaidRefusal | null {
  if (state.status === 'awarded' || state.status === 'declined')
    return { field: 'outcome', key: 'grants:award.errors.alreadyDecided' };
  if (state.status !== 'submitted')
    return { field: 'outcome', key: 'grants:award.errors.notSubmitted' };
  if (state.counted < MIN_ASSESSMENTS)
    return { field: 'outcome', key: 'grants:award.errors.notAssessed' };
  return null;
}

/**
 * LEG-06: an award is monitored from its start to its end and evaluated once it has ended, so an
 * application without both dates cannot be awarded.
 */
export function datesRefusal(application: {
  startsOn: string | null;
  endsOn: string | null;
}): SaidRefusal | null {
  return application.startsOn && application.endsOn
    ? null
    : { field: 'outcome', key: 'grants:award.errors.datesMissing' };
}

/**
 * LEG-06: every funded activity is evaluated; the same applicant is not awarded again while an
 * earlier grant of theirs that has ended waits for its evaluation. Named by reference.
 */
export function evaluationRefusal(
  outstanding: readonly { reference: number }[],
): SaidRefusal | null {
  if (!outstanding.length) return null;
  return {
    field: 'outcome',
    key: 'grants:award.errors.evaluationOutstanding',
    values: { references: outstanding.map((o) => applicationReference(o.reference)).join(', ') },
  };
}

/**
 * CDRP-12: the award is committed against its fund's year: it may take no more than is left
 * (budget less what is committed). Two panels deciding at once are kept apart by the database
 * (the service's conditional update); this says what the person is told.
 */
export function budgetRefusal(
  awardedPence: number,
  year: { budgetPence: number; committedPence: number } | undefined,
): SaidRefusal | null {
  if (!year) return { field: 'amount', key: 'grants:award.errors.noBudget' };
  const left = year.budgetPence - year.committedPence;
  if (awardedPence > left)
    return {
      field: 'amount',
      key: 'grants:award.errors.overBudget',
      values: { left: formatPence(left) },
    };
  return null;
}

export interface Instalment {
  instalment: number;
  dueOn: IsoDate;
  amountPence: number;
}

/**
 * The award paid in equal instalments (whole pence; the odd pence in the first), the first on the
 * day given and each later one `intervalMonths` after the one before.
 */
export function instalments(
  totalPence: number,
  count: number,
  firstDueOn: IsoDate,
  intervalMonths: number,
): Instalment[] {
  const each = Math.floor(totalPence / count);
  return Array.from({ length: count }, (_, i) => ({
    instalment: i + 1,
    dueOn: addCalendarMonths(firstDueOn, i * intervalMonths),
    amountPence: i === 0 ? totalPence - each * (count - 1) : each,
  }));
}

/** The reference applicants and finance quote. */
export const applicationReference = (reference: number) => `G-${reference}`;
