import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../../platform/i18n/messages.js';
import { waitedWords } from './presenter.js';
import {
  adviceIndependence,
  arrangementOwner,
  busiestTenthShare,
  checkAdviceRecording,
  checkDisclosure,
  checkDocumentToShare,
  checkNominating,
  checkOfferResponse,
  checkQuestion,
  checkNominationCount,
  checkResponse,
  checkTriage,
  loadWindowStart,
  neededFromProblem,
  mayReadDisclosure,
  mayShareOnRequest,
  nominationOverdue,
  nominationProblem,
  overburdened,
  routingProblem,
  triageDueAt,
  triageOverdue,
  waitedFor,
  type NominationCandidate,
  type NominationRequest,
} from './rules.js';
import { say as sayIn, type Said } from '../../platform/i18n/said.js';

// The rules give keys; the tests read them as a person does, in the English catalogue.
const en = loadMessages(path.resolve('src')).translator('en');
const say = (words: Said | null) => (words ? sayIn(en, words) : null);

const targets = { urgentMinutes: 120, routineWorkingDays: 5 };

test('IAG-08: an urgent request is due for triage two hours after it arrives, night or day', () => {
  const submittedAt = new Date('2026-12-25T23:30:00Z');
  assert.equal(
    triageDueAt({ urgency: 'urgent', submittedAt }, targets).toISOString(),
    '2026-12-26T01:30:00.000Z',
  );
});

test('IAG-08: a routine request is due five working days later, at the time it arrived', () => {
  // Friday 18 December 2026, 3pm: 21st to 24th, then Christmas and Boxing Day (moved to Monday
  // 28th) are skipped, so the fifth working day is Tuesday 29th.
  const submittedAt = new Date('2026-12-18T15:00:00Z');
  assert.equal(
    triageDueAt({ urgency: 'routine', submittedAt }, targets).toISOString(),
    '2026-12-29T15:00:00.000Z',
  );
  // In summer time the London clock time is kept: 10am BST is 9am UTC.
  const summer = new Date('2026-06-01T09:00:00Z');
  assert.equal(
    triageDueAt({ urgency: 'routine', submittedAt: summer }, targets).toISOString(),
    '2026-06-08T09:00:00.000Z',
  );
});

test('IAG-08: only a request still waiting after it was due is overdue; targets are settings', () => {
  const submittedAt = new Date('2026-11-23T10:00:00Z');
  const waiting = { status: 'awaiting_triage' as const, urgency: 'urgent' as const, submittedAt };
  assert.equal(triageOverdue(waiting, targets, new Date('2026-11-23T12:00:00Z')), false);
  assert.equal(triageOverdue(waiting, targets, new Date('2026-11-23T12:00:01Z')), true);
  assert.equal(
    triageOverdue({ ...waiting, status: 'routed' }, targets, new Date('2026-11-30T00:00:00Z')),
    false,
  );
  assert.equal(
    triageOverdue(waiting, { ...targets, urgentMinutes: 30 }, new Date('2026-11-23T10:31:00Z')),
    true,
  );
});

test('IAG-08: a request is routed or declined once, while it waits for triage', () => {
  assert.equal(checkTriage('awaiting_triage'), null);
  assert.match(say(checkTriage('routed'))!, /already been passed/);
  assert.match(say(checkTriage('declined'))!, /declined/);
});

test('IAG-07, IAG-08: a request goes only to a working group with a deployment contact', () => {
  const race = { name: 'Race IAG', status: 'active', deploymentContactId: 'p1' };
  assert.equal(routingProblem(race), null);
  assert.equal(routingProblem({ ...race, status: 'forming' }), null);
  assert.match(say(routingProblem({ ...race, status: 'suspended' }))!, /not working/);
  assert.match(say(routingProblem({ ...race, deploymentContactId: null }))!, /IAG-07/);
});

test('how long a request has waited reads as a person would say it', () => {
  const from = new Date('2026-11-23T10:00:00Z');
  const after = (minutes: number) =>
    waitedWords(en, waitedFor(from, new Date(from.getTime() + minutes * 60_000)));
  assert.equal(after(1), '1 minute');
  assert.equal(after(35), '35 minutes');
  assert.equal(after(60), '1 hour');
  assert.equal(after(125), '2 hours 5 minutes');
  assert.equal(after(24 * 60), '1 day');
  assert.equal(after(3 * 24 * 60 + 120), '3 days 2 hours');
  assert.equal(after(-5), '0 minutes');
});

const suitable: NominationCandidate = {
  name: 'Ada',
  currentMember: true,
  clearances: [],
  unavailable: [],
  conflicted: false,
  alreadyAsked: false,
  experience: ['race', 'youth'],
};
const work: NominationRequest = {
  clearanceNeeded: null,
  neededFrom: '2026-12-01',
  neededUntil: '2026-12-03',
  experienceNeeded: [],
};

test('IAG-07: only a current member of a group the request was passed to may be nominated', () => {
  assert.equal(nominationProblem(suitable, work), null);
  assert.match(
    say(nominationProblem({ ...suitable, currentMember: false }, work))!,
    /not a current member/,
  );
});

test('IAG-29: nobody is nominated for work above their clearance, or with one not in force', () => {
  const needsSc = { ...work, clearanceNeeded: 'sc' as const };
  assert.match(say(nominationProblem(suitable, needsSc))!, /needs Security Check/);
  const nppv3 = {
    level: 'nppv3' as const,
    grantedOn: '2025-01-01',
    expiresOn: '2030-01-01',
    withdrawnOn: null,
  };
  assert.match(say(nominationProblem({ ...suitable, clearances: [nppv3] }, needsSc))!, /IAG-29/);
  const sc = { ...nppv3, level: 'sc' as const };
  assert.equal(nominationProblem({ ...suitable, clearances: [sc] }, needsSc), null);
  // A higher clearance covers lower work; an expired one covers nothing.
  const dv = { ...nppv3, level: 'dv' as const, expiresOn: '2026-12-01' };
  assert.match(say(nominationProblem({ ...suitable, clearances: [dv] }, needsSc))!, /not in force/);
  // In force on the first day but lapsing before the last is not enough.
  const lapsing = { ...sc, expiresOn: '2026-12-03' };
  assert.match(
    say(nominationProblem({ ...suitable, clearances: [lapsing] }, needsSc))!,
    /not in force on 3 December 2026/,
  );
});

test('IAG-10: an advisor unavailable on any day of the work, or conflicted, is not suitable', () => {
  const away = (startsOn: string, endsOn: string) => ({
    ...suitable,
    unavailable: [{ startsOn, endsOn }],
  });
  assert.match(say(nominationProblem(away('2026-12-03', '2026-12-10'), work))!, /not available/);
  assert.match(say(nominationProblem(away('2026-11-20', '2026-12-01'), work))!, /not available/);
  assert.equal(nominationProblem(away('2026-12-04', '2026-12-10'), work), null);
  // A request for one day only is checked against that day.
  assert.match(
    say(nominationProblem(away('2026-12-01', '2026-12-01'), { ...work, neededUntil: null }))!,
    /not available/,
  );
  assert.match(say(nominationProblem({ ...suitable, conflicted: true }, work))!, /conflict/);
  assert.match(
    say(nominationProblem({ ...suitable, alreadyAsked: true }, work))!,
    /already been asked/,
  );
});

test('IAG-10: when the request names kinds of experience, the advisor brings at least one', () => {
  assert.equal(
    nominationProblem(suitable, { ...work, experienceNeeded: ['faith', 'youth'] }),
    null,
  );
  assert.match(
    say(nominationProblem(suitable, { ...work, experienceNeeded: ['disability'] }))!,
    /none of the experience/,
  );
});

test('IAG-10: load is counted over the twelve months before today', () => {
  assert.equal(loadWindowStart('2026-11-25'), '2025-11-25');
  assert.equal(loadWindowStart('2028-02-29'), '2027-02-28');
});

test('IAG-08: never more advisors than the request asked for', () => {
  assert.equal(checkNominationCount(0, 2, 2), null);
  assert.equal(checkNominationCount(1, 1, 2), null);
  assert.match(say(checkNominationCount(1, 2, 2))!, /only 1 more/);
  assert.match(say(checkNominationCount(1, 1, 1))!, /has them/);
  assert.match(say(checkNominationCount(0, 0, 1))!, /Select the advisor/);
});

test('IAG-08: advisors are nominated only while the request is with a group', () => {
  assert.equal(checkNominating('routed'), null);
  assert.match(say(checkNominating('awaiting_triage'))!, /not passed/);
  assert.match(say(checkNominating('deployed'))!, /has accepted/);
  assert.match(say(checkNominating('declined'))!, /declined/);
});

test('IAG-08, IAG-30: contacting the advisor falls to CTSET when urgent, else the coordination unit', () => {
  assert.equal(arrangementOwner('urgent'), 'ctset');
  assert.equal(arrangementOwner('routine'), 'coordination_unit');
});

test('IAG-08: an advisor answers a nomination once', () => {
  assert.equal(checkResponse('nominated'), null);
  assert.match(say(checkResponse('accepted'))!, /already accepted/);
  assert.match(say(checkResponse('declined'))!, /already declined/);
  assert.match(say(checkResponse('withdrawn'))!, /withdrawn/);
});

test('IAG-02: advice from a member of an IAG who has declared their independence is independent', () => {
  const label = adviceIndependence({
    groupType: 'corporate_iag',
    groupName: 'Race IAG',
    declaration: { declaredOn: '2026-04-01', independenceConfirmed: true },
  });
  assert.equal(label.independent, true);
  assert.match(say(label.basis)!, /declaration of 1 April 2026 confirms their independence/);
});

test('IAG-02: advice is non-independent from a specialist or community group, or without a declaration of independence', () => {
  const declared = { declaredOn: '2026-04-01', independenceConfirmed: true };
  for (const groupType of ['specialist', 'community'] as const) {
    const label = adviceIndependence({
      groupType,
      groupName: 'Firearms SAG',
      declaration: declared,
    });
    assert.equal(label.independent, false, groupType);
    assert.match(say(label.basis)!, /gives non-independent advice/);
  }
  assert.match(
    say(
      adviceIndependence({ groupType: 'borough_iag', groupName: 'Camden IAG', declaration: null })
        .basis,
    )!,
    /no declaration of independence/,
  );
  const unconfirmed = adviceIndependence({
    groupType: 'borough_iag',
    groupName: 'Camden IAG',
    declaration: { declaredOn: '2026-04-01', independenceConfirmed: false },
  });
  assert.equal(unconfirmed.independent, false);
  assert.match(say(unconfirmed.basis)!, /does not confirm their independence/);
});

test('IAG-03: only an advisor who accepted records advice, once', () => {
  assert.equal(checkAdviceRecording('accepted', false), null);
  assert.match(say(checkAdviceRecording('accepted', true))!, /already recorded/);
  assert.match(say(checkAdviceRecording('nominated', false))!, /Only an advisor who accepted/);
  assert.match(say(checkAdviceRecording('declined', false))!, /Only an advisor who accepted/);
});

test('IAG-08: CTSET asks one question at a time, and only while triaging', () => {
  assert.equal(checkQuestion('awaiting_triage', false), null);
  assert.match(say(checkQuestion('awaiting_triage', true))!, /not answered the last question/);
  assert.match(say(checkQuestion('routed', false))!, /has been triaged/);
});

test('IAG-09: the answer to a proactive offer is recorded once, a decline with its reason', () => {
  assert.equal(checkOfferResponse('awaiting', 'taken_up', null), null);
  assert.equal(checkOfferResponse('awaiting', 'declined', 'Family liaison in place'), null);
  const noReason = checkOfferResponse('awaiting', 'declined', null)!;
  assert.deepEqual(
    [noReason.field, say(noReason.words), noReason.answered],
    ['note', 'Enter the reason the offer was declined', false],
  );
  assert.equal(checkOfferResponse('awaiting', 'awaiting', null)!.field, 'response');
  const again = checkOfferResponse('taken_up', 'declined', 'x')!;
  assert.equal(again.answered, true);
  assert.match(say(again.words)!, /already been recorded/);
});

test('IAG-35: disclosures go only to an advisor who accepted, and are read only once acknowledged', () => {
  assert.equal(checkDisclosure('accepted'), null);
  for (const status of ['nominated', 'declined', 'withdrawn'] as const)
    assert.match(say(checkDisclosure(status))!, /accepted/, status);
  assert.equal(mayReadDisclosure({ acknowledgedAt: null }), false);
  assert.equal(mayReadDisclosure({ acknowledgedAt: new Date() }), true);
});

test('IAG-35: the requester, CTSET and the unit share with advisors and hold the documents to share; nobody else', () => {
  const nobody = { isRequester: false, isCtset: false, isCoordinationUnit: false };
  assert.equal(mayShareOnRequest(nobody), false);
  for (const who of ['isRequester', 'isCtset', 'isCoordinationUnit'] as const)
    assert.equal(mayShareOnRequest({ ...nobody, [who]: true }), true, who);
  // Documents are added while advice may still be sought.
  for (const status of ['awaiting_triage', 'routed', 'deployed'] as const)
    assert.equal(checkDocumentToShare(status), null, status);
  assert.match(say(checkDocumentToShare('declined'))!, /declined/);
});

test('IAG-10: the busiest tenth’s share of deployments shows how concentrated the work is', () => {
  assert.deepEqual(busiestTenthShare([]), { advisors: 0, share: 0 });
  assert.deepEqual(busiestTenthShare([0, 0]), { advisors: 0, share: 0 });
  // Twenty advisors deployed: the busiest two. Even spread: 10%.
  const even = busiestTenthShare(Array(20).fill(3));
  assert.equal(even.advisors, 2);
  assert.equal(even.share, 0.1);
  // Two people did 30 of 48.
  const skewed = busiestTenthShare([15, 15, ...Array(18).fill(1)]);
  assert.equal(skewed.share, 30 / 48);
  // Fewer than ten deployed: the busiest one. Advisors never deployed are not counted.
  assert.deepEqual(busiestTenthShare([4, 1, 0, 0]), { advisors: 1, share: 0.8 });
});

test('IAG-10: an advisor above the threshold is flagged; at it, not', () => {
  assert.equal(overburdened(7, 6), true);
  assert.equal(overburdened(6, 6), false);
});

test('IAG-08: a request passed to a group with nobody nominated is overdue after the same targets', () => {
  const triagedAt = new Date('2026-11-23T10:00:00Z');
  const routed = { status: 'routed' as const, urgency: 'urgent' as const, triagedAt };
  const at = (iso: string) => new Date(iso);
  assert.equal(nominationOverdue(routed, 0, targets, at('2026-11-23T11:59:00Z')), false);
  assert.equal(nominationOverdue(routed, 0, targets, at('2026-11-23T12:01:00Z')), true);
  assert.equal(nominationOverdue(routed, 1, targets, at('2026-11-23T12:01:00Z')), false);
  const routine = { ...routed, urgency: 'routine' as const };
  // Monday 23rd, 10:00: five working days on is Monday 30th, 10:00.
  assert.equal(nominationOverdue(routine, 0, targets, at('2026-11-30T09:59:00Z')), false);
  assert.equal(nominationOverdue(routine, 0, targets, at('2026-11-30T10:01:00Z')), true);
  assert.equal(
    nominationOverdue({ ...routed, status: 'deployed' }, 0, targets, at('2026-12-30T00:00:00Z')),
    false,
  );
});

test('issue 21 item 3: IAG-08: advice may not be asked for from a date already past; a request keeps its own date', () => {
  assert.equal(neededFromProblem('2026-11-23', '2026-11-23'), null, 'today is allowed');
  assert.equal(neededFromProblem('2026-12-07', '2026-11-23'), null);
  assert.equal(
    say(neededFromProblem('2020-01-01', '2026-11-23')),
    'The date the advice is needed from must be today (23 November 2026) or later',
  );
  assert.match(say(neededFromProblem('2026-11-22', '2026-11-23'))!, /today \(23 November 2026\)/);
  // An existing request whose date has passed is not blocked by it, unless the date changes.
  assert.equal(neededFromProblem('2026-11-01', '2026-11-23', '2026-11-01'), null);
  assert.match(say(neededFromProblem('2026-11-02', '2026-11-23', '2026-11-01'))!, /today/);
  assert.equal(neededFromProblem('2026-12-01', '2026-11-23', '2026-11-01'), null);
});
