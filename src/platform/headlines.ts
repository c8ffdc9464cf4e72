/**
 * The transparency site's home (issue 27 part 5) shows each module's public work at a glance:
 * a module offers its headline through `BridgeModule.publicHeadline`; the platform lays them out.
 */
import type { Translate } from './i18n/messages.js';
import { wholeNumber } from './i18n/numbers.js';

/** One headline figure: a number as shown ("1,204", "38%", "£12,500") and the words after it. */
export interface PublicFigure {
  value: string;
  label: string;
}

/**
 * A module's public work at a glance: a heading linking to its public pages, a sentence on what
 * they hold, and a few headline figures as those pages show them (DP-01: counts of records and
 * units; a count its pages suppress is suppressed here too).
 */
export interface PublicHeadline {
  /** Where it stands among every module's: lower first (as navigation and tasks are ordered). */
  order: number;
  title: string;
  href: string;
  summary: string;
  figures: readonly PublicFigure[];
}

export { wholeNumber };

/**
 * A count and its words, the words chosen by the count (`<key>_one`, `<key>_other`), with any
 * other values they name.
 */
export function countFigure(
  t: Translate,
  key: string,
  n: number,
  values: Record<string, string | number> = {},
): PublicFigure {
  return { value: wholeNumber(n), label: t(key, { ...values, count: n }) };
}
