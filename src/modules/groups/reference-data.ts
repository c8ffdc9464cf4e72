/**
 * The advisory groups every area starts with, read from the same reference file as the
 * directory: for London, the five corporate IAGs (IAG-01). Added once by code; later edits by
 * people are kept.
 */
import fs from 'node:fs';
import { inArray } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.js';
import { SYSTEM_ACTOR } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import type { DirectoryService } from '../directory/index.js';
import { GROUP_TYPES, MEETING_INTERVALS, type GroupType, type MeetingInterval } from './rules.js';
import { advisoryGroups, groupDocuments } from './schema.js';

interface ReferenceGroup {
  code: string;
  name: string;
  type: GroupType;
  /** The code of the owning organisation in the directory's reference data. */
  owner: string;
  focus?: string;
  purpose: string;
  meetingIntervalMonths: MeetingInterval;
  minAge?: number;
  maxAge?: number;
}

export function readReferenceGroups(file: string): ReferenceGroup[] {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { groups?: unknown };
  if (raw.groups === undefined) return [];
  if (!Array.isArray(raw.groups)) throw new Error(`${file}: "groups" must be a list`);
  for (const g of raw.groups as Partial<ReferenceGroup>[]) {
    if (
      !g.code ||
      !g.name ||
      !g.owner ||
      !g.purpose ||
      !(GROUP_TYPES as readonly string[]).includes(g.type ?? '') ||
      !(MEETING_INTERVALS as readonly number[]).includes(g.meetingIntervalMonths ?? 0)
    )
      throw new Error(
        `${file}: each group needs a code, name, known type, owner, purpose and meeting interval (${JSON.stringify(g)})`,
      );
  }
  return raw.groups as ReferenceGroup[];
}

interface ReferenceGuide {
  code: string;
  title: string;
  owner: string;
}

/** IAG-24: the guides every group works to, each reviewed yearly. */
export function readReferenceGuides(file: string): ReferenceGuide[] {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { guides?: Partial<ReferenceGuide>[] };
  for (const g of raw.guides ?? [])
    if (!g.code || !g.title || !g.owner)
      throw new Error(`${file}: each guide needs a code, title and owner (${JSON.stringify(g)})`);
  return (raw.guides ?? []) as ReferenceGuide[];
}

export async function loadReferenceGuides(
  db: Db,
  directory: DirectoryService,
  guides: ReferenceGuide[],
): Promise<number> {
  if (guides.length === 0) return 0;
  const present = await db
    .select({ code: groupDocuments.code })
    .from(groupDocuments)
    .where(
      inArray(
        groupDocuments.code,
        guides.map((g) => g.code),
      ),
    );
  const have = new Set(present.map((p) => p.code));
  const missing = guides.filter((g) => !have.has(g.code));
  if (missing.length === 0) return 0;
  return db.transaction(async (tx) => {
    for (const g of missing) {
      const ownerId = await directory.lookups.organisationIdByCode(tx, g.owner);
      await tx
        .insert(groupDocuments)
        .values({ code: g.code, kind: 'guide', title: g.title, ownerId: ownerId ?? null });
    }
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: 'reference-guides.loaded',
      recordType: 'reference-data',
      recordId: 'guides',
      after: { added: missing.map((g) => g.code) },
    });
    return missing.length;
  });
}

export async function loadReferenceGroups(
  db: Db,
  directory: DirectoryService,
  groups: ReferenceGroup[],
): Promise<number> {
  if (groups.length === 0) return 0;
  const present = await db
    .select({ code: advisoryGroups.code })
    .from(advisoryGroups)
    .where(
      inArray(
        advisoryGroups.code,
        groups.map((g) => g.code),
      ),
    );
  const have = new Set(present.map((p) => p.code));
  const missing = groups.filter((g) => !have.has(g.code));
  if (missing.length === 0) return 0;
  return db.transaction(async (tx) => {
    for (const g of missing) {
      const ownerId = await directory.lookups.organisationIdByCode(tx, g.owner);
      if (!ownerId)
        throw new Error(`Reference group ${g.code}: no organisation with code ${g.owner}`);
      await tx.insert(advisoryGroups).values({
        code: g.code,
        name: g.name,
        type: g.type,
        ownerId,
        focus: g.focus ?? null,
        purpose: g.purpose,
        meetingIntervalMonths: g.meetingIntervalMonths,
        minAge: g.minAge ?? null,
        maxAge: g.maxAge ?? null,
      });
    }
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: 'reference-groups.loaded',
      recordType: 'reference-data',
      recordId: 'groups',
      after: { added: missing.map((g) => g.code) },
    });
    return missing.length;
  });
}
