/**
 * Who to write to: the directory entry of a signed-in user (a claimant, say), and an
 * organisation found by its code (the directorate that holds a budget).
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { organisations, people } from '../schema.js';

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

/** An organisation's id, code and name. */
export interface OrganisationByCode {
  id: string;
  code: string;
  name: string;
}

/** The organisation with this code, archived or not, if there is one. */
export async function organisationByCode(
  executor: Executor,
  code: string,
): Promise<OrganisationByCode | undefined> {
  const [row] = await executor
    .select({ id: organisations.id, code: organisations.code, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.code, code));
  return row ? { ...row, code } : undefined;
}
