/** What the membership pages say of a membership. */

export const MEMBERSHIP_STATUS_LABELS: Record<string, string> = {
  current: 'Current',
  ended: 'Term ended',
  withdrawn: 'Withdrawn',
  resigned: 'Resigned',
};
