/** The lay visitor's rules (ICV-01, ICV-02): independence, appointment, renewal, the rota. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../../platform/i18n/messages.js';
import { say, type Said } from '../../platform/i18n/said.js';
import {
  appointmentRefusal,
  independenceRefusals,
  interviewRefusals,
  onProbation,
  probationDueOn,
  probationSignOffRefusal,
  renewal,
  leavingRefusals,
  rotaEligibility,
  termEnd,
  vettingRefusals,
  type VisitorRecord,
} from './visitor-rules.js';

const english = loadMessages(path.resolve('src')).translator('en');
const words = (said: Said | null | undefined) => (said ? say(english, said) : '');

const TODAY = '2026-12-06';

/** Appointed in January, vetted to 2028, inducted, probation signed off: may go on the rota. */
const ready: VisitorRecord = {
  interviewOutcome: 'suitable',
  vettingResult: 'cleared',
  vettingExpiresOn: '2028-01-01',
  appointedOn: '2026-01-10',
  termEndsOn: '2029-01-10',
  probationSignedOffOn: '2026-07-10',
  suspendedFrom: null,
  courses: [{ induction: true, completedOn: '2026-01-05' }],
};
const applicant: VisitorRecord = {
  ...ready,
  appointedOn: null,
  termEndsOn: null,
  probationSignedOffOn: null,
  courses: [],
};

test('ICV-01: a serving police officer or member of police staff is refused, saying why', () => {
  const refusals = independenceRefusals({ policeOfficerOrStaff: 'yes', criminalJustice: 'no' });
  assert.deepEqual(
    refusals.map((r) => [r.field, words(r)]),
    [
      [
        'policeOfficerOrStaff',
        'A serving police officer or member of police staff cannot be a custody visitor: visitors are independent of the police',
      ],
    ],
  );
});

test('ICV-01: someone directly involved in the criminal justice system is refused; each question must be answered', () => {
  assert.deepEqual(
    independenceRefusals({ criminalJustice: 'yes' }).map((r) => words(r)),
    [
      'Answer whether they are a serving police officer or member of police staff',
      'Someone directly involved in the criminal justice system cannot be a custody visitor: visitors are independent of it',
    ],
  );
  assert.deepEqual(independenceRefusals({ policeOfficerOrStaff: 'no', criminalJustice: 'no' }), []);
});

test('ICV-02: an appointed visitor, vetted, trained and not suspended can be put on the rota', () => {
  assert.equal(rotaEligibility(ready, TODAY), null);
  assert.equal(onProbation(ready), false);
});

test('ICV-02: an applicant not yet appointed cannot be put on the rota', () => {
  assert.equal(words(rotaEligibility(applicant, TODAY)), 'Not appointed');
  // Nor one appointed from a later day.
  assert.equal(
    words(rotaEligibility({ ...ready, appointedOn: '2026-12-07' }, TODAY)),
    'Not appointed',
  );
});

test('ICV-02: a visitor whose term has ended cannot be put on the rota until renewed', () => {
  const ended = { ...ready, termEndsOn: TODAY };
  assert.equal(words(rotaEligibility(ended, TODAY)), 'Their term ended on 6 December 2026');
});

test('ICV-02: an unvetted visitor, or one whose vetting has expired, is not offered for the rota', () => {
  assert.equal(words(rotaEligibility({ ...ready, vettingResult: null }, TODAY)), 'Not vetted');
  assert.equal(words(rotaEligibility({ ...ready, vettingResult: 'refused' }, TODAY)), 'Not vetted');
  assert.equal(
    words(rotaEligibility({ ...ready, vettingExpiresOn: '2026-12-01' }, TODAY)),
    'Their vetting expired on 1 December 2026',
  );
});

test('ICV-02: an untrained visitor is not offered for the rota: the induction course makes them trained', () => {
  const untrained = 'Not trained: the induction course is not recorded';
  assert.equal(words(rotaEligibility({ ...ready, courses: [] }, TODAY)), untrained);
  // Another course is not the induction; nor is an induction dated after today.
  const refresher = { induction: false, completedOn: '2026-06-01' };
  assert.equal(words(rotaEligibility({ ...ready, courses: [refresher] }, TODAY)), untrained);
  const later = { induction: true, completedOn: '2026-12-20' };
  assert.equal(words(rotaEligibility({ ...ready, courses: [later] }, TODAY)), untrained);
});

test('ICV-02: a suspended visitor cannot be put on the rota; a suspension from a later day has not begun', () => {
  assert.equal(
    words(rotaEligibility({ ...ready, suspendedFrom: '2026-11-20' }, TODAY)),
    'Suspended from 20 November 2026',
  );
  assert.equal(rotaEligibility({ ...ready, suspendedFrom: '2026-12-10' }, TODAY), null);
});

test('ICV-02: a visitor on probation can be put on the rota, marked as on probation', () => {
  const probationer = { ...ready, probationSignedOffOn: null };
  assert.equal(rotaEligibility(probationer, TODAY), null);
  assert.equal(onProbation(probationer), true);
  assert.equal(onProbation(applicant), false);
  assert.equal(probationDueOn('2026-01-31'), '2026-07-31');
});

test('ICV-02: appointment needs a suitable interview and vetting cleared and in force; once only', () => {
  const refused = (v: VisitorRecord, on = TODAY) => {
    const r = appointmentRefusal(v, on);
    return r && [r.field, words(r)];
  };
  assert.equal(appointmentRefusal(applicant, TODAY), null);
  assert.deepEqual(refused({ ...applicant, interviewOutcome: 'unsuitable' }), [
    'appointedOn-day',
    'The visitor cannot be appointed until an interview has found them suitable',
  ]);
  assert.deepEqual(refused({ ...applicant, interviewOutcome: null }), [
    'appointedOn-day',
    'The visitor cannot be appointed until an interview has found them suitable',
  ]);
  const vettingRefused = [
    'appointedOn-day',
    'The visitor cannot be appointed without vetting that is cleared and in force on the date of appointment',
  ];
  assert.deepEqual(refused({ ...applicant, vettingResult: 'refused' }), vettingRefused);
  assert.deepEqual(refused(applicant, '2028-01-01'), vettingRefused);
  assert.deepEqual(refused(ready), [
    'appointedOn-day',
    'The visitor is already appointed: renew their term instead',
  ]);
});

test('ICV-02: a fixed term ends on its anniversary; a renewal runs a full term from its end, or from renewal once ended', () => {
  assert.equal(termEnd('2026-01-10', 3), '2029-01-10');
  assert.deepEqual(renewal(ready, '2028-12-01', 3), { termEndsOn: '2032-01-10' });
  assert.deepEqual(renewal(ready, '2029-03-01', 3), { termEndsOn: '2032-03-01' });
  assert.deepEqual(renewal(applicant, TODAY, 3), {
    refusal: { field: 'renewedOn-day', key: 'custody-visiting:visitors.errors.notAppointed' },
  });
});

test('ICV-02: probation is signed off once, for an appointed visitor, not before the appointment', () => {
  const probationer = { ...ready, probationSignedOffOn: null };
  assert.equal(probationSignOffRefusal(probationer, TODAY), null);
  assert.equal(
    words(probationSignOffRefusal(probationer, '2026-01-01')),
    'The date must be on or after the date of appointment',
  );
  assert.equal(
    words(probationSignOffRefusal(ready, TODAY)),
    'Probation has already been signed off',
  );
  assert.equal(
    words(probationSignOffRefusal(applicant, TODAY)),
    'The visitor has not been appointed',
  );
});

test('ICV-02: the interview names its panel and outcome; cleared vetting needs an expiry after it', () => {
  assert.deepEqual(
    interviewRefusals({ interviewPanel: '', outcome: 'maybe' }).map((r) => words(r)),
    ['Enter who sat on the interview panel', 'Select the outcome of the interview'],
  );
  assert.deepEqual(
    vettingRefusals({ result: 'cleared', vettedOn: TODAY, expiresOn: null }).map((r) => words(r)),
    ['Enter the date the vetting expires'],
  );
  assert.deepEqual(
    vettingRefusals({ result: 'cleared', vettedOn: TODAY, expiresOn: TODAY }).map((r) => r.field),
    ['expiresOn-day'],
  );
  assert.deepEqual(vettingRefusals({ result: 'refused', vettedOn: TODAY, expiresOn: null }), []);
});

test('ICV-02: a visitor who has left the scheme is never offered for the rota, whatever else they hold', () => {
  assert.equal(
    words(rotaEligibility({ ...ready, leftOn: '2026-11-30' }, TODAY)),
    'Left the scheme on 30 November 2026',
  );
  // Left today is left; a leaving recorded for a later day has not happened yet.
  assert.equal(
    words(rotaEligibility({ ...ready, leftOn: TODAY }, TODAY)),
    'Left the scheme on 6 December 2026',
  );
  assert.equal(rotaEligibility({ ...ready, leftOn: '2026-12-07' }, TODAY), null);
  assert.equal(rotaEligibility({ ...ready, leftOn: null }, TODAY), null);
});

test('ICV-02: a leaving is recorded once, with a reason from the list, not before the declaration', () => {
  const visitor = { declaredOn: '2025-10-01', leftOn: null };
  assert.deepEqual(leavingRefusals(visitor, '2026-11-30', 'resigned'), []);
  assert.deepEqual(
    leavingRefusals(visitor, '2026-11-30', 'bored').map((r) => r.field),
    ['reason'],
  );
  assert.deepEqual(
    leavingRefusals(visitor, '2025-09-01', 'termEnded').map((r) => words(r)),
    ['The date they left must be on or after the date of their declaration'],
  );
  assert.deepEqual(
    leavingRefusals({ ...visitor, leftOn: '2026-01-01' }, '2026-11-30', 'other').map((r) =>
      words(r),
    ),
    ['The visitor has already left the scheme'],
  );
});
