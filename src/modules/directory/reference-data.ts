/**
 * The organisations every police area starts with: its authority, police service, directorates
 * and boroughs. London is the shipped default; another area supplies its own file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.js';
import { SYSTEM_ACTOR } from '../../platform/auth/principal.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { ORGANISATION_KINDS, type OrganisationKind } from './kinds.js';
import { organisations } from './schema.js';

export const LONDON_REFERENCE_DATA = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'reference-data/london.json',
);

interface ReferenceOrganisation {
  code: string;
  kind: OrganisationKind;
  name: string;
  parent?: string;
  description?: string;
}

export interface ReferenceData {
  area: string;
  organisations: ReferenceOrganisation[];
}

export function readReferenceData(file: string): ReferenceData {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ReferenceData>;
  const list = raw.organisations;
  if (typeof raw.area !== 'string' || !Array.isArray(list))
    throw new Error(`${file}: expected { area, organisations: [] }`);
  for (const o of list) {
    if (!o.code || !o.name || !(ORGANISATION_KINDS as readonly string[]).includes(o.kind)) {
      throw new Error(
        `${file}: each organisation needs a code, a name and a known kind (${JSON.stringify(o)})`,
      );
    }
  }
  return raw as ReferenceData;
}

/**
 * Adds any reference organisation not yet present (matched by code), parents first; changes
 * nothing that is already there, so people's edits survive. Returns how many were added.
 */
export async function loadReferenceData(db: Db, data: ReferenceData): Promise<number> {
  const codes = data.organisations.map((o) => o.code);
  const present = await db
    .select({ code: organisations.code })
    .from(organisations)
    .where(and(isNotNull(organisations.code), inArray(organisations.code, codes)));
  if (present.length === codes.length) return 0;
  return db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const row of await tx
      .select({ id: organisations.id, code: organisations.code })
      .from(organisations)
      .where(inArray(organisations.code, codes))) {
      if (row.code) ids.set(row.code, row.id);
    }
    let added = 0;
    // Parents are listed before their children in the file.
    for (const o of data.organisations) {
      if (ids.has(o.code)) continue;
      const [row] = await tx
        .insert(organisations)
        .values({
          code: o.code,
          kind: o.kind,
          name: o.name,
          description: o.description || null,
          parentId: o.parent ? (ids.get(o.parent) ?? null) : null,
        })
        .returning({ id: organisations.id });
      ids.set(o.code, row!.id);
      added += 1;
    }
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: 'reference-data.loaded',
      recordType: 'reference-data',
      recordId: data.area,
      after: { added },
    });
    return added;
  });
}

/** The organisation with this code (reference data has one), archived or not, if there is one. */
export async function organisationIdByCode(
  executor: Executor,
  code: string,
): Promise<string | undefined> {
  const [row] = await executor
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.code, code));
  return row?.id;
}
