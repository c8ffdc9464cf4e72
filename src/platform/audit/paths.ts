/** The audit trail's addresses, each defined once (see http/route.ts). */
import { route } from '../http/route.js';

export const auditPaths = {
  trail: '/admin/audit',
  event: route('/admin/audit/:seq'),
};

/** The audit trail filtered to one record: its history of changes. */
export function recordHistoryAddress(recordType: string, recordId: string): string {
  const query = new URLSearchParams({ recordType, recordId });
  return `${auditPaths.trail}?${query.toString()}`;
}
