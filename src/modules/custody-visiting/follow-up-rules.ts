/**
 * ICV-08 Follow-up: the scheme manager reviews every report (a review is overdue after a set
 * number of working days); each matter for follow-up becomes an issue answered by the custody
 * inspector of its suite and closed by the manager; an open issue unanswered for a set number of
 * working days goes to the chief inspector for custody, a significant one to the authority; the
 * issues and responses are published in summary, never identifying a detainee.
 */
import {
  addCalendarDays,
  type IsoDate,
  type WorkingDayCalendar,
} from '../../platform/calendar/index.js';
import type { SaidRefusal } from '../../platform/i18n/said.js';
import type { SchemeReach } from './rules.js';

export type IssueStatus = 'open' | 'answered' | 'closed';
export type IssueOutcome = 'resolved' | 'not_resolved';

/** A published summary's length at most; a response's and a note's. */
export const ISSUE_SUMMARY_MAX = 500;
export const ISSUE_TEXT_MAX = 2000;

/**
 * ICV-08: a report sent on `submittedOn` and not yet reviewed is overdue once more than `days`
 * working days have passed since (the day it was sent not counted).
 */
export function reviewOverdue(
  calendar: WorkingDayCalendar,
  submittedOn: IsoDate,
  today: IsoDate,
  days: number,
): boolean {
  return calendar.workingDaysBetween(submittedOn, today) > days;
}

/**
 * ICV-08: an open issue (unanswered, or sent back) raised on `raisedOn` is due to go to the chief
 * inspector for custody once more than `days` working days have passed since.
 */
export function escalationDue(
  calendar: WorkingDayCalendar,
  issue: { status: IssueStatus; raisedOn: IsoDate },
  today: IsoDate,
  days: number,
): boolean {
  return issue.status === 'open' && calendar.workingDaysBetween(issue.raisedOn, today) > days;
}

/**
 * ICV-08: the latest day a report can have been sent on (or an issue raised on) and be overdue
 * today: more than `days` working days have passed since it and every day before it, none since
 * a later one. The daily reminders read what was sent on or before it, in one indexed query.
 */
export function lastDayPast(calendar: WorkingDayCalendar, today: IsoDate, days: number): IsoDate {
  // Fewer calendar days than that cannot hold more than `days` working days.
  let day = addCalendarDays(today, -(days + 1));
  while (calendar.workingDaysBetween(day, today) <= days) day = addCalendarDays(day, -1);
  return day;
}

/** Letters and digits only, in capitals: how a custody record number is compared. */
const bare = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** ICV-05: whether a text contains one of these custody record numbers, however written. */
export function mentionsRecordNumber(text: string, recordNumbers: readonly string[]): boolean {
  const plain = bare(text);
  return recordNumbers.some((n) => bare(n).length > 0 && plain.includes(bare(n)));
}

/**
 * ICV-05, ICV-08: an issue raised from a report: its summary is required, short, and published,
 * so it may not contain any of the report's custody record numbers (however it is spaced or
 * punctuated); whether it is significant is yes or no.
 */
export function validateIssue(
  input: { summary?: string; significant?: string },
  recordNumbers: readonly string[],
): { refusals: SaidRefusal[]; value: { summary: string; significant: boolean } } {
  const refusals: SaidRefusal[] = [];
  const summary = (input.summary ?? '').trim();
  if (!summary)
    refusals.push({ field: 'summary', key: 'custody-visiting:followUp.errors.summaryMissing' });
  else if (summary.length > ISSUE_SUMMARY_MAX)
    refusals.push({
      field: 'summary',
      key: 'custody-visiting:followUp.errors.tooLong',
      values: { max: ISSUE_SUMMARY_MAX },
    });
  else if (mentionsRecordNumber(summary, recordNumbers))
    refusals.push({
      field: 'summary',
      key: 'custody-visiting:followUp.errors.identifiesDetainee',
    });
  if (input.significant !== 'yes' && input.significant !== 'no')
    refusals.push({
      field: 'significant',
      key: 'custody-visiting:followUp.errors.significantMissing',
    });
  return { refusals, value: { summary, significant: input.significant === 'yes' } };
}

/** A required text of at most ISSUE_TEXT_MAX characters: a response, a note. */
export function requiredText(
  field: string,
  value: string | undefined,
  missingKey: string,
): { refusals: SaidRefusal[]; value: string } {
  const text = (value ?? '').trim();
  if (!text) return { refusals: [{ field, key: missingKey }], value: text };
  if (text.length > ISSUE_TEXT_MAX)
    return {
      refusals: [
        { field, key: 'custody-visiting:followUp.errors.tooLong', values: { max: ISSUE_TEXT_MAX } },
      ],
      value: text,
    };
  return { refusals: [], value: text };
}

/** ICV-08: the manager closes an answered issue as resolved or not, with a note. */
export function validateClosure(input: { outcome?: string; closeNote?: string }): {
  refusals: SaidRefusal[];
  value: { outcome: IssueOutcome; closeNote: string };
} {
  const note = requiredText(
    'closeNote',
    input.closeNote,
    'custody-visiting:followUp.errors.closeNoteMissing',
  );
  const refusals = [...note.refusals];
  if (input.outcome !== 'resolved' && input.outcome !== 'not_resolved')
    refusals.unshift({ field: 'outcome', key: 'custody-visiting:followUp.errors.outcomeMissing' });
  return {
    refusals,
    value: {
      outcome: input.outcome === 'resolved' ? 'resolved' : 'not_resolved',
      closeNote: note.value,
    },
  };
}

/** ICV-08: who sees an issue: the manager, the inspector of its suite, the report's visitors. */
export function seesIssue(
  reach: SchemeReach,
  visitorId: string | null,
  issue: { suiteId: string; firstVisitorId: string; secondVisitorId: string },
): boolean {
  if (reach.manager || reach.suiteIds.includes(issue.suiteId)) return true;
  return !!visitorId && (issue.firstVisitorId === visitorId || issue.secondVisitorId === visitorId);
}

/** ICV-08: only a custody inspector of the issue's suite answers it, and only while it is open. */
export function answerRefusal(
  reach: SchemeReach,
  issue: { suiteId: string; status: IssueStatus },
): 'notTheirs' | 'notOpen' | null {
  if (!reach.suiteIds.includes(issue.suiteId)) return 'notTheirs';
  if (issue.status !== 'open') return 'notOpen';
  return null;
}

/** ICV-10: the calendar days from raising to closing, for the public summary. */
export function daysToResolve(raisedOn: IsoDate, closedOn: IsoDate | null): number | null {
  if (!closedOn) return null;
  return Math.round((Date.parse(closedOn) - Date.parse(raisedOn)) / 86_400_000);
}
