/** Expenses: settings checked at start-up with the platform's (config.ts). */
import { ConfigError, int, type Env } from '../../platform/settings.js';
import {
  DEFAULT_EXPORT_COLUMNS,
  EXPORT_COLUMN_KEYS,
  isExportColumnKey,
  type ExportColumn,
} from './payments/export-columns.js';

export interface ExpensesSettings {
  /** IAG-14: what mileage in an advisor's own vehicle is reimbursed at, in pence a mile. */
  mileagePencePerMile: number;
  /** The most food and drink reimbursed for one day, in pence. */
  subsistencePencePerDay: number;
  /** An approval of more than this (pence) needs a second approver. */
  secondApprovalAbovePence: number;
  /** IAG-11: the payment export's columns, in order, each `key` or `key:Heading`. */
  exportColumns: ExportColumn[];
}

declare module '../../platform/settings.js' {
  interface ModuleSettings {
    expenses: ExpensesSettings;
  }
}

/** The payment export's layout: known column keys, each with the heading the finance system wants. */
function exportColumns(env: Env, name: string): ExportColumn[] {
  const raw = env[name] || DEFAULT_EXPORT_COLUMNS;
  return raw.split(',').map((part) => {
    const [key, ...heading] = part.trim().split(':');
    if (!isExportColumnKey(key))
      throw new ConfigError(
        `${name}: "${key}" is not a column; use ${EXPORT_COLUMN_KEYS.join(', ')}`,
      );
    return { key, heading: heading.join(':').trim() || key };
  });
}

export function readExpensesSettings(env: Env): ExpensesSettings {
  return {
    mileagePencePerMile: int(env, 'EXPENSE_MILEAGE_PENCE_PER_MILE', 45, 1, 1000),
    subsistencePencePerDay: int(env, 'EXPENSE_SUBSISTENCE_PENCE_PER_DAY', 1500, 0, 100_000),
    secondApprovalAbovePence: int(
      env,
      'EXPENSE_SECOND_APPROVAL_ABOVE_PENCE',
      10_000,
      0,
      100_000_000,
    ),
    exportColumns: exportColumns(env, 'EXPENSE_EXPORT_COLUMNS'),
  };
}
