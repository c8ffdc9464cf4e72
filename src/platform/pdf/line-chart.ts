/**
 * A line chart drawn in a PDF as vector graphics, from the same geometry as the page's SVG chart
 * (`platform/charts/line-chart.ts`): the scale, the ticks, the line's runs and the target's
 * steps are worked out once, for the PDF's size. Tagged as a Figure with its words, and the
 * document puts the same figures in a table after it.
 */
import { lineChart, type ChartSize, type LinePoint } from '../charts/line-chart.js';
import { WIDTH, type Block } from './layout.js';
import type { Doc } from './text.js';

/** Across the page's text column, in points. */
export const PDF_CHART: ChartSize = {
  width: Math.floor(WIDTH),
  height: 180,
  // Room on the right for half the latest period's name, centred under its point.
  margin: { left: 64, right: 32, top: 8, bottom: 24 },
  axisLabels: 6,
};

const INK = '#0b0c0c';
const GRID = '#b1b4b6';
const LINE = '#1d70b8';
const LABEL_SIZE = 7.5;

/** The chart of the points as a block of the document, with `alt` for a screen reader. */
export function lineChartBlock(
  points: readonly LinePoint[],
  format: (value: number) => string,
  alt: string,
): Block {
  const chart = lineChart(points, format, PDF_CHART);
  const { plot } = chart;
  return {
    kind: 'figure',
    alt,
    height: chart.height,
    before: 4,
    after: 10,
    draw(doc: Doc, x: number, y: number) {
      doc.save();
      doc.translate(x, y);
      doc.font('Helvetica').fontSize(LABEL_SIZE).fillColor(INK);
      for (const tick of chart.ticks) {
        doc.moveTo(plot.left, tick.y).lineTo(plot.right, tick.y).lineWidth(0.5).stroke(GRID);
        doc.fillColor(INK).text(tick.label, 0, tick.y - LABEL_SIZE / 2, {
          width: plot.left - 6,
          align: 'right',
          lineBreak: false,
        });
      }
      const room = (plot.right - plot.left) / PDF_CHART.axisLabels;
      for (const a of chart.axisLabels)
        doc.fillColor(INK).text(a.label, a.x - room / 2, plot.bottom + 6, {
          width: room,
          align: 'center',
          lineBreak: false,
        });
      for (const s of chart.targetSteps)
        doc
          .moveTo(s.x1, s.y)
          .lineTo(s.x2, s.y)
          .lineWidth(1.2)
          .dash(4, { space: 3 })
          .stroke(INK)
          .undash();
      for (const run of chart.runs) {
        const [first, ...rest] = run;
        doc.moveTo(first!.x, first!.y);
        for (const p of rest) doc.lineTo(p.x, p.y);
        doc.lineWidth(2).lineJoin('round').stroke(LINE);
      }
      for (const p of chart.points) doc.circle(p.x, p.y, 2.2).fill(LINE);
      doc.restore();
    },
  };
}
