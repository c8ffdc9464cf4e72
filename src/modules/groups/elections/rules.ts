/** The rules of elections: pure functions, named by rule id. */
import { addCalendarMonths, type IsoDate } from '../../../platform/calendar/index.js';
import type { GroupType } from '../rules.js';
import type { SaidRefusal } from '../../../platform/i18n/said.js';

export const CHAIR_TERM_YEARS = 2;
export const MAX_CONSECUTIVE_CHAIR_TERMS = 2;

/** IAG-21(a): elections every two years; the next is due two years after the last. */
export function nextElectionDue(lastElection: IsoDate | null, today: IsoDate): IsoDate {
  return lastElection ? addCalendarMonths(lastElection, CHAIR_TERM_YEARS * 12) : today;
}

/**
 * IAG-21(a, c): a group's next chair election and whether its day has come. A sub-group elects
 * no chair of its own, so none is due.
 */
export function groupElection(
  type: GroupType,
  lastElection: IsoDate | null,
  today: IsoDate,
): { due: IsoDate; overdue: boolean } | null {
  if (type === 'sub_group') return null;
  const due = nextElectionDue(lastElection, today);
  return { due, overdue: due <= today };
}

/**
 * IAG-21(a, b): the result of an election. One chair or two co-chairs; nobody elected for a
 * third consecutive term. `previousWinners` lists the people elected at this group's earlier
 * elections, most recent first.
 */
export function checkElectionResult(
  elected: readonly { personId: string; name: string }[],
  previousWinners: readonly (readonly string[])[],
): SaidRefusal[] {
  const refusals: SaidRefusal[] = [];
  if (elected.length === 0) refusals.push({ field: 'elected', key: 'groups:rules.election.none' });
  if (elected.length > 2) refusals.push({ field: 'elected', key: 'groups:rules.election.tooMany' });
  for (const person of elected) {
    const consecutive = previousWinners
      .slice(0, MAX_CONSECUTIVE_CHAIR_TERMS)
      .filter((winners) => winners.includes(person.personId)).length;
    if (consecutive >= MAX_CONSECUTIVE_CHAIR_TERMS)
      refusals.push({
        field: 'elected',
        key: 'groups:rules.election.thirdTerm',
        values: { name: person.name, max: MAX_CONSECUTIVE_CHAIR_TERMS },
      });
  }
  return refusals;
}
