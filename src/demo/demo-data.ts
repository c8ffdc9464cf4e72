/**
 * The demonstration dataset: one account for every role, each with an entry in the directory,
 * and a few partner and community organisations. Never loaded when BRIDGE_DEMO=false.
 */
import { eq, inArray, like } from 'drizzle-orm';
import { recordAudit } from '../platform/audit/service.js';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import type { Role } from '../platform/auth/roles.js';
import { apiTokens, roleAssignments, users } from '../platform/auth/schema.js';
import { hashPassword } from '../platform/auth/passwords.js';
import type { SecretBox } from '../platform/auth/secret-box.js';
import type { Db } from '../platform/db/database.js';
import { organisationIdByCode } from '../modules/directory/reference-data.js';
import { organisations, people } from '../modules/directory/schema.js';

export const DEMO_DOMAIN = 'bridge.example';
export const DEMO_PASSWORD = 'bridge demo 2026 passphrase';

interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  jobTitle: string;
  organisation: string;
  /** A fixed TOTP secret, so the README can tell people how to sign in. */
  totpSecret?: string;
  /** A borough (by code) a scoped role is held for. */
  borough?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: `admin@${DEMO_DOMAIN}`,
    name: 'Alex Admin',
    role: 'administrator',
    jobTitle: 'System administrator',
    organisation: 'authority',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  },
  {
    email: `coordination@${DEMO_DOMAIN}`,
    name: 'Chris Coordinator',
    role: 'coordination_unit',
    jobTitle: 'IAG coordination officer',
    organisation: 'iag-coordination-unit',
    totpSecret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA',
  },
  {
    email: `director@${DEMO_DOMAIN}`,
    name: 'Dana Director',
    role: 'director',
    jobTitle: 'Director, Diversity and Citizen Focus',
    organisation: 'dcfd',
  },
  {
    email: `ctset@${DEMO_DOMAIN}`,
    name: 'Sam Strategic',
    role: 'ctset',
    jobTitle: 'Strategic engagement officer',
    organisation: 'ctset',
  },
  {
    email: `requester@${DEMO_DOMAIN}`,
    name: 'DS Riley Requester',
    role: 'requester',
    jobTitle: 'Senior investigating officer',
    organisation: 'specialist-crime',
  },
  {
    email: `advisor@${DEMO_DOMAIN}`,
    name: 'Avery Advisor',
    role: 'advisor',
    jobTitle: 'Independent advisor',
    organisation: '',
  },
  {
    email: `chair@${DEMO_DOMAIN}`,
    name: 'Charlie Chair',
    role: 'chair',
    jobTitle: 'Independent advisor and chair',
    organisation: '',
  },
  {
    email: `deployment@${DEMO_DOMAIN}`,
    name: 'Drew Deployment',
    role: 'deployment_contact',
    jobTitle: 'Deployment contact',
    organisation: '',
  },
  {
    email: `officer@${DEMO_DOMAIN}`,
    name: 'Olu Officer',
    role: 'authority_officer',
    jobTitle: 'Community engagement officer',
    organisation: 'authority',
  },
  {
    email: `member@${DEMO_DOMAIN}`,
    name: 'Morgan Member',
    role: 'authority_member',
    jobTitle: 'Authority member',
    organisation: 'authority',
  },
  {
    email: `visitor@${DEMO_DOMAIN}`,
    name: 'Val Visitor',
    role: 'lay_visitor',
    jobTitle: 'Independent custody visitor',
    organisation: '',
  },
  {
    email: `partnership@${DEMO_DOMAIN}`,
    name: 'Inspector Pat Partnership',
    role: 'partnership_officer',
    jobTitle: 'Partnership inspector, Camden',
    organisation: 'E09000007',
    borough: 'E09000007',
  },
];

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

/** Removes the demonstration dataset, leaving reference data and everything else alone. */
export async function removeDemoData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const demoUsers = await tx
      .select({ id: users.id })
      .from(users)
      .where(like(users.email, `%@${DEMO_DOMAIN}`));
    const ids = demoUsers.map((u) => u.id);
    if (ids.length) {
      await tx.delete(people).where(inArray(people.userId, ids));
      await tx.delete(apiTokens).where(inArray(apiTokens.createdBy, ids));
      await tx.delete(users).where(inArray(users.id, ids));
    }
    const demoOrgs = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(like(organisations.code, 'demo-%'));
    if (demoOrgs.length) {
      const orgIds = demoOrgs.map((o) => o.id);
      await tx.delete(people).where(inArray(people.organisationId, orgIds));
      await tx.delete(organisations).where(inArray(organisations.id, orgIds));
    }
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: 'demo-data.removed',
      recordType: 'demo-data',
      recordId: DEMO_DOMAIN,
      before: { users: ids.length, organisations: demoOrgs.length },
    });
  });
}

export async function demoDataPresent(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO_ACCOUNTS[0]!.email));
  return row !== undefined;
}

/** Loads the demonstration dataset. Reference data must already be loaded. */
export async function loadDemoData(db: Db, secretBox: SecretBox): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const orgIds = new Map<string, string>();
  for (const code of new Set(DEMO_ACCOUNTS.map((a) => a.organisation).filter(Boolean))) {
    const id = await organisationIdByCode(db, code);
    if (id) orgIds.set(code, id);
  }
  await db.transaction(async (tx) => {
    for (const org of DEMO_ORGANISATIONS) {
      const [row] = await tx.insert(organisations).values(org).returning({ id: organisations.id });
      orgIds.set(org.code, row!.id);
      await tx.insert(people).values({
        fullName: `${org.name.split(' ')[0]} Contact`,
        jobTitle: 'Secretary',
        organisationId: row!.id,
        email: org.email,
        phone: org.phone,
      });
    }
    for (const account of DEMO_ACCOUNTS) {
      const now = new Date();
      const [user] = await tx
        .insert(users)
        .values({
          email: account.email,
          displayName: account.name,
          passwordHash,
          totpSecret: account.totpSecret ? secretBox.seal(account.totpSecret) : null,
          totpEnabledAt: account.totpSecret ? now : null,
        })
        .returning({ id: users.id });
      const scopeId = account.borough ? orgIds.get(account.borough) : undefined;
      await tx.insert(roleAssignments).values({
        userId: user!.id,
        role: account.role,
        scopeType: scopeId ? 'borough' : null,
        scopeId: scopeId ?? null,
      });
      await tx.insert(people).values({
        fullName: account.name,
        jobTitle: account.jobTitle,
        organisationId: account.organisation ? (orgIds.get(account.organisation) ?? null) : null,
        email: account.email,
        userId: user!.id,
      });
    }
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: 'demo-data.loaded',
      recordType: 'demo-data',
      recordId: DEMO_DOMAIN,
      after: { users: DEMO_ACCOUNTS.length, organisations: DEMO_ORGANISATIONS.length },
    });
  });
}
