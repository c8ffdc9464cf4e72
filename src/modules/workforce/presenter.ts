/**
 * What the workforce pages show: each line's name, and a published share in words (DP-01: a
 * share withheld says so).
 */
import type { Translate } from '../../platform/i18n/messages.js';
import {
  ETHNIC_GROUPS,
  percentText,
  shares,
  tally,
  type FigureColumn,
  type LineKey,
  type PublishedLine,
  type WorkforceCount,
} from './rules.js';

/** A line's name: its rank band, its workforce's ("All police officers"), or everyone's. */
export function lineName(t: Translate, key: LineKey): string {
  if (key.kind === 'band') return t(`workforce:bands.${key.band}`);
  if (key.kind === 'workforce') return t(`workforce:totals.${key.workforce}`);
  return t('workforce:totals.all');
}

/** A share as published: "13.4%", or "not shown" where it would give a small count away. */
export const shareText = (t: Translate, share: number | null) =>
  share === null ? t('workforce:figures.notShown') : percentText(share);

/** A count as published, its thousands marked: "1,204", "fewer than 10", "not shown". */
export const countText = (shown: string) =>
  /^\d+$/.test(shown) ? Number(shown).toLocaleString('en-GB') : shown;

/** A line's cells as its tables show them. */
export function lineRow(t: Translate, line: PublishedLine) {
  return {
    name: lineName(t, line.key),
    isTotal: line.key.kind !== 'band',
    headcount: countText(line.shown.headcount),
    female: countText(line.shown.female),
    male: countText(line.shown.male),
    groups: ETHNIC_GROUPS.map((g) => countText(line.shown[g])),
    minority: countText(line.shown.minority),
    femaleShare: shareText(t, line.femaleShare),
    minorityShare: shareText(t, line.minorityShare),
  };
}

/** A line of a snapshot as staff read it: every count as it is (not published). */
export function keptRow(t: Translate, key: LineKey, counts: readonly WorkforceCount[]) {
  const tallied = tally(
    counts.filter(
      (c) =>
        key.kind === 'all' ||
        (c.workforce === key.workforce && (key.kind !== 'band' || c.rankBand === key.band)),
    ),
  );
  const s = shares(tallied);
  const n = (c: FigureColumn) => tallied[c].toLocaleString('en-GB');
  return {
    name: lineName(t, key),
    isTotal: key.kind !== 'band',
    headcount: n('headcount'),
    female: n('female'),
    male: n('male'),
    groups: ETHNIC_GROUPS.map(n),
    minority: n('minority'),
    femaleShare: s.female === null ? '' : percentText(s.female),
    minorityShare: s.minority === null ? '' : percentText(s.minority),
  };
}
