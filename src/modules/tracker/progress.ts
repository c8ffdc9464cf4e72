/**
 * TRK-01: an action's progress as the tracker reads it: the result and the day it was completed,
 * as a progress form gives them and as the rows store them.
 */
import type { IsoDate } from '../../platform/calendar/index.js';
import type { FieldError } from '../../platform/errors.js';
import { dateField, text, tooLong } from '../../platform/http/form-fields.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { actionResultProblem, isActionResult, type CompletedOn } from './rules.js';

type Input = Record<string, string | string[] | undefined>;

const MAX_NARRATIVE = 20_000;

/** The completion as the row stores it. */
export function completedOf(row: {
  completedOn: string | null;
  completedPrecision: 'day' | 'month' | 'unrecorded' | null;
}): CompletedOn | null {
  if (!row.completedPrecision) return null;
  if (row.completedPrecision === 'unrecorded') return { precision: 'unrecorded' };
  return { precision: row.completedPrecision, date: row.completedOn! };
}

/** The row's columns for a completion. */
export function completionColumns(completed: CompletedOn | null) {
  return {
    completedOn: completed && completed.precision !== 'unrecorded' ? completed.date : null,
    completedPrecision: completed?.precision ?? null,
  };
}

/**
 * TRK-01: where an action stands, as a progress form gives it: the result, the day it was
 * completed (only for Completed, never later than today) and the narrative. Each bad field is
 * added to errors; the result is null unless it is one of the three.
 */
export function readProgress(input: Input, errors: FieldError[], today: IsoDate, t: Translate) {
  const result = text(input.result);
  if (!isActionResult(result))
    errors.push({ field: 'result', message: t('tracker:progress.result.missing') });
  const completedDate =
    result === 'completed'
      ? dateField(t, input, 'completedOn', t('tracker:progress.completedOn.name'), errors)
      : null;
  const completed: CompletedOn | null = completedDate
    ? { precision: 'day', date: completedDate }
    : null;
  if (isActionResult(result) && (result !== 'completed' || completedDate)) {
    const problem = actionResultProblem(result, completed, today);
    if (problem) errors.push({ field: 'completedOn-day', message: t(problem) });
  }
  const narrative = text(input.narrative);
  tooLong(t, errors, 'narrative', t('tracker:progress.narrative.name'), narrative, MAX_NARRATIVE);
  return { result: isActionResult(result) ? result : null, completed, narrative };
}
