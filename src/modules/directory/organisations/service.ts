/**
 * Organisations in the directory: everyone who may see the directory can search them; those who
 * may edit it add, change, archive and restore them, each change with its audit event.
 */
import { and, asc, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { prefixTsQuery } from '../../../platform/db/search.js';
import { ConflictError, ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  archivedVisible,
  entryArchiver,
  findOrganisation,
  organisationColumns,
  requireEdit,
  requireView,
  staleEdit,
  type ListQuery,
  type Organisation,
} from '../access.js';
import type { OrganisationKind } from '../kinds.js';
import { validateOrganisation, type OrganisationInput } from '../rules.js';
import { organisations, people } from '../schema.js';

export type OrganisationService = ReturnType<typeof createOrganisationService>;

export function createOrganisationService(deps: { db: Db; now: () => Date; t: Translate }) {
  const { db, now, t } = deps;

  async function checkParent(executor: Executor, parentId: string | null, selfId?: string) {
    if (!parentId) return;
    const [parent] =
      isUuid(parentId) && parentId !== selfId
        ? await executor
            .select({ id: organisations.id })
            .from(organisations)
            .where(and(eq(organisations.id, parentId), isNull(organisations.archivedAt)))
        : [];
    if (!parent)
      throw new ValidationError([
        { field: 'parentId', message: t('directory:organisations.errors.parent') },
      ]);
  }

  function searchTerms(q: string | undefined) {
    const query = q ? prefixTsQuery(q) : null;
    return query
      ? {
          match: sql`${organisations.search} @@ to_tsquery('english', ${query})`,
          rank: sql`ts_rank(${organisations.search}, to_tsquery('english', ${query})) desc`,
        }
      : undefined;
  }

  return {
    async list(principal: Principal, query: ListQuery) {
      requireView(principal);
      const search = searchTerms(query.q);
      const conditions = [
        search?.match,
        query.kind ? eq(organisations.kind, query.kind as OrganisationKind) : undefined,
        archivedVisible(principal, query.includeArchived)
          ? undefined
          : isNull(organisations.archivedAt),
      ].filter((c): c is SQL => c !== undefined);
      const where = conditions.length ? and(...conditions) : undefined;
      const order = [search?.rank, asc(organisations.name)].filter(
        (o): o is SQL => o !== undefined,
      );
      const [items, [total]] = await Promise.all([
        db
          .select(organisationColumns)
          .from(organisations)
          .where(where)
          .orderBy(...order)
          .limit(query.limit)
          .offset(query.offset),
        db.select({ n: count() }).from(organisations).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },

    async get(principal: Principal, id: string) {
      requireView(principal);
      const organisation = await findOrganisation(db, principal, id);
      const showArchived = can(principal, 'directory.view-archived');
      const ofThisOrganisation = and(
        eq(people.organisationId, id),
        showArchived ? undefined : isNull(people.archivedAt),
      );
      const [parent, children, members, [memberCount]] = await Promise.all([
        organisation.parentId
          ? db
              .select({ id: organisations.id, name: organisations.name })
              .from(organisations)
              .where(eq(organisations.id, organisation.parentId))
          : Promise.resolve([]),
        db
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(and(eq(organisations.parentId, id), isNull(organisations.archivedAt)))
          .orderBy(asc(organisations.name))
          .limit(100),
        db
          .select({ id: people.id, fullName: people.fullName, jobTitle: people.jobTitle })
          .from(people)
          .where(ofThisOrganisation)
          .orderBy(asc(people.fullName))
          .limit(50),
        db.select({ n: count() }).from(people).where(ofThisOrganisation),
      ]);
      return {
        organisation,
        parent: parent[0] ?? null,
        children,
        members,
        memberCount: Number(memberCount?.n ?? 0),
      };
    },

    async create(
      principal: Principal,
      input: OrganisationInput,
      requestId?: string,
    ): Promise<Organisation> {
      const editor = requireEdit(principal);
      const { errors, value } = validateOrganisation(input, t);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        await checkParent(tx, value.parentId);
        const [row] = await tx.insert(organisations).values(value).returning(organisationColumns);
        await recordAudit(tx, actorOf(editor, requestId), {
          action: 'organisation.created',
          recordType: 'organisation',
          recordId: row!.id,
          after: row,
        });
        return row!;
      });
    },

    async update(
      principal: Principal,
      id: string,
      input: OrganisationInput & { version?: number | undefined },
      requestId?: string,
    ): Promise<Organisation> {
      const editor = requireEdit(principal);
      const { errors, value } = validateOrganisation(input, t);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const before = await findOrganisation(tx, principal, id);
        if (input.version !== undefined && input.version !== before.version) staleEdit(t);
        await checkParent(tx, value.parentId, id);
        // Reference data keeps its kind: boroughs and directorates are what scoped roles name.
        if (before.code && value.kind !== before.kind)
          throw new ValidationError([
            { field: 'kind', message: t('directory:organisations.errors.kindFixed') },
          ]);
        const [after] = await tx
          .update(organisations)
          .set({ ...value, updatedAt: now(), version: sql`${organisations.version} + 1` })
          .where(and(eq(organisations.id, id), eq(organisations.version, before.version)))
          .returning(organisationColumns);
        if (!after) staleEdit(t);
        await recordAudit(tx, actorOf(editor, requestId), {
          action: 'organisation.updated',
          recordType: 'organisation',
          recordId: id,
          before,
          after,
        });
        return after;
      });
    },

    setArchived: entryArchiver({
      db,
      now,
      t,
      recordType: 'organisation',
      find: findOrganisation,
      refuseArchive(before) {
        if (before.kind === 'borough' && before.code)
          throw new ConflictError(t('directory:organisations.errors.boroughArchive'), 'version');
      },
      async write(executor, id, archivedAt) {
        const [after] = await executor
          .update(organisations)
          .set({ archivedAt, updatedAt: now(), version: sql`${organisations.version} + 1` })
          .where(eq(organisations.id, id))
          .returning({ archivedAt: organisations.archivedAt });
        return after!.archivedAt;
      },
    }),

    /** Names for select lists: live organisations, optionally of some kinds. */
    async options(kinds?: readonly OrganisationKind[]) {
      return db
        .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
        .from(organisations)
        .where(
          and(
            isNull(organisations.archivedAt),
            kinds?.length ? inArray(organisations.kind, kinds) : undefined,
          ),
        )
        .orderBy(asc(organisations.name))
        .limit(2000);
    },
  };
}
