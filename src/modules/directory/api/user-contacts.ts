/** Who to write to: the directory entry of a signed-in user (a claimant, say). */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { people } from '../schema.js';

/** A person and the address they are written to at. */
export interface PersonContact {
  id: string;
  fullName: string;
  email: string | null;
}

/** The directory entry of the user's account, if it is linked to one. */
export async function personContactOfUser(
  executor: Executor,
  userId: string,
): Promise<PersonContact | undefined> {
  const [person] = await executor
    .select({ id: people.id, fullName: people.fullName, email: people.email })
    .from(people)
    .where(eq(people.userId, userId));
  return person;
}
