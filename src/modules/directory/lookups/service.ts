/**
 * What other modules ask of the directory: who and what the ids they hold are, a whole page's
 * worth at once, and the few searches they need. Other modules never read the directory's tables.
 */
import { and, asc, eq, ilike, inArray, isNull, sql } from 'drizzle-orm';
import type { ScopeCatalogue } from '../../../platform/auth/users-service.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { preparedRead } from '../../../platform/db/prepared.js';
import { isUuid } from '../../../platform/http/params.js';
import { organisationIdByCode } from '../reference-data.js';
import { organisations, people } from '../schema.js';

/** Someone as another module's form lists them: enough to tell two of the same name apart. */
export interface PersonListItemRow {
  id: string;
  fullName: string;
  jobTitle: string | null;
  email: string | null;
  organisationId: string | null;
  organisationName: string | null;
}

const personListColumns = {
  id: people.id,
  fullName: people.fullName,
  jobTitle: people.jobTitle,
  email: people.email,
  organisationId: people.organisationId,
  organisationName: organisations.name,
};

/** A name as it is compared: trimmed, spaces run together, lower case. */
const nameKeySql = sql<string>`lower(regexp_replace(btrim(${people.fullName}), '\\s+', ' ', 'g'))`;

export function createDirectoryLookups(db: Db) {
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
    async people(executor: Executor, ids: readonly string[]) {
      const valid = [...new Set(ids)].filter(isUuid);
      const rows = valid.length ? await peopleByIds(executor, { ids: valid }) : [];
      return new Map(rows.map((r) => [r.id, r]));
    },
    async organisations(executor: Executor, ids: readonly string[]) {
      const valid = [...new Set(ids)].filter(isUuid);
      const rows = valid.length ? await organisationsByIds(executor, { ids: valid }) : [];
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
     * People by their full name, as another module's form or file gives it: the live entries
     * whose name is the same but for case and spacing, for each name given (none, one, or
     * several people of that name), with what tells them apart.
     */
    async peopleNamed(
      executor: Executor,
      names: readonly string[],
    ): Promise<Map<string, PersonListItemRow[]>> {
      const keyOf = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
      const keys = [...new Set(names.map(keyOf))].filter(Boolean);
      const rows = keys.length
        ? await executor
            .select({ ...personListColumns, key: nameKeySql })
            .from(people)
            .leftJoin(organisations, eq(organisations.id, people.organisationId))
            .where(and(inArray(nameKeySql, keys), isNull(people.archivedAt)))
            .orderBy(asc(people.fullName), asc(organisations.name), asc(people.id))
        : [];
      return new Map(
        names.map((name) => [
          name,
          rows.filter((r) => r.key === keyOf(name)).map(({ key: _key, ...person }) => person),
        ]),
      );
    },
    /**
     * Live people whose name has every word given in it (Cindy for Cindy Butts), for a form
     * offering who might have been meant; at most `limit`, by name.
     */
    async peopleLike(
      executor: Executor,
      name: string,
      limit: number,
    ): Promise<PersonListItemRow[]> {
      const words = name.trim().split(/\s+/).filter(Boolean).slice(0, 8);
      if (!words.length) return [];
      const escaped = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return executor
        .select(personListColumns)
        .from(people)
        .leftJoin(organisations, eq(organisations.id, people.organisationId))
        .where(
          and(isNull(people.archivedAt), ...words.map((w) => ilike(people.fullName, escaped(w)))),
        )
        .orderBy(asc(people.fullName), asc(organisations.name), asc(people.id))
        .limit(limit);
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
    organisationIdByCode,
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

  return { lookups, scopeCatalogue };
}
