/**
 * The directory's part of the demonstration dataset (src/demo/demo-data.ts runs the parts in
 * order): a few partner and community organisations, an entry for every demo account, the demo
 * group's advisors who hold no account, and two borough commanders. Writes only the directory's
 * tables; what other parts need (ids) is returned.
 */
import { eq, inArray, like, or } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/database.js';
import { organisationIdByCode } from './reference-data.js';
import { organisations, people } from './schema.js';

/** inArray needs at least one value: a UUID no row has stands for "none". */
const NO_ID = '00000000-0000-0000-0000-000000000000';
const some = (ids: readonly string[]) => (ids.length ? [...ids] : [NO_ID]);

/** Every demo organisation's code starts so; removing the demo removes these. */
const DEMO_CODE_PREFIX = 'demo-';

const DEMO_ORGANISATIONS = [
  {
    code: 'demo-camden-cpeg',
    kind: 'community' as const,
    name: 'Camden Community and Police Engagement Group',
    description: 'The borough’s consultative group.',
    email: 'cpeg@camden.example',
    phone: '020 7946 0101',
  },
  {
    code: 'demo-victim-support',
    kind: 'partner' as const,
    name: 'Victim Support London',
    description: 'Independent charity supporting victims and witnesses of crime.',
    email: 'london@victimsupport.example',
    phone: '020 7946 0202',
  },
  {
    code: 'demo-youth-forum',
    kind: 'community' as const,
    name: 'Hackney Youth Forum',
    description: 'Young people aged 14 to 25 who advise the borough.',
    email: 'hello@hackneyyouth.example',
    phone: '020 7946 0303',
  },
];

/** The reference organisations (by code) the demo accounts belong to or are scoped to. */
export async function demoOrganisationIds(
  db: Db,
  codes: Iterable<string>,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const code of new Set(codes)) {
    const id = await organisationIdByCode(db, code);
    if (id) ids.set(code, id);
  }
  return ids;
}

/** The demo organisations, each with a contact; returns their ids by code. */
export async function loadDemoOrganisations(tx: Executor): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const org of DEMO_ORGANISATIONS) {
    const [row] = await tx.insert(organisations).values(org).returning({ id: organisations.id });
    ids.set(org.code, row!.id);
    await tx.insert(people).values({
      fullName: `${org.name.split(' ')[0]} Contact`,
      jobTitle: 'Secretary',
      organisationId: row!.id,
      email: org.email,
      phone: org.phone,
    });
  }
  return ids;
}

export const DEMO_ORGANISATION_COUNT = DEMO_ORGANISATIONS.length;

export interface DemoAccountPerson {
  fullName: string;
  jobTitle: string;
  organisationId: string | null;
  email: string;
  userId: string;
}

/** The directory entries of the demo accounts; returns their ids in the same order. */
export async function loadDemoAccountPeople(
  tx: Executor,
  accounts: readonly DemoAccountPerson[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const account of accounts) {
    const [person] = await tx.insert(people).values(account).returning({ id: people.id });
    ids.push(person!.id);
  }
  return ids;
}

/** The demo group's two advisors who hold no account. */
export async function loadDemoAdvisors(
  tx: Executor,
  domain: string,
): Promise<{ priya: string; jordan: string }> {
  const extra = await tx
    .insert(people)
    .values([
      {
        fullName: 'Priya Shah',
        jobTitle: 'Independent advisor',
        email: `priya.shah@${domain}`,
      },
      {
        fullName: 'Jordan Okafor',
        jobTitle: 'Independent advisor',
        email: `jordan.okafor@${domain}`,
      },
    ])
    .returning({ id: people.id });
  return { priya: extra[0]!.id, jordan: extra[1]!.id };
}

/**
 * Demo people who hold no account, each with a demo e-mail address (so removing the demo removes
 * them), for another module's demo records: custody visiting's lay visitors. Their ids in order.
 */
export async function loadDemoPeople(
  tx: Executor,
  domain: string,
  wanted: readonly { fullName: string; jobTitle: string }[],
): Promise<string[]> {
  if (!wanted.length) return [];
  const rows = await tx
    .insert(people)
    .values(
      wanted.map((w) => ({
        ...w,
        email: `${w.fullName.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}`,
      })),
    )
    .returning({ id: people.id });
  return rows.map((r) => r.id);
}

/** Two borough commanders, who are told when a corporate IAG recruits (IAG-17). */
export async function loadDemoBoroughCommanders(tx: Executor, domain: string): Promise<void> {
  for (const [code, borough] of [
    ['E09000007', 'Camden'],
    ['E09000012', 'Hackney'],
  ] as const) {
    // Inside the transaction, always the transaction: PGlite has one connection (ADR 0003).
    const [row] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.code, code));
    const organisationId = row?.id;
    if (organisationId)
      await tx.insert(people).values({
        fullName: `Chief Superintendent ${borough === 'Camden' ? 'Kim Ashdown' : 'Lee Marsh'}`,
        jobTitle: 'Borough Commander',
        organisationId,
        email: `commander.${borough.toLowerCase()}@${domain}`,
      });
  }
}

/** The demo people: those with an address at the demo domain or a demo account. */
export async function demoPersonIds(
  tx: Executor,
  domain: string,
  userIds: readonly string[],
): Promise<string[]> {
  return (
    await tx
      .select({ id: people.id })
      .from(people)
      .where(
        or(
          like(people.email, `%@${domain}`),
          userIds.length ? inArray(people.userId, [...userIds]) : undefined,
        ),
      )
  ).map((p) => p.id);
}

/**
 * The demo organisations, and the given demo people together with everyone in a demo
 * organisation: whose names come off records the demo leaves behind (the tracker's).
 */
export async function demoOrganisationsAndPeople(
  tx: Executor,
  personIds: readonly string[],
): Promise<{ organisationIds: string[]; personIds: string[] }> {
  const organisationIds = (
    await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(like(organisations.code, `${DEMO_CODE_PREFIX}%`))
  ).map((o) => o.id);
  const theirPeople = await tx
    .select({ id: people.id })
    .from(people)
    .where(
      or(
        inArray(people.id, some(personIds)),
        inArray(people.organisationId, some(organisationIds)),
      ),
    );
  return { organisationIds, personIds: theirPeople.map((p) => p.id) };
}

/** The demo people, and any entry of a demo account. */
export async function removeDemoPeople(
  tx: Executor,
  personIds: readonly string[],
  userIds: readonly string[],
): Promise<void> {
  if (personIds.length) await tx.delete(people).where(inArray(people.id, [...personIds]));
  if (userIds.length) await tx.delete(people).where(inArray(people.userId, [...userIds]));
}

/** The demo organisations with the people in them; returns how many organisations went. */
export async function removeDemoOrganisations(tx: Executor): Promise<number> {
  const demoOrgs = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(like(organisations.code, `${DEMO_CODE_PREFIX}%`));
  if (demoOrgs.length) {
    const orgIds = demoOrgs.map((o) => o.id);
    await tx.delete(people).where(inArray(people.organisationId, orgIds));
    await tx.delete(organisations).where(inArray(organisations.id, orgIds));
  }
  return demoOrgs.length;
}
