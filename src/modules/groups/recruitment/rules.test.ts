import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../../../platform/i18n/messages.js';
import {
  ageOn,
  checkAgeAtDecision,
  checkAgeEligibility,
  mayAcknowledgeApplication,
  checkRecruitmentInterval,
} from './rules.js';
import { type Said, say } from '../../../platform/i18n/said.js';

// A refusal in the words a person reads, from the English catalogue.
const t = loadMessages(path.resolve('src')).translator('en');
const words = (refusal: Said | null) => refusal && say(t, refusal);

test('IAG-20: a corporate IAG opens at most one recruitment in any 12 months, and is told when the next may open', () => {
  const round = (opensOn: string, closesOn: string) => ({ opensOn, closesOn });
  const march = round('2026-03-01', '2026-04-30');
  assert.equal(
    checkRecruitmentInterval('corporate_iag', round('2026-11-24', '2026-12-31'), []),
    null,
  );
  const refused = checkRecruitmentInterval('corporate_iag', round('2026-11-24', '2026-12-31'), [
    march,
  ]);
  assert.equal(refused?.nextMayOpen, '2027-03-01');
  assert.match(
    words(refused)!,
    /at most one recruitment in any 12 months, and this group has a round from 1 March 2026 to 30 April 2026 \(IAG-20\)\. The next may open on 1 March 2027/,
  );
  assert.equal(
    checkRecruitmentInterval('corporate_iag', round('2027-03-01', '2027-04-01'), [march]),
    null,
    'twelve months on',
  );
  assert.ok(
    checkRecruitmentInterval('corporate_iag', round('2027-02-28', '2027-04-01'), [march]),
    'a day short',
  );
  // Other types are not limited.
  assert.equal(
    checkRecruitmentInterval('borough_iag', round('2026-11-24', '2026-12-31'), [march]),
    null,
  );
});

test('IAG-20: issue 21 item 11: rounds are compared as periods, so a backdated round or one still open is refused', () => {
  const open = { opensOn: '2026-11-20', closesOn: '2026-12-31' };
  // Backdated to open more than 12 months before the open round, but running into it.
  const backdated = checkRecruitmentInterval(
    'corporate_iag',
    { opensOn: '2025-10-01', closesOn: '2026-12-31' },
    [open],
  );
  assert.match(words(backdated)!, /a round from 20 November 2026 to 31 December 2026/);
  // A long round still open 12 months after it opened: the next waits for it to close.
  const long = { opensOn: '2025-01-01', closesOn: '2026-02-28' };
  const during = checkRecruitmentInterval(
    'corporate_iag',
    { opensOn: '2026-02-01', closesOn: '2026-03-31' },
    [long],
  );
  assert.equal(during?.nextMayOpen, '2026-03-01');
  assert.equal(
    checkRecruitmentInterval('corporate_iag', { opensOn: '2026-03-01', closesOn: '2026-03-31' }, [
      long,
    ]),
    null,
    'the day after it closed, more than 12 months after it opened',
  );
  // Backdated to well before, and closed 12 months before the other opened: allowed.
  assert.equal(
    checkRecruitmentInterval('corporate_iag', { opensOn: '2025-09-01', closesOn: '2025-10-31' }, [
      open,
    ]),
    null,
  );
});

test('IAG-17: the Youth IAG takes ages 14 to 25 inclusive on the appointment date', () => {
  const youth = { minAge: 14, maxAge: 25 };
  assert.equal(checkAgeEligibility(youth, '2012-04-01', '2026-04-01'), null, '14 on the day');
  assert.match(words(checkAgeEligibility(youth, '2012-04-02', '2026-04-01'))!, /you would be 13/);
  assert.equal(
    checkAgeEligibility(youth, '2000-04-02', '2026-04-01'),
    null,
    '25 until the day before 26',
  );
  assert.match(words(checkAgeEligibility(youth, '2000-04-01', '2026-04-01'))!, /you would be 26/);
  assert.match(words(checkAgeEligibility(youth, null, '2026-04-01'))!, /Enter your date of birth/);
  assert.equal(checkAgeEligibility({ minAge: null, maxAge: null }, null, '2026-04-01'), null);
  assert.equal(ageOn('2008-02-29', '2026-02-28'), 18);
});

test('IAG-17: issue 21 item 15: the Director deciding after the appointment date checks the age on the day the appointment would start', () => {
  const youth = { minAge: 14, maxAge: 25 };
  const tia = { fullName: 'Tia Young', dateOfBirth: '2001-04-02' };
  assert.equal(checkAgeAtDecision(youth, tia, '2027-04-01'), null, '25 on the appointment date');
  assert.equal(
    words(checkAgeAtDecision(youth, tia, '2027-04-02')),
    'Tia Young would be 26 on 2 April 2027, when the appointment would start, and this group takes members aged 14 to 25 on the date of appointment (IAG-17). The appointment cannot be accepted',
  );
  assert.equal(checkAgeAtDecision({ minAge: null, maxAge: null }, tia, '2040-01-01'), null);
});

test('issue 21 item 23: an address is sent at most 3 acknowledgements a day', () => {
  assert.equal(mayAcknowledgeApplication(0), true);
  assert.equal(mayAcknowledgeApplication(2), true);
  assert.equal(mayAcknowledgeApplication(3), false);
});
