/** The rules of police attendance: pure functions, named by rule id. */
import type { GroupType } from '../rules.js';
import type { Said } from '../../../platform/i18n/said.js';

export const POLICE_RANKS = [
  'Police Constable',
  'Sergeant',
  'Inspector',
  'Chief Inspector',
  'Superintendent',
  'Chief Superintendent',
  'Commander',
  'Deputy Assistant Commissioner',
  'Assistant Commissioner',
  'Police staff below Band C',
  'Police staff Band C',
  'Police staff Band B',
  'Police staff Band A',
  'Police staff senior manager',
] as const;
export type PoliceRank = (typeof POLICE_RANKS)[number];

/**
 * IAG-33: police attendance is named for each corporate IAG; a corporate focus group, which
 * stands in for overlapping sub-groups of the corporate IAGs (IAG-21c), has the same attendance.
 */
export function namesPoliceAttendance(type: GroupType): boolean {
  return type === 'corporate_iag' || type === 'corporate_focus';
}

/**
 * IAG-21c: a corporate focus group's chair may be an advisor or a police employee, so the police
 * employees named to attend it may stand; every other group elects its chair from its members.
 */
export function policeMayChair(type: GroupType): boolean {
  return type === 'corporate_focus';
}

const BELOW_INSPECTOR: readonly PoliceRank[] = [
  'Police Constable',
  'Sergeant',
  'Police staff below Band C',
];

/** IAG-33: the directorate manager who attends a corporate IAG is an Inspector (Band C) or above. */
export function checkPoliceAttendee(
  role: 'directorate_manager' | 'strand_representative',
  rank: PoliceRank,
): Said | null {
  if (role === 'directorate_manager' && BELOW_INSPECTOR.includes(rank))
    return { key: 'groups:rules.policeAttendee.belowInspector', values: { rank } };
  return null;
}
