import assert from 'node:assert/strict';
import { test } from 'node:test';
import { percent, spendingBars } from './presenter.js';

test('CON-04: the spending chart draws each borough on one scale, with the equal share marked', () => {
  const chart = spendingBars(
    [
      { label: 'Camden', netPence: 400_00 },
      { label: 'Hackney', netPence: 100_00 },
      { label: 'Barnet', netPence: 0 },
    ],
    200_00,
  );
  assert.deepEqual(
    chart.bars.map((b) => [b.label, b.width, b.amount]),
    [
      ['Camden', 360, '£400.00'],
      ['Hackney', 90, '£100.00'],
      ['Barnet', 0, '£0.00'],
    ],
  );
  assert.equal(chart.equalX, chart.labelWidth + 180);
  assert.equal(chart.bars[2]!.y - chart.bars[1]!.y, chart.bars[1]!.y - chart.bars[0]!.y);
  assert.equal(spendingBars([], 0).bars.length, 0);
  assert.equal(percent(125), '12.5%');
});
