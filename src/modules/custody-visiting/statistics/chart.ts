/**
 * A bar chart of visits made against target, drawn on the server as SVG (works without
 * JavaScript); the page's table beside it gives the same figures to anyone who cannot see it.
 * Only the geometry is worked out here: the template writes the markup.
 */
export interface ChartRow {
  label: string;
  made: number;
  target: number;
}

export interface Bar extends ChartRow {
  /** Top of the row, in the chart's units. */
  y: number;
  madeWidth: number;
  /** Where the target's mark is drawn across the bar. */
  targetX: number;
}

const LABEL_WIDTH = 180;
const BAR_AREA = 380;
const ROW_HEIGHT = 28;

export function targetBars(rows: readonly ChartRow[]) {
  const most = Math.max(1, ...rows.map((r) => Math.max(r.made, r.target)));
  const scale = (n: number) => Math.round((n / most) * BAR_AREA);
  return {
    width: LABEL_WIDTH + BAR_AREA + 60,
    height: rows.length * ROW_HEIGHT + 8,
    labelWidth: LABEL_WIDTH,
    barHeight: ROW_HEIGHT - 10,
    bars: rows.map((r, i): Bar => ({
      ...r,
      y: 4 + i * ROW_HEIGHT,
      madeWidth: scale(r.made),
      targetX: LABEL_WIDTH + scale(r.target),
    })),
  };
}

/** A row of two figures side by side: an area's issues raised, and those resolved. */
export interface PairRow {
  label: string;
  first: number;
  second: number;
}

const PAIR_BAR = 12;
const PAIR_ROW = 2 * PAIR_BAR + 14;

/** ICV-10: two bars a row (issues raised, and resolved), on one scale. */
export function pairBars(rows: readonly PairRow[]) {
  const most = Math.max(1, ...rows.map((r) => Math.max(r.first, r.second)));
  const scale = (n: number) => Math.round((n / most) * BAR_AREA);
  return {
    width: LABEL_WIDTH + BAR_AREA + 60,
    height: rows.length * PAIR_ROW + 8,
    labelWidth: LABEL_WIDTH,
    barHeight: PAIR_BAR,
    bars: rows.map((r, i) => ({
      ...r,
      y: 4 + i * PAIR_ROW,
      firstWidth: scale(r.first),
      secondWidth: scale(r.second),
    })),
  };
}
