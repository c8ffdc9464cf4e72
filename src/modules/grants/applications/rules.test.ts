import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  applicantsFor,
  chosenApplicant,
  representsApplicant,
  requestedPence,
  roundClosedRefusal,
  sectionStatuses,
  submitRefusals,
  validateBudgetLine,
  withdrawRefusal,
  type Draft,
  type Represents,
} from './rules.js';

const names = {
  partnership: (b: string) => `${b} partnership`,
  borough: (b: string) => `${b} command`,
};
const represents: Represents = {
  engagementGroups: [{ id: 'g1', name: 'Camden CPEG' }],
  boroughs: [{ id: 'b1', name: 'Camden' }],
  organisation: { id: 'o1', name: 'Youth Club' },
};
const complete: Draft = {
  projectTitle: 'Listening events',
  summary: 'Events',
  startsOn: '2027-01-01',
  endsOn: '2027-06-30',
  objectives: 'Trust',
  activities: 'Events',
  lines: 2,
  outcomes: 1,
};
const open = { opensOn: '2026-09-01', closesOn: '2026-12-31' };

test('CON-04: a person applies only for what they represent and the fund accepts', () => {
  const all = applicantsFor(
    represents,
    ['engagement_group', 'partnership', 'borough', 'organisation'],
    names,
  );
  assert.deepEqual(
    all.map((a) => `${a.kind}:${a.name}`),
    [
      'engagement_group:Camden CPEG',
      'partnership:Camden partnership',
      'borough:Camden command',
      'organisation:Youth Club',
    ],
  );
  const engagementOnly = applicantsFor(represents, ['engagement_group'], names);
  assert.deepEqual(
    engagementOnly.map((a) => a.id),
    ['g1'],
  );
  const nobody = applicantsFor(
    { engagementGroups: [], boroughs: [], organisation: null },
    ['engagement_group'],
    names,
  );
  assert.deepEqual(nobody, []);
});

test('CON-04: a forged applicant choice is refused', () => {
  const offered = applicantsFor(represents, ['engagement_group'], names);
  assert.ok('applicant' in chosenApplicant(offered, 'engagement_group:g1'));
  assert.ok('refusal' in chosenApplicant(offered, 'engagement_group:g2'));
  assert.ok('refusal' in chosenApplicant(offered, 'organisation:o1'));
  assert.ok('refusal' in chosenApplicant(offered, undefined));
  assert.equal(
    representsApplicant(represents, {
      applicantKind: 'borough',
      engagementGroupId: null,
      organisationId: 'b1',
    }),
    true,
  );
  assert.equal(
    representsApplicant(represents, {
      applicantKind: 'engagement_group',
      engagementGroupId: 'g2',
      organisationId: null,
    }),
    false,
  );
});

test('CON-04: each section is complete when everything it asks is given', () => {
  assert.deepEqual(sectionStatuses(complete), {
    about: 'complete',
    objectives: 'complete',
    budget: 'complete',
    outcomes: 'complete',
  });
  assert.deepEqual(
    sectionStatuses({
      ...complete,
      summary: null,
      objectives: null,
      activities: null,
      lines: 0,
      outcomes: 0,
    }),
    {
      about: 'in_progress',
      objectives: 'not_started',
      budget: 'not_started',
      outcomes: 'not_started',
    },
  );
});

test('CON-05: a bid is submitted only while its round is open and complete, naming what is missing', () => {
  assert.deepEqual(submitRefusals({ ...complete, status: 'draft' }, open, '2026-11-23'), []);
  const missing = submitRefusals(
    { ...complete, status: 'draft', summary: null, activities: null, lines: 0 },
    open,
    '2026-11-23',
  );
  assert.deepEqual(
    missing.map((r) => r.key),
    [
      'grants:applications.missing.summary',
      'grants:applications.missing.activities',
      'grants:applications.missing.lines',
    ],
  );
  const closed = submitRefusals({ ...complete, status: 'draft' }, open, '2027-01-01');
  assert.deepEqual(
    closed.map((r) => r.key),
    ['grants:applications.errors.round.closed'],
  );
  assert.deepEqual(
    submitRefusals({ ...complete, status: 'submitted' }, open, '2026-11-23').map((r) => r.key),
    ['grants:applications.errors.notDraft'],
  );
  // Where each is said: the missing at their sections, the closed round at the submit form;
  // one no longer a draft, and a round not open to start in, at no field (no form is shown).
  const fieldOf = (r: object | null) => (r && 'field' in r ? r.field : null);
  assert.deepEqual(missing.map(fieldOf), ['about', 'objectives', 'budget']);
  assert.deepEqual(closed.map(fieldOf), ['submit']);
  assert.deepEqual(
    submitRefusals({ ...complete, status: 'withdrawn' }, open, '2026-11-23').map(fieldOf),
    [null],
  );
  assert.equal(fieldOf(roundClosedRefusal(open, '2027-01-01')), null);
  assert.equal(roundClosedRefusal(open, '2026-11-23'), null);
});

test('CDRP-12: budget lines are in pence and the request is their sum', () => {
  const line = validateBudgetLine({ lineDescription: 'Hall hire', amount: '£1,250.50' }, 0);
  assert.deepEqual(line.refusals, []);
  assert.equal(line.value.amountPence, 125050);
  assert.deepEqual(
    validateBudgetLine({ lineDescription: '', amount: '-3' }, 0).refusals.map((r) => r.key),
    ['grants:funds.errors.lineDescriptionMissing', 'grants:funds.errors.money.negative'],
  );
  assert.equal(requestedPence([{ amountPence: 125050 }, { amountPence: 40000 }]), 165050);
});

test('CON-04: an application is withdrawn only before a decision', () => {
  assert.equal(withdrawRefusal('draft'), null);
  assert.equal(withdrawRefusal('submitted'), null);
  assert.ok(withdrawRefusal('awarded'));
  assert.ok(withdrawRefusal('withdrawn'));
});

test('CDRP-12: the lines of one application ask for no more than £2,000,000 in all', () => {
  const over = validateBudgetLine({ lineDescription: 'Staff', amount: '1000000' }, 2, 1_000_000_01);
  assert.deepEqual(
    over.refusals.map((r) => [r.field, r.key]),
    [['amount', 'grants:applications.errors.requestTooLarge']],
  );
  assert.deepEqual(
    validateBudgetLine({ lineDescription: 'Staff', amount: '1000000' }, 2, 1_000_000_00).refusals,
    [],
  );
});
