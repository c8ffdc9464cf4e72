/**
 * People in the directory: everyone who may see the directory can search them; those who may
 * edit it add, change, archive and restore them, each change with its audit event.
 */
import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { can } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { preparedPages } from '../../../platform/db/prepared.js';
import { prefixTsQuery } from '../../../platform/db/search.js';
import { ValidationError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import {
  archivedVisible,
  entryArchiver,
  findPerson,
  personColumns,
  requireEdit,
  requireView,
  staleEdit,
  type ListQuery,
  type Person,
} from '../access.js';
import { validatePerson, type PersonInput } from '../rules.js';
import { organisations, people } from '../schema.js';

interface PeopleSearchShape {
  search: boolean;
  organisation: boolean;
  archived: boolean;
}

export type PersonService = ReturnType<typeof createPersonService>;

export function createPersonService(deps: {
  db: Db;
  userIdForEmail: (executor: Executor, email: string) => Promise<string | undefined>;
  now: () => Date;
  t: Translate;
}) {
  const { db, now, t } = deps;

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
          { field: 'organisationId', message: t('directory:people.errors.organisation') },
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
          { field: 'userEmail', message: t('directory:people.errors.noAccount') },
        ]);
      const [other] = await executor
        .select({ id: people.id })
        .from(people)
        .where(eq(people.userId, userId));
      if (other && other.id !== selfId)
        throw new ValidationError([
          { field: 'userEmail', message: t('directory:people.errors.accountTaken') },
        ]);
    }
    const { userEmail: _userEmail, ...rest } = value;
    return { ...rest, userId };
  }

  async function addPerson(
    tx: Executor,
    principal: Principal,
    input: PersonInput,
    requestId?: string,
  ): Promise<Person> {
    const editor = requireEdit(principal);
    const { errors, value } = validatePerson(input, t);
    if (errors.length) throw new ValidationError(errors);
    const values = await resolvePersonLinks(tx, principal, value);
    const [row] = await tx.insert(people).values(values).returning(personColumns);
    await recordAudit(tx, actorOf(editor, requestId), {
      action: 'person.created',
      recordType: 'person',
      recordId: row!.id,
      after: row,
    });
    return row!;
  }

  const tsQuery = sql.placeholder('ts');
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
      shape.search ? sql`${people.search} @@ to_tsquery('english', ${tsQuery})` : undefined,
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
            ? [
                sql`ts_rank(${people.search}, to_tsquery('english', ${tsQuery})) desc`,
                asc(people.fullName),
              ]
            : [asc(people.fullName)]),
        )
        .limit(sql.placeholder('limit'))
        .offset(sql.placeholder('offset')),
    count: (executor, shape) =>
      executor.select({ n: count() }).from(people).where(peopleWhere(shape)),
  });

  return {
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
      requireEdit(principal);
      const { errors } = validatePerson(input, t);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction((tx) => addPerson(tx, principal, input, requestId));
    },

    /**
     * Adds someone in another module's transaction (a tracker lead typed by name, added in the
     * same step): the same checks, permission and audit event as adding them here, and nothing
     * kept if that transaction fails.
     */
    addWithin(tx: Executor, principal: Principal, input: PersonInput, requestId?: string) {
      return addPerson(tx, principal, input, requestId);
    },

    async update(
      principal: Principal,
      id: string,
      input: PersonInput & { version?: number | undefined },
      requestId?: string,
    ): Promise<Person> {
      const editor = requireEdit(principal);
      const { errors, value } = validatePerson(input, t);
      if (errors.length) throw new ValidationError(errors);
      return db.transaction(async (tx) => {
        const before = await findPerson(tx, principal, id);
        if (input.version !== undefined && input.version !== before.version) staleEdit(t);
        const values = await resolvePersonLinks(tx, principal, value, before);
        const [after] = await tx
          .update(people)
          .set({ ...values, updatedAt: now(), version: sql`${people.version} + 1` })
          .where(and(eq(people.id, id), eq(people.version, before.version)))
          .returning(personColumns);
        if (!after) staleEdit(t);
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

    setArchived: entryArchiver({
      db,
      now,
      t,
      recordType: 'person',
      find: findPerson,
      async write(executor, id, archivedAt) {
        const [after] = await executor
          .update(people)
          .set({ archivedAt, updatedAt: now(), version: sql`${people.version} + 1` })
          .where(eq(people.id, id))
          .returning({ archivedAt: people.archivedAt });
        return after!.archivedAt;
      },
    }),
  };
}
