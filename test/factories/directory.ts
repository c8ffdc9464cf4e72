/**
 * Directory entries a test makes for itself (organisations, boroughs, people): real rows in the
 * directory's tables, named uniquely, so a test reads what it wrote and not the demo data.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { OrganisationKind } from '../../src/modules/directory/kinds.js';
import { organisations, people } from '../../src/modules/directory/schema.js';
import type { TestApp } from '../app.js';

/** A short random tag that keeps made-up names and addresses unique within a test file. */
export function uniqueTag(): string {
  return randomBytes(4).toString('hex');
}

export interface FactoryOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
}

/** Makes an organisation of a kind (a partner unless told), under `parentId` when given. */
export async function makeOrganisation(
  t: TestApp,
  options: {
    name?: string;
    kind?: OrganisationKind;
    parentId?: string;
    description?: string;
    email?: string;
    /** A reference code, such as a borough's ONS code. */
    code?: string;
  } = {},
): Promise<FactoryOrganisation> {
  const kind = options.kind ?? 'partner';
  const name = options.name ?? `Test ${kind.replace(/_/g, ' ')} ${uniqueTag()}`;
  const [row] = await t.services.db
    .insert(organisations)
    .values({
      name,
      kind,
      parentId: options.parentId ?? null,
      description: options.description ?? null,
      email: options.email ?? null,
      code: options.code ?? null,
    })
    .returning({ id: organisations.id });
  return { id: row!.id, name, kind };
}

/** Makes a borough (an organisation of the borough kind), e.g. to own a borough IAG. */
export function makeBorough(
  t: TestApp,
  options: { name?: string; code?: string } = {},
): Promise<FactoryOrganisation> {
  return makeOrganisation(t, {
    kind: 'borough',
    name: options.name ?? `Borough ${uniqueTag()}`,
    code: options.code,
  });
}

export interface FactoryPerson {
  id: string;
  fullName: string;
  email: string | null;
}

/** Makes a person in the directory with no account (an advisor-to-be, a contact). */
export async function makePerson(
  t: TestApp,
  options: {
    fullName?: string;
    email?: string | null;
    jobTitle?: string;
    organisationId?: string;
    userId?: string;
    notes?: string;
  } = {},
): Promise<FactoryPerson> {
  const tag = uniqueTag();
  const fullName = options.fullName ?? `Test Person ${tag}`;
  const email = options.email === undefined ? `person-${tag}@factory.example` : options.email;
  const [row] = await t.services.db
    .insert(people)
    .values({
      fullName,
      email,
      jobTitle: options.jobTitle ?? null,
      organisationId: options.organisationId ?? null,
      userId: options.userId ?? null,
      notes: options.notes ?? null,
    })
    .returning({ id: people.id });
  return { id: row!.id, fullName, email };
}

/** The id of an organisation of the reference data (every area has them) by its code. */
export async function referenceOrganisationId(t: TestApp, code: string): Promise<string> {
  const [row] = await t.services.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.code, code));
  if (!row) throw new Error(`No reference organisation with the code ${code}`);
  return row.id;
}

/** Records a borough's commander: a person with that job title at the borough (IAG-17). */
export function makeBoroughCommander(
  t: TestApp,
  boroughId: string,
  options: { fullName?: string; email?: string } = {},
): Promise<FactoryPerson> {
  return makePerson(t, {
    fullName: options.fullName ?? `Chief Superintendent ${uniqueTag()}`,
    jobTitle: 'Borough Commander',
    organisationId: boroughId,
    email: options.email,
  });
}
