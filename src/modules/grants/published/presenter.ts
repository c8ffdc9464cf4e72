/** What the page of grants awarded shows of each award, and its filters' choices. */
import { toLondonDate } from '../../../platform/calendar/index.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { formatPence } from '../../../platform/money/pence.js';
import { yearLabel } from '../funds/presenter.js';
import type { PublishedAward } from './rules.js';

type T = Translate;

/** Where an award's money goes: its borough, or the whole area. */
export const boroughText = (t: T, borough: string | null) =>
  borough ?? t('grants:published.areaWide');

/** An award as a row of the page: amounts in pounds, dates in words. */
export function awardRow(t: T, a: PublishedAward) {
  return {
    recipient: a.applicantName,
    kind: t(`grants:published.kinds.${a.applicantKind}`),
    title: a.projectTitle,
    fund: a.fundName,
    round: a.roundTitle,
    yearLabel: yearLabel(a.startYear),
    borough: boroughText(t, a.borough),
    awardDate: formatDate(t, toLondonDate(a.decidedAt)),
    projectDates:
      a.startsOn && a.endsOn
        ? t('grants:published.dates', {
            from: formatDate(t, a.startsOn),
            to: formatDate(t, a.endsOn),
          })
        : t('grants:published.noDates'),
    awarded: formatPence(a.awardedPence),
    // Shown only when underspend or clawback brought it down.
    net: a.netPence < a.awardedPence ? formatPence(a.netPence) : null,
  };
}

/** The filters' choices: any, or one fund, reporting year, borough (or area-wide). */
export function filterItems(
  t: T,
  options: {
    funds: readonly { id: string; name: string }[];
    years: readonly number[];
    boroughs: readonly { id: string; name: string }[];
  },
  chosen: { fund?: string | undefined; year?: string | undefined; borough?: string | undefined },
) {
  return {
    fundItems: [
      { value: '', text: t('grants:published.anyFund') },
      ...options.funds.map((f) => ({ value: f.id, text: f.name, selected: f.id === chosen.fund })),
    ],
    yearItems: [
      { value: '', text: t('grants:published.anyYear') },
      ...options.years.map((y) => ({
        value: String(y),
        text: yearLabel(y),
        selected: String(y) === chosen.year,
      })),
    ],
    boroughItems: [
      { value: '', text: t('grants:published.anyBorough') },
      { value: 'area', text: t('grants:published.areaWide'), selected: chosen.borough === 'area' },
      ...options.boroughs.map((b) => ({
        value: b.id,
        text: b.name,
        selected: b.id === chosen.borough,
      })),
    ],
  };
}
