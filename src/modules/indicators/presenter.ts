/**
 * What the indicators' pages show: a value in its unit's words, a period's name, a RAG status's
 * tag; and DP-01's small counts of people hidden on public pages.
 */
import type { LinePoint } from '../../platform/charts/line-chart.js';
import type { Translate } from '../../platform/i18n/messages.js';
import { say } from '../../platform/i18n/said.js';
import { publishableCount } from '../../platform/privacy/rules.js';
import type { SeriesPoint } from './figures.js';
import {
  countsPeople,
  periodLabel,
  publicRag,
  type Frequency,
  type RagStatus,
  type ShownRag,
  type Unit,
} from './rules.js';

const GROUPED = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** Hundredths as a number written with its thousands marked: exact, from the integer. */
function decimal(hundredths: number, places: 'always' | 'needed'): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(Math.round(hundredths));
  const whole = GROUPED.format(Math.trunc(abs / 100));
  const part = String(abs % 100).padStart(2, '0');
  if (places === 'always') return `${sign}${whole}.${part}`;
  const trimmed = part.replace(/0+$/, '');
  return trimmed ? `${sign}${whole}.${trimmed}` : `${sign}${whole}`;
}

/** A value (hundredths) in its unit's words: "1,204", "12.5%", "3.25 per 1,000", "£10.00". */
export function valueText(t: Translate, hundredths: number, unit: Unit): string {
  return t(`indicators:formats.${unit}`, {
    n: decimal(hundredths, unit === 'pounds' ? 'always' : 'needed'),
  });
}

/**
 * DP-01: a value as a public page may show it: a count of people below 10 is "fewer than 10"
 * (null: it is not drawn on the chart either).
 */
export function publicValue(
  t: Translate,
  hundredths: number,
  unit: Unit,
): { text: string; drawn: number | null } {
  if (countsPeople(unit) && hundredths < 1000)
    return { text: publishableCount(Math.round(hundredths / 100)), drawn: null };
  return { text: valueText(t, hundredths, unit), drawn: hundredths };
}

export const periodText = (t: Translate, period: string, frequency: Frequency) =>
  say(t, periodLabel(period, frequency));

const RAG_CLASSES: Record<ShownRag, string> = {
  green: 'govuk-tag--green',
  amber: 'govuk-tag--yellow',
  red: 'govuk-tag--red',
  none: 'govuk-tag--grey',
  withheld: 'govuk-tag--grey',
};

/** A RAG status as a tag's text and colour. */
export function ragTag(t: Translate, rag: ShownRag) {
  return { text: t(`indicators:rag.${rag}`), classes: RAG_CLASSES[rag] };
}

/**
 * CON-01, CDRP-10: how many indicators stand at each status, as every dashboard lists them (a
 * withheld status only where there is one).
 */
export function ragCountRows(t: Translate, counts: readonly { rag: ShownRag; count: number }[]) {
  return counts
    .filter((c) => c.rag !== 'withheld' || c.count > 0)
    .map((c) => ({
      key: { text: t(`indicators:rag.${c.rag}`) },
      value: { text: String(c.count) },
    }));
}

/**
 * DP-01: a status as a public page may show it. Beside a count of people shown as "fewer than
 * 10", a status would say which side of its target the hidden count falls: it is withheld too.
 */
export function publicRagTag(t: Translate, hundredths: number | null, unit: Unit, rag: RagStatus) {
  return ragTag(t, publicRag(hundredths, unit, rag));
}

/**
 * An indicator's series as the chart draws it and the table lists it, each value shown as the
 * audience may read it (`shown`: the staff's `valueText`, or the public's `publicValue`).
 */
export function seriesRows(
  t: Translate,
  series: readonly SeriesPoint[],
  indicator: { unit: Unit; frequency: Frequency },
  audience: 'staff' | 'public',
) {
  const shownOf = (v: number) =>
    audience === 'public'
      ? publicValue(t, v, indicator.unit)
      : { text: valueText(t, v, indicator.unit), drawn: v };
  const rows = series.map((p) => {
    const shown = p.value === null ? null : shownOf(p.value);
    return {
      ...p,
      periodText: periodText(t, p.period, indicator.frequency),
      valueText: shown ? shown.text : t('indicators:series.noValue'),
      drawn: shown ? shown.drawn : null,
      targetText:
        p.target === null
          ? t('indicators:series.noTarget')
          : valueText(t, p.target, indicator.unit),
      rag:
        audience === 'public' ? publicRagTag(t, p.value, indicator.unit, p.rag) : ragTag(t, p.rag),
      sourceText: p.source ? t(`indicators:sources.${p.source}`) : '',
    };
  });
  const points: LinePoint[] = rows.map((r) => ({
    label: r.periodText,
    value: r.drawn,
    shown: r.valueText,
    target: r.target,
  }));
  return { rows, points, format: (v: number) => valueText(t, v, indicator.unit) };
}
