/**
 * The directory of people and organisations. Everyone who may see it can search it; those who
 * may edit it create, change and archive entries, each change with its audit event.
 */
import {
  and,
  asc,
  count,
  eq,
  getTableColumns,
  inArray,
  isNull,
  sql,
  type Placeholder,
  type SQL,
} from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/service.js';
import { can } from '../../platform/auth/permissions.js';
import {
  actorOf,
  type Principal,
  type TokenPrincipal,
  type UserPrincipal,
} from '../../platform/auth/principal.js';
import type { ScopeCatalogue } from '../../platform/auth/users-service.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { preparedPages, preparedRead } from '../../platform/db/prepared.js';
import { prefixTsQuery } from '../../platform/db/search.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../platform/errors.js';
import { isUuid } from '../../platform/http/params.js';
import type { OrganisationKind } from './kinds.js';
import { organisations, people } from './schema.js';
import {
  validateOrganisation,
  validatePerson,
  type OrganisationInput,
  type PersonInput,
} from './validation.js';

export type Organisation = Omit<typeof organisations.$inferSelect, 'search'>;
export type Person = Omit<typeof people.$inferSelect, 'search'>;

export interface PersonSummary {
  id: string;
  fullName: string;
  email: string | null;
  userId: string | null;
  organisationId: string | null;
  organisationName: string | null;
  archived: boolean;
}

export interface OrganisationSummary {
  id: string;
  name: string;
  kind: OrganisationKind;
  code: string | null;
  archived: boolean;
}

const { search: _orgSearch, ...organisationColumns } = getTableColumns(organisations);
const { search: _personSearch, ...personColumns } = getTableColumns(people);

interface PeopleSearchShape {
  search: boolean;
  organisation: boolean;
  archived: boolean;
}

export interface ListQuery {
  q?: string | undefined;
  kind?: string | undefined;
  organisationId?: string | undefined;
  includeArchived?: boolean | undefined;
  limit: number;
  offset: number;
}

type Editor = UserPrincipal | TokenPrincipal;

export type DirectoryService = ReturnType<typeof createDirectoryService>;

export function createDirectoryService(deps: {
  db: Db;
  userIdForEmail: (executor: Executor, email: string) => Promise<string | undefined>;
  now?: () => Date;
}) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  function requireView(principal: Principal) {
    if (!can(principal, 'directory.view')) throw new ForbiddenError();
  }
  function requireEdit(principal: Principal): Editor {
    if (!principal || !can(principal, 'directory.edit')) throw new ForbiddenError();
    return principal;
  }
  /** Archived entries are hidden from those who cannot edit: for them they do not exist. */
  function archivedVisible(principal: Principal, wanted: boolean | undefined) {
    return wanted === true && can(principal, 'directory.view-archived');
  }

  async function findOrganisation(
    executor: Executor,
    principal: Principal,
    id: string,
  ): Promise<Organisation> {
    if (!isUuid(id)) throw new NotFoundError();
    const [row] = await executor
      .select(organisationColumns)
      .from(organisations)
      .where(eq(organisations.id, id));
    if (!row || (row.archivedAt && !can(principal, 'directory.view-archived')))
      throw new NotFoundError();
    return row;
  }

  async function findPerson(executor: Executor, principal: Principal, id: string): Promise<Person> {
    if (!isUuid(id)) throw new NotFoundError();
    const [row] = await executor.select(personColumns).from(people).where(eq(people.id, id));
    if (!row || (row.archivedAt && !can(principal, 'directory.view-archived')))
      throw new NotFoundError();
    return row;
  }

  async function checkParent(executor: Executor, parentId: string | null, selfId?: string) {
    if (!parentId) return;
    if (!isUuid(parentId) || parentId === selfId)
      throw new ValidationError([
        { field: 'parentId', message: 'Select a parent organisation from the list' },
      ]);
    const [parent] = await executor
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, parentId), isNull(organisations.archivedAt)));
    if (!parent)
      throw new ValidationError([
        { field: 'parentId', message: 'Select a parent organisation from the list' },
      ]);
  }

  /**
   * Checks the organisation and the user account a person is linked to. Only those who manage
   * users may link or unlink an account; for anyone else the existing link is kept.
   */
  async function resolvePersonLinks(
    executor: Executor,
    principal: Principal,
    value: ReturnType<typeof validatePerson>['value'],
    existing?: Person,
  ) {
    const selfId = existing?.id;
    if (value.organisationId) {
      const [org] = isUuid(value.organisationId)
        ? await executor
            .select({ id: organisations.id })
            .from(organisations)
            .where(
              and(eq(organisations.id, value.organisationId), isNull(organisations.archivedAt)),
            )
        : [];
      if (!org)
        throw new ValidationError([
          { field: 'organisationId', message: 'Select an organisation from the list' },
        ]);
    }
    let userId: string | null = existing?.userId ?? null;
    if (!can(principal, 'users.manage')) {
      const { userEmail: _ignored, ...kept } = value;
      return { ...kept, userId };
    }
    userId = null;
    if (value.userEmail) {
      userId = (await deps.userIdForEmail(executor, value.userEmail)) ?? null;
      if (!userId)
        throw new ValidationError([
          { field: 'userEmail', message: 'There is no user account with this e-mail address' },
        ]);
      const [other] = await executor
        .select({ id: people.id })
        .from(people)
        .where(eq(people.userId, userId));
      if (other && other.id !== selfId)
        throw new ValidationError([
          {
            field: 'userEmail',
            message: 'This user account is already linked to another person in the directory',
          },
        ]);
    }
    const { userEmail: _userEmail, ...rest } = value;
    return { ...rest, userId };
  }

  function staleEdit(): never {
    throw new ConflictError(
      'Someone else changed this entry while you were editing it. Check the latest version and make your change again',
      'version',
    );
  }

  type SearchColumn = typeof organisations.search | typeof people.search;
  type TsQuery = string | Placeholder;
  const tsMatch = (column: SearchColumn, ts: TsQuery) =>
    sql`${column} @@ to_tsquery('english', ${ts})`;
  const tsRank = (column: SearchColumn, ts: TsQuery) =>
    sql`ts_rank(${column}, to_tsquery('english', ${ts})) desc`;

  function searchCondition(column: SearchColumn, q: string | undefined): SQL | undefined {
    const query = q ? prefixTsQuery(q) : null;
    return query ? tsMatch(column, query) : undefined;
  }

  function rank(column: SearchColumn, q: string | undefined): SQL | undefined {
    const query = q ? prefixTsQuery(q) : null;
    return query ? tsRank(column, query) : undefined;
  }

  /**
   * The search of people, in each of its shapes (a search term, an organisation, archived entries
   * shown or not), prepared: it is among the busiest pages.
   */
  const peopleShapeKey = (shape: PeopleSearchShape) =>
    [shape.search && 'search', shape.organisation && 'organisation', shape.archived && 'archived']
      .filter(Boolean)
      .join('_') || 'all';
  function peopleWhere(shape: PeopleSearchShape): SQL | undefined {
    return and(
      shape.search ? tsMatch(people.search, sql.placeholder('ts')) : undefined,
      shape.organisation ? eq(people.organisationId, sql.placeholder('organisationId')) : undefined,
      shape.archived ? undefined : isNull(people.archivedAt),
    );
  }
  const peopleList = preparedPages(db, 'bridge_directory_people', peopleShapeKey, {
    page: (executor, shape) =>
      executor
        .select({ ...personColumns, organisationName: organisations.name })
        .from(people)
        .leftJoin(organisations, eq(organisations.id, people.organisationId))
        .where(peopleWhere(shape))
        .orderBy(
          ...(shape.search
            ? [tsRank(people.search, sql.placeholder('ts')), asc(people.fullName)]
            : [asc(people.fullName)]),
        )
        .limit(sql.placeholder('limit'))
        .offset(sql.placeholder('offset')),
    count: (executor, shape) =>
      executor.select({ n: count() }).from(people).where(peopleWhere(shape)),
  });

  const organisationService = {
    async list(principal: Principal, query: ListQuery) {
      requireView(principal);
      const conditions = [
        searchCondition(organisations.search, query.q),
        query.kind ? eq(organisations.kind, query.kind as OrganisationKind) : undefined,
        archivedVisible(principal, query.includeArchived)
          ? undefined
          : isNull(organisations.archivedAt),
      ].filter((c): c is SQL => c !== undefined);
      const where = conditions.length ? and(...conditions) : undefined;
      const order = [rank(organisations.search, query.q), asc(organisations.name)].filter(
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
          .where(
            and(
              eq(people.organisationId, id),
              showArchived ? undefined : isNull(people.archivedAt),
            ),
          )
          .orderBy(asc(people.fullName))
          .limit(50),
        db
          .select({ n: count() })
          .from(people)
          .where(
            and(
              eq(people.organisationId, id),
              showArchived ? undefined : isNull(people.archivedAt),
            ),
          ),
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
      const { errors, value } = validateOrganisation(input);
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
      const { errors, value } = validateOrganisation(input);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const before = await findOrganisation(tx, principal, id);
        if (input.version !== undefined && input.version !== before.version) staleEdit();
        await checkParent(tx, value.parentId, id);
        // Reference data keeps its kind: boroughs and directorates are what scoped roles name.
        if (before.code && value.kind !== before.kind)
          throw new ValidationError([
            { field: 'kind', message: 'The type of reference organisations cannot be changed' },
          ]);
        const [after] = await tx
          .update(organisations)
          .set({ ...value, updatedAt: now(), version: sql`${organisations.version} + 1` })
          .where(and(eq(organisations.id, id), eq(organisations.version, before.version)))
          .returning(organisationColumns);
        if (!after) staleEdit();
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

    async setArchived(
      principal: Principal,
      id: string,
      archived: boolean,
      version: number | undefined,
      requestId?: string,
    ) {
      const editor = requireEdit(principal);
      await db.transaction(async (tx) => {
        const before = await findOrganisation(tx, principal, id);
        if (version !== undefined && version !== before.version) staleEdit();
        if (archived === (before.archivedAt !== null)) return;
        if (archived && before.kind === 'borough' && before.code) {
          throw new ConflictError('Boroughs are reference data and cannot be archived', 'version');
        }
        const [after] = await tx
          .update(organisations)
          .set({
            archivedAt: archived ? now() : null,
            updatedAt: now(),
            version: sql`${organisations.version} + 1`,
          })
          .where(eq(organisations.id, id))
          .returning(organisationColumns);
        await recordAudit(tx, actorOf(editor, requestId), {
          action: archived ? 'organisation.archived' : 'organisation.restored',
          recordType: 'organisation',
          recordId: id,
          before: { archivedAt: before.archivedAt },
          after: { archivedAt: after!.archivedAt },
        });
      });
    },

    /** Names for select lists: live organisations, optionally of some kinds. */
    async options(kinds?: OrganisationKind[]) {
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

  const personService = {
    async list(principal: Principal, query: ListQuery) {
      requireView(principal);
      const ts = query.q ? prefixTsQuery(query.q) : null;
      const organisationId =
        query.organisationId && isUuid(query.organisationId) ? query.organisationId : null;
      const shape = {
        search: !!ts,
        organisation: !!organisationId,
        archived: archivedVisible(principal, query.includeArchived),
      };
      const values = { ts, organisationId, limit: query.limit, offset: query.offset };
      return peopleList(shape, values);
    },

    async get(principal: Principal, id: string) {
      requireView(principal);
      const person = await findPerson(db, principal, id);
      const [organisation] = person.organisationId
        ? await db
            .select({ id: organisations.id, name: organisations.name })
            .from(organisations)
            .where(eq(organisations.id, person.organisationId))
        : [];
      return { person, organisation: organisation ?? null };
    },

    async create(principal: Principal, input: PersonInput, requestId?: string): Promise<Person> {
      const editor = requireEdit(principal);
      const { errors, value } = validatePerson(input);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const values = await resolvePersonLinks(tx, principal, value);
        const [row] = await tx.insert(people).values(values).returning(personColumns);
        await recordAudit(tx, actorOf(editor, requestId), {
          action: 'person.created',
          recordType: 'person',
          recordId: row!.id,
          after: row,
        });
        return row!;
      });
    },

    async update(
      principal: Principal,
      id: string,
      input: PersonInput & { version?: number | undefined },
      requestId?: string,
    ): Promise<Person> {
      const editor = requireEdit(principal);
      const { errors, value } = validatePerson(input);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const before = await findPerson(tx, principal, id);
        if (input.version !== undefined && input.version !== before.version) staleEdit();
        const values = await resolvePersonLinks(tx, principal, value, before);
        const [after] = await tx
          .update(people)
          .set({ ...values, updatedAt: now(), version: sql`${people.version} + 1` })
          .where(and(eq(people.id, id), eq(people.version, before.version)))
          .returning(personColumns);
        if (!after) staleEdit();
        await recordAudit(tx, actorOf(editor, requestId), {
          action: 'person.updated',
          recordType: 'person',
          recordId: id,
          before,
          after,
        });
        return after;
      });
    },

    async setArchived(
      principal: Principal,
      id: string,
      archived: boolean,
      version: number | undefined,
      requestId?: string,
    ) {
      const editor = requireEdit(principal);
      await db.transaction(async (tx) => {
        const before = await findPerson(tx, principal, id);
        if (version !== undefined && version !== before.version) staleEdit();
        if (archived === (before.archivedAt !== null)) return;
        const [after] = await tx
          .update(people)
          .set({
            archivedAt: archived ? now() : null,
            updatedAt: now(),
            version: sql`${people.version} + 1`,
          })
          .where(eq(people.id, id))
          .returning(personColumns);
        await recordAudit(tx, actorOf(editor, requestId), {
          action: archived ? 'person.archived' : 'person.restored',
          recordType: 'person',
          recordId: id,
          before: { archivedAt: before.archivedAt },
          after: { archivedAt: after!.archivedAt },
        });
      });
    },
  };

  // The lookups below are on nearly every page that names someone: prepared (prepared.ts).
  const peopleByIds = preparedRead(db, 'bridge_directory_people_by_ids', (executor) =>
    executor
      .select({
        id: people.id,
        fullName: people.fullName,
        email: people.email,
        userId: people.userId,
        organisationId: people.organisationId,
        organisationName: organisations.name,
        archived: sql<boolean>`${people.archivedAt} is not null`,
      })
      .from(people)
      .leftJoin(organisations, eq(organisations.id, people.organisationId))
      .where(sql`${people.id} = any(${sql.placeholder('ids')}::uuid[])`),
  );
  const organisationsByIds = preparedRead(db, 'bridge_directory_organisations_by_ids', (executor) =>
    executor
      .select({
        id: organisations.id,
        name: organisations.name,
        kind: organisations.kind,
        code: organisations.code,
        archived: sql<boolean>`${organisations.archivedAt} is not null`,
      })
      .from(organisations)
      .where(sql`${organisations.id} = any(${sql.placeholder('ids')}::uuid[])`),
  );

  /**
   * For other modules, which hold directory ids but never read its tables: who and what those
   * ids are, a whole page's worth in one query. Archived entries are included, marked.
   */
  const lookups = {
    async people(executor: Executor, ids: readonly string[]): Promise<Map<string, PersonSummary>> {
      const valid = [...new Set(ids)].filter(isUuid);
      if (valid.length === 0) return new Map();
      const rows = await peopleByIds(executor, { ids: valid });
      return new Map(rows.map((r) => [r.id, r]));
    },
    async organisations(
      executor: Executor,
      ids: readonly string[],
    ): Promise<Map<string, OrganisationSummary>> {
      const valid = [...new Set(ids)].filter(isUuid);
      if (valid.length === 0) return new Map();
      const rows = await organisationsByIds(executor, { ids: valid });
      return new Map(rows.map((r) => [r.id, r]));
    },
    /** People whose user accounts these are (to find, say, the groups a user is a member of). */
    async personIdForUser(executor: Executor, userId: string): Promise<string | undefined> {
      const [row] = await executor
        .select({ id: people.id })
        .from(people)
        .where(eq(people.userId, userId));
      return row?.id;
    },
    /**
     * The bodies that can own a response or an action: the authority, police units,
     * directorates and boroughs, current ones only, by kind then name.
     */
    async ownerOrganisations(executor: Executor) {
      return executor
        .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
        .from(organisations)
        .where(
          and(
            inArray(organisations.kind, ['authority', 'police_unit', 'directorate', 'borough']),
            isNull(organisations.archivedAt),
          ),
        )
        .orderBy(asc(organisations.kind), asc(organisations.name));
    },
    /** A user's own directory entry and the organisation (their unit) it belongs to. */
    async personOfUser(
      executor: Executor,
      userId: string,
    ): Promise<{ id: string; organisationId: string | null } | undefined> {
      const [row] = await executor
        .select({ id: people.id, organisationId: people.organisationId })
        .from(people)
        .where(eq(people.userId, userId));
      return row;
    },
    /**
     * What a file's references name, for imports: an organisation by its code, a person by
     * e-mail address, or either by its directory id. Archived entries are not matched.
     */
    async resolveReferences(
      executor: Executor,
      references: readonly string[],
    ): Promise<Map<string, { personId: string | null; organisationId: string | null }>> {
      const refs = [...new Set(references.map((r) => r.trim()))].filter(Boolean);
      const emails = refs.filter((r) => r.includes('@')).map((r) => r.toLowerCase());
      const ids = refs.filter(isUuid);
      const codes = refs.filter((r) => !r.includes('@') && !isUuid(r));
      const [byEmail, byCode, personIds, organisationIds] = await Promise.all([
        emails.length
          ? executor
              .select({ id: people.id, email: sql<string>`lower(${people.email})` })
              .from(people)
              .where(and(inArray(sql`lower(${people.email})`, emails), isNull(people.archivedAt)))
          : [],
        codes.length
          ? executor
              .select({ id: organisations.id, code: organisations.code })
              .from(organisations)
              .where(and(inArray(organisations.code, codes), isNull(organisations.archivedAt)))
          : [],
        ids.length
          ? executor
              .select({ id: people.id })
              .from(people)
              .where(and(inArray(people.id, ids), isNull(people.archivedAt)))
          : [],
        ids.length
          ? executor
              .select({ id: organisations.id })
              .from(organisations)
              .where(and(inArray(organisations.id, ids), isNull(organisations.archivedAt)))
          : [],
      ]);
      const found = new Map<string, { personId: string | null; organisationId: string | null }>();
      const emailIds = new Map(byEmail.map((p) => [p.email, p.id]));
      const codeIds = new Map(byCode.map((o) => [o.code, o.id]));
      const personSet = new Set(personIds.map((p) => p.id));
      const organisationSet = new Set(organisationIds.map((o) => o.id));
      for (const ref of refs) {
        const personId = emailIds.get(ref.toLowerCase()) ?? (personSet.has(ref) ? ref : null);
        const organisationId = codeIds.get(ref) ?? (organisationSet.has(ref) ? ref : null);
        if (personId || organisationId) found.set(ref, { personId, organisationId });
      }
      return found;
    },
    /**
     * The directory entries for people another module is recording (say, members imported into
     * a group): matched by e-mail where one is given, otherwise added. Runs in the caller's
     * transaction, whose audit event records what was added.
     */
    async findOrAddPeople(
      tx: Executor,
      wanted: readonly { fullName: string; email: string | null }[],
    ): Promise<{ ids: string[]; added: string[] }> {
      const emails = [...new Set(wanted.map((w) => w.email).filter((e): e is string => !!e))];
      const existing = emails.length
        ? await tx
            .select({ id: people.id, email: people.email })
            .from(people)
            .where(and(inArray(sql`lower(${people.email})`, emails), isNull(people.archivedAt)))
        : [];
      const byEmail = new Map(existing.map((p) => [p.email!.toLowerCase(), p.id]));
      const toAdd = wanted.filter((w) => !w.email || !byEmail.has(w.email));
      const inserted = toAdd.length
        ? await tx
            .insert(people)
            .values(toAdd.map((w) => ({ fullName: w.fullName, email: w.email })))
            .returning({ id: people.id })
        : [];
      const added = inserted.map((r) => r.id);
      let next = 0;
      const ids = wanted.map((w) => (w.email && byEmail.get(w.email)) || added[next++]!);
      return { ids, added };
    },
    /**
     * Every borough with its commander, if the directory records one: a person in the borough
     * organisation whose job title names them Borough Commander.
     */
    async boroughCommanders(executor: Executor) {
      const boroughs = await executor
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(and(eq(organisations.kind, 'borough'), isNull(organisations.archivedAt)))
        .orderBy(asc(organisations.name));
      const commanders = await executor
        .select({
          boroughId: people.organisationId,
          fullName: people.fullName,
          email: people.email,
        })
        .from(people)
        .innerJoin(organisations, eq(organisations.id, people.organisationId))
        .where(
          and(
            eq(organisations.kind, 'borough'),
            isNull(people.archivedAt),
            sql`${people.jobTitle} ilike '%borough commander%'`,
          ),
        );
      return boroughs.map((b) => ({
        borough: b.name,
        commanders: commanders.filter((c) => c.boroughId === b.id && c.email),
      }));
    },
    async organisationIdByCode(executor: Executor, code: string): Promise<string | undefined> {
      const [row] = await executor
        .select({ id: organisations.id })
        .from(organisations)
        .where(eq(organisations.code, code));
      return row?.id;
    },
  };

  /** Boroughs are what a borough-scoped role is held for; groups arrive with the groups module. */
  const scopeCatalogue: ScopeCatalogue = {
    async options(type) {
      if (type !== 'borough') return [];
      return db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(and(eq(organisations.kind, 'borough'), isNull(organisations.archivedAt)))
        .orderBy(asc(organisations.name));
    },
    async name(type, id) {
      if (type !== 'borough' || !isUuid(id)) return undefined;
      const [row] = await db
        .select({ name: organisations.name })
        .from(organisations)
        .where(and(eq(organisations.id, id), eq(organisations.kind, 'borough')));
      return row?.name;
    },
  };

  return { organisations: organisationService, people: personService, scopeCatalogue, lookups };
}
