/**
 * A line chart of figures over periods, with a target drawn as a dashed step, drawn on the server
 * as SVG so that it works without JavaScript; the page puts a table with the same figures beside
 * it for anyone who cannot see it. Only the geometry is worked out here:
 * `views/macros/line-chart.njk` writes the markup.
 */
export interface LinePoint {
  /** The period as the axis names it ("Apr 2026", "Q1 2026-27"). */
  label: string;
  /** Null where there is no figure (the line breaks there). */
  value: number | null;
  /** The value as the page writes it. */
  shown: string;
  /** The target for the period, if there is one. */
  target?: number | null;
}

export interface LineChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** Horizontal grid lines with their values written (`format`). */
  ticks: { y: number; label: string }[];
  points: { x: number; y: number; label: string; shown: string }[];
  /** The line through the figures: one polyline's points per run without a gap. */
  lines: string[];
  /** The target's steps: a dashed segment across each period that has one. */
  targetSteps: { x1: number; x2: number; y: number }[];
  /** The axis labels, thinned so that they do not run into each other. */
  axisLabels: { x: number; label: string }[];
}

const WIDTH = 680;
const HEIGHT = 280;
const PLOT = { left: 72, right: WIDTH - 16, top: 16, bottom: HEIGHT - 40 };
/** About how many axis labels fit across without touching. */
const AXIS_LABELS = 8;

/** A round number at or above `n` for the top of the scale (1, 2, 2.5 or 5 times a power of 10). */
export function niceCeiling(n: number): number {
  if (n <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= n)!;
  return step * power;
}

export function lineChart(
  points: readonly LinePoint[],
  format: (value: number) => string,
): LineChart {
  const figures = points.flatMap((p) => [p.value, p.target ?? null]).filter((v) => v !== null);
  const top = niceCeiling(Math.max(0, ...figures));
  const span = PLOT.bottom - PLOT.top;
  const yOf = (v: number) => Math.round(PLOT.bottom - (Math.max(0, v) / top) * span);
  const step = points.length ? (PLOT.right - PLOT.left) / points.length : 0;
  const xOf = (i: number) => Math.round(PLOT.left + step * (i + 0.5));

  const lines: string[] = [];
  let run: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (run.length) lines.push(run.join(' '));
      run = [];
    } else run.push(`${xOf(i)},${yOf(p.value)}`);
  });
  if (run.length) lines.push(run.join(' '));

  const every = Math.max(1, Math.ceil(points.length / AXIS_LABELS));
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    ticks: [0, 0.25, 0.5, 0.75, 1].map((f) => ({ y: yOf(top * f), label: format(top * f) })),
    points: points.flatMap((p, i) =>
      p.value === null ? [] : [{ x: xOf(i), y: yOf(p.value), label: p.label, shown: p.shown }],
    ),
    lines,
    targetSteps: points.flatMap((p, i) =>
      p.target == null
        ? []
        : [
            {
              x1: Math.round(PLOT.left + step * i),
              x2: Math.round(PLOT.left + step * (i + 1)),
              y: yOf(p.target),
            },
          ],
    ),
    axisLabels: points
      .map((p, i) => ({ x: xOf(i), label: p.label }))
      .filter((_, i) => (points.length - 1 - i) % every === 0),
  };
}
