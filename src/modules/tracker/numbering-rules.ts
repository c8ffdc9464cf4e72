/**
 * TRK-01 (issue 23): numbering and order, as pure functions: a recommendation's or objective's
 * number and an item's own number as the source gives them, their natural order (2 before 10,
 * 2.3 before 2.10), where a new item goes and how one moves among its siblings.
 */

/**
 * Numbered as the source numbers them, gaps allowed (22 and 24 with no 20, 21 or 23): a whole
 * number, optionally with sub-numbers or a letter (4, 10a, 2.3).
 */
export function parseRecommendationNumber(value: string): string | null {
  const v = value.trim();
  return /^\d{1,4}(\.\d{1,4}){0,3}[a-z]?$/i.test(v) ? v : null;
}

/** Orders recommendation numbers as people read them: 2 before 10, 10 before 10a. */
export function compareRecommendationNumbers(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

/**
 * TRK-01: a key point's or an action's number, as the source numbers it (issue 23): "2.1",
 * "3.6", "a", "ii", "10a", "(b)", "iv)". Up to four parts of letters or digits joined by dots,
 * optionally in brackets; at most 20 characters. Empty is no number (allowed); anything else
 * (a sentence, a stray symbol) is refused: the caller names the field.
 */
export function parseItemNumber(value: string): { number: string | null } | null {
  const v = value.trim();
  if (v === '') return { number: null };
  if (v.length > 20) return null;
  return /^\(?[0-9a-z]{1,6}(\.[0-9a-z]{1,6}){0,3}\)?$/i.test(v) ? { number: v } : null;
}

/**
 * Issue 23: where a new item goes among its siblings (in their order): numbered, just before the
 * first numbered sibling that comes after it in natural order (2 before 10, 2.3 before 2.10), or
 * after the last numbered one; unnumbered, after all of them, in the order typed. The index to
 * insert it at.
 */
export function naturalPlace(
  siblings: readonly { number: string | null }[],
  number: string | null,
): number {
  if (number === null) return siblings.length;
  const after = siblings.findIndex(
    (s) => s.number !== null && compareRecommendationNumbers(s.number, number) > 0,
  );
  if (after >= 0) return after;
  let lastNumbered = -1;
  siblings.forEach((s, i) => {
    if (s.number !== null) lastNumbered = i;
  });
  return lastNumbered + 1;
}

/**
 * Issue 23: an item moved one place up or down among its siblings: their ids in the new order,
 * or null when it cannot move that way (already first or last, or not among them).
 */
export function moveAmong(
  ids: readonly string[],
  id: string,
  direction: 'up' | 'down',
): string[] | null {
  const at = ids.indexOf(id);
  const to = direction === 'up' ? at - 1 : at + 1;
  if (at < 0 || to < 0 || to >= ids.length) return null;
  const order = [...ids];
  order[at] = ids[to]!;
  order[to] = id;
  return order;
}
