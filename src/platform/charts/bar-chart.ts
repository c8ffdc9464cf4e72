/**
 * A horizontal bar chart, drawn on the server as SVG so that it works without JavaScript; the
 * page puts a table with the same figures beside it for anyone who cannot see it. Only the
 * geometry is worked out here: `views/macros/bar-chart.njk` writes the markup.
 */
export interface BarRow {
  label: string;
  value: number;
  /** The value as the page writes it ("1,204", "3.1 per 1,000"). */
  shown: string;
  /** Drawn in the warning colour (a figure flagged, such as one above its threshold). */
  flagged?: boolean;
}

export interface BarChart {
  width: number;
  height: number;
  labelWidth: number;
  barHeight: number;
  bars: (BarRow & { y: number; barWidth: number; textX: number })[];
  /** Where a reference line (a target, a threshold, an equal share) is drawn, if one is. */
  referenceX: number | null;
}

const LABEL_WIDTH = 230;
const BAR_AREA = 360;
const ROW_HEIGHT = 26;
const VALUE_ROOM = 110;

/** Labels longer than this are cut with an ellipsis in the chart (the table gives them whole). */
const LABEL_CHARACTERS = 34;

export function barChart(rows: readonly BarRow[], reference?: number | null): BarChart {
  const most = Math.max(1e-9, reference ?? 0, ...rows.map((r) => r.value));
  const scale = (n: number) => Math.round((Math.max(0, n) / most) * BAR_AREA);
  return {
    width: LABEL_WIDTH + BAR_AREA + VALUE_ROOM,
    height: rows.length * ROW_HEIGHT + 8,
    labelWidth: LABEL_WIDTH,
    barHeight: ROW_HEIGHT - 8,
    bars: rows.map((r, i) => ({
      ...r,
      label:
        r.label.length > LABEL_CHARACTERS ? `${r.label.slice(0, LABEL_CHARACTERS - 1)}…` : r.label,
      y: 4 + i * ROW_HEIGHT,
      barWidth: scale(r.value),
      textX: LABEL_WIDTH + scale(r.value) + 6,
    })),
    referenceX: reference == null ? null : LABEL_WIDTH + scale(reference),
  };
}
