/** The rules of member records: pure functions, named by rule id. */

/**
 * IAG-15: recognition is made in consultation with the group's chair or deputy chair. Someone
 * consulted as chair or co-chair must be a chair of the group at the time.
 */
export function checkCommendationConsultation(
  capacity: 'chair' | 'co_chair' | 'deputy_chair',
  consultedIsCurrentChair: boolean,
): string | null {
  if ((capacity === 'chair' || capacity === 'co_chair') && !consultedIsCurrentChair)
    return 'The person consulted as chair must be a chair of the group now (IAG-15)';
  return null;
}
