/**
 * DP-02: the good-practice library's part of what Bridge holds about a person: the entries
 * naming them as the contact, and the entries they recorded (kept by account).
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../platform/person-data.js';
import { goodPracticeEntries as entries } from './schema.js';

const SECTIONS: readonly PersonDataQuery[] = [
  {
    name: 'contact',
    columns: { title: entries.title, theme: entries.theme, publishedAt: entries.publishedAt },
    from: entries,
    where: ({ personId }) => eq(entries.contactId, personId),
    orderBy: [entries.recordedAt],
  },
  {
    name: 'recorded',
    columns: { title: entries.title, theme: entries.theme, recordedAt: entries.recordedAt },
    from: entries,
    where: ({ userId }) => (userId ? eq(entries.recordedBy, userId) : undefined),
    orderBy: [entries.recordedAt],
  },
];

export function goodPracticePersonData(
  executor: Executor,
  subject: PersonDataSubject,
  /** The default language's messages: the export is made without a request. */
  t: Translate,
): Promise<PersonDataSection[]> {
  return personDataSections(
    {
      title: (name) => t(`good-practice:personData.sections.${name}`),
      column: (column) => t(`good-practice:personData.columns.${column}`),
    },
    SECTIONS,
  )(executor, subject);
}
