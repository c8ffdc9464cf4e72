/**
 * DP-01: special-category data is published only as counts, with small numbers suppressed so
 * that nobody can be picked out; and a count so suppressed must not be recoverable by
 * subtraction from a total or from the other counts beside it (secondary suppression).
 */
export const SMALL_COUNT_THRESHOLD = 10;

/** A count as it may be published: below the threshold, "fewer than 10". */
export function publishableCount(n: number, threshold = SMALL_COUNT_THRESHOLD): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`A count must be a whole number: ${n}`);
  return n < threshold ? `fewer than ${threshold}` : String(n);
}

/** What a count hidden only so that a smaller one cannot be worked out is shown as. */
export const WITHHELD = 'not shown';

/**
 * A cell of a table to publish. `show: 'always'` is a figure published anyway (an overall count,
 * shown elsewhere); `show: 'never'` one a reader never sees but which takes part in a sum (those
 * who skipped a question).
 */
export interface CountCell {
  count: number;
  show?: 'always' | 'never';
}

/** A sum a reader knows holds: the parts' cells add up to the whole's. */
export interface CountLine {
  parts: readonly number[];
  whole: number;
}

/**
 * How a cell is published: shown; `small` ("fewer than 10"); `withheld` (10 or more, hidden so
 * that a small one cannot be worked out); or `unseen`. `atMost` is the most the cell could be,
 * as far as a reader can work out from what is shown (Infinity when unbounded).
 */
export interface PublishedCell {
  shown: 'shown' | 'small' | 'withheld' | 'unseen';
  atMost: number;
}

/** The bounds a reader can put on each cell from what is shown and the sums they know. */
function readerBounds(
  counts: readonly number[],
  shown: readonly PublishedCell['shown'][],
  lines: readonly CountLine[],
  threshold: number,
) {
  const lo = shown.map((s, i) => (s === 'shown' ? counts[i]! : s === 'withheld' ? threshold : 0));
  const hi = shown.map((s, i) =>
    s === 'shown' ? counts[i]! : s === 'small' ? threshold - 1 : Infinity,
  );
  const sum = (xs: readonly number[], of: readonly number[]) => xs.reduce((s, i) => s + of[i]!, 0);
  // Narrow each line's bounds from the others until nothing changes (the same cell may sit in a
  // row and a column, so what one line pins, another uses).
  for (let pass = 0, changed = true; changed && pass < 1000; pass++) {
    changed = false;
    const narrow = (i: number, low: number, high: number) => {
      if (low > lo[i]!) [lo[i], changed] = [low, true];
      if (high < hi[i]!) [hi[i], changed] = [high, true];
    };
    for (const { parts, whole } of lines) {
      narrow(whole, sum(parts, lo), sum(parts, hi));
      const partsLo = sum(parts, lo);
      const partsHi = sum(parts, hi);
      for (const p of parts)
        narrow(p, lo[whole]! - (partsHi - hi[p]!), hi[whole]! - (partsLo - lo[p]!));
    }
  }
  return { lo, hi };
}

/**
 * DP-01: which cells of a table are published, and how. Every count below the threshold is
 * "fewer than 10"; then, while a reader could work out a non-zero small count exactly (from a
 * shown total less the shown cells beside it, across rows and columns alike), the smallest
 * shown count in a sum holding it is withheld too. A small count a reader can pin to none tells
 * of nobody, so it is left.
 */
export function suppressCells(
  cells: readonly CountCell[],
  lines: readonly CountLine[],
  threshold = SMALL_COUNT_THRESHOLD,
): PublishedCell[] {
  const counts = cells.map((c) => c.count);
  for (const n of counts)
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`A count must be a whole number: ${n}`);
  const shown: PublishedCell['shown'][] = cells.map((c) =>
    c.show === 'never' ? 'unseen' : c.show !== 'always' && c.count < threshold ? 'small' : 'shown',
  );
  const mayHide = (i: number) => shown[i] === 'shown' && cells[i]!.show !== 'always';
  for (;;) {
    const { hi, lo } = readerBounds(counts, shown, lines, threshold);
    const exposed = shown.findIndex((s, i) => s === 'small' && counts[i]! > 0 && lo[i] === hi[i]);
    if (exposed < 0) return shown.map((s, i) => ({ shown: s, atMost: hi[i]! }));
    // Hide next to the exposed count, or next to a count hidden already but pinned all the same
    // (a withheld total equal to the one part shown beside it) which gives it away.
    const pinned = (i: number) => shown[i] !== 'shown' && lo[i] === hi[i] && counts[i]! > 0;
    const beside = lines
      .filter((l) => [l.whole, ...l.parts].some(pinned))
      .flatMap((l) => [l.whole, ...l.parts])
      .filter(mayHide);
    // Nothing beside it left to hide (rare: its sums are of figures shown elsewhere): hide the
    // smallest anywhere; with nothing at all left, the figures shown elsewhere give it away.
    const candidates = beside.length ? beside : counts.map((_, i) => i).filter(mayHide);
    if (!candidates.length) return shown.map((s, i) => ({ shown: s, atMost: hi[i]! }));
    const next = candidates.reduce((a, b) => (counts[b]! < counts[a]! ? b : a));
    shown[next] = 'withheld';
  }
}

/** A cell as published: its count, "fewer than 10", or "not shown". */
export function publishedCount(
  count: number,
  cell: PublishedCell,
  threshold = SMALL_COUNT_THRESHOLD,
): string {
  if (cell.shown === 'small') return publishableCount(count, threshold);
  if (cell.shown === 'withheld' || cell.shown === 'unseen') return WITHHELD;
  return String(count);
}
