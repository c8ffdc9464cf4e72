/**
 * DP-02: consultation's part of what Bridge holds about a person in the directory: their places
 * on the consultation strategy board (CON-01) and the programme stages they own (CON-02). Panel
 * members, individual consultees and respondents are not directory people: they are theirs by
 * the person's e-mail address, as erasure finds them (`erasure.ts`): their panel membership and
 * its monitoring answers, their entries as a consultee, and their responses with every answer.
 * Section titles and columns are the catalogue's (`consultation:personData.`).
 */
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { Translate } from '../../platform/i18n/messages.js';
import type { PersonDataSection, PersonDataSubject } from '../../platform/modules.js';
import { personDataSections, type PersonDataQuery } from '../../platform/person-data.js';
import type { DirectoryApi } from '../directory/index.js';
import { consulteeChannels, consultees } from './consultees/schema.js';
import { panelMemberMonitoring, panelMembers } from './panel/schema.js';
import {
  answers,
  consultations,
  invitations,
  questionOptions,
  questions,
  responses,
} from './schema.js';
import { consultationBoardMembers, consultationBoards } from './board/schema.js';
import { consultationProgrammeStages, consultationProgrammes } from './programmes/schema.js';

/** Rows kept by the person's e-mail address, found through the directory's entry. */
type ByAddress = (address: string) => SQL;

function byEmail({ directory }: DirectoryApi, theirs: ByAddress): PersonDataQuery['where'] {
  return async ({ personId }, executor) => {
    const email = (await directory.lookups.people(executor, [personId])).get(personId)?.email;
    return email ? theirs(email.toLowerCase()) : undefined;
  };
}

const theirMembers = (address: string) => sql`lower(${panelMembers.email}) = ${address}`;
const theirConsultees = (address: string) =>
  sql`${consultees.id} in (select ${consulteeChannels.consulteeId} from ${consulteeChannels}
    where lower(${consulteeChannels.detail}) = ${address})`;

/** Each answer of a response as "question: answer", in the questionnaire's order. */
const answersText = sql<string | null>`(
  select string_agg(${questions.text} || ': ' || coalesce(${questionOptions.label},
    ${answers.textValue}, ${answers.rating}::text, ''), ' | ' order by ${questions.position})
  from ${answers}
  join ${questions} on ${questions.id} = ${answers.questionId}
  left join ${questionOptions} on ${questionOptions.id} = ${answers.optionId}
  where ${answers.responseId} = ${responses.id})`;

const byAddress = (directory: DirectoryApi): readonly PersonDataQuery[] => [
  {
    name: 'panel',
    columns: {
      fullName: panelMembers.fullName,
      email: panelMembers.email,
      borough: directory.organisationNameSql(panelMembers.boroughId),
      joinedBy: panelMembers.joinedBy,
      joinedOn: panelMembers.joinedOn,
      leftAt: panelMembers.leftAt,
      lastAnsweredAt: panelMembers.lastAnsweredAt,
    },
    from: panelMembers,
    where: byEmail(directory, theirMembers),
    identifying: ['fullName', 'email'],
  },
  {
    name: 'panelMonitoring',
    columns: {
      ageBand: panelMemberMonitoring.ageBand,
      sex: panelMemberMonitoring.sex,
      ethnicGroup: panelMemberMonitoring.ethnicGroup,
    },
    from: panelMemberMonitoring,
    join: [[panelMembers, eq(panelMembers.id, panelMemberMonitoring.memberId)]],
    where: byEmail(directory, theirMembers),
  },
  {
    name: 'consultee',
    columns: {
      name: consultees.name,
      consentGivenOn: consultees.consentGivenOn,
      consentMethod: consultees.consentMethod,
      consentWithdrawnAt: consultees.consentWithdrawnAt,
    },
    from: consultees,
    where: byEmail(directory, (address) =>
      and(eq(consultees.kind, 'person'), theirConsultees(address))!,
    ),
    identifying: ['name'],
  },
  {
    name: 'responses',
    columns: {
      consultation: consultations.title,
      startedAt: responses.startedAt,
      submittedAt: responses.submittedAt,
      contactEmail: responses.contactEmail,
      answers: answersText,
    },
    from: responses,
    join: [[consultations, eq(consultations.id, responses.consultationId)]],
    where: byEmail(directory, (address) =>
      or(
        sql`lower(${responses.contactEmail}) = ${address}`,
        inArray(
          responses.invitationId,
          sql`(select ${invitations.id} from ${invitations}
              where ${invitations.panelMemberId} in (select ${panelMembers.id} from ${panelMembers} where ${theirMembers(address)})
                or ${invitations.consulteeId} in (select ${consultees.id} from ${consultees} where ${theirConsultees(address)}))`,
        ),
      )!,
    ),
    orderBy: [responses.startedAt],
  },
];

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
  directory: DirectoryApi,
  executor: Executor,
  subject: PersonDataSubject,
): Promise<PersonDataSection[]> {
  return personDataSections(
    {
      title: (name) => t(`consultation:personData.${name}`),
      column: (column) => t(`consultation:personData.column.${column}`),
    },
    [...SECTIONS, ...byAddress(directory)],
  )(executor, subject);
}
