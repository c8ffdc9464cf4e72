/** The rules of member records: pure functions, named by rule id. */

/**
 * IAG-15: recognition is made in consultation with the group's chair or deputy chair. Someone
 * consulted as chair or co-chair must be a chair of the group at the time. Returns the
 * refusal's message key, or null.
 */
export function checkCommendationConsultation(
  capacity: 'chair' | 'co_chair' | 'deputy_chair',
  consultedIsCurrentChair: boolean,
): string | null {
  if ((capacity === 'chair' || capacity === 'co_chair') && !consultedIsCurrentChair)
    return 'groups:memberRecords.refusals.consultedNotChair';
  return null;
}
