/**
 * LEG-04: the reference data stop and search is read by borough with, loaded by the authority's
 * officers (`stop-search.import`): the boroughs' boundaries and their census population by
 * ethnic group. Each file replaces the one before all at once, in one transaction with its audit
 * event; areas that are not Bridge's boroughs are listed and left out. Once boundaries are
 * stored, every search is placed in its borough a month at a time (never one transaction over
 * millions of searches); until then figures are for the force as a whole.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { ValidationError, type FieldError } from '../../../platform/errors.js';
import { dateField } from '../../../platform/http/form-fields.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { say } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import type { PopulationFigures } from '../population.js';
import { readBoundaryFile, readCensusFile } from '../reference-rules.js';
import { ETHNIC_GROUPS, type EthnicGroup } from '../rules.js';
import {
  stopSearchBoundaries,
  stopSearchImports,
  stopSearchPopulation,
  stopSearchReferenceFiles as files,
  type ReferenceKind,
  type SkippedArea,
} from '../schema.js';
import { IMPORT_LOCK, placeMonth, readBoundaries } from './placing.js';

type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value.trim() : '');
/** The longest source an officer may give. */
export const MOST_SOURCE = 500;

export interface Borough {
  id: string;
  name: string;
}

/** How placing the searches went: the months and searches read, and how long it took. */
export interface Placed {
  months: number;
  located: number;
  milliseconds: number;
}

export type ReferenceService = ReturnType<typeof createReferenceService>;

export function createReferenceService(deps: {
  db: Db;
  t: Translate;
  now: () => Date;
  directory: DirectoryApi;
  /** The force area's figures shipped with Bridge, used until borough figures are loaded. */
  shippedPopulation: PopulationFigures;
}) {
  const { db, t, now } = deps;

  /** The directory's boroughs by their ONS code (those without a code cannot be matched). */
  async function boroughsByCode(): Promise<Map<string, Borough>> {
    const { organisations, lookups } = deps.directory.directory;
    const boroughs = await organisations.options(['borough']);
    const coded = await lookups.organisations(
      db,
      boroughs.map((b) => b.id),
    );
    return new Map(
      boroughs.flatMap((b) => {
        const code = coded.get(b.id)?.code;
        return code ? [[code, { id: b.id, name: b.name }] as const] : [];
      }),
    );
  }

  const fileError = (message: string) => new ValidationError([{ field: 'file', message }]);

  async function fileOf(executor: Executor, kind: ReferenceKind) {
    const [row] = await executor.select().from(files).where(eq(files.kind, kind));
    return row ?? null;
  }

  async function recordFile(
    tx: Executor,
    kind: ReferenceKind,
    values: Omit<typeof files.$inferInsert, 'kind'>,
  ) {
    await tx
      .insert(files)
      .values({ kind, ...values })
      .onConflictDoUpdate({ target: files.kind, set: values });
  }

  /** Names for the directory ids given, sorted by name. */
  async function named(ids: string[]): Promise<Borough[]> {
    const found = await deps.directory.directory.lookups.organisations(db, ids);
    return ids
      .map((id) => ({ id, name: found.get(id)?.name ?? id }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  const service = {
    /**
     * LEG-04: places every search with a location in its borough, a month at a time, each month
     * in its own short transaction under the imports' lock, by the boundaries stored when it
     * runs. When every month is done, the boundaries' file is marked placed.
     */
    async placeAll(): Promise<Placed> {
      const started = Date.now();
      const startedWith = await fileOf(db, 'boundaries');
      const months = await db
        .select({ month: stopSearchImports.month })
        .from(stopSearchImports)
        .orderBy(asc(stopSearchImports.month));
      let located = 0;
      let boundaries: Awaited<ReturnType<typeof readBoundaries>> = [];
      let readAt: number | null = null;
      for (const { month } of months)
        located += await db.transaction(async (tx) => {
          await tx.execute(IMPORT_LOCK);
          // Read again only if other boundaries were loaded meanwhile.
          const current = (await fileOf(tx, 'boundaries'))?.loadedAt.getTime() ?? 0;
          if (current !== readAt) {
            boundaries = await readBoundaries(tx);
            readAt = current;
          }
          return placeMonth(tx, month, boundaries);
        });
      if (startedWith)
        await db
          .update(files)
          .set({ placedAt: now() })
          .where(and(eq(files.kind, 'boundaries'), eq(files.loadedAt, startedWith.loadedAt)));
      return { months: months.length, located, milliseconds: Date.now() - started };
    },

    /** LEG-04: an officer places every search again (when placing them was interrupted). */
    async placeAgain(principal: Principal): Promise<Placed> {
      requireUser(principal, 'stop-search.import');
      return service.placeAll();
    },

    /**
     * LEG-04: an officer loads the boroughs' boundaries from ONS's GeoJSON. Refused whole, each
     * bad feature named, when any is wrong or none is a Bridge borough; otherwise they replace
     * the boundaries before, and then every search is placed again.
     */
    async loadBoundaries(
      principal: Principal,
      fileName: string,
      text: string,
      requestId?: string,
    ): Promise<{ boroughs: number; skipped: SkippedArea[]; placed: Placed }> {
      const user = requireUser(principal, 'stop-search.import');
      const file = readBoundaryFile(text);
      if (file.problems.length)
        throw new ValidationError(
          file.problems.map((p) => ({
            field: 'file',
            message:
              p.feature === null
                ? say(t, p.message)
                : t('stop-search:reference.feature', {
                    feature: p.feature,
                    problem: say(t, p.message),
                  }),
          })),
        );
      const boroughs = await boroughsByCode();
      const matched = file.features.filter((f) => boroughs.has(f.code));
      const skipped = file.features
        .filter((f) => !boroughs.has(f.code))
        .map((f) => ({ code: f.code, name: f.name }));
      if (!matched.length)
        throw fileError(
          t('stop-search:reference.boundaries.noneMatch', {
            codes: skipped
              .slice(0, 5)
              .map((s) => s.code)
              .join(', '),
          }),
        );
      await db.transaction(async (tx) => {
        await tx.execute(IMPORT_LOCK);
        const before = await fileOf(tx, 'boundaries');
        await tx.delete(stopSearchBoundaries);
        for (const f of matched)
          await tx.insert(stopSearchBoundaries).values({
            boroughId: boroughs.get(f.code)!.id,
            code: f.code,
            geometry: f.geometry,
            ...f.box,
          });
        await recordFile(tx, 'boundaries', {
          fileName,
          source: null,
          asOf: null,
          boroughs: matched.length,
          skipped,
          placedAt: null,
          loadedBy: user.userId,
          loadedAt: now(),
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'stop-search.boundaries-loaded',
          recordType: 'stop-search-reference',
          recordId: 'boundaries',
          before: before ? { fileName: before.fileName, boroughs: before.boroughs } : undefined,
          after: {
            fileName,
            boroughs: matched.map((f) => f.code),
            skipped: skipped.map((s) => s.code),
          },
        });
      });
      return { boroughs: matched.length, skipped, placed: await service.placeAll() };
    },

    /**
     * LEG-04: an officer loads the census population by borough and ethnic group (ONS TS021),
     * with its source and date. Refused whole, each bad line named; areas that are not Bridge
     * boroughs are listed and left out.
     */
    async loadPopulation(
      principal: Principal,
      fileName: string,
      text: string,
      input: Input,
      requestId?: string,
    ): Promise<{ boroughs: number; skipped: SkippedArea[] }> {
      const user = requireUser(principal, 'stop-search.import');
      // The error summary lists the fields in the form's order: the file first.
      const errors: FieldError[] = [];
      const file = text ? readCensusFile(text) : null;
      if (!file)
        errors.push({ field: 'file', message: t('stop-search:reference.population.noFile') });
      else
        for (const p of file.problems)
          errors.push({
            field: 'file',
            message: t('stop-search:imports.line', { line: p.line, problem: say(t, p.message) }),
          });
      const source = one(input.source).replace(/\s+/g, ' ');
      if (!source)
        errors.push({ field: 'source', message: t('stop-search:reference.population.noSource') });
      else if (source.length > MOST_SOURCE)
        errors.push({
          field: 'source',
          message: t('stop-search:reference.population.longSource', { most: MOST_SOURCE }),
        });
      const asOf = dateField(
        t,
        input,
        'asOf',
        t('stop-search:reference.population.asOfLabel'),
        errors,
      );
      if (asOf && asOf > todayInLondon(now()))
        errors.push({
          field: 'asOf-day',
          message: t('stop-search:reference.population.asOfFuture'),
        });
      if (errors.length) throw new ValidationError(errors);
      const boroughs = await boroughsByCode();
      const areas = file!.areas;
      const matched = areas.filter((a) => boroughs.has(a.code));
      const skipped = areas
        .filter((a) => !boroughs.has(a.code))
        .map((a) => ({ code: a.code, name: a.name }));
      if (!matched.length)
        throw fileError(
          t('stop-search:reference.population.noneMatch', {
            codes: skipped
              .slice(0, 5)
              .map((s) => s.code)
              .join(', '),
          }),
        );
      await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('stop-search.population'))`);
        const before = await fileOf(tx, 'population');
        await tx.delete(stopSearchPopulation);
        await tx.insert(stopSearchPopulation).values(
          matched.flatMap((a) =>
            ETHNIC_GROUPS.map((g) => ({
              boroughId: boroughs.get(a.code)!.id,
              ethnicGroup: g,
              people: a.people[g],
            })),
          ),
        );
        await recordFile(tx, 'population', {
          fileName,
          source,
          asOf: asOf!,
          boroughs: matched.length,
          skipped,
          placedAt: null,
          loadedBy: user.userId,
          loadedAt: now(),
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'stop-search.population-loaded',
          recordType: 'stop-search-reference',
          recordId: 'population',
          before: before
            ? { fileName: before.fileName, source: before.source, asOf: before.asOf }
            : undefined,
          after: {
            fileName,
            source,
            asOf,
            figures: Object.fromEntries(matched.map((a) => [a.code, a.people])),
            skipped: skipped.map((s) => s.code),
          },
        });
      });
      return { boroughs: matched.length, skipped };
    },

    /** The reference file of a kind in use, if any. */
    file: (kind: ReferenceKind) => fileOf(db, kind),

    /** The reference files in use, and the boroughs each gives. */
    async state() {
      const [boundaries, population, withBoundaries, withPopulation] = await Promise.all([
        fileOf(db, 'boundaries'),
        fileOf(db, 'population'),
        db.select({ id: stopSearchBoundaries.boroughId }).from(stopSearchBoundaries),
        db.selectDistinct({ id: stopSearchPopulation.boroughId }).from(stopSearchPopulation),
      ]);
      return {
        boundaries,
        population,
        boundaryBoroughs: await named(withBoundaries.map((b) => b.id)),
        populationBoroughs: await named(withPopulation.map((b) => b.id)),
      };
    },

    /** LEG-04: the boroughs figures can be read for: those with a boundary loaded, by name. */
    async boroughsWithBoundaries(): Promise<Borough[]> {
      const rows = await db
        .select({ id: stopSearchBoundaries.boroughId })
        .from(stopSearchBoundaries);
      return named(rows.map((r) => r.id));
    },

    /**
     * LEG-04: the population a year's searches are read against. A borough's is its loaded
     * figures (none loaded: null, never guessed); the force area's is the sum of the boroughs'
     * once loaded, until then the figures shipped with Bridge.
     */
    async population(boroughId: string | null): Promise<PopulationFigures | null> {
      const file = await fileOf(db, 'population');
      if (!file) return boroughId ? null : deps.shippedPopulation;
      const rows = await db
        .select({
          group: stopSearchPopulation.ethnicGroup,
          people: sql<number>`sum(${stopSearchPopulation.people})::int`,
        })
        .from(stopSearchPopulation)
        .where(boroughId ? eq(stopSearchPopulation.boroughId, boroughId) : undefined)
        .groupBy(stopSearchPopulation.ethnicGroup);
      if (!rows.length) return null;
      const people = Object.fromEntries(ETHNIC_GROUPS.map((g) => [g, 0])) as Record<
        EthnicGroup,
        number
      >;
      for (const r of rows) people[r.group as EthnicGroup] = Number(r.people);
      return { source: file.source ?? file.fileName, asOf: file.asOf ?? '', people };
    },
  };
  return service;
}
