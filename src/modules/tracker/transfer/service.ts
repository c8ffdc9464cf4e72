/**
 * TRK-01: bringing a whole source in from CSV (every line checked first, owners included), or
 * taking it out again in the same format.
 */
import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import { type Executor } from '../../../platform/db/database.js';
import { ConflictError, ValidationError } from '../../../platform/errors.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { duplicateSourceProblem, sourceIdentity } from '../rules.js';
import {
  trackerActions,
  trackerKeyPoints,
  trackerLeads,
  trackerParts,
  trackerRecommendations,
  trackerSources,
  trackerUpdates,
} from '../schema.js';
import {
  createTrackerAccess,
  NAMES_SEPARATOR,
  type Lead,
  type TrackerServiceDeps,
} from '../access.js';
import { completionColumns } from '../progress.js';
import {
  parseTrackerCsv,
  referencesIn,
  type ActionRecord,
  type OwnerMention,
  type TrackerCsvProblem,
  type TrackerFile,
} from '../transfer/csv.js';
import { writeTrackerCsv } from './csv-write.js';
import { say } from '../../../platform/i18n/said.js';

/** A CSV that cannot be imported: every bad line, against the file field, in the words of `t`. */
export class TrackerImportError extends ValidationError {
  constructor(
    readonly problems: TrackerCsvProblem[],
    t: Translate,
  ) {
    super(
      problems.map((p) => ({
        field: 'file',
        message: t('tracker:transfer.csv.line', {
          line: p.line,
          problem: say(t, p.message),
        }),
      })),
    );
  }
}

/** Rows per insert: a large source stays within PostgreSQL's 65,535 bind parameters. */
const SLICE = 1000;

async function insertInSlices<T, R>(rows: T[], insert: (slice: T[]) => Promise<R[]>) {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += SLICE)
    out.push(...(await insert(rows.slice(i, i + SLICE))));
  return out;
}

export type TransferService = ReturnType<typeof createTransferService>;

export function createTransferService(deps: TrackerServiceDeps) {
  const { db, directory, t } = deps;
  const { now, today, findSource, ownerNames, treeOf } = createTrackerAccess(deps);

  return {
    /**
     * Brings in a whole source from CSV. Every row is checked first, owners included; if any is
     * bad, each is reported by its line and nothing is imported.
     */
    async importCsv(principal: Principal, csv: string, requestId?: string) {
      const user = requireUser(principal, 'tracker.manage');
      const { file, problems, owners } = parseTrackerCsv(csv, today());
      // Every bad line at once: the file's own problems and any owner not in the directory.
      const references = await resolveOwners(db, owners);
      const all = [...problems, ...references.problems].sort((a, b) => a.line - b.line);
      if (all.length || !file) throw new TrackerImportError(all, t);
      return db.transaction(async (tx) => {
        // TRK-01: a source is tracked once. Imports take turns, so the same file sent twice at
        // once cannot pass this check twice.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tracker.import'))`);
        const identity = sourceIdentity(file.source);
        const sameKind = await tx
          .select({
            title: trackerSources.title,
            kind: trackerSources.kind,
            reference: trackerSources.reference,
            createdAt: trackerSources.createdAt,
          })
          .from(trackerSources)
          // A police area has tens of sources of a kind, not thousands: compared here, by the
          // one rule (sourceIdentity), not by a second spelling of it in SQL.
          .where(eq(trackerSources.kind, file.source.kind));
        const existing = sameKind.find((s) => sourceIdentity(s) === identity);
        if (existing) {
          const duplicate = duplicateSourceProblem({
            ...existing,
            createdOn: todayInLondon(existing.createdAt),
          });
          const kind = t(`tracker:sourceKind.${duplicate.kind}`);
          throw new ValidationError([
            {
              field: 'file',
              message: say(t, { key: duplicate.key, values: { ...duplicate.values, kind } }),
            },
          ]);
        }
        const at = now();
        const [source] = await tx
          .insert(trackerSources)
          .values({
            title: file.source.title,
            kind: file.source.kind,
            reference: file.source.reference,
            sourceDate: file.source.date,
            ownerOrganisationId: references.organisation(file.source.owner),
            reportsTo: file.source.reportsTo,
            monitoredBy: file.source.monitoredBy,
            isPublic: file.source.isPublic,
            dueOn: file.source.dueOn,
            coversYear: file.source.coversYear,
            summary: file.source.summary,
            introduction: file.source.introduction,
            createdBy: user.userId,
            createdAt: at,
            updatedAt: at,
          })
          .returning();
        const sourceId = source!.id;
        // Issue 23: its parts, in the file's order, each numbering its recommendations afresh.
        const partTitles = [
          ...new Set(file.recommendations.flatMap((r) => (r.part === null ? [] : [r.part]))),
        ];
        const parts = partTitles.length
          ? await tx
              .insert(trackerParts)
              .values(
                partTitles.map((title, i) => ({
                  sourceId,
                  title,
                  position: i + 1,
                  createdAt: at,
                  updatedAt: at,
                })),
              )
              .returning({ id: trackerParts.id, title: trackerParts.title })
          : [];
        const partId = new Map(parts.map((p) => [p.title, p.id]));
        /** A recommendation by its part and number: numbers are unique within a part. */
        const key = (part: string | null, number: string) => `${part ?? ''}\u0000${number}`;
        const recommendations = await insertInSlices(
          file.recommendations.map((r, i) => ({
            sourceId,
            partId: r.part === null ? null : partId.get(r.part)!,
            number: r.number,
            position: i + 1,
            section: r.section,
            text: r.text,
            // Superseding is set once every recommendation has its id.
            status: r.status === 'superseded' ? ('accepted' as const) : r.status,
            rationale: r.rationale,
            createdAt: at,
            updatedAt: at,
          })),
          (slice) =>
            tx
              .insert(trackerRecommendations)
              .values(slice)
              .returning({ id: trackerRecommendations.id, number: trackerRecommendations.number }),
        );
        // The file's order is kept: the rows come back in the order they were inserted.
        const ids = new Map(
          file.recommendations.map((r, i) => [key(r.part, r.number), recommendations[i]!.id]),
        );
        const idOf = (r: { part: string | null; number: string }) =>
          ids.get(key(r.part, r.number))!;
        for (const r of file.recommendations.filter((r) => r.status === 'superseded'))
          await tx
            .update(trackerRecommendations)
            .set({ status: 'superseded', supersededById: ids.get(key(r.part, r.supersededBy!))! })
            .where(eq(trackerRecommendations.id, idOf(r)));
        // A standing other than accepted is in each recommendation's history from the start.
        const standings = file.recommendations.filter((r) => r.status !== 'accepted');
        await insertInSlices(standings, (slice) =>
          tx
            .insert(trackerUpdates)
            .values(
              slice.map((r) => ({
                recommendationId: idOf(r),
                sourceId,
                kind: 'standing' as const,
                recordedAt: at,
                authorUserId: user.userId,
                authorLabel: user.displayName,
                standing: r.status,
                supersededByNumber: r.supersededBy,
                rationale: r.rationale,
              })),
            )
            .returning({ id: trackerUpdates.id }),
        );
        const keyPointRows = file.recommendations.flatMap((r) =>
          r.keyPoints.map((k, i) => ({
            recommendationId: idOf(r),
            position: i + 1,
            number: k.number,
            text: k.text,
            createdAt: at,
            updatedAt: at,
          })),
        );
        const keyPointIds = await insertInSlices(keyPointRows, (slice) =>
          tx.insert(trackerKeyPoints).values(slice).returning({ id: trackerKeyPoints.id }),
        );
        // CON-08: each key point's leads and each action's owners, in the file's order.
        const leadRows: (typeof trackerLeads.$inferInsert)[] = [];
        const leadsOf = (cell: string | null, of: { keyPointId: string } | { actionId: string }) =>
          references
            .all(cell)
            .forEach((lead, i) =>
              leadRows.push({ ...of, ...lead, position: i + 1, createdAt: at }),
            );
        const points = file.recommendations.flatMap((r) => r.keyPoints);
        points.forEach((point, i) => leadsOf(point.lead, { keyPointId: keyPointIds[i]!.id }));
        const actionOwners: (string | null)[] = [];
        let k = 0;
        const actionRows = file.recommendations.flatMap((r) =>
          // Its own actions (issue 23), then each key point's.
          [
            { keyPointId: null, actions: r.actions },
            ...r.keyPoints.map((point) => ({
              keyPointId: keyPointIds[k++]!.id,
              actions: point.actions,
            })),
          ].flatMap(({ keyPointId, actions }) => {
            actionOwners.push(...actions.map((a) => a.owner));
            return actions.map((a, i) => ({
              keyPointId,
              sourceId,
              recommendationId: idOf(r),
              position: i + 1,
              number: a.number,
              description: a.description,
              dueOn: a.dueOn,
              result: a.result,
              ...completionColumns(a.completedOn),
              narrative: a.narrative,
              createdAt: at,
              updatedAt: at,
            }));
          }),
        );
        for (let i = 0; i < actionRows.length; i += SLICE) {
          const slice = actionRows.slice(i, i + SLICE);
          const inserted = await tx
            .insert(trackerActions)
            .values(slice)
            .returning({ id: trackerActions.id });
          inserted.forEach((a, j) => leadsOf(actionOwners[i + j] ?? null, { actionId: a.id }));
          await tx.insert(trackerUpdates).values(
            slice.map((a, j) => ({
              actionId: inserted[j]!.id,
              recommendationId: a.recommendationId,
              sourceId,
              kind: 'imported' as const,
              recordedAt: at,
              authorUserId: user.userId,
              authorLabel: user.displayName,
              result: a.result,
              completedOn: a.completedOn,
              completedPrecision: a.completedPrecision,
              narrative: a.narrative,
            })),
          );
        }
        await insertInSlices(leadRows, (slice) =>
          tx.insert(trackerLeads).values(slice).returning({ id: trackerLeads.id }),
        );
        const summary = {
          recommendations: recommendations.length,
          keyPoints: keyPointRows.length,
          actions: actionRows.length,
        };
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'tracker.source.imported',
          recordType: 'tracker_source',
          recordId: sourceId,
          after: { source, ...summary },
        });
        return { source: source!, ...summary };
      });
    },

    /**
     * The source and its tree, in the import format. The format has no withdrawal, so what is
     * withdrawn is left out (imported again, it would come back live): a withdrawn source is not
     * exported, and a withdrawn part's items, a withdrawn item, key point or action are left out.
     */
    async exportCsv(principal: Principal, sourceId: string) {
      requireUser(principal, 'tracker.view');
      const source = await findSource(db, sourceId);
      if (source.withdrawnAt) throw new ConflictError(t('tracker:transfer.export.withdrawn'));
      const tree = await treeOf(db, sourceId);
      const live = <T extends { withdrawnAt: Date | null }>(items: readonly T[]) =>
        items.filter((i) => !i.withdrawnAt);
      const sourceOwner = { personId: null, organisationId: source.ownerOrganisationId };
      const ownerReference = (await ownerNames(db, [sourceOwner])).reference(sourceOwner);
      const cellOf = await leadCells(tree);
      type Action = (typeof tree.recommendations)[number]['actions'][number];
      const actionRecord = (a: Action): ActionRecord => ({
        line: 0,
        number: a.number,
        description: a.description,
        owner: cellOf(a.owners),
        dueOn: a.dueOn,
        result: a.result,
        completedOn: a.completed,
        narrative: a.narrative,
      });
      const file: TrackerFile = {
        source: {
          title: source.title,
          kind: source.kind,
          reference: source.reference,
          date: source.sourceDate,
          owner: ownerReference,
          reportsTo: source.reportsTo,
          monitoredBy: source.monitoredBy,
          isPublic: source.isPublic,
          dueOn: source.dueOn,
          coversYear: source.coversYear,
          summary: source.summary,
          introduction: source.introduction,
        },
        recommendations: live(tree.recommendations.filter((r) => !r.inWithdrawnPart)).map((r) => ({
          line: 0,
          part: r.part?.title ?? null,
          number: r.number,
          section: r.section,
          text: r.text,
          status: r.status,
          supersededBy: r.supersededByNumber,
          rationale: r.rationale,
          actions: live(r.actions).map(actionRecord),
          keyPoints: live(r.keyPoints).map((k) => ({
            line: 0,
            number: k.number,
            text: k.text,
            lead: cellOf(k.leads),
            actions: live(k.actions).map(actionRecord),
          })),
        })),
      };
      return { source, csv: writeTrackerCsv(file) };
    },
  };

  /**
   * Leads and owners as the file writes them: an organisation by its code, a person by e-mail
   * address, else by their full name where nobody else in the directory has it, else by their
   * directory id; several "; " between, so the file imports again to the same people.
   */
  async function leadCells(tree: Awaited<ReturnType<typeof treeOf>>) {
    const all = tree.recommendations.flatMap((r) =>
      r.keyPoints.flatMap((k) => [...k.leads, ...k.actions.flatMap((a) => a.owners)]),
    );
    const unaddressed = all.filter(
      (l) => l.personId && tree.names.reference(l) === l.personId && tree.names.name(l),
    );
    const named = await directory.lookups.peopleNamed(
      db,
      unaddressed.map((l) => tree.names.name(l)!),
    );
    const reference = (lead: Lead) => {
      const plain = tree.names.reference(lead);
      const name = tree.names.name(lead);
      if (!lead.personId || plain !== lead.personId || !name) return plain;
      const same = named.get(name) ?? [];
      return same.length === 1 && same[0]!.id === lead.personId ? name : plain;
    };
    return (leads: readonly Lead[]) =>
      leads.length
        ? leads
            .map(reference)
            .filter((r): r is string => !!r)
            .join(NAMES_SEPARATOR)
        : null;
  }

  /**
   * Every owner and lead the file names, found in the directory: by code, e-mail address or id,
   * else (a lead or owner) by full name; one unknown, or a name several people have, fails its
   * line.
   */
  async function resolveOwners(executor: Executor, owners: readonly OwnerMention[]) {
    const found = await directory.lookups.resolveReferences(
      executor,
      owners.map((o) => o.reference),
    );
    const unresolved = owners.filter(
      (o) => o.column !== 'source_owner' && !found.has(o.reference.trim()),
    );
    const byName = await directory.lookups.peopleNamed(
      executor,
      unresolved.map((o) => o.reference.trim()),
    );
    for (const [name, people] of byName)
      if (people.length === 1) found.set(name, { personId: people[0]!.id, organisationId: null });
    const problems = owners
      .filter(
        (o) =>
          !found.has(o.reference.trim()) ||
          (o.column === 'source_owner' && !found.get(o.reference.trim())!.organisationId),
      )
      .map((o): TrackerCsvProblem => {
        const several = byName.get(o.reference.trim())?.length ?? 0;
        return {
          line: o.line,
          message:
            o.column === 'source_owner'
              ? {
                  key: 'tracker:transfer.csv.notAnOrganisation',
                  values: { reference: o.reference },
                }
              : several > 1
                ? {
                    key: 'tracker:transfer.csv.severalNamed',
                    values: { column: o.column, reference: o.reference, count: several },
                  }
                : {
                    key: 'tracker:transfer.csv.notInDirectory',
                    values: { column: o.column, reference: o.reference },
                  },
        };
      });
    const get = (reference: string | null) => (reference ? found.get(reference.trim()) : undefined);
    /** A reference that names both a person and an organisation is the person. */
    const leadOf = (reference: string): Lead | null => {
      const f = get(reference);
      if (!f) return null;
      return f.personId
        ? { personId: f.personId, organisationId: null }
        : { personId: null, organisationId: f.organisationId };
    };
    return {
      problems,
      organisation: (reference: string | null) => {
        const f = get(reference);
        return f && !f.personId ? f.organisationId : null;
      },
      /** A cell's leads or owners, each once, in order. */
      all(cell: string | null): Lead[] {
        const seen = new Set<string>();
        return referencesIn(cell).flatMap((reference) => {
          const lead = leadOf(reference);
          const key = lead && (lead.personId ?? lead.organisationId)!;
          if (!lead || seen.has(key!)) return [];
          seen.add(key!);
          return [lead];
        });
      },
    };
  }
}
