/**
 * What the monitoring pages show: money as pounds, a return's state as a tag, and the spending
 * chart's geometry (drawn on the server as SVG; the table beside it gives the same figures).
 */
import { formatPence } from '../../../platform/money/pence.js';
import type { ReturnState } from './rules.js';

export const pounds = (pence: number | null | undefined) => formatPence(pence ?? 0);

/** The GOV.UK tag colour of each return state. */
export const STATE_TAGS: Record<ReturnState, string> = {
  accepted: 'govuk-tag--green',
  sent: 'govuk-tag--blue',
  late: 'govuk-tag--red',
  open: 'govuk-tag--yellow',
  upcoming: 'govuk-tag--grey',
};

/** A share in tenths of a per cent, as '12.5%'. */
export const percent = (permille: number) => `${(permille / 10).toFixed(1)}%`;

const LABEL_WIDTH = 200;
const BAR_AREA = 360;
const ROW_HEIGHT = 24;

/**
 * CON-04: one bar a borough for its net money, on one scale, with a line at the equal share.
 * Only the geometry is worked out here: the template writes the markup.
 */
export function spendingBars(
  rows: readonly { label: string; netPence: number }[],
  equalSharePence: number,
) {
  const most = Math.max(1, equalSharePence, ...rows.map((r) => r.netPence));
  const scale = (n: number) => Math.round((Math.max(0, n) / most) * BAR_AREA);
  const height = rows.length * ROW_HEIGHT + 8;
  return {
    width: LABEL_WIDTH + BAR_AREA + 100,
    height,
    labelWidth: LABEL_WIDTH,
    barHeight: ROW_HEIGHT - 8,
    equalX: LABEL_WIDTH + scale(equalSharePence),
    bars: rows.map((r, i) => ({
      label: r.label,
      amount: pounds(r.netPence),
      y: 4 + i * ROW_HEIGHT,
      width: scale(r.netPence),
    })),
  };
}
