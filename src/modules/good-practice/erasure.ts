/**
 * Issue 28 part 5: the good-practice library's part of erasing a person. An entry naming them
 * as its contact is left without one (a public contact must be someone to reach); the entries
 * stay, as do those they recorded (CDRP-08), their author an anonymous account.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { ErasedPart, PersonDataSubject } from '../../platform/modules.js';
import { goodPracticeEntries as entries } from './schema.js';

export async function eraseGoodPracticePerson(
  executor: Executor,
  { personId }: PersonDataSubject,
): Promise<ErasedPart[]> {
  const contact = await executor
    .update(entries)
    .set({ contactId: null })
    .where(eq(entries.contactId, personId))
    .returning({ id: entries.id });
  return [
    { kind: 'entries naming them as the contact', records: contact.length, how: 'anonymised' },
  ];
}
