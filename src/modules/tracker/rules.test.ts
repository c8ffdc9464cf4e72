import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { annualReportDueDate } from '../../platform/calendar/index.js';
import { loadMessages } from '../../platform/i18n/messages.js';
import {
  actionResultProblem,
  annualReportYearDue,
  changesSince,
  duplicateSourceProblem,
  sourceIdentity,
  completedLabel,
  countByResult,
  dueState,
  isOverdue,
  itemNoun,
  mayUpdateAction,
  needsMonitoringGroup,
  nextProcessReviewDue,
  notInTheFuture,
  parseCompletedOn,
  recommendationProgress,
  recommendationStandingProblem,
  type ActionOwner,
  type TrackerUser,
  parseReportingYear,
  happenedOnProblem,
} from './rules.js';
import { type Said, say } from '../../platform/i18n/said.js';

// The rules decide; the catalogue words them. The words are checked too, as a person reads them.
const t = loadMessages(path.resolve('src')).translator('en');
const worded = (wording: Said | null) => wording && say(t, wording);

const TODAY = '2026-11-23';

test('TRK-01: a completed action needs the date it was completed, not in the future', () => {
  assert.equal(
    t(actionResultProblem('completed', null, TODAY)!),
    'Enter the date the action was completed',
  );
  assert.equal(
    t(actionResultProblem('completed', { precision: 'day', date: '2026-11-24' }, TODAY)!),
    'The completion date must be today or in the past',
  );
  assert.equal(actionResultProblem('completed', { precision: 'day', date: TODAY }, TODAY), null);
  assert.equal(
    actionResultProblem('completed', { precision: 'month', date: '2003-09-01' }, TODAY),
    null,
  );
});

test('TRK-01: Ongoing and Awaits have no completion date', () => {
  assert.equal(actionResultProblem('ongoing', null, TODAY), null);
  assert.equal(actionResultProblem('awaits', null, TODAY), null);
  assert.equal(
    t(actionResultProblem('ongoing', { precision: 'day', date: '2026-01-01' }, TODAY)!),
    'Only a completed action has a completion date',
  );
});

test('TRK-01: a completion is a day, a month, or (from an older record only) undated', () => {
  assert.deepEqual(parseCompletedOn('2003-09', { allowUnrecorded: false }), {
    precision: 'month',
    date: '2003-09-01',
  });
  assert.deepEqual(parseCompletedOn('2004-05-17', { allowUnrecorded: false }), {
    precision: 'day',
    date: '2004-05-17',
  });
  assert.equal(parseCompletedOn('undated', { allowUnrecorded: false }), null);
  assert.deepEqual(parseCompletedOn('undated', { allowUnrecorded: true }), {
    precision: 'unrecorded',
  });
  assert.equal(parseCompletedOn('2003-13', { allowUnrecorded: true }), null);
  assert.equal(
    worded(completedLabel({ precision: 'month', date: '2003-09-01' })),
    'Completed September 2003',
  );
  assert.equal(worded(completedLabel({ precision: 'unrecorded' })), 'Completed (no date given)');
  assert.match(
    worded(completedLabel({ precision: 'day', date: '2004-05-17' }))!,
    /^Completed 17 May 2004$/,
  );
});

test('TRK-01: a superseded recommendation names another of its source; one not accepted gives the rationale', () => {
  const numbers = new Set(['11', '12', '13', '14']);
  const base = { number: '11', rationale: null, numbers };
  assert.equal(
    recommendationStandingProblem({ ...base, status: 'superseded', supersededBy: '14' }),
    null,
  );
  assert.equal(
    recommendationStandingProblem({ ...base, status: 'superseded', supersededBy: null })?.field,
    'supersededBy',
  );
  assert.match(
    worded(recommendationStandingProblem({ ...base, status: 'superseded', supersededBy: '11' }))!,
    /cannot supersede itself/,
  );
  assert.match(
    worded(recommendationStandingProblem({ ...base, status: 'superseded', supersededBy: '40' }))!,
    /no recommendation 40/,
  );
  assert.equal(
    recommendationStandingProblem({ ...base, status: 'not_accepted', supersededBy: null })?.field,
    'rationale',
  );
  assert.equal(
    recommendationStandingProblem({
      ...base,
      status: 'not_accepted',
      supersededBy: null,
      rationale: 'Overtaken by the Service Review',
    }),
    null,
  );
  assert.equal(
    recommendationStandingProblem({ ...base, status: 'accepted', supersededBy: '14' })?.field,
    'supersededBy',
  );
});

test('TRK-01: an action is overdue when its due date has passed and it is not completed', () => {
  assert.equal(isOverdue({ result: 'ongoing', dueOn: '2026-11-22' }, TODAY), true);
  assert.equal(isOverdue({ result: 'ongoing', dueOn: TODAY }, TODAY), false);
  assert.equal(isOverdue({ result: 'completed', dueOn: '2026-01-01' }, TODAY), false);
  assert.equal(isOverdue({ result: 'awaits', dueOn: null }, TODAY), false);
});

test('TRK-01: a recommendation is complete when it has actions and every one is completed', () => {
  assert.equal(recommendationProgress([]), 'no_actions');
  assert.equal(recommendationProgress(['completed', 'ongoing']), 'in_progress');
  assert.equal(recommendationProgress(['completed', 'completed']), 'complete');
});

test('TRK-01: only the owner, their unit, a borough’s partnership officer or a manager updates an action', () => {
  const nobody: TrackerUser = {
    manages: false,
    personId: 'p-other',
    organisationId: 'org-other',
    boroughIds: [],
  };
  const byPerson: ActionOwner = {
    personId: 'p-1',
    organisationId: null,
    personOrganisationId: 'hr',
  };
  const byUnit: ActionOwner = { personId: null, organisationId: 'hr', personOrganisationId: null };
  const byBorough: ActionOwner = {
    personId: null,
    organisationId: 'camden',
    personOrganisationId: null,
  };
  assert.equal(mayUpdateAction(nobody, [byPerson]), false);
  assert.equal(mayUpdateAction(nobody, [byUnit]), false);
  assert.equal(mayUpdateAction({ ...nobody, manages: true }, [byUnit]), true);
  assert.equal(mayUpdateAction({ ...nobody, personId: 'p-1' }, [byPerson]), true);
  // Their unit: a colleague of the owning person, or anyone in the owning unit.
  assert.equal(mayUpdateAction({ ...nobody, organisationId: 'hr' }, [byPerson]), true);
  assert.equal(mayUpdateAction({ ...nobody, organisationId: 'hr' }, [byUnit]), true);
  assert.equal(mayUpdateAction({ ...nobody, boroughIds: ['camden'] }, [byBorough]), true);
  assert.equal(mayUpdateAction({ ...nobody, boroughIds: ['camden'] }, [byUnit]), false);
  assert.equal(
    mayUpdateAction(nobody, [{ personId: null, organisationId: null, personOrganisationId: null }]),
    false,
  );
  // An action nobody owns is the managers' alone.
  assert.equal(mayUpdateAction(nobody, []), false);
  assert.equal(mayUpdateAction({ ...nobody, manages: true }, []), true);
});

test('TRK-01: CON-08: an action with several owners is updated by any of them or anyone in their units, and nobody else', () => {
  const nobody: TrackerUser = {
    manages: false,
    personId: 'p-other',
    organisationId: 'org-other',
    boroughIds: [],
  };
  const owners: ActionOwner[] = [
    { personId: 'p-cindy', organisationId: null, personOrganisationId: null },
    { personId: 'p-pat', organisationId: null, personOrganisationId: 'hr' },
    { personId: null, organisationId: 'camden', personOrganisationId: null },
  ];
  assert.equal(mayUpdateAction(nobody, owners), false);
  // Each owner, whichever place they have in the list.
  assert.equal(mayUpdateAction({ ...nobody, personId: 'p-cindy' }, owners), true);
  assert.equal(mayUpdateAction({ ...nobody, personId: 'p-pat' }, owners), true);
  // A colleague of the second owner; the partnership officer of the borough that is the third.
  assert.equal(mayUpdateAction({ ...nobody, organisationId: 'hr' }, owners), true);
  assert.equal(mayUpdateAction({ ...nobody, boroughIds: ['camden'] }, owners), true);
  // Someone in a unit none of them belongs to, or partnership officer for another borough.
  assert.equal(mayUpdateAction({ ...nobody, organisationId: 'finance' }, owners), false);
  assert.equal(mayUpdateAction({ ...nobody, boroughIds: ['hackney'] }, owners), false);
});

test('TRK-01: the report counts actions by result and lists what changed since the last report', () => {
  const a = (
    actionId: string,
    result: 'completed' | 'ongoing' | 'awaits',
    narrative: string | null = null,
  ) => ({
    actionId,
    result,
    narrative,
    completedOn: result === 'completed' ? 'day2026-01-01' : '',
  });
  const then = [a('1', 'ongoing'), a('2', 'awaits'), a('3', 'ongoing', 'Started')];
  const now = [
    a('1', 'completed'),
    a('2', 'awaits'),
    a('3', 'ongoing', 'Half done'),
    a('4', 'ongoing'),
  ];
  assert.deepEqual(countByResult(now), {
    completed: 1,
    ongoing: 2,
    awaits: 1,
    not_started: 0,
    total: 4,
  });
  assert.deepEqual(
    changesSince(then, now).map((c) => [c.actionId, c.kind]),
    [
      ['1', 'result'],
      ['3', 'narrative'],
      ['4', 'new'],
    ],
  );
  assert.deepEqual(changesSince(null, now), []);
});

test('LEG-07: an inquiry names the group that monitors it; LEG-02: so does a board’s scrutiny', () => {
  assert.equal(needsMonitoringGroup('inquiry'), true);
  assert.equal(needsMonitoringGroup('borough_scrutiny'), true);
  assert.equal(needsMonitoringGroup('thematic_review'), true);
  assert.equal(needsMonitoringGroup('review'), false);
});

test('CON-08: a work plan has objectives where other sources have recommendations', () => {
  assert.equal(itemNoun('work_plan'), 'objective');
  assert.equal(itemNoun('inquiry'), 'recommendation');
  assert.equal(t('tracker:itemNoun.objective.many'), 'objectives');
});

test('IAG-26: the annual report is watched: due 31 July, overdue the day after if not received', () => {
  const due = annualReportDueDate(2025);
  assert.equal(due, '2026-07-31');
  assert.equal(dueState(due, null, '2026-07-31'), 'due_soon');
  assert.equal(dueState(due, null, '2026-08-01'), 'overdue');
  assert.equal(dueState(due, '2026-07-20', '2026-08-01'), 'received');
  assert.equal(dueState(due, null, '2026-05-01'), 'not_due');
  assert.equal(dueState(null, null, '2026-05-01'), 'no_date');
});

test('IAG-26: the reports expected are for the reporting year that ended most recently', () => {
  assert.equal(annualReportYearDue('2026-11-23').label, '2025-26');
  assert.equal(annualReportYearDue('2026-03-31').label, '2024-25');
  assert.equal(annualReportYearDue('2026-04-01').label, '2025-26');
});

test('nothing is reported or received on a date still to come', () => {
  assert.equal(notInTheFuture('2026-11-23', TODAY), null);
  assert.equal(t(notInTheFuture('2026-11-24', TODAY)!), 'The date must be today or in the past');
});

test('IAG-28: the review of the advisory process is due three years after the last', () => {
  // The seed: the next review after the 2007 review takes place in March 2010.
  assert.equal(nextProcessReviewDue('2007-03-29'), '2010-03-29');
  assert.equal(nextProcessReviewDue('2024-02-29'), '2027-02-28');
});

test('issue 21 item 29: TRK-01: a source is the same whatever the case or spacing of its title, and the refusal names it', () => {
  assert.equal(
    sourceIdentity({ title: ' Stop and SEARCH  scrutiny ', kind: 'review' }),
    sourceIdentity({ title: 'stop and search scrutiny', kind: 'review' }),
  );
  assert.notEqual(
    sourceIdentity({ title: 'Stop and search', kind: 'review' }),
    sourceIdentity({ title: 'Stop and search', kind: 'inquiry' }),
  );
  const duplicate = duplicateSourceProblem({
    title: 'Stop and search',
    kind: 'inquiry',
    reference: 'R-4',
    createdOn: '2026-12-01',
  });
  assert.equal(duplicate.kind, 'inquiry');
  assert.match(
    say(t, {
      key: duplicate.key,
      values: { ...duplicate.values, kind: t(`tracker:sourceKind.${duplicate.kind}`) },
    }),
    /^Inquiry “Stop and search” \(R-4\) is already in the tracker, recorded on 1 December 2026/,
  );
});

test('IAG-25: a reporting year is typed as 2006-07, 2006/07, 2006-2007, 2006 to 2007 or 2006; anything else is not one', () => {
  for (const typed of ['2006-07', ' 2006/07 ', '2006-2007', '2006 to 2007', '2006', '2006 – 07'])
    assert.equal(parseReportingYear(typed), 2006, typed);
  assert.equal(parseReportingYear('1999-00'), 1999);
  assert.equal(parseReportingYear('2099-2100'), 2099);
  for (const typed of [
    '',
    '06-07',
    '2006-08',
    '2006-2008',
    '2006-7',
    'twenty',
    '0999',
    '2006-07-01',
  ])
    assert.equal(parseReportingYear(typed), null, typed);
});

test('TRK-01: a back-filled update happened on a day not in the future, not before its source, not before the last progress on its action, and not before the completion it records', () => {
  const base = {
    happenedOn: '2003-03-01',
    today: '2026-12-06',
    sourceDate: '2002-12-06',
    lastProgressOn: null,
    completed: null,
  };
  // Before the action was typed in (2026) is what back-filling is for.
  assert.equal(happenedOnProblem(base), null);
  assert.equal(happenedOnProblem({ ...base, happenedOn: '2026-12-06' }), null);
  assert.equal(happenedOnProblem({ ...base, sourceDate: null, happenedOn: '1999-01-01' }), null);
  assert.deepEqual(happenedOnProblem({ ...base, happenedOn: '2026-12-07' }), {
    field: 'happenedOn-day',
    key: 'tracker:dateInTheFuture',
  });
  assert.deepEqual(happenedOnProblem({ ...base, happenedOn: '2002-12-05' }), {
    field: 'happenedOn-day',
    key: 'tracker:progress.happenedOn.beforeSource',
    values: { date: { date: '2002-12-06' } },
  });
  assert.match(
    say(t, happenedOnProblem({ ...base, happenedOn: '2002-12-05' })!),
    /6 December 2002/,
  );
  assert.deepEqual(happenedOnProblem({ ...base, lastProgressOn: '2003-04-01' }), {
    field: 'happenedOn-day',
    key: 'tracker:progress.happenedOn.beforeLast',
    values: { date: { date: '2003-04-01' } },
  });
  assert.equal(happenedOnProblem({ ...base, lastProgressOn: '2003-03-01' }), null);
  assert.deepEqual(
    happenedOnProblem({ ...base, completed: { precision: 'day', date: '2003-03-02' } }),
    {
      field: 'completedOn-day',
      key: 'tracker:progress.happenedOn.completedAfter',
      values: { date: { date: '2003-03-01' } },
    },
  );
  assert.equal(
    happenedOnProblem({ ...base, completed: { precision: 'day', date: '2003-03-01' } }),
    null,
  );
  assert.equal(
    say(t, happenedOnProblem({ ...base, lastProgressOn: '2003-04-01' })!),
    'It cannot be before the last progress recorded on this action, which happened on 1 April 2003: record what happened in the order it happened',
  );
});
