/**
 * DP-01: special-category data is published only as counts, with small numbers suppressed so
 * that nobody can be picked out.
 */
export const SMALL_COUNT_THRESHOLD = 10;

/** A count as it may be published: below the threshold, "fewer than 10". */
export function publishableCount(n: number, threshold = SMALL_COUNT_THRESHOLD): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`A count must be a whole number: ${n}`);
  return n < threshold ? `fewer than ${threshold}` : String(n);
}
