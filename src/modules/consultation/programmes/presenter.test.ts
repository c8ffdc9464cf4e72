import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMessages } from '../../../platform/i18n/messages.js';
import { lateWords, monthsWords, stageRow, timeline } from './presenter.js';

const t = loadMessages(path.resolve('src')).translator('en');

const stage = {
  id: 's1',
  position: 3,
  name: 'Fieldwork',
  ownerName: 'Olu Officer',
  note: null,
  plannedStart: '2026-06-01',
  plannedEnd: '2026-06-30',
  actualStart: '2026-06-01',
  actualEnd: '2026-08-20',
  fieldwork: true,
};

test('CON-02: how late a stage is, in weeks and days', () => {
  assert.equal(lateWords(t, 1), '1 day');
  assert.equal(lateWords(t, 6), '6 days');
  assert.equal(lateWords(t, 7), '1 week');
  assert.equal(lateWords(t, 51), '7 weeks and 2 days');
});

test('CON-02: the summer-peak months named in words', () => {
  assert.equal(monthsWords(t, [8]), 'August');
  assert.equal(monthsWords(t, [7, 8]), 'July and August');
  assert.equal(monthsWords(t, [6, 7, 8]), 'June, July and August');
});

test('CON-02: a fieldwork stage that ran into August reads as slipped and in the summer peak', () => {
  const row = stageRow(t, stage, '2026-12-01', [7, 8]);
  assert.equal(row.planned, '1 June 2026 to 30 June 2026');
  assert.equal(row.actual, '1 June 2026 to 20 August 2026');
  assert.equal(row.status, 'Slipped by 7 weeks and 2 days');
  assert.equal(row.summerPeak, 'In the summer peak (July and August)');
  const onTime = stageRow(
    t,
    { ...stage, actualEnd: null, actualStart: null },
    '2026-05-01',
    [7, 8],
  );
  assert.equal(onTime.status, 'On time');
  assert.equal(onTime.actual, 'Not started');
  assert.equal(onTime.summerPeak, null);
});

test('CON-02: the timeline has a month a column from the first date to the last, the peak shaded; today marked only within them', () => {
  const rows = [stageRow(t, stage, '2026-12-01', [7, 8])];
  const chart = timeline(t, rows, '2026-12-01', [7, 8])!;
  assert.deepEqual(
    chart.months.map((m) => [m.label, m.peak]),
    [
      ['Jun 2026', false],
      ['Jul', true],
      ['Aug', true],
    ],
  );
  const bar = chart.bars[0]!;
  assert.ok(bar.actual && bar.actual.width > bar.plannedWidth);
  assert.equal(bar.slipped, true);
  assert.equal(chart.today, null);
  assert.equal(timeline(t, [], '2026-12-01', [7, 8]), null);
});
