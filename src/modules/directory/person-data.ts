/** DP-02: the directory's part of what Bridge holds about a person: their entry. */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSection } from '../../platform/person-data.js';
import { organisations, people } from './schema.js';

export async function directoryPersonData(
  executor: Executor,
  subject: PersonDataSubject,
  t: Translate,
): Promise<PersonDataSection[]> {
  const [entry] = await executor
    .select({
      fullName: people.fullName,
      jobTitle: people.jobTitle,
      organisation: organisations.name,
      email: people.email,
      phone: people.phone,
      address: people.address,
      notes: people.notes,
      userId: people.userId,
      archivedAt: people.archivedAt,
      addedAt: people.createdAt,
      changedAt: people.updatedAt,
    })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(people.id, subject.personId));
  // Each column is named as a person would understand it, in the catalogue's words.
  const column = (key: string) => t(`directory:personData.${key}`);
  const rows = entry
    ? [
        {
          [column('fullName')]: entry.fullName,
          [column('jobTitle')]: entry.jobTitle,
          [column('organisation')]: entry.organisation,
          [column('email')]: entry.email,
          [column('phone')]: entry.phone,
          [column('address')]: entry.address,
          [column('notes')]: entry.notes,
          [column('hasAccount')]: entry.userId !== null,
          [column('archivedAt')]: entry.archivedAt,
          [column('addedAt')]: entry.addedAt,
          [column('changedAt')]: entry.changedAt,
        },
      ]
    : [];
  return [personDataSection(t('directory:personData.title'), rows)];
}
