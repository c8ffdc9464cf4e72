/** How stop-and-search figures are written on the page and in the chart beside its table. */

export { wholeNumber } from '../../platform/i18n/numbers.js';

/**
 * A rate per 1,000 people: one decimal place from 10, two below, and two significant figures
 * below 0.1, so that a small rate never reads as 0.
 */
export function perThousandText(n: number | null): string {
  if (n === null) return '';
  if (n === 0) return '0';
  if (n < 0.1) return n.toPrecision(2);
  return n.toLocaleString('en-GB', { maximumFractionDigits: n < 10 ? 2 : 1 });
}

/** A share as a percentage to one decimal place: 0.2 → "20.0%". */
export const percentText = (share: number | null) =>
  share === null ? '' : `${(share * 100).toFixed(1)}%`;

/** A ratio to two decimal places: 6 → "6.00". */
export const ratioText = (n: number) => n.toFixed(2);
