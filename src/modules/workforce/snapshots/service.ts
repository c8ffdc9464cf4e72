/**
 * LEG-04: the workforce's snapshots, kept by the authority's officers (`workforce.manage`) and
 * read by staff (`workforce.view`): a snapshot added for a date and its rank bands' counts typed,
 * or a file of snapshots imported. A file is read whole first: any bad line refuses it, each
 * named, and nothing is written. A date imported again has its counts replaced, never added to.
 */
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { dateField } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { FormBody } from '../../../platform/http/render.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { say } from '../../../platform/i18n/said.js';
import {
  ALL_RANK_BANDS,
  ETHNIC_GROUPS,
  headcountOf,
  MAX_HEADCOUNT,
  readWorkforceFile,
  SEXES,
  workforceOf,
  type LineProblem,
  type RankBand,
  type WorkforceCount,
} from '../rules.js';
import { workforceCounts, workforceSnapshots } from '../schema.js';

/** A file that cannot be imported: every bad line, against the file field. */
export class WorkforceFileError extends ValidationError {
  constructor(problems: LineProblem[], t: Translate) {
    super(
      problems.map((p) => ({
        field: 'file',
        message: t('workforce:import.line', { line: p.line, problem: say(t, p.message) }),
      })),
    );
  }
}

/** The field of a band's form holding one sex and group's count: `female-asian`. */
export const countField = (sex: string, group: string) => `${sex}-${group}`;

/** Rows per insert: 6 columns × 5,000 stays well within PostgreSQL's 65,535 bind parameters. */
const SLICE = 5000;

export type SnapshotsService = ReturnType<typeof createSnapshotsService>;

export function createSnapshotsService(deps: { db: Db; t: Translate; now: () => Date }) {
  const { db, t, now } = deps;

  const snapshotOf = async (executor: Executor, id: string) => {
    const [row] = isUuid(id)
      ? await executor.select().from(workforceSnapshots).where(eq(workforceSnapshots.id, id))
      : [];
    if (!row) throw new NotFoundError();
    return row;
  };

  /** The counts kept, people only (a cell not kept is nobody). */
  const writeCounts = async (tx: Executor, snapshotId: string, counts: WorkforceCount[]) => {
    const rows = counts.filter((c) => c.headcount > 0).map((c) => ({ snapshotId, ...c }));
    for (let i = 0; i < rows.length; i += SLICE)
      await tx.insert(workforceCounts).values(rows.slice(i, i + SLICE));
  };

  return {
    /** The snapshots, newest first, a page at a time, each with its personnel. */
    async list(principal: Principal, page: PageRequest) {
      requireUser(principal, 'workforce.view');
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: workforceSnapshots.id,
            asAt: workforceSnapshots.asAt,
            source: workforceSnapshots.source,
            fileName: workforceSnapshots.fileName,
            recordedAt: workforceSnapshots.recordedAt,
            headcount: sql<number>`coalesce(sum(${workforceCounts.headcount}), 0)::int`,
          })
          .from(workforceSnapshots)
          .leftJoin(workforceCounts, eq(workforceCounts.snapshotId, workforceSnapshots.id))
          .groupBy(workforceSnapshots.id)
          .orderBy(desc(workforceSnapshots.asAt))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(workforceSnapshots),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },

    /** A snapshot with every count it keeps. */
    async get(principal: Principal, id: string) {
      requireUser(principal, 'workforce.view');
      const snapshot = await snapshotOf(db, id);
      const counts = await db
        .select({
          workforce: workforceCounts.workforce,
          rankBand: workforceCounts.rankBand,
          sex: workforceCounts.sex,
          ethnicGroup: workforceCounts.ethnicGroup,
          headcount: workforceCounts.headcount,
        })
        .from(workforceCounts)
        .where(eq(workforceCounts.snapshotId, snapshot.id));
      return { snapshot, counts: counts as WorkforceCount[] };
    },

    /** LEG-04: a snapshot added for a date, with nobody counted yet. */
    async add(principal: Principal, input: FormBody, requestId?: string) {
      const user = requireUser(principal, 'workforce.manage');
      const errors: { field: string; message: string }[] = [];
      const asAt = dateField(t, input, 'asAt', t('workforce:add.dateLabel'), errors);
      if (!asAt) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const [made] = await tx
          .insert(workforceSnapshots)
          .values({ asAt, source: 'typed', recordedBy: user.userId, recordedAt: now() })
          .onConflictDoNothing()
          .returning({ id: workforceSnapshots.id, asAt: workforceSnapshots.asAt });
        if (!made)
          throw new ValidationError([
            {
              field: 'asAt-day',
              message: say(t, { key: 'workforce:add.exists', values: { date: { date: asAt } } }),
            },
          ]);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'workforce.snapshot-added',
          recordType: 'workforce-snapshot',
          recordId: made.id,
          after: { asAt },
        });
        return made;
      });
    },

    /** LEG-04: a rank band's counts typed or corrected; the edit carries the snapshot's version. */
    async saveBand(
      principal: Principal,
      id: string,
      band: string,
      input: FormBody,
      requestId?: string,
    ) {
      const user = requireUser(principal, 'workforce.manage');
      const rankBand = (ALL_RANK_BANDS as readonly string[]).includes(band)
        ? (band as RankBand)
        : null;
      if (!rankBand) throw new NotFoundError();
      const workforce = workforceOf(rankBand);
      const errors: { field: string; message: string }[] = [];
      const counts: WorkforceCount[] = [];
      for (const sex of SEXES)
        for (const ethnicGroup of ETHNIC_GROUPS) {
          const field = countField(sex, ethnicGroup);
          const typed = typeof input[field] === 'string' ? (input[field] as string) : '';
          // A box left empty is nobody.
          const headcount = typed.trim() === '' ? 0 : headcountOf(typed);
          if (headcount === null)
            errors.push({
              field,
              message: t('workforce:band.notCount', {
                label: t('workforce:band.cellLabel', {
                  sex: t(`workforce:sexes.${sex}`),
                  group: t(`workforce:groups.${ethnicGroup}`),
                }),
                max: MAX_HEADCOUNT.toLocaleString('en-GB'),
              }),
            });
          else counts.push({ workforce, rankBand, sex, ethnicGroup, headcount });
        }
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        // Locked, so of two saves at once the second waits, then finds the version moved on.
        const [snapshot] = isUuid(id)
          ? await tx
              .select()
              .from(workforceSnapshots)
              .where(eq(workforceSnapshots.id, id))
              .for('update')
          : [];
        if (!snapshot) throw new NotFoundError();
        if (String(snapshot.version) !== input.version)
          throw new ConflictError(t('workforce:band.stale'));
        const mine = and(
          eq(workforceCounts.snapshotId, snapshot.id),
          eq(workforceCounts.rankBand, rankBand),
        );
        const [before] = await tx
          .select({ n: sql<number>`coalesce(sum(${workforceCounts.headcount}), 0)::int` })
          .from(workforceCounts)
          .where(mine);
        await tx.delete(workforceCounts).where(mine);
        await writeCounts(tx, snapshot.id, counts);
        await tx
          .update(workforceSnapshots)
          .set({
            source: 'typed',
            fileName: null,
            version: sql`${workforceSnapshots.version} + 1`,
            recordedBy: user.userId,
            recordedAt: now(),
          })
          .where(eq(workforceSnapshots.id, snapshot.id));
        const after = counts.reduce((s, c) => s + c.headcount, 0);
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'workforce.band-saved',
          recordType: 'workforce-snapshot',
          recordId: snapshot.id,
          before: { rankBand, headcount: Number(before?.n ?? 0) },
          after: { rankBand, headcount: after },
        });
        return { snapshot, rankBand, headcount: after };
      });
    },

    /**
     * LEG-04: imports a file of snapshots. Returns the dates imported and how many of them
     * replaced a snapshot kept before.
     */
    async importFile(principal: Principal, fileName: string, text: string, requestId?: string) {
      const user = requireUser(principal, 'workforce.manage');
      const file = readWorkforceFile(text);
      if (file.problems.length) throw new WorkforceFileError(file.problems, t);
      return db.transaction(async (tx) => {
        const at = now();
        const done: { id: string; asAt: string; replaced: boolean }[] = [];
        for (const { asAt, counts } of file.snapshots) {
          const [before] = await tx
            .select({ id: workforceSnapshots.id })
            .from(workforceSnapshots)
            .where(eq(workforceSnapshots.asAt, asAt));
          // Two imports of one date at once: the second waits on the first's row, then replaces.
          const [row] = await tx
            .insert(workforceSnapshots)
            .values({ asAt, source: 'imported', fileName, recordedBy: user.userId, recordedAt: at })
            .onConflictDoUpdate({
              target: workforceSnapshots.asAt,
              set: {
                source: 'imported',
                fileName,
                version: sql`${workforceSnapshots.version} + 1`,
                recordedBy: user.userId,
                recordedAt: at,
              },
            })
            .returning({ id: workforceSnapshots.id });
          await tx.delete(workforceCounts).where(eq(workforceCounts.snapshotId, row!.id));
          await writeCounts(tx, row!.id, counts);
          done.push({ id: row!.id, asAt, replaced: !!before });
        }
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'workforce.imported',
          recordType: 'workforce-import',
          recordId: done.map((d) => d.asAt).join(','),
          after: {
            fileName,
            snapshots: done.map((d) => ({ asAt: d.asAt, replaced: d.replaced })),
          },
        });
        return { dates: done.map((d) => d.asAt), replaced: done.filter((d) => d.replaced).length };
      });
    },
  };
}
