/** DP-02: the directory's part of what Bridge holds about a person: their entry. */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSection } from '../../platform/person-data.js';
import { organisations, people } from './schema.js';

export async function directoryPersonData(
  executor: Executor,
  subject: PersonDataSubject,
): Promise<PersonDataSection[]> {
  const entry = await executor
    .select({
      'Full name': people.fullName,
      'Job title': people.jobTitle,
      Organisation: organisations.name,
      'E-mail address': people.email,
      Phone: people.phone,
      Address: people.address,
      Notes: people.notes,
      'Has a user account': people.userId,
      'Archived at': people.archivedAt,
      'Added at': people.createdAt,
      'Last changed at': people.updatedAt,
    })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(people.id, subject.personId));
  return [
    personDataSection(
      'Directory entry',
      entry.map((row) => ({ ...row, 'Has a user account': row['Has a user account'] !== null })),
    ),
  ];
}
