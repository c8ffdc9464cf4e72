/**
 * The link to a record's history of changes (the audit trail filtered to it), for the people
 * who may open the audit trail; nobody else is shown it.
 */
import { can } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { recordHistoryAddress } from './paths.js';

export function recordHistoryHref(
  principal: Principal,
  recordType: string,
  recordId: string,
): string | undefined {
  if (!can(principal, 'audit.view')) return undefined;
  return recordHistoryAddress(recordType, recordId);
}
