/**
 * IAG-11: the payment export "fits the finance system": which columns it has, in which order and
 * under which headings is a setting (EXPENSE_EXPORT_COLUMNS), chosen from these.
 */
export const EXPORT_COLUMN_KEYS = [
  'batch',
  'claim',
  'payee',
  'payee_id',
  'cost_centre',
  'budget_holder',
  'group',
  'submitted_on',
  'approved_on',
  'approved_by',
  'amount',
  'amount_pence',
] as const;
export type ExportColumnKey = (typeof EXPORT_COLUMN_KEYS)[number];

export interface ExportColumn {
  key: ExportColumnKey;
  heading: string;
}

export const DEFAULT_EXPORT_COLUMNS =
  'batch:Batch,claim:Claim,payee:Payee,payee_id:Payee ID,cost_centre:Cost centre,group:Group,submitted_on:Submitted,approved_on:Approved,amount:Amount';

export function isExportColumnKey(value: unknown): value is ExportColumnKey {
  return EXPORT_COLUMN_KEYS.includes(value as ExportColumnKey);
}
