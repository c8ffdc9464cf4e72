/**
 * The citizens' panel in the demo (CON-06): three dozen members across eight boroughs, most with
 * some monitoring answers (men and the young a little short, as panels usually are), and one
 * panel consultation sent to a balanced sample of 20 last week, 8 of whom have responded.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, like } from 'drizzle-orm';
import { addCalendarDays, londonInstant, type IsoDate } from '../../../platform/calendar/index.js';
import { hashToken } from '../../../platform/auth/credentials.js';
import type { Executor } from '../../../platform/db/database.js';
import type { AgeBand, EthnicGroup, Sex } from '../monitoring.js';
import { balancedSample } from '../panel-rules.js';
import {
  consultations,
  invitations,
  questionnaireVersions,
  questions,
  responses,
} from '../schema.js';
import { panelLinks } from './links.js';
import { currentPopulation, populationByBoroughId } from './population.js';
import { panelMemberMonitoring, panelMembers, panelWaves } from './schema.js';

export const DEMO_PANEL_CONSULTATION =
  "Safer London Panel: your neighbourhood's policing priorities";

const FIRST = ['Amara', 'Ben', 'Chloe', 'Dev', 'Eilidh', 'Femi', 'Grace', 'Hassan', 'Ines'];
const LAST = ['Adeyemi', 'Brown', 'Chowdhury', 'Davies'];
/** Camden, Croydon, Hackney, Lambeth, Newham, Barnet, Ealing and Tower Hamlets, by ONS code. */
export const DEMO_PANEL_BOROUGHS = [
  'E09000007',
  'E09000008',
  'E09000012',
  'E09000022',
  'E09000025',
  'E09000003',
  'E09000009',
  'E09000030',
];
const AGES: AgeBand[] = ['25-34', '35-44', '45-54', '55-64', '65+', '35-44'];
const SEXES: Sex[] = ['female', 'female', 'male'];
const GROUPS: EthnicGroup[] = ['white', 'asian', 'white', 'black', 'mixed', 'white', 'other'];

export async function loadConsultationPanelDemo(
  tx: Executor,
  options: {
    /** The demo boroughs' directory ids by ONS code (start-up reads them through the directory). */
    boroughIds: ReadonlyMap<string, string>;
    /** Bridge's secret, which the leave links are keyed with. */
    secret: string;
    domain: string;
    today: IsoDate;
  },
): Promise<void> {
  const links = panelLinks(options.secret, '');
  const ids = DEMO_PANEL_BOROUGHS.map((code) => options.boroughIds.get(code)).filter(
    (id): id is string => id !== undefined,
  );
  if (!ids.length) return;
  const joinedOn = addCalendarDays(options.today, -200);
  const members = Array.from({ length: 36 }, (_, i) => {
    const id = randomUUID();
    const fullName = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
    return {
      id,
      fullName,
      email: `panel.${fullName.toLowerCase().replace(/\s+/g, '.')}@${options.domain}`,
      boroughId: ids[i % ids.length]!,
      joinedBy: i % 4 === 0 ? ('invitation' as const) : ('sign_up' as const),
      confirmedAt: londonInstant(joinedOn, 600 + i),
      joinedOn,
      createdAt: londonInstant(joinedOn, 540 + i),
      leaveTokenHash: links.leaveTokenHash(id),
    };
  });
  await tx.insert(panelMembers).values(members);
  // About two in three answered the monitoring questions.
  const monitored = members.filter((_, i) => i % 3 !== 2);
  await tx.insert(panelMemberMonitoring).values(
    monitored.map((m, i) => ({
      memberId: m.id,
      ageBand: AGES[i % AGES.length]!,
      sex: SEXES[i % SEXES.length]!,
      ethnicGroup: i % 5 === 4 ? null : GROUPS[i % GROUPS.length]!,
    })),
  );
  const opensOn = addCalendarDays(options.today, -7);
  const [consultation] = await tx
    .insert(consultations)
    .values({
      title: DEMO_PANEL_CONSULTATION,
      purpose: 'To hear from the panel what the police should put first where they live.',
      opensOn,
      closesOn: addCalendarDays(options.today, 21),
      audience: 'panel',
      launchedAt: londonInstant(opensOn, 540),
    })
    .returning({ id: consultations.id });
  const [version] = await tx
    .insert(questionnaireVersions)
    .values({ consultationId: consultation!.id, number: 1 })
    .returning({ id: questionnaireVersions.id });
  await tx.insert(questions).values({
    versionId: version!.id,
    position: 1,
    kind: 'text',
    text: 'What should the police in your neighbourhood put first?',
  });
  const monitoring = new Map(monitored.map((m, i) => [m.id, i]));
  const drawn = balancedSample(
    members.map((m) => {
      const i = monitoring.get(m.id);
      return {
        id: m.id,
        boroughId: m.boroughId,
        ...(i === undefined
          ? {}
          : { ageBand: AGES[i % AGES.length], sex: SEXES[i % SEXES.length] }),
      };
    }),
    await populationOf(tx, options.boroughIds),
    20,
    2026,
  );
  const sentAt = londonInstant(opensOn, 600);
  await tx.insert(panelWaves).values({
    consultationId: consultation!.id,
    kind: 'sample',
    sampleSize: 20,
    seed: 2026,
    invited: drawn.length,
    sentAt,
  });
  const sent = await tx
    .insert(invitations)
    .values(
      drawn.map((memberId) => ({
        consultationId: consultation!.id,
        panelMemberId: memberId,
        // Demo invitations have no link to follow: a hash of nothing anyone holds.
        tokenHash: hashToken(randomUUID()),
        sentAt,
      })),
    )
    .returning({ id: invitations.id });
  await tx.insert(responses).values(
    sent.slice(0, 8).map((invitation, i) => ({
      consultationId: consultation!.id,
      versionId: version!.id,
      invitationId: invitation.id,
      startedAt: londonInstant(addCalendarDays(opensOn, 1 + (i % 5)), 720),
      submittedAt: londonInstant(addCalendarDays(opensOn, 1 + (i % 5)), 735),
    })),
  );
}

/** The demo panel's consultation (its wave, invitations and responses go with it) and members. */
export async function removeConsultationPanelDemo(tx: Executor, domain: string): Promise<void> {
  const demo = await tx
    .select({ id: consultations.id })
    .from(consultations)
    .where(
      and(eq(consultations.title, DEMO_PANEL_CONSULTATION), eq(consultations.audience, 'panel')),
    );
  if (demo.length)
    await tx.delete(consultations).where(
      inArray(
        consultations.id,
        demo.map((c) => c.id),
      ),
    );
  await tx.delete(panelMembers).where(like(panelMembers.email, `panel.%@${domain}`));
}

/** The population the demo's sample is drawn against, its boroughs by directory id. */
async function populationOf(tx: Executor, boroughIds: ReadonlyMap<string, string>) {
  return populationByBoroughId((await currentPopulation(tx)).rows, boroughIds);
}
