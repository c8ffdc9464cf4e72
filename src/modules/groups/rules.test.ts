import assert from 'node:assert/strict';
import { test } from 'node:test';
import path from 'node:path';
import { loadMessages } from '../../platform/i18n/messages.js';
import { say, type Said } from '../../platform/i18n/said.js';
import {
  importedAgreementProblem,
  annualConferenceMissing,
  directorChairsShortfall,
  invitedToAnnualConference,
  checkFocusGroupRepresentative,
  clearanceExpiringSoon,
  hasUnescortedAccess,
  mayWorkAtClearance,
  type ClearanceLevel,
  checkAppointmentStart,
  checkNotOwnSecondTerm,
  checkGroupRegistration,
  isIndependentType,
  needsDeploymentContact,
  nextTerm,
  retrospectiveAppointment,
  secondTermAgreed,
  termEndDate,
  termEndNoticeDue,
  type GroupType,
} from './rules.js';

// The rules keep their sentences as keys: the tests read them in English, as pages show them.
const english = loadMessages(path.resolve('src')).translator('en');
const words = (said: Said | null | undefined) => (said ? say(english, said) : '');

const registration = (overrides: Partial<Parameters<typeof checkGroupRegistration>[0]>) =>
  checkGroupRegistration({
    type: 'borough_iag',
    name: 'Camden Independent Advisory Group',
    ownerKind: 'borough',
    hasParent: false,
    parentType: null,
    registeredByDirector: false,
    creating: true,
    ...overrides,
  });

const clearance = (
  level: ClearanceLevel,
  grantedOn: string,
  expiresOn: string,
  withdrawnOn: string | null = null,
) => ({
  level,
  grantedOn,
  expiresOn,
  withdrawnOn,
});

test('IAG-01: only corporate and borough IAGs are independent types', () => {
  const independent = (['corporate_iag', 'borough_iag'] as GroupType[]).every(isIndependentType);
  const not = (['specialist', 'community', 'corporate_focus', 'sub_group'] as GroupType[]).some(
    isIndependentType,
  );
  assert.equal(independent, true);
  assert.equal(not, false);
});

test('IAG-01: a specialist or community advisory group cannot be called "Independent"', () => {
  for (const type of ['specialist', 'community'] as const) {
    const refusals = registration({
      type,
      name: 'Gun Crime Independent Advisory Group',
      ownerKind: type === 'specialist' ? 'directorate' : 'borough',
    });
    assert.deepEqual(
      refusals.map((r) => r.field),
      ['name'],
    );
    assert.match(words(refusals[0]), /cannot be called "Independent"/);
  }
  assert.deepEqual(
    registration({
      type: 'specialist',
      name: 'Gun Crime Advisory Group',
      ownerKind: 'directorate',
    }),
    [],
  );
});

test('IAG-01: only the Director sets up a corporate focus group', () => {
  const byUnit = registration({
    type: 'corporate_focus',
    name: 'Custody focus group',
    ownerKind: 'directorate',
  });
  assert.deepEqual(
    byUnit.map((r) => r.field),
    ['type'],
  );
  assert.match(words(byUnit[0]), /Only the Director/);
  assert.deepEqual(
    registration({
      type: 'corporate_focus',
      name: 'Custody focus group',
      ownerKind: 'directorate',
      registeredByDirector: true,
    }),
    [],
  );
  // Changing an existing focus group's details is not setting one up.
  assert.deepEqual(
    registration({
      type: 'corporate_focus',
      name: 'Custody focus group',
      ownerKind: 'directorate',
      creating: false,
    }),
    [],
  );
});

test('IAG-01: the type decides the owner: boroughs own borough and community groups, directorates the rest', () => {
  assert.deepEqual(registration({ ownerKind: 'directorate' })[0]?.field, 'ownerId');
  assert.deepEqual(
    registration({ type: 'community', name: 'Camden CAG', ownerKind: 'borough' }),
    [],
  );
  assert.equal(
    registration({ type: 'corporate_iag', name: 'Race IAG', ownerKind: 'borough' })[0]?.field,
    'ownerId',
  );
  assert.deepEqual(
    registration({ type: 'corporate_iag', name: 'Race IAG', ownerKind: 'directorate' }),
    [],
  );
});

test('IAG-01: a sub-group belongs to a group that is not itself a sub-group', () => {
  assert.equal(
    registration({ type: 'sub_group', name: 'Stop and search', ownerKind: null })[0]?.field,
    'parentGroupId',
  );
  assert.match(
    words(
      registration({
        type: 'sub_group',
        name: 'Stop and search',
        ownerKind: null,
        hasParent: true,
        parentType: 'sub_group',
      })[0],
    ),
    /not to another sub-group/,
  );
  assert.deepEqual(
    registration({
      type: 'sub_group',
      name: 'Stop and search',
      ownerKind: null,
      hasParent: true,
      parentType: 'corporate_iag',
    }),
    [],
  );
  assert.equal(
    registration({ hasParent: true, parentType: 'borough_iag' })[0]?.field,
    'parentGroupId',
  );
});

test('IAG-07: each corporate IAG names a deployment contact', () => {
  assert.equal(needsDeploymentContact('corporate_iag'), true);
  assert.equal(needsDeploymentContact('borough_iag'), false);
});

test('IAG-18: an appointment ends four years on', () => {
  assert.equal(termEndDate('2026-11-24'), '2030-11-24');
  assert.equal(termEndDate('2024-02-29'), '2028-02-29');
  assert.equal(termEndDate('2028-02-29'), '2032-02-29');
  assert.equal(termEndDate('2020-02-29'), '2024-02-29');
  assert.equal(termEndDate('2023-02-28'), '2027-02-28');
});

test('IAG-18: a second term needs agreement; a third term is refused saying why', () => {
  assert.deepEqual(nextTerm(0), { allowed: true, termNumber: 1, needsAgreement: false });
  assert.deepEqual(nextTerm(1), { allowed: true, termNumber: 2, needsAgreement: true });
  const third = nextTerm(2);
  assert.equal(third.allowed, false);
  assert.match(third.allowed ? '' : words(third.reason), /at most 2 terms of 4 years.*IAG-18/);
});

test('IAG-18: a second term is agreed only by a chair and the Director, as two people', () => {
  assert.equal(secondTermAgreed({ chairUserId: 'c', directorUserId: 'd' }), true);
  assert.equal(secondTermAgreed({ chairUserId: 'c', directorUserId: null }), false);
  assert.equal(secondTermAgreed({ chairUserId: null, directorUserId: 'd' }), false);
  assert.equal(secondTermAgreed({ chairUserId: 'x', directorUserId: 'x' }), false);
});

test('IAG-18: applies retrospectively: service before the rules counts in four-year terms', () => {
  // Joined 2000: the first term ran to 2004, the second to 2008, more than six months after
  // the rules were agreed, so it ends then with no transition.
  assert.deepEqual(retrospectiveAppointment('2000-01-01', '2007-04-30', '2026-11-24'), {
    termNumber: 2,
    start: '2004-01-01',
    termEnd: '2008-01-01',
    end: '2008-01-01',
    transitional: false,
    beyondMaximum: false,
  });
  // Joined after the rules: the ordinary rule, first term running.
  assert.deepEqual(retrospectiveAppointment('2025-03-01', '2007-04-30', '2026-11-24'), {
    termNumber: 1,
    start: '2025-03-01',
    termEnd: '2029-03-01',
    end: '2029-03-01',
    transitional: false,
    beyondMaximum: false,
  });
});

test('IAG-19: a term the rule would end at once stays valid one year from the date the rules were agreed', () => {
  // Joined 1995: two terms were over by 2003, so the rule would end it at once.
  const longServing = retrospectiveAppointment('1995-06-01', '2026-11-01', '2026-11-24');
  assert.equal(longServing.termNumber, 2);
  assert.equal(longServing.termEnd, '2003-06-01');
  assert.equal(longServing.end, '2027-11-01');
  assert.equal(longServing.transitional, true);
  assert.equal(longServing.beyondMaximum, true);
});

test('IAG-19: a term ending within six months of the agreement also runs a year from it; one ending later does not', () => {
  const agreed = '2026-11-01';
  // Second term ends 1 May 2027: exactly six months after: transition.
  const withinSix = retrospectiveAppointment('2019-05-01', agreed, '2026-11-24');
  assert.equal(withinSix.termEnd, '2027-05-01');
  assert.equal(withinSix.end, '2027-11-01');
  assert.equal(withinSix.transitional, true);
  // Ends 2 May 2027: one day more than six months: the rule's own date.
  const beyondSix = retrospectiveAppointment('2019-05-02', agreed, '2026-11-24');
  assert.equal(beyondSix.end, '2027-05-02');
  assert.equal(beyondSix.transitional, false);
  // A first term ending within six months of the agreement is kept a year too.
  const firstTerm = retrospectiveAppointment('2023-01-15', agreed, '2026-11-24');
  assert.equal(firstTerm.termNumber, 1);
  assert.equal(firstTerm.end, '2027-11-01');
});

test('IAG-18: members are told six months before their term ends', () => {
  assert.equal(termEndNoticeDue('2027-05-24', '2026-11-24'), true);
  assert.equal(termEndNoticeDue('2027-05-25', '2026-11-24'), false);
  assert.equal(termEndNoticeDue('2026-11-24', '2026-11-24'), false, 'not on or after the end');
});

test('IAG-29: work that needs no clearance needs no vetting', () => {
  assert.deepEqual(mayWorkAtClearance([], null, '2026-11-24'), { allowed: true });
});

test('IAG-29: nobody is deployed above their clearance; a higher level covers a lower', () => {
  const held = [clearance('nppv3', '2025-01-01', '2028-01-01')];
  assert.deepEqual(mayWorkAtClearance(held, 'nppv2', '2026-11-24'), { allowed: true });
  assert.deepEqual(mayWorkAtClearance(held, 'nppv3', '2026-11-24'), { allowed: true });
  const above = mayWorkAtClearance(held, 'sc', '2026-11-24');
  assert.equal(above.allowed, false);
  assert.match(
    above.allowed ? '' : words(above.refusal),
    /needs Security Check \(SC\) and they do not hold it/,
  );
});

test('IAG-29: a clearance counts only from its grant to the day before it expires, and not once withdrawn', () => {
  const held = [clearance('sc', '2025-01-01', '2026-12-01')];
  assert.equal(mayWorkAtClearance(held, 'sc', '2024-12-31').allowed, false);
  assert.equal(mayWorkAtClearance(held, 'sc', '2026-11-30').allowed, true);
  const expired = mayWorkAtClearance(held, 'sc', '2026-12-01');
  assert.match(expired.allowed ? '' : words(expired.refusal), /not in force on 1 December 2026/);
  const withdrawn = [clearance('sc', '2025-01-01', '2028-01-01', '2026-06-01')];
  assert.equal(mayWorkAtClearance(withdrawn, 'nppv1', '2026-06-01').allowed, false);
});

test('IAG-29: clearances expiring within 90 days are flagged', () => {
  assert.equal(
    clearanceExpiringSoon(clearance('sc', '2024-01-01', '2027-02-22'), '2026-11-24'),
    true,
  );
  assert.equal(
    clearanceExpiringSoon(clearance('sc', '2024-01-01', '2027-02-23'), '2026-11-24'),
    false,
  );
  assert.equal(
    clearanceExpiringSoon(clearance('sc', '2024-01-01', '2026-11-24'), '2026-11-24'),
    false,
    'already expired',
  );
});

test('IAG-30: no unescorted access unless an exemption is in force', () => {
  assert.equal(hasUnescortedAccess([], '2026-11-24'), false);
  const exemption = { approvedOn: '2026-01-01', expiresOn: '2027-01-01', revokedOn: null };
  assert.equal(hasUnescortedAccess([exemption], '2026-11-24'), true);
  assert.equal(hasUnescortedAccess([exemption], '2027-01-01'), false);
  assert.equal(
    hasUnescortedAccess([{ ...exemption, revokedOn: '2026-06-01' }], '2026-11-24'),
    false,
  );
  assert.equal(hasUnescortedAccess([{ ...exemption, expiresOn: null }], '2030-01-01'), true);
});

test('IAG-01: a corporate focus group takes one representative from each corporate IAG', () => {
  const race = { id: 'race', name: 'Race IAG' };
  const youth = { id: 'youth', name: 'Youth IAG' };
  assert.match(
    words(checkFocusGroupRepresentative('Ada', [], new Set())),
    /Ada is not a current member of one/,
  );
  assert.equal(checkFocusGroupRepresentative('Ada', [race], new Set(['youth'])), null);
  assert.match(
    words(checkFocusGroupRepresentative('Ada', [race], new Set(['race']))),
    /Race IAG already has its representative/,
  );
  assert.equal(
    checkFocusGroupRepresentative('Ada', [race, youth], new Set(['race'])),
    null,
    'may represent the other',
  );
  // A member of several IAGs all represented: each name after the first joined by "and the".
  assert.equal(
    words(checkFocusGroupRepresentative('Ada', [race, youth], new Set(['race', 'youth']))),
    'The Race IAG and the Youth IAG already have their representative in this focus group (IAG-01)',
  );
  const faith = { id: 'faith', name: 'Faith IAG' };
  assert.equal(
    words(
      checkFocusGroupRepresentative(
        'Ada',
        [race, youth, faith],
        new Set(['race', 'youth', 'faith']),
      ),
    ),
    'The Race IAG and the Youth IAG and the Faith IAG already have their representative in this focus group (IAG-01)',
  );
});

test('IAG-31: the Director meets the corporate IAG chairs at least twice a reporting year', () => {
  assert.match(
    words(directorChairsShortfall('2026-27', 0)),
    /^2026-27: no meetings .* at least 2 \(IAG-31\)$/,
  );
  assert.match(words(directorChairsShortfall('2026-27', 1)), /only 1 meeting/);
  assert.equal(directorChairsShortfall('2026-27', 2), null);
  assert.equal(directorChairsShortfall('2026-27', 3), null);
});

test('IAG-32: every advisory group still working is invited to the annual conference, of any type', () => {
  assert.equal(invitedToAnnualConference({ status: 'active' }), true);
  assert.equal(invitedToAnnualConference({ status: 'forming' }), true);
  assert.equal(invitedToAnnualConference({ status: 'suspended' }), false);
  assert.equal(invitedToAnnualConference({ status: 'closed' }), false);
});

test('IAG-32: a reporting year with no annual conference held or scheduled is flagged', () => {
  const expected =
    '2026-27: no annual conference of the advisory groups held or scheduled (IAG-32)';
  assert.equal(words(annualConferenceMissing('2026-27', 0)), expected);
  assert.equal(annualConferenceMissing('2026-27', 1), null);
});

test('IAG-18: issue 21 item 13: nobody agrees or refuses their own second term', () => {
  assert.match(words(checkNotOwnSecondTerm('u1', 'u1', 'chair')), /your own second term as chair/);
  assert.match(words(checkNotOwnSecondTerm('u1', 'u1', 'director')), /as the Director/);
  assert.match(words(checkNotOwnSecondTerm('u1', 'u1', 'decline')), /cannot decide your own/);
  assert.equal(checkNotOwnSecondTerm('u1', 'u2', 'chair'), null, 'someone else’s');
  assert.equal(checkNotOwnSecondTerm(null, 'u2', 'director'), null, 'a member with no account');
});

test('IAG-18: issue 21 item 14: an appointment whose four years are already over is refused, saying when it would have ended', () => {
  assert.equal(checkAppointmentStart('2026-11-23', '2026-11-23'), null, 'today');
  assert.equal(checkAppointmentStart('2022-11-24', '2026-11-23'), null, 'ends tomorrow');
  assert.equal(
    words(checkAppointmentStart('2022-11-23', '2026-11-23')),
    'An appointment starting on 23 November 2022 would have ended on 23 November 2026, as a term lasts 4 years (IAG-18). Enter a start date after 23 November 2022, or record a past member by importing the group’s existing members',
  );
});

test('IAG-18: an imported agreement to a second term is refused for someone still in their first', () => {
  const agreement = { agreedOn: '2025-01-01', chair: 'Grace Chair', director: 'Dana Director' };
  assert.equal(
    words(
      importedAgreementProblem(
        { name: 'First Termer', secondTermAgreement: agreement },
        { termNumber: 1, end: '2028-01-10' },
      ),
    ),
    'First Termer is in their first term, to 10 January 2028, so has no second term to agree: leave second_term_agreed_on, agreed_by_chair and agreed_by_director empty',
  );
  assert.equal(
    importedAgreementProblem(
      { name: 'Second Termer', secondTermAgreement: agreement },
      { termNumber: 2, end: '2028-01-10' },
    ),
    null,
  );
  assert.equal(
    importedAgreementProblem(
      { name: 'No Agreement', secondTermAgreement: null },
      { termNumber: 1, end: '2028-01-10' },
    ),
    null,
  );
});
