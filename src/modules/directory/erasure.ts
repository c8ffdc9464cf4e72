/**
 * Issue 28 part 5: the directory's part of erasing a person. Their entry stays, as the one
 * anonymous placeholder every other module's records about them still point to (a term served,
 * a meeting attended, a claim paid), but it names nobody: no name, contact or notes, no
 * organisation or job title to single them out, and archived so that no list offers it.
 */
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { ERASED_NAME } from '../../platform/erased.js';
import type { ErasedPart, PersonDataSubject } from '../../platform/modules.js';
import { people } from './schema.js';

export async function eraseDirectoryPerson(
  executor: Executor,
  { personId }: PersonDataSubject,
): Promise<ErasedPart[]> {
  const entries = await executor
    .update(people)
    .set({
      fullName: ERASED_NAME,
      jobTitle: null,
      organisationId: null,
      email: null,
      phone: null,
      address: null,
      notes: null,
      archivedAt: sql`coalesce(${people.archivedAt}, now())`,
      version: sql`${people.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(people.id, personId))
    .returning({ id: people.id });
  return [{ kind: 'directory entry', records: entries.length, how: 'anonymised' }];
}
