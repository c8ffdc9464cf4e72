import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  admissionDelayed,
  confirmationRefusal,
  copySentRefusals,
  DETAINEE_FIELDS,
  detaineesInOrder,
  isTerrorismReport,
  missingParts,
  parseTime,
  recordingsRefusals,
  reportCopies,
  type ReportState,
  seesReport,
  validateAdmission,
  validateChecks,
  validateDetainee,
  visitDayRefusal,
  visitPairRefusal,
  visitReportable,
} from './report-rules.js';
import { type SchemeReach } from './rules.js';

const fields = (refusals: readonly { field: string }[]) => refusals.map((r) => r.field);

test('ICV-03: a visit by one visitor refused', () => {
  assert.equal(visitPairRefusal('a', null)?.field, 'secondVisitorId');
  assert.equal(visitPairRefusal('a', 'a')?.key, 'custody-visiting:reports.errors.oneVisitor');
  assert.equal(visitPairRefusal('a', 'b'), null);
});

test('ICV-04: times are read as the 24-hour clock', () => {
  assert.equal(parseTime('7:05'), '07:05');
  assert.equal(parseTime('19.30'), '19:30');
  assert.equal(parseTime('1930'), '19:30');
  assert.equal(parseTime('25:00'), null);
  assert.equal(parseTime('soon'), null);
});

test('ICV-04: a delay without reason or authorising inspector refused', () => {
  const { refusals } = validateAdmission({ arrivedAt: '19:00', admittedAt: '19:20' });
  assert.deepEqual(fields(refusals), ['delayReason', 'delayAuthorisedBy']);
  const noInspector = validateAdmission({
    arrivedAt: '19:00',
    admittedAt: '19:20',
    delayReason: 'A disturbance in the cell corridor',
  });
  assert.deepEqual(fields(noInspector.refusals), ['delayAuthorisedBy']);
});

test('ICV-04: a delay with its reason and the inspector who authorised it is recorded', () => {
  const { refusals, value } = validateAdmission({
    arrivedAt: '19:00',
    admittedAt: '19:20',
    delayReason: 'A disturbance in the cell corridor',
    delayAuthorisedBy: 'Inspector Kit Custody',
  });
  assert.deepEqual(refusals, []);
  assert.equal(value.delayAuthorisedBy, 'Inspector Kit Custody');
  assert.equal(admissionDelayed(value), true);
});

test('ICV-04: admitted at once keeps no delay reason; admitted before arriving refused', () => {
  const atOnce = validateAdmission({
    arrivedAt: '19:00',
    admittedAt: '19:00',
    delayReason: 'typed by mistake',
  });
  assert.deepEqual(atOnce.refusals, []);
  assert.equal(atOnce.value.delayReason, null);
  assert.equal(admissionDelayed(atOnce.value), false);
  const before = validateAdmission({ arrivedAt: '19:00', admittedAt: '18:50' });
  assert.deepEqual(fields(before.refusals), ['admittedAt']);
  const missing = validateAdmission({ arrivedAt: '', admittedAt: 'late' });
  assert.deepEqual(fields(missing.refusals), ['arrivedAt', 'admittedAt']);
});

test('ICV-05: a detainee has no field for a name or the reason for detention', () => {
  for (const name of ['name', 'fullName', 'reason', 'reasonForDetention', 'offence'])
    assert.equal((DETAINEE_FIELDS as readonly string[]).includes(name), false, name);
  const { value } = validateDetainee({
    custodyRecordNumber: '01cd/1234/26',
    consent: 'yes',
    seen: 'yes',
    ...({ name: 'John Smith', reasonForDetention: 'Theft' } as object),
  });
  assert.deepEqual(Object.keys(value).sort(), [...DETAINEE_FIELDS].sort());
  assert.equal(value.custodyRecordNumber, '01CD/1234/26');
  assert.equal(JSON.stringify(value).includes('Smith'), false);
});

test('ICV-05: a name in place of the custody record number refused', () => {
  for (const typed of ['John Smith', 'Smith', ''])
    assert.deepEqual(
      fields(
        validateDetainee({ custodyRecordNumber: typed, consent: 'yes', seen: 'yes' }).refusals,
      ),
      ['custodyRecordNumber'],
      typed,
    );
});

test('ICV-05: a detainee is seen only with their consent, and their custody record read with it', () => {
  const seen = validateDetainee({ custodyRecordNumber: 'CR123', consent: 'no', seen: 'yes' });
  assert.deepEqual(fields(seen.refusals), ['seen']);
  const record = validateDetainee({
    custodyRecordNumber: 'CR123',
    consent: 'no',
    seen: 'no',
    notSeenReason: 'declined',
    recordChecked: 'yes',
  });
  assert.deepEqual(fields(record.refusals), ['recordChecked']);
  const noAnswer = validateDetainee({ custodyRecordNumber: 'CR123' });
  assert.deepEqual(fields(noAnswer.refusals), ['consent', 'seen']);
});

test('ICV-07: a detainee not seen needs why, one of the reasons', () => {
  const none = validateDetainee({ custodyRecordNumber: 'CR123', consent: 'no', seen: 'no' });
  assert.deepEqual(fields(none.refusals), ['notSeenReason']);
  const other = validateDetainee({
    custodyRecordNumber: 'CR123',
    consent: 'no',
    seen: 'no',
    notSeenReason: 'bored',
  });
  assert.deepEqual(fields(other.refusals), ['notSeenReason']);
  for (const reason of ['asleep', 'interview', 'solicitor', 'declined', 'safety']) {
    const ok = validateDetainee({
      custodyRecordNumber: 'CR123',
      consent: 'no',
      seen: 'no',
      notSeenReason: reason,
    });
    assert.deepEqual(ok.refusals, [], reason);
    assert.equal(ok.value.notSeenReason, reason);
  }
});

test('ICV-05: children and vulnerable detainees are listed first', () => {
  const d = (custodyRecordNumber: string, child = false, vulnerable = false) => ({
    custodyRecordNumber,
    child,
    vulnerable,
  });
  const ordered = detaineesInOrder([d('A1'), d('B2', false, true), d('C3', true), d('A0')]);
  assert.deepEqual(
    ordered.map((x) => x.custodyRecordNumber),
    ['C3', 'B2', 'A0', 'A1'],
  );
});

const checks = {
  rightsCheck: 'satisfactory',
  healthCheck: 'satisfactory',
  cellsCheck: 'satisfactory',
  detaineesPresent: '2',
  conditions: 'Clean and warm',
};

test('ICV-06: each check is answered, and a concern described', () => {
  const none = validateChecks({ ...checks, rightsCheck: undefined, healthCheck: 'concerns' });
  assert.deepEqual(fields(none.refusals), ['rightsCheck', 'healthNotes']);
  const ok = validateChecks({ ...checks, healthCheck: 'concerns', healthNotes: 'No blankets' });
  assert.deepEqual(ok.refusals, []);
  assert.equal(ok.value.healthNotes, 'No blankets');
});

test('ICV-07: the conditions, detainees present and what was done about an issue are required', () => {
  const { refusals } = validateChecks({
    ...checks,
    conditions: ' ',
    detaineesPresent: 'some',
    issuesRaised: 'Cell 4 call bell broken',
  });
  assert.deepEqual(fields(refusals), ['detaineesPresent', 'conditions', 'actionTaken']);
});

const report: ReportState = {
  status: 'draft',
  firstVisitorId: 'v1',
  secondVisitorId: 'v2',
  suiteId: 's1',
  checksRecordedAt: new Date('2026-11-20T19:30:00Z'),
  detaineesPresent: 2,
  firstConfirmedAt: null,
  secondConfirmedAt: null,
};

test('ICV-07: a report without its checks, or without each detainee present, is not complete', () => {
  assert.deepEqual(
    missingParts({ ...report, checksRecordedAt: null, detaineesPresent: null }, 0).map(
      (m) => m.key,
    ),
    ['custody-visiting:reports.missing.checks'],
  );
  assert.deepEqual(missingParts(report, 1), [
    { key: 'custody-visiting:reports.missing.detainees', values: { present: 2, listed: 1 } },
  ]);
  assert.deepEqual(missingParts(report, 2), []);
  assert.deepEqual(missingParts({ ...report, detaineesPresent: 0 }, 0), []);
});

test('ICV-07: only its two visitors confirm a report, once complete, and not after it is sent', () => {
  assert.equal(
    confirmationRefusal(report, 'v3', 2)?.key,
    'custody-visiting:reports.errors.notYourReport',
  );
  assert.equal(
    confirmationRefusal(report, null, 2)?.key,
    'custody-visiting:reports.errors.notYourReport',
  );
  assert.equal(
    confirmationRefusal(report, 'v2', 1)?.key,
    'custody-visiting:reports.missing.detainees',
  );
  assert.equal(confirmationRefusal(report, 'v1', 2), null);
  assert.equal(confirmationRefusal(report, 'v2', 2), null);
  assert.equal(
    confirmationRefusal({ ...report, status: 'submitted' }, 'v1', 2)?.key,
    'custody-visiting:reports.errors.sent',
  );
});

test('ICV-07: a draft is read by its two visitors only; a sent report by the suite inspector, the scheme manager and the panel coordinator', () => {
  const draft = { ...report, panelId: 'p1' };
  const nobody: SchemeReach = { manager: false, panelAreas: [], panelIds: [], suiteIds: [] };
  const manager = { ...nobody, manager: true };
  const inspector = { ...nobody, suiteIds: ['s1'] };
  const otherInspector = { ...nobody, suiteIds: ['s2'] };
  const coordinator = { ...nobody, panelIds: ['p1'], panelAreas: ['Camden'] };
  const otherCoordinator = { ...nobody, panelIds: ['p2'], panelAreas: ['Brent'] };
  assert.equal(seesReport(nobody, 'v1', draft), true);
  assert.equal(seesReport(nobody, 'v2', draft), true);
  assert.equal(seesReport(nobody, 'v3', draft), false);
  assert.equal(seesReport(manager, null, draft), false);
  assert.equal(seesReport(inspector, null, draft), false);
  assert.equal(seesReport(coordinator, null, draft), false);
  const sent = { ...draft, status: 'submitted' as const };
  assert.equal(seesReport(manager, null, sent), true);
  assert.equal(seesReport(inspector, null, sent), true);
  assert.equal(seesReport(otherInspector, null, sent), false);
  assert.equal(seesReport(coordinator, null, sent), true);
  assert.equal(seesReport(otherCoordinator, null, sent), false);
  assert.equal(seesReport(nobody, 'v3', sent), false);
});

const detainee = { custodyRecordNumber: '01CD/1234/26', consent: 'yes', seen: 'yes' };

test('ICV-09: a detainee held under terrorism legislation is marked, by the legal power only', () => {
  const { refusals, value } = validateDetainee({
    ...detainee,
    terrorism: 'yes',
    recordingsViewed: 'yes',
    recordingsNotes: '  Two interviews of the second day ',
  });
  assert.deepEqual(refusals, []);
  assert.equal(value.terrorism, true);
  assert.equal(value.recordingsViewed, true);
  assert.equal(value.recordingsNotes, 'Two interviews of the second day');
  // Whether they viewed recordings is said for such a detainee; a note without a viewing is not kept.
  const unsaid = validateDetainee({ ...detainee, terrorism: 'yes' });
  assert.deepEqual(fields(unsaid.refusals), ['recordingsViewed']);
  const notViewed = validateDetainee({
    ...detainee,
    terrorism: 'yes',
    recordingsViewed: 'no',
    recordingsNotes: 'ignored',
  });
  assert.deepEqual(notViewed.refusals, []);
  assert.equal(notViewed.value.recordingsNotes, null);
  const long = validateDetainee({
    ...detainee,
    terrorism: 'yes',
    recordingsViewed: 'yes',
    recordingsNotes: 'x'.repeat(501),
  });
  assert.deepEqual(fields(long.refusals), ['recordingsNotes']);
});

test('ICV-09: viewing recordings of interviews is refused for a detainee not held under terrorism legislation', () => {
  const { refusals, value } = validateDetainee({ ...detainee, recordingsViewed: 'yes' });
  assert.deepEqual(fields(refusals), ['recordingsViewed']);
  assert.equal(refusals[0]!.key, 'custody-visiting:reports.errors.recordingsNotTerrorism');
  assert.equal(value.recordingsViewed, false);
  assert.deepEqual(
    recordingsRefusals({ terrorism: false, recordingsViewed: 'no', recordingsNotes: '' }),
    [],
  );
  assert.deepEqual(validateDetainee(detainee).refusals, []);
  assert.equal(validateDetainee(detainee).value.terrorism, false);
});

test('ICV-09: a terrorism report is copied to the authority (e-mailed when its address is set) and the Independent Reviewer (always sent by the scheme manager)', () => {
  const authority = 'reports@authority.example';
  assert.equal(isTerrorismReport([{ terrorism: false }]), false);
  assert.deepEqual(reportCopies([{ terrorism: false }], authority), []);
  assert.deepEqual(reportCopies([], authority), []);
  assert.equal(isTerrorismReport([{ terrorism: false }, { terrorism: true }]), true);
  assert.deepEqual(reportCopies([{ terrorism: false }, { terrorism: true }], authority), [
    { recipient: 'authority', sentTo: authority },
    { recipient: 'terrorism_reviewer', sentTo: null },
  ]);
  assert.deepEqual(reportCopies([{ terrorism: true }], null), [
    { recipient: 'authority', sentTo: null },
    { recipient: 'terrorism_reviewer', sentTo: null },
  ]);
});

test('ICV-09: a copy sent by hand is recorded once, to whom and on a day from the report’s sending to today', () => {
  const base = {
    awaiting: true,
    sentTo: 'The Reviewer’s office',
    sentOn: '2026-11-23',
    reportSentOn: '2026-11-22',
    today: '2026-11-24',
  };
  assert.deepEqual(copySentRefusals(base), []);
  assert.deepEqual(fields(copySentRefusals({ ...base, sentTo: '' })), ['sentTo']);
  assert.deepEqual(fields(copySentRefusals({ ...base, sentOn: '2026-11-21' })), ['sentOn-day']);
  assert.deepEqual(fields(copySentRefusals({ ...base, sentOn: '2026-11-25' })), ['sentOn-day']);
  assert.equal(
    copySentRefusals({ ...base, awaiting: false })[0]?.key,
    'custody-visiting:reports.errors.copyRecorded',
  );
});

test('ICV-03: the report of a visit on the rota is begun once its day has come, unless missed or reported', () => {
  const visit = { status: 'planned' as const, weekStarting: '2026-11-16', visitOn: '2026-11-19' };
  assert.equal(visitReportable(visit, false, '2026-11-19'), true);
  assert.equal(visitReportable(visit, false, '2026-11-18'), false);
  assert.equal(visitReportable(visit, true, '2026-11-20'), false);
  assert.equal(visitReportable({ ...visit, status: 'missed' }, false, '2026-11-20'), false);
  assert.equal(visitReportable({ ...visit, status: 'made' }, false, '2026-11-20'), true);
  // Its day not fixed: once its week has begun.
  assert.equal(visitReportable({ ...visit, visitOn: null }, false, '2026-11-16'), true);
  assert.equal(visitReportable({ ...visit, visitOn: null }, false, '2026-11-15'), false);
});

test('ICV-03, ICV-07: a report begun from a visit on the rota is dated in that visit’s week', () => {
  assert.equal(visitDayRefusal('2027-01-04', '2027-01-04'), null);
  assert.equal(visitDayRefusal('2027-01-10', '2027-01-04'), null);
  for (const day of ['2027-01-03', '2027-01-11'])
    assert.deepEqual(visitDayRefusal(day, '2027-01-04'), {
      field: 'visitedOn-day',
      key: 'custody-visiting:reports.errors.notInVisitWeek',
      values: { from: { date: '2027-01-04' }, to: { date: '2027-01-10' } },
    });
});
