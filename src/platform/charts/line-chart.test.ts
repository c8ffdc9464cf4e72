import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineChart, niceCeiling } from './line-chart.js';

test('the scale tops out at a round number at or above the largest figure or target', () => {
  assert.equal(niceCeiling(87), 100);
  assert.equal(niceCeiling(2100), 2500);
  assert.equal(niceCeiling(0), 1);
});

test('the line breaks where a period has no figure; the target is a step across each period that has one', () => {
  const chart = lineChart(
    [
      { label: 'A', value: 10, shown: '10', target: 20 },
      { label: 'B', value: null, shown: '', target: 20 },
      { label: 'C', value: 20, shown: '20', target: null },
      { label: 'D', value: 15, shown: '15' },
    ],
    String,
  );
  assert.equal(chart.lines.length, 2, 'two runs either side of the gap');
  assert.equal(chart.lines[1]!.split(' ').length, 2);
  assert.equal(chart.points.length, 3);
  assert.equal(chart.targetSteps.length, 2);
  assert.equal(chart.targetSteps[0]!.x2, chart.targetSteps[1]!.x1, 'steps meet');
  // 20 is the top of the scale: its point is at the top of the plot, and 10 half way down.
  const [ten, twenty] = [chart.points[0]!, chart.points[1]!];
  assert.equal(twenty.y, chart.plot.top);
  assert.equal(ten.y, Math.round((chart.plot.top + chart.plot.bottom) / 2));
  assert.deepEqual(
    chart.ticks.map((t) => t.label),
    ['0', '5', '10', '15', '20'],
  );
});
