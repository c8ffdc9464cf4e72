import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  answeredOnTime,
  calendarQuarter,
  dayOfReceipt,
  dueState,
  extensionProblem,
  FOIA_EXEMPTIONS,
  onTimeByQuarter,
  parseExemptions,
  restartProblem,
  stopProblem,
  workingDaysLeft,
} from './rules.js';
import { readFoiSettings } from './settings.js';

/** A request received at that London wall-clock time (GMT in winter, BST in summer). */
const at = (iso: string) => new Date(iso);
const dueFor = (receivedAt: string) => dueState(dayOfReceipt(at(receivedAt)).date).due;

test('FOI-01: received on Maundy Thursday 2 April 2026: Good Friday, Easter Monday and the early May bank holiday (4 May) are not counted, due Tuesday 5 May', () => {
  assert.deepEqual(dayOfReceipt(at('2026-04-02T10:00:00+01:00')), {
    date: '2026-04-02',
    moved: null,
  });
  assert.equal(dueFor('2026-04-02T10:00:00+01:00'), '2026-05-05');
});

test("FOI-01: received on 23 December 2025: Christmas Day, Boxing Day, New Year's Day and Scotland's 2 January are not counted, due Monday 26 January 2026", () => {
  assert.equal(dueFor('2025-12-23T11:00:00Z'), '2026-01-26');
});

test("FOI-01: received at 17:30 on Wednesday 4 March 2026, after the office closes: counts as received Thursday 5 March; Northern Ireland's St Patrick's Day (17 March), Good Friday and Easter Monday not counted, due Tuesday 7 April", () => {
  assert.deepEqual(dayOfReceipt(at('2026-03-04T17:30:00Z')), {
    date: '2026-03-05',
    moved: 'after-hours',
  });
  assert.equal(dueFor('2026-03-04T17:30:00Z'), '2026-04-07');
  // A minute before closing it is that day's: one working day earlier.
  assert.equal(dueFor('2026-03-04T16:59:00Z'), '2026-04-02');
});

test('FOI-01: the office closes at 17:00 London time, so 17:30 BST (16:30 UTC) on Wednesday 15 July 2026 is after hours; the closing time is a setting', () => {
  assert.deepEqual(dayOfReceipt(at('2026-07-15T16:30:00Z')), {
    date: '2026-07-16',
    moved: 'after-hours',
  });
  // Closing at 18:00 instead, the same request is that day's.
  assert.deepEqual(dayOfReceipt(at('2026-07-15T16:30:00Z'), 18 * 60), {
    date: '2026-07-15',
    moved: null,
  });
});

test("FOI-01: received on Saturday 7 March 2026: received that day, the twenty working days following it start on Monday 9 March; St Patrick's Day, Good Friday and Easter Monday not counted, due Wednesday 8 April (moving receipt to the Monday would make it a day late)", () => {
  assert.deepEqual(dayOfReceipt(at('2026-03-07T10:00:00Z')), {
    date: '2026-03-07',
    moved: 'non-working-day',
  });
  assert.equal(dueFor('2026-03-07T10:00:00Z'), '2026-04-08');
  assert.equal(dueFor('2026-03-07T10:00:00Z'), dueFor('2026-03-06T10:00:00Z'), 'as for Friday');
});

test("FOI-01: received Friday 27 November 2026: Scotland's St Andrew's Day (Monday 30 November), Christmas Day (Friday) and the Boxing Day substitute (Monday 28 December) are not counted, due Wednesday 30 December", () => {
  assert.equal(dueFor('2026-11-27T10:00:00Z'), '2026-12-30');
});

test("FOI-01: received Friday 10 July 2026: Northern Ireland's Battle of the Boyne substitute (Monday 13 July) and Scotland's summer bank holiday (Monday 3 August) are not counted, due Tuesday 11 August", () => {
  assert.equal(dueFor('2026-07-10T10:00:00+01:00'), '2026-08-11');
});

test('FOI-01: a fees notice stops the clock (s.10(2)): the days used before it are kept, the days from the notice to the fee are disregarded', () => {
  // Received Monday 2 March 2026: due Tuesday 31 March with no stop.
  assert.equal(dueState('2026-03-02').due, '2026-03-31');
  // Fees notice Monday 9 March: four working days used (3, 4, 5, 6 March); due not known.
  const open = [{ reason: 'fee' as const, stoppedOn: '2026-03-09', restartedOn: null }];
  assert.deepEqual(dueState('2026-03-02', open), {
    due: null,
    used: 4,
    stopped: true,
    extended: false,
  });
  // Fee paid Monday 16 March: sixteen left from the 18th (St Patrick's Day and Easter not counted).
  assert.deepEqual(dueState('2026-03-02', [{ ...open[0]!, restartedOn: '2026-03-16' }]), {
    due: '2026-04-10',
    used: 4,
    stopped: false,
    extended: false,
  });
});

test('FOI-01: a request for clarification stops the clock (s.1(3)); when the clarification arrives the twenty working days start afresh', () => {
  const stop = { reason: 'clarification' as const, stoppedOn: '2026-03-09' };
  assert.equal(dueState('2026-03-02', [{ ...stop, restartedOn: null }]).due, null);
  // Clarified Monday 16 March: twenty working days following it, due Thursday 16 April.
  assert.deepEqual(dueState('2026-03-02', [{ ...stop, restartedOn: '2026-03-16' }]), {
    due: '2026-04-16',
    used: 0,
    stopped: false,
    extended: false,
  });
});

test('FOI-01: several fee stops each disregard their days, whichever order they are given in', () => {
  // Second notice Wednesday 18 March, paid Friday 20 March: no working day between the 16th and
  // the 18th but St Patrick's Day, so four used still.
  const stops = [
    { reason: 'fee' as const, stoppedOn: '2026-03-18', restartedOn: '2026-03-20' },
    { reason: 'fee' as const, stoppedOn: '2026-03-09', restartedOn: '2026-03-16' },
  ];
  const state = dueState('2026-03-02', stops);
  assert.equal(state.used, 4);
  // Sixteen after Friday 20 March: 23–27, 30, 31 March, 1, 2, 7, 8, 9, 10, 13, 14, 15 April.
  assert.equal(state.due, '2026-04-15');
});

test('FOI-01: a fees notice and payment on the day of receipt move nothing', () => {
  assert.equal(
    dueState('2026-03-02', [{ reason: 'fee', stoppedOn: '2026-03-02', restartedOn: '2026-03-02' }])
      .due,
    '2026-03-31',
  );
});

test('FOI-01: an extension for the public interest test sets the due date; it may not be earlier than the current one, nor more than twenty working days past the twentieth', () => {
  const before = dueState('2026-03-02');
  assert.equal(extensionProblem(before, '2026-03-30'), 'before-due');
  assert.equal(extensionProblem(before, '2026-03-31'), null);
  const extended = dueState(
    '2026-03-02',
    [],
    [{ newDate: '2026-04-28' }, { newDate: '2026-04-14' }],
  );
  assert.deepEqual(extended, { due: '2026-04-28', used: 0, stopped: false, extended: true });
  // At most twenty working days past the twentieth: 31 March + 20 is 30 April (Easter not counted).
  assert.equal(extensionProblem(before, '2026-04-30', before.due), null);
  assert.equal(extensionProblem(before, '2026-05-01', before.due), 'too-long');
  const stopped = dueState('2026-03-02', [
    { reason: 'fee', stoppedOn: '2026-03-09', restartedOn: null },
  ]);
  assert.equal(extensionProblem(stopped, '2026-05-01'), 'clock-stopped');
});

test('FOI-01: a clock cannot stop twice at once, before receipt, or restart before it stopped', () => {
  const open = [{ reason: 'fee' as const, stoppedOn: '2026-03-09', restartedOn: null }];
  assert.equal(stopProblem('2026-03-02', open, '2026-03-10'), 'already-stopped');
  assert.equal(stopProblem('2026-03-02', [], '2026-03-01'), 'before-receipt');
  assert.equal(
    stopProblem(
      '2026-03-02',
      [{ reason: 'fee', stoppedOn: '2026-03-09', restartedOn: '2026-03-16' }],
      '2026-03-12',
    ),
    'before-last-restart',
  );
  assert.equal(stopProblem('2026-03-02', [], '2026-03-02'), null);
  assert.equal(restartProblem(open[0], '2026-03-08'), 'before-stop');
  assert.equal(restartProblem(undefined, '2026-03-08'), 'not-stopped');
  assert.equal(restartProblem(open[0], '2026-03-09'), null);
});

test('FOI-01: answered on the due date is on time, the day after is late; working days left count down past zero', () => {
  assert.equal(answeredOnTime('2026-03-31', '2026-03-31'), true);
  assert.equal(answeredOnTime('2026-04-01', '2026-03-31'), false);
  assert.equal(workingDaysLeft('2026-03-27', '2026-03-31'), 2);
  assert.equal(workingDaysLeft('2026-03-31', '2026-03-31'), 0);
  // Two working days overdue on Tuesday 7 April (Good Friday and Easter Monday between).
  assert.equal(workingDaysLeft('2026-04-07', '2026-04-01'), -2);
});

test('FOI-01: the share on time is counted by the calendar quarter the answer was given in', () => {
  assert.equal(calendarQuarter('2026-03-31'), '2026-Q1');
  assert.equal(calendarQuarter('2026-04-01'), '2026-Q2');
  assert.deepEqual(
    onTimeByQuarter([
      { answeredOn: '2026-03-30', due: '2026-03-31' },
      { answeredOn: '2026-04-02', due: '2026-03-31' },
      { answeredOn: '2026-04-03', due: '2026-04-09' },
      { answeredOn: '2026-05-01', due: '2026-05-01' },
    ]),
    [
      { quarter: '2026-Q2', answered: 3, onTime: 2 },
      { quarter: '2026-Q1', answered: 1, onTime: 1 },
    ],
  );
});

test('FOI-01: the exemptions setting reads "s.40=Personal information" entries; the default is the Act\'s ss.21–44', () => {
  assert.deepEqual(parseExemptions('s.40=Personal information; s.22A = Research'), [
    { code: 's.40', name: 'Personal information' },
    { code: 's.22A', name: 'Research' },
  ]);
  assert.equal(parseExemptions('personal information'), null);
  assert.equal(parseExemptions(''), null);
  assert.equal(FOIA_EXEMPTIONS[0]?.code, 's.21');
  assert.equal(FOIA_EXEMPTIONS.at(-1)?.code, 's.44');
  assert.equal(FOIA_EXEMPTIONS.length, 24);
});

test('FOI-01: the office closing time and the exemptions are settings with shipped defaults; a bad one stops start-up', () => {
  assert.deepEqual(readFoiSettings({}), { officeCloses: 17 * 60, exemptions: FOIA_EXEMPTIONS });
  assert.equal(readFoiSettings({ FOI_OFFICE_CLOSES: '5:30pm' }).officeCloses, 17 * 60 + 30);
  assert.deepEqual(readFoiSettings({ FOI_EXEMPTIONS: 's.40=Personal information' }).exemptions, [
    { code: 's.40', name: 'Personal information' },
  ]);
  assert.throws(() => readFoiSettings({ FOI_OFFICE_CLOSES: 'teatime' }), /FOI_OFFICE_CLOSES/);
  assert.throws(() => readFoiSettings({ FOI_EXEMPTIONS: 'personal data' }), /FOI_EXEMPTIONS/);
});
