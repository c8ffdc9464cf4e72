/**
 * CDRP-08, LEG-06, CON-04: the good-practice library as staff keep it. Read by police and
 * authority staff and members and partnership officers (`good-practice.view`); kept by the
 * authority's officers and the coordination unit (every entry) and partnership officers (their
 * own borough's, `good-practice.manage`); marked public and withdrawn by the authority's officers
 * (`good-practice.publish`). Each action is one transaction with one audit event.
 */
import { and, asc, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { users } from '../../../platform/auth/schema.js';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { prefixTsQuery, type PageRequest } from '../../../platform/db/search.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, say } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import {
  keeperRefusal,
  publicationRefusal,
  THEMES,
  validateEntry,
  type EntryValue,
  type Keeper,
  type SourceKind,
} from '../rules.js';
import { goodPracticeEntries as entries } from '../schema.js';

export type Entry = typeof entries.$inferSelect;
export type LibraryService = ReturnType<typeof createLibraryService>;
type Input = Record<string, string | string[] | undefined>;

/** The list's search and filters: words, a theme, a borough's id or 'area' for area-wide. */
export interface LibraryQuery {
  q?: string | undefined;
  theme?: string | undefined;
  borough?: string | undefined;
}

/** The search and filters as conditions, for the staff list and (with publication) the public's. */
export function libraryFilter(query: LibraryQuery) {
  const words = query.q ? prefixTsQuery(query.q) : null;
  const theme = THEMES.find((th) => th === query.theme);
  const borough =
    query.borough === 'area' || (query.borough && isUuid(query.borough))
      ? query.borough
      : undefined;
  const conditions = [
    words ? sql`${entries.search} @@ to_tsquery('english', ${words})` : undefined,
    theme ? eq(entries.theme, theme) : undefined,
    borough === 'area'
      ? isNull(entries.boroughId)
      : borough
        ? eq(entries.boroughId, borough)
        : undefined,
  ].filter((c): c is SQL => c !== undefined);
  return {
    conditions,
    applied: { q: words ? query.q : undefined, theme, borough },
  };
}

/** Who keeps which entries: see the rule `keeperRefusal` (CDRP-08). */
export function keeperOf(user: UserPrincipal): Keeper {
  return {
    everyBorough: user.roles.some(
      (g) => g.role === 'authority_officer' || g.role === 'coordination_unit',
    ),
    boroughs: user.roles
      .filter((g) => g.role === 'partnership_officer' && g.scopeType === 'borough' && g.scopeId)
      .map((g) => g.scopeId!),
  };
}

/** Whether the person may change this entry (for the page's link): the rule, asked quietly. */
export function keepsEntry(principal: Principal, boroughId: string | null): boolean {
  return (
    principal?.kind === 'user' &&
    can(principal, 'good-practice.manage') &&
    keeperRefusal(keeperOf(principal), boroughId) === null
  );
}

export function createLibraryService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
}) {
  const { db, directory, now, t } = deps;
  const stale = () => new ConflictError(t('good-practice:errors.staleEdit'), 'version');
  const boroughName = directory.organisationNameSql(entries.boroughId);

  async function find(executor: Executor, id: string, lock = false): Promise<Entry> {
    if (!isUuid(id)) throw new NotFoundError();
    const query = executor.select().from(entries).where(eq(entries.id, id));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw new NotFoundError();
    return row;
  }

  /**
   * The entry's fields checked: the rule's, then its borough one of the directory's live
   * boroughs that this person keeps, its contact a live person (or the one it already names).
   */
  async function checked(
    executor: Executor,
    user: UserPrincipal,
    input: Input,
    before?: Entry,
  ): Promise<EntryValue> {
    const { refusals, value } = validateEntry(input);
    const errors: FieldError[] = fieldErrors(t, refusals);
    const has = (field: string) => errors.some((e) => e.field === field);
    const [orgs, contacts] = await Promise.all([
      value.boroughId && !has('boroughId')
        ? directory.directory.lookups.organisations(executor, [value.boroughId])
        : undefined,
      value.contactId && !has('contactId') && value.contactId !== before?.contactId
        ? directory.directory.lookups.people(executor, [value.contactId])
        : undefined,
    ]);
    if (orgs && value.boroughId) {
      const found = orgs.get(value.boroughId);
      if (
        !found ||
        found.kind !== 'borough' ||
        (found.archived && value.boroughId !== before?.boroughId)
      )
        errors.push({ field: 'boroughId', message: t('good-practice:errors.boroughIdMissing') });
    }
    if (contacts && value.contactId) {
      const found = contacts.get(value.contactId);
      if (!found || found.archived)
        errors.push({ field: 'contactId', message: t('good-practice:errors.contactIdMissing') });
    }
    if (!has('boroughId')) {
      const refused = keeperRefusal(keeperOf(user), value.boroughId);
      if (refused) errors.push(...fieldErrors(t, [refused]));
    }
    if (errors.length) throw new ValidationError(errors);
    return value;
  }

  /** An entry may be changed only by one who keeps its borough (CDRP-08): others are refused. */
  function mustKeep(user: UserPrincipal, entry: Entry) {
    if (keeperRefusal(keeperOf(user), entry.boroughId)) throw new ForbiddenError();
  }

  /** CDRP-08: marked public or withdrawn, while it is as the page saw it. */
  async function setPublication(
    principal: Principal,
    id: string,
    input: Input,
    action: 'publish' | 'withdraw',
    requestId?: string,
  ) {
    const user = requireUser(principal, 'good-practice.publish');
    return db.transaction(async (tx) => {
      const before = await find(tx, id, true);
      const refused = publicationRefusal(before, action);
      if (refused) throw new ConflictError(say(t, refused));
      // Said without a field: the entry's page has its version only as a hidden one.
      if (input.version !== undefined && Number(input.version) !== before.version)
        throw new ConflictError(t('good-practice:errors.staleEdit'));
      const at = now();
      const [after] = await tx
        .update(entries)
        .set({
          publishedAt: action === 'publish' ? at : null,
          withdrawnAt: action === 'withdraw' ? at : null,
          updatedAt: at,
          version: sql`${entries.version} + 1`,
        })
        .where(eq(entries.id, id))
        .returning();
      await recordAudit(tx, actorOf(user, requestId), {
        action: action === 'publish' ? 'good-practice.published' : 'good-practice.withdrawn',
        recordType: 'good-practice-entry',
        recordId: id,
        before: { publishedAt: before.publishedAt, withdrawnAt: before.withdrawnAt },
        after: { publishedAt: after!.publishedAt, withdrawnAt: after!.withdrawnAt },
      });
      return after!;
    });
  }

  return {
    /** CDRP-08: the library, newest first, searched and filtered, a page at a time. */
    async list(principal: Principal, query: LibraryQuery, page: PageRequest) {
      requireUser(principal, 'good-practice.view');
      const { conditions, applied } = libraryFilter(query);
      const where = conditions.length ? and(...conditions) : undefined;
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: entries.id,
            title: entries.title,
            theme: entries.theme,
            borough: boroughName,
            recordedAt: entries.recordedAt,
            publishedAt: entries.publishedAt,
          })
          .from(entries)
          .where(where)
          .orderBy(desc(entries.recordedAt), asc(entries.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(entries).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0), ...applied };
    },

    /** Every live borough, for the filters; for a form, those the person keeps. */
    async boroughs(principal?: Principal) {
      const all = await directory.directory.scopeCatalogue.options('borough');
      return principal?.kind === 'user'
        ? all.filter((b) => keeperRefusal(keeperOf(principal), b.id) === null)
        : all;
    },

    /** An entry with the names of its borough, contact and recorder. */
    async entry(principal: Principal, id: string) {
      requireUser(principal, 'good-practice.view');
      if (!isUuid(id)) throw new NotFoundError();
      const [row] = await db
        .select({
          entry: entries,
          borough: boroughName,
          contact: sql<
            string | null
          >`case when ${entries.contactId} is null then null else ${directory.personNameSql(entries.contactId)} end`,
          recordedBy: users.displayName,
        })
        .from(entries)
        .leftJoin(users, eq(users.id, entries.recordedBy))
        .where(eq(entries.id, id));
      if (!row) throw new NotFoundError();
      return row;
    },

    /** What the edit form starts with; refused to one who does not keep the entry. */
    async values(principal: Principal, id: string) {
      const user = requireUser(principal, 'good-practice.manage');
      const e = await find(db, id);
      mustKeep(user, e);
      return {
        title: e.title,
        summary: e.summary,
        lessons: e.lessons ?? '',
        theme: e.theme,
        boroughId: e.boroughId ?? '',
        sourceKind: e.sourceKind ?? '',
        sourceId: e.sourceId ?? '',
        sourceReference: e.sourceReference ?? '',
        sourceLink: e.sourceLink ?? '',
        contactId: e.contactId ?? '',
        version: String(e.version),
      };
    },

    /** A person's name for the contact chosen (the form shows it until changed). */
    async personName(id: string | undefined) {
      if (!id || !isUuid(id)) return undefined;
      return (await directory.directory.lookups.people(db, [id])).get(id)?.fullName;
    },

    /** CDRP-08: an entry recorded. */
    async create(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, 'good-practice.manage');
      return db.transaction(async (tx) => {
        const value = await checked(tx, user, input);
        const [row] = await tx
          .insert(entries)
          .values({ ...value, recordedBy: user.userId, recordedAt: now() })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'good-practice.recorded',
          recordType: 'good-practice-entry',
          recordId: row!.id,
          after: row,
        });
        return row!;
      });
    },

    /** CDRP-08: an entry changed by one who keeps it, while it is as the form saw it. */
    async update(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'good-practice.manage');
      return db.transaction(async (tx) => {
        const before = await find(tx, id, true);
        mustKeep(user, before);
        if (input.version !== undefined && Number(input.version) !== before.version) throw stale();
        const value = await checked(tx, user, input, before);
        // CDRP-08: only a publisher puts words on the public site, so a public entry changed by
        // anyone else leaves it until a publisher marks it public again.
        const unpublish = before.publishedAt !== null && !can(user, 'good-practice.publish');
        const [after] = await tx
          .update(entries)
          .set({
            ...value,
            ...(unpublish ? { publishedAt: null, withdrawnAt: now() } : {}),
            updatedAt: now(),
            version: sql`${entries.version} + 1`,
          })
          .where(and(eq(entries.id, id), eq(entries.version, before.version)))
          .returning();
        if (!after) throw stale();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'good-practice.updated',
          recordType: 'good-practice-entry',
          recordId: id,
          before,
          after,
        });
        return after;
      });
    },

    publish: (principal: Principal, id: string, input: Input, requestId?: string) =>
      setPublication(principal, id, input, 'publish', requestId),
    withdraw: (principal: Principal, id: string, input: Input, requestId?: string) =>
      setPublication(principal, id, input, 'withdraw', requestId),

    /** The entries that came from another module's record (a grant), for that module's page. */
    async entriesForSource(kind: SourceKind, id: string) {
      if (!isUuid(id)) return [];
      return db
        .select({
          id: entries.id,
          title: entries.title,
          theme: entries.theme,
          publishedAt: entries.publishedAt,
        })
        .from(entries)
        .where(and(eq(entries.sourceKind, kind), eq(entries.sourceId, id.toLowerCase())))
        .orderBy(desc(entries.recordedAt), asc(entries.id))
        .limit(50);
    },
  };
}
