/**
 * A line chart of figures over periods, with a target drawn as a dashed step, drawn on the server
 * as SVG so that it works without JavaScript; the page puts a table with the same figures beside
 * it for anyone who cannot see it. Only the geometry is worked out here, for any size:
 * `views/macros/line-chart.njk` writes the SVG markup and `platform/pdf/line-chart.ts` draws the
 * same geometry in a PDF, so the two never differ.
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
  /** The same runs as points, for a drawing that is not SVG. */
  runs: { x: number; y: number }[][];
  /** The target's steps: a dashed segment across each period that has one. */
  targetSteps: { x1: number; x2: number; y: number }[];
  /** The axis labels, thinned so that they do not run into each other. */
  axisLabels: { x: number; label: string }[];
}

/** A chart's size and the room left around its plot for the scale and the axis labels. */
export interface ChartSize {
  width: number;
  height: number;
  margin: { left: number; right: number; top: number; bottom: number };
  /** About how many axis labels fit across without touching. */
  axisLabels: number;
}

/** A page's chart, across its main column. */
export const PAGE_CHART: ChartSize = {
  width: 680,
  height: 280,
  margin: { left: 72, right: 16, top: 16, bottom: 40 },
  axisLabels: 8,
};

/** A small chart, several to a page (a dashboard's), read at the same text size. */
export const SMALL_CHART: ChartSize = {
  width: 420,
  height: 200,
  // Room on the right for half the latest period's name, centred under its point.
  margin: { left: 72, right: 40, top: 12, bottom: 36 },
  axisLabels: 4,
};

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
  size: ChartSize = PAGE_CHART,
): LineChart {
  const { width: WIDTH, height: HEIGHT, margin } = size;
  const PLOT = {
    left: margin.left,
    right: WIDTH - margin.right,
    top: margin.top,
    bottom: HEIGHT - margin.bottom,
  };
  const figures = points.flatMap((p) => [p.value, p.target ?? null]).filter((v) => v !== null);
  const top = niceCeiling(Math.max(0, ...figures));
  const span = PLOT.bottom - PLOT.top;
  const yOf = (v: number) => Math.round(PLOT.bottom - (Math.max(0, v) / top) * span);
  const step = points.length ? (PLOT.right - PLOT.left) / points.length : 0;
  const xOf = (i: number) => Math.round(PLOT.left + step * (i + 0.5));

  const runs: { x: number; y: number }[][] = [];
  let run: { x: number; y: number }[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push({ x: xOf(i), y: yOf(p.value) });
  });
  if (run.length) runs.push(run);

  const every = Math.max(1, Math.ceil(points.length / size.axisLabels));
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    ticks: [0, 0.25, 0.5, 0.75, 1].map((f) => ({ y: yOf(top * f), label: format(top * f) })),
    points: points.flatMap((p, i) =>
      p.value === null ? [] : [{ x: xOf(i), y: yOf(p.value), label: p.label, shown: p.shown }],
    ),
    lines: runs.map((r) => r.map((p) => `${p.x},${p.y}`).join(' ')),
    runs,
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
