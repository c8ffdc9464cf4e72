/**
 * What the panel's pages show: the monitoring questions' choices, and the balance's lines with
 * small monitoring counts suppressed (DP-01) and shares as percentages.
 */
import type { Translate } from '../../../platform/i18n/messages.js';
import { MONITORING_DIMENSIONS, type MonitoringDimension } from '../monitoring.js';
import {
  formatDifference,
  formatShare,
  type BalanceLine,
  type PublishedBalanceLine,
} from '../panel-rules.js';

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

/** A borough's balance line as the page shows it: boroughs are not special-category data. */
export function boroughBalanceRow(line: BalanceLine, label: string) {
  return {
    label,
    members: String(line.members),
    memberShare: formatShare(line.memberShare),
    populationShare: formatShare(line.populationShare),
    difference: formatDifference(line.difference),
    underRepresented: line.underRepresented,
  };
}

/**
 * A monitoring group's balance line as the page shows it (DP-01, panel-rules:
 * publishableBalance): a hidden count shows "fewer than 10" or "not shown", and no share or
 * difference (which would give the count away).
 */
export function monitoringBalanceRow(line: PublishedBalanceLine, label: string) {
  return {
    label,
    members: line.shownMembers,
    memberShare: line.hidden ? '' : formatShare(line.memberShare),
    populationShare: formatShare(line.populationShare),
    difference: line.hidden ? '' : formatDifference(line.difference),
    underRepresented: line.underRepresented,
  };
}
