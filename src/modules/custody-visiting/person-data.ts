/**
 * DP-02: custody visiting's part of what Bridge holds about a person: the panels they
 * coordinate. Section titles and columns are the catalogue's (`custody-visiting:personData.`).
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../platform/person-data.js';
import { custodyPanels } from './schema.js';

const SECTIONS: readonly PersonDataQuery[] = [
  {
    name: 'coordinates',
    columns: { name: custodyPanels.name, area: custodyPanels.area },
    from: custodyPanels,
    where: ({ personId }) => eq(custodyPanels.coordinatorId, personId),
    orderBy: [custodyPanels.area],
  },
];

export function custodyVisitingPersonData(
  t: Translate,
  executor: Executor,
  subject: PersonDataSubject,
): Promise<PersonDataSection[]> {
  return personDataSections(
    {
      title: (name) => t(`custody-visiting:personData.${name}`),
      column: (column) => t(`custody-visiting:personData.column.${column}`),
    },
    SECTIONS,
  )(executor, subject);
}
