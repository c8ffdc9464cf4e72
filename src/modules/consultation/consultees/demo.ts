/**
 * The demo's consultee database (CON-03): an umbrella body with three member organisations
 * (seed 002 para 22: "businesses, faith groups ... and the voluntary sector"), faith groups,
 * businesses, young people (para 24), an engagement group, a statutory partner and a resident,
 * each with the channels that reach them and, all but one, their consent to be contacted; two
 * in Camden are chosen for the draft on neighbourhood policing there. One table, walked once.
 * Every demo consultee has an e-mail address at the demo's domain, by which it is removed.
 */
import { inArray, like } from 'drizzle-orm';
import { addCalendarDays, type IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import type {
  ChannelKind,
  ConsentMethod,
  ConsulteeCategory,
  ConsulteeKind,
} from '../consultee-rules.js';
import { chosenConsultees, consulteeChannels, consultees } from './schema.js';

const DOMAIN = 'consultees.bridge.example';

/** The boroughs the demo consultees are in, by their codes (London's reference data). */
export const DEMO_CONSULTEE_BOROUGHS = {
  camden: 'E09000007',
  hackney: 'E09000012',
  lambeth: 'E09000022',
  newham: 'E09000025',
  southwark: 'E09000028',
  towerHamlets: 'E09000030',
} as const;
type Borough = keyof typeof DEMO_CONSULTEE_BOROUGHS;

interface DemoConsultee {
  name: string;
  kind: ConsulteeKind;
  category: ConsulteeCategory;
  borough?: Borough;
  /** The umbrella body it is a member of, by its mailbox (listed before it). */
  memberOf?: string;
  mailbox: string;
  /** Days before today consent was given, and how; none: not yet recorded. */
  consent?: [number, ConsentMethod];
  channels?: Partial<Record<Exclude<ChannelKind, 'email'>, string>>;
  preferred?: ChannelKind;
  /** Chosen for the demo's draft on neighbourhood policing in Camden, and why. */
  chosenForDraft?: string;
}

/** Every demo consultee, an umbrella body before its members; each has an e-mail address. */
const DEMO_CONSULTEES: readonly DemoConsultee[] = [
  {
    name: 'London Civic Forum',
    kind: 'organisation',
    category: 'umbrella_body',
    mailbox: 'civic-forum',
    consent: [400, 'writing'],
    channels: {
      post: 'Tower Building, 11 York Road, London SE1 7NX',
      newsletter: 'Civic Forum members\u2019 bulletin',
    },
  },
  {
    name: 'Black Londoners Forum',
    kind: 'organisation',
    category: 'voluntary_sector',
    memberOf: 'civic-forum',
    mailbox: 'black-londoners-forum',
    consent: [380, 'email'],
  },
  {
    name: 'Hackney Council for Voluntary Service',
    kind: 'organisation',
    category: 'voluntary_sector',
    borough: 'hackney',
    memberOf: 'civic-forum',
    mailbox: 'hackney-cvs',
    consent: [200, 'email'],
    channels: { phone: '020 7923 8360' },
  },
  {
    name: 'Southwark Chamber of Commerce',
    kind: 'organisation',
    category: 'business',
    borough: 'southwark',
    memberOf: 'civic-forum',
    mailbox: 'southwark-chamber',
    consent: [150, 'online_form'],
  },
  {
    name: 'East London Mosque Trust',
    kind: 'organisation',
    category: 'faith_group',
    borough: 'towerHamlets',
    mailbox: 'east-london-mosque',
    consent: [300, 'in_person'],
    channels: { meeting: 'Friday community liaison meeting' },
    preferred: 'meeting',
  },
  {
    name: 'Camden Churches Together',
    kind: 'organisation',
    category: 'faith_group',
    borough: 'camden',
    mailbox: 'camden-churches',
    consent: [90, 'writing'],
    chosenForDraft:
      'Camden’s churches run night shelters and street pastors, and hear what neighbourhood teams are asked for.',
  },
  {
    name: 'Camden Town Unlimited',
    kind: 'organisation',
    category: 'business',
    borough: 'camden',
    mailbox: 'camden-town-unlimited',
    consent: [60, 'email'],
    channels: { social_media: '@CamdenTownUnltd' },
    chosenForDraft:
      'Camden Town’s businesses see the neighbourhood teams on their streets every day and night.',
  },
  {
    name: 'Lambeth Youth Council',
    kind: 'organisation',
    category: 'young_people',
    borough: 'lambeth',
    mailbox: 'lambeth-youth-council',
    consent: [45, 'in_person'],
    channels: { social_media: '@LambethYouth' },
  },
  {
    name: 'Newham Young Futures',
    kind: 'organisation',
    category: 'young_people',
    borough: 'newham',
    mailbox: 'newham-young-futures',
    // Met at a school fair: not yet asked for consent, so never e-mailed.
    channels: { phone: '020 8430 2000' },
    preferred: 'phone',
  },
  {
    name: 'Lambeth Community Police Engagement Group',
    kind: 'organisation',
    category: 'engagement_group',
    borough: 'lambeth',
    mailbox: 'lambeth-cpeg',
    consent: [500, 'writing'],
  },
  {
    name: 'Transport for London',
    kind: 'organisation',
    category: 'statutory_partner',
    mailbox: 'tfl-community-safety',
    consent: [250, 'email'],
  },
  {
    name: 'Ada Okafor',
    kind: 'person',
    category: 'individual_resident',
    borough: 'lambeth',
    mailbox: 'ada.okafor',
    consent: [30, 'online_form'],
  },
];

/**
 * The demo consultees, each with its channels (its e-mail address first, preferred unless it
 * prefers another), and those chosen for the draft; `boroughs` are the boroughs' ids by code.
 */
export async function loadConsulteesDemo(
  tx: Executor,
  boroughs: ReadonlyMap<string, string>,
  today: IsoDate,
  draft: { consultationId: string; chosenBy: string },
): Promise<void> {
  const made = new Map<string, string>();
  for (const c of DEMO_CONSULTEES) {
    const [consultee] = await tx
      .insert(consultees)
      .values({
        name: c.name,
        kind: c.kind,
        category: c.category,
        parentId: c.memberOf ? made.get(c.memberOf)! : null,
        boroughId: c.borough ? (boroughs.get(DEMO_CONSULTEE_BOROUGHS[c.borough]) ?? null) : null,
        consentGivenOn: c.consent ? addCalendarDays(today, -c.consent[0]) : null,
        consentMethod: c.consent ? c.consent[1] : null,
      })
      .returning({ id: consultees.id });
    made.set(c.mailbox, consultee!.id);
    const preferred = c.preferred ?? 'email';
    const channels: [ChannelKind, string][] = [
      ['email', `${c.mailbox}@${DOMAIN}`],
      ...(Object.entries(c.channels ?? {}) as [ChannelKind, string][]),
    ];
    await tx.insert(consulteeChannels).values(
      channels.map(([kind, detail]) => ({
        consulteeId: consultee!.id,
        kind,
        detail,
        preferred: kind === preferred,
      })),
    );
    if (c.chosenForDraft)
      await tx.insert(chosenConsultees).values({
        consultationId: draft.consultationId,
        consulteeId: consultee!.id,
        reason: c.chosenForDraft,
        chosenBy: draft.chosenBy,
      });
  }
}

/** The demo consultees (with their channels and choices), found by their demo addresses. */
export async function removeConsulteesDemo(tx: Executor): Promise<void> {
  const demo = await tx
    .select({ id: consulteeChannels.consulteeId })
    .from(consulteeChannels)
    .where(like(consulteeChannels.detail, `%@${DOMAIN}`));
  if (demo.length)
    await tx.delete(consultees).where(
      inArray(
        consultees.id,
        demo.map((d) => d.id),
      ),
    );
}
