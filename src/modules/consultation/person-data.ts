/**
 * DP-02: consultation's part of what Bridge holds about a person in the directory: their places
 * on the consultation strategy board (CON-01) and the programme stages they own (CON-02).
 * Consultees and panel members are not directory people: they are found by name or address,
 * which is the information-rights work's to search (issue 28). Section titles and columns are
 * the catalogue's (`consultation:personData.`).
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../platform/person-data.js';
import { consultationBoardMembers, consultationBoards } from './board/schema.js';
import { consultationProgrammeStages, consultationProgrammes } from './programmes/schema.js';

const SECTIONS: readonly PersonDataQuery[] = [
  {
    name: 'board',
    columns: {
      board: consultationBoards.name,
      side: consultationBoardMembers.side,
      role: consultationBoardMembers.role,
      fromOn: consultationBoardMembers.fromOn,
      toOn: consultationBoardMembers.toOn,
    },
    from: consultationBoardMembers,
    join: [[consultationBoards, eq(consultationBoards.id, consultationBoardMembers.boardId)]],
    where: ({ personId }) => eq(consultationBoardMembers.personId, personId),
    orderBy: [consultationBoardMembers.fromOn],
  },
  {
    name: 'stages',
    columns: {
      programme: consultationProgrammes.title,
      stage: consultationProgrammeStages.name,
      plannedStart: consultationProgrammeStages.plannedStart,
      plannedEnd: consultationProgrammeStages.plannedEnd,
      actualStart: consultationProgrammeStages.actualStart,
      actualEnd: consultationProgrammeStages.actualEnd,
    },
    from: consultationProgrammeStages,
    join: [
      [
        consultationProgrammes,
        eq(consultationProgrammes.id, consultationProgrammeStages.programmeId),
      ],
    ],
    where: ({ personId }) => eq(consultationProgrammeStages.ownerId, personId),
    orderBy: [consultationProgrammes.planYear, consultationProgrammeStages.position],
  },
];

export function consultationPersonData(
  t: Translate,
  executor: Executor,
  subject: PersonDataSubject,
): Promise<PersonDataSection[]> {
  return personDataSections(
    {
      title: (name) => t(`consultation:personData.${name}`),
      column: (column) => t(`consultation:personData.column.${column}`),
    },
    SECTIONS,
  )(executor, subject);
}
