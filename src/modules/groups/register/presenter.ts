/** What the register's pages show of a group, worked out from its records. */
import type { IsoDate } from '../../../platform/calendar/index.js';
import { groupElection, type GroupType } from '../rules.js';

/** IAG-21: what the register and the group page say of the next election. */
export function electionFields(type: GroupType, lastElection: IsoDate | null, day: IsoDate) {
  const election = groupElection(type, lastElection, day);
  return { nextElectionDue: election?.due ?? null, electionOverdue: election?.overdue ?? false };
}
