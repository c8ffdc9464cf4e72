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

test('the same geometry fits any size: a small chart and a PDF chart stay inside their plot, and the runs are the polylines as points', () => {
  const points = Array.from({ length: 24 }, (_, i) => ({
    label: `M${i}`,
    value: i === 5 ? null : i * 10,
    shown: String(i * 10),
    target: 150,
  }));
  const size = {
    width: 300,
    height: 120,
    margin: { left: 40, right: 5, top: 5, bottom: 20 },
    axisLabels: 3,
  };
  const chart = lineChart(points, String, size);
  assert.deepEqual(chart.plot, { left: 40, right: 295, top: 5, bottom: 100 });
  for (const p of chart.points) {
    assert.ok(p.x > 40 && p.x < 295 && p.y >= 5 && p.y <= 100);
  }
  assert.equal(chart.axisLabels.length, 3, 'thinned to what fits');
  assert.equal(chart.axisLabels.at(-1)!.label, 'M23', 'the latest period is always named');
  assert.deepEqual(
    chart.lines,
    chart.runs.map((run) => run.map((p) => `${p.x},${p.y}`).join(' ')),
  );
  assert.equal(chart.runs.length, 2);
  assert.deepEqual(lineChart(points, String).plot, { left: 72, right: 664, top: 16, bottom: 240 });
});
