/**
 * What the panel's pages show: the monitoring questions' choices, and the balance's lines with
 * small monitoring counts suppressed (DP-01) and shares as percentages.
 */
import type { Translate } from '../../../platform/i18n/messages.js';
import { publishableCount } from '../../../platform/privacy/rules.js';
import { MONITORING_DIMENSIONS, type MonitoringDimension } from '../monitoring.js';
import { formatDifference, formatShare, type BalanceLine } from '../panel-rules.js';

export const DIMENSION_NAMES = Object.keys(MONITORING_DIMENSIONS) as MonitoringDimension[];

/** A monitoring question's radios, with "Prefer not to say" first chosen by default. */
export function monitoringItems(t: Translate, values: Record<string, unknown>) {
  return DIMENSION_NAMES.map((d) => ({
    name: d,
    legend: t(`consultation:panel.monitoring.${d}`),
    items: [
      { value: 'unsaid', text: t('consultation:panel.monitoring.unsaid') },
      ...MONITORING_DIMENSIONS[d].map((v) => ({
        value: v,
        text: t(`consultation:panel.values.${d}.${v}`),
      })),
    ].map((item) => ({ ...item, checked: (values[d] || 'unsaid') === item.value })),
  }));
}

/**
 * A balance line as the page shows it. A monitoring group of fewer than 10 members shows
 * "fewer than 10" and no share or difference (which would give the count away); boroughs are
 * not special-category data and are shown in full.
 */
export function balanceRow(line: BalanceLine, label: string, suppress: boolean) {
  const hidden = suppress && line.members < 10;
  return {
    label,
    members: suppress ? publishableCount(line.members) : String(line.members),
    memberShare: hidden ? '' : formatShare(line.memberShare),
    populationShare: formatShare(line.populationShare),
    difference: hidden ? '' : formatDifference(line.difference),
    underRepresented: line.underRepresented,
  };
}
