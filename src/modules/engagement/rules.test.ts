import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  agreeRefusal,
  answerRefusals,
  closeRefusal,
  daysOpen,
  headingRefusal,
  issueState,
  latestAssessments,
  missingHeadings,
  PLAN_HEADINGS,
  standingSummary,
  summaryFromCounts,
  validateAssessment,
  validateGroup,
  validateHeading,
  validateIssue,
  validateStandard,
} from './rules.js';

const fieldsOf = (refusals: ({ field: string } | object)[]) =>
  refusals.map((r) => ('field' in r ? r.field : null));

test('CON-04: the standing summary counts the latest assessment of each standard in force', () => {
  const latest = latestAssessments([
    { standardId: 'a', standing: 'not_met', assessedOn: '2026-01-01', createdAt: new Date(1) },
    { standardId: 'a', standing: 'met', assessedOn: '2026-06-01', createdAt: new Date(2) },
    { standardId: 'b', standing: 'met', assessedOn: '2026-06-01', createdAt: new Date(5) },
    { standardId: 'b', standing: 'partly', assessedOn: '2026-06-01', createdAt: new Date(9) },
    // A retired standard's assessment is not counted.
    { standardId: 'x', standing: 'not_met', assessedOn: '2026-06-01', createdAt: new Date(1) },
  ] as const);
  assert.equal(latest.get('a')?.standing, 'met');
  assert.equal(latest.get('b')?.standing, 'partly', 'same day: the later entry counts');
  assert.deepEqual(standingSummary(['a', 'b', 'c'], latest), {
    met: 1,
    partly: 1,
    notMet: 0,
    notAssessed: 1,
    overall: 'some_not_met',
  });
});

test('CON-04: a group meets all standards only when every one in force is met', () => {
  assert.equal(summaryFromCounts({ met: 9, partly: 0, notMet: 0 }, 9).overall, 'all_met');
  assert.equal(summaryFromCounts({ met: 8, partly: 0, notMet: 0 }, 9).overall, 'some_not_met');
  assert.equal(summaryFromCounts({ met: 0, partly: 0, notMet: 0 }, 9).overall, 'not_assessed');
  assert.equal(summaryFromCounts({ met: 0, partly: 0, notMet: 0 }, 9).notAssessed, 9);
});

test('CON-04: the plan has six headings and is agreed only with all of them, once', () => {
  assert.equal(PLAN_HEADINGS.length, 6);
  assert.deepEqual(missingHeadings(['staffing', 'structure']), [
    'accommodation',
    'processes',
    'agencies',
    'custody_visiting',
  ]);
  const incomplete = agreeRefusal({ headings: ['staffing'], agreedAt: null });
  assert.equal(incomplete?.key, 'engagement:errors.planIncomplete');
  assert.deepEqual(incomplete?.values, { count: 5 });
  assert.equal(agreeRefusal({ headings: [...PLAN_HEADINGS], agreedAt: null }), null);
  assert.equal(
    agreeRefusal({ headings: [...PLAN_HEADINGS], agreedAt: new Date() })?.key,
    'engagement:errors.planAlreadyAgreed',
  );
  assert.equal(headingRefusal({ agreedAt: new Date() })?.key, 'engagement:errors.planAgreed');
  assert.equal(headingRefusal(null), null);
  // Refused for the plan's state, not a field: the page may show no form to link to.
  assert.deepEqual(fieldsOf([agreeRefusal({ headings: [], agreedAt: new Date() })!]), [null]);
  assert.deepEqual(fieldsOf([headingRefusal({ agreedAt: new Date() })!]), [null]);
  // Refused as incomplete: said at the plan page's Agree button.
  assert.deepEqual(fieldsOf([incomplete!]), ['agree']);
});

test('CON-04: an issue is open, then answered, then closed; it cannot be closed unanswered', () => {
  const open = { raisedOn: '2026-03-01', respondedOn: null, closedOn: null };
  const answered = { ...open, respondedOn: '2026-03-10' };
  const closed = { ...answered, closedOn: '2026-03-11' };
  assert.equal(issueState(open), 'open');
  assert.equal(issueState(answered), 'answered');
  assert.equal(issueState(closed), 'closed');
  assert.equal(closeRefusal(open)?.key, 'engagement:errors.closeUnanswered');
  assert.equal(closeRefusal(answered), null);
  assert.equal(closeRefusal(closed)?.key, 'engagement:errors.issueClosed');
  assert.deepEqual(fieldsOf(answerRefusals(open, '')), ['response']);
  assert.equal(answerRefusals(closed, 'Yes')[0]?.key, 'engagement:errors.issueClosed');
  assert.deepEqual(fieldsOf(answerRefusals(closed, 'Yes')), [null]);
  assert.deepEqual(fieldsOf([closeRefusal(open)!, closeRefusal(closed)!]), [null, null]);
  assert.deepEqual(answerRefusals(open, 'We will.'), []);
});

test('CON-04: days open run to the day closed, or to today', () => {
  const open = { raisedOn: '2026-03-01', respondedOn: null, closedOn: null };
  assert.equal(daysOpen(open, '2026-03-31'), 30);
  assert.equal(
    daysOpen({ ...open, respondedOn: '2026-03-02', closedOn: '2026-03-05' }, '2026-12-01'),
    4,
  );
});

test('CON-04: refusals name the fields wrongly filled in', () => {
  assert.deepEqual(fieldsOf(validateGroup({}).refusals), ['name', 'boroughId']);
  assert.deepEqual(
    fieldsOf(
      validateGroup({
        name: 'G',
        boroughId: 'b',
        constitutionLink: 'not a link',
        contactEmail: 'nope',
        chairEmail: 'chair@example.org',
      }).refusals,
    ),
    ['constitutionLink', 'contactEmail', 'chairName'],
  );
  const officers = validateGroup({ name: 'G', boroughId: 'b', secretaryName: 'Ann Lee' }).value
    .officers;
  assert.deepEqual(officers, {
    chair: null,
    secretary: { fullName: 'Ann Lee', email: null },
    treasurer: null,
  });
  assert.deepEqual(fieldsOf(validateStandard({}).refusals), ['code', 'title', 'description']);
  assert.deepEqual(fieldsOf(validateAssessment({}, '2026-12-31', '2026-12-01').refusals), [
    'standing',
    'evidence',
    'assessedOn-day',
  ]);
  assert.deepEqual(
    fieldsOf(validateHeading({ heading: 'staffing' }, '2026-01-01', '2026-12-01').refusals),
    ['position', 'plan', 'targetOn-day'],
  );
  assert.deepEqual(
    fieldsOf(
      validateHeading({ heading: 'cake', position: 'p', plan: 'q' }, null, '2026-12-01').refusals,
    ),
    ['heading'],
  );
  assert.deepEqual(fieldsOf(validateIssue({ raisedTo: 'mayor' }).refusals), [
    'raisedTo',
    'issue',
    'wanted',
  ]);
});
