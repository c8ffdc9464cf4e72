/**
 * LEG-04: a month of stop and search brought in from police.uk's file by an authority officer
 * (`stop-search.import`). The file is read whole first: any bad line refuses it, each named, and
 * nothing is written. The same month imported again replaces the first import's searches.
 */
import { desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import type { PageRequest } from '../../../platform/db/search.js';
import { ValidationError } from '../../../platform/errors.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { say } from '../../../platform/i18n/said.js';
import { IMPORT_LOCK } from '../reference/placing.js';
import { readPoliceUkFile, type LineProblem, type Search } from '../rules.js';
import { stopSearchImports, stopSearches } from '../schema.js';

/** A file that cannot be imported: every bad line, against the file field. */
export class StopSearchFileError extends ValidationError {
  constructor(problems: LineProblem[], t: Translate) {
    super(
      problems.map((p) => ({
        field: 'file',
        message: t('stop-search:imports.line', { line: p.line, problem: say(t, p.message) }),
      })),
    );
  }
}

/** Rows per insert: 18 columns × 2,000 stays well within PostgreSQL's 65,535 bind parameters. */
const SLICE = 2000;

/** police.uk names its files by month first ("2024-03-metropolitan-stop-and-search.csv"). */
export function monthOfFileName(fileName: string): string | null {
  const m = /^(\d{4})-(\d{2})-/.exec(fileName);
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${m[2]}-01` : null;
}

export type ImportsService = ReturnType<typeof createImportsService>;

export function createImportsService(deps: {
  db: Db;
  t: Translate;
  now: () => Date;
  /** Places the month's searches in their boroughs by the boundaries loaded, if any. */
  place: (tx: Executor, month: string) => Promise<unknown>;
}) {
  const { db, t, now } = deps;

  return {
    /**
     * LEG-04: imports one month. Returns the month, how many searches it holds, and how many
     * it replaced (0 the first time).
     */
    async importFile(principal: Principal, fileName: string, text: string, requestId?: string) {
      const user = requireUser(principal, 'stop-search.import');
      const file = readPoliceUkFile(text);
      if (file.month === null) throw new StopSearchFileError(file.problems, t);
      const named = monthOfFileName(fileName);
      if (named && named !== file.month)
        throw new ValidationError([
          {
            field: 'file',
            message: say(t, {
              key: 'stop-search:imports.nameOtherMonth',
              values: { named: { month: named }, month: { month: file.month } },
            }),
          },
        ]);
      const month = file.month;
      return db.transaction(async (tx) => {
        // Two imports of one month at once take turns, so neither can double it.
        await tx.execute(IMPORT_LOCK);
        const [before] = await tx
          .select()
          .from(stopSearchImports)
          .where(eq(stopSearchImports.month, month));
        const at = now();
        let importId: string;
        if (before) {
          await tx.delete(stopSearches).where(eq(stopSearches.importId, before.id));
          await tx
            .update(stopSearchImports)
            .set({
              fileName,
              searches: file.searches.length,
              imports: sql`${stopSearchImports.imports} + 1`,
              importedBy: user.userId,
              importedAt: at,
            })
            .where(eq(stopSearchImports.id, before.id));
          importId = before.id;
        } else {
          const [row] = await tx
            .insert(stopSearchImports)
            .values({
              month,
              fileName,
              searches: file.searches.length,
              importedBy: user.userId,
              importedAt: at,
            })
            .returning({ id: stopSearchImports.id });
          importId = row!.id;
        }
        for (let i = 0; i < file.searches.length; i += SLICE)
          await tx
            .insert(stopSearches)
            .values(file.searches.slice(i, i + SLICE).map((s) => searchRow(s, importId, month)));
        await deps.place(tx, month);
        await recordAudit(tx, actorOf(user, requestId), {
          action: before ? 'stop-search.month-replaced' : 'stop-search.month-imported',
          recordType: 'stop-search-import',
          recordId: importId,
          before: before ? { fileName: before.fileName, searches: before.searches } : undefined,
          after: { month, fileName, searches: file.searches.length },
        });
        return { month, searches: file.searches.length, replaced: before?.searches ?? 0 };
      });
    },

    /** The reporting years (by the year they start in) with a month imported, newest first. */
    async years(): Promise<number[]> {
      const rows = await db
        .selectDistinct({
          startYear: sql<number>`(extract(year from ${stopSearchImports.month}) - case when extract(month from ${stopSearchImports.month}) < 4 then 1 else 0 end)::int`,
        })
        .from(stopSearchImports);
      return rows.map((r) => Number(r.startYear)).sort((a, b) => b - a);
    },

    /** The months imported, newest first, a page at a time. */
    async months(page: PageRequest) {
      const [items, [total]] = await Promise.all([
        db
          .select()
          .from(stopSearchImports)
          .orderBy(desc(stopSearchImports.month))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: sql<number>`count(*)::int` }).from(stopSearchImports),
      ]);
      return { items, total: total?.n ?? 0 };
    },
  };
}

function searchRow(s: Search, importId: string, month: string) {
  return {
    importId,
    month,
    occurredAt: s.occurredAt,
    type: s.type,
    partOfOperation: s.partOfOperation,
    operation: s.operation,
    latitude: s.latitude,
    longitude: s.longitude,
    gender: s.gender,
    ageRange: s.ageRange,
    selfDefinedEthnicity: s.selfDefinedEthnicity,
    selfDefinedGroup: s.selfDefinedGroup,
    officerDefinedEthnicity: s.officerDefinedEthnicity,
    legislation: s.legislation,
    objectOfSearch: s.objectOfSearch,
    outcome: s.outcome,
    outcomeLinked: s.outcomeLinked,
    removalOfClothing: s.removalOfClothing,
  };
}
