/** DP-02: the directory's part of what Bridge holds about a person: their entry. */
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../platform/person-data.js';
import { organisations, people } from './schema.js';

const ENTRY: PersonDataQuery = {
  name: 'entry',
  columns: {
    fullName: people.fullName,
    jobTitle: people.jobTitle,
    organisation: organisations.name,
    email: people.email,
    phone: people.phone,
    address: people.address,
    notes: people.notes,
    hasAccount: sql<boolean>`${people.userId} is not null`,
    archivedAt: people.archivedAt,
    addedAt: people.createdAt,
    changedAt: people.updatedAt,
  },
  from: people,
  leftJoin: [[organisations, eq(organisations.id, people.organisationId)]],
  where: ({ personId }) => eq(people.id, personId),
  identifying: ['fullName', 'email', 'phone', 'address'],
};

export function directoryPersonData(
  executor: Executor,
  subject: PersonDataSubject,
  t: Translate,
): Promise<PersonDataSection[]> {
  // Each column is named as a person would understand it, in the catalogue's words.
  return personDataSections(
    {
      title: () => t('directory:personData.title'),
      column: (column) => t(`directory:personData.${column}`),
    },
    [ENTRY],
  )(executor, subject);
}
