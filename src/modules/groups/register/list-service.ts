/** The register as a list (staff's and the public's), and the groups offered in select lists. */
import { and, asc, count, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../../../platform/auth/principal.js';
import type { ScopeCatalogue } from '../../../platform/auth/users-service.js';
import { todayInLondon, type IsoDate } from '../../../platform/calendar/index.js';
import type { Executor } from '../../../platform/db/database.js';
import { preparedPages } from '../../../platform/db/prepared.js';
import { prefixTsQuery } from '../../../platform/db/search.js';
import { isUuid } from '../../../platform/http/params.js';
import type { GroupType } from '../rules.js';
import { advisoryGroups, elections, memberships } from '../schema.js';
import { groupColumns, nameOf, requireAction, type GroupsServiceDeps } from '../access.js';
import { electionFields } from './presenter.js';
import type { Chairs } from '../elections/chairs.js';

export interface GroupListQuery {
  q?: string | undefined;
  type?: GroupType | undefined;
  limit: number;
  offset: number;
}

interface GroupListShape {
  publicOnly: boolean;
  search: boolean;
  type: boolean;
}

export function createGroupListService(deps: GroupsServiceDeps & { chairs: Chairs }) {
  const { db, directory, t } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => todayInLondon(now());
  const personNames = (executor: Executor, ids: readonly string[]) =>
    directory.lookups.people(executor, ids);
  const { currentChairs } = deps.chairs;

  /**
   * The register, in each of its shapes (the public's or everyone's; with a search term or a
   * type, or without), prepared: the public list of groups is among the busiest pages.
   */
  const listShapeKey = (shape: GroupListShape) =>
    [shape.publicOnly ? 'public' : 'all', shape.search ? 'search' : '', shape.type ? 'type' : '']
      .filter(Boolean)
      .join('_');

  function listWhere(shape: GroupListShape): SQL | undefined {
    return and(
      shape.search
        ? sql`${advisoryGroups.search} @@ to_tsquery('english', ${sql.placeholder('ts')})`
        : undefined,
      shape.type ? eq(advisoryGroups.type, sql.placeholder('type')) : undefined,
      // IAG-01: the public list never includes closed groups.
      shape.publicOnly ? inArray(advisoryGroups.status, ['active', 'forming']) : undefined,
    );
  }

  const typeOrder = sql`array_position(array['corporate_iag','borough_iag','specialist','community','corporate_focus','sub_group']::group_type[], ${advisoryGroups.type})`;

  const groupList = preparedPages(db, 'bridge_groups_list', listShapeKey, {
    page: (executor, shape) =>
      executor
        .select({
          ...groupColumns,
          // The outer group's id written out with its table: drizzle leaves a column in a
          // one-table select unqualified, and inside these subqueries "id" would be m.id or
          // e.id (issue 21 item 1: every group showed 0 members and an election due today).
          currentMembers: sql<number>`(select count(*)::int from ${memberships} m where m.group_id = ${advisoryGroups}.id and m.status = 'current')`,
          lastElection: sql<IsoDate | null>`(select max(e.held_on) from ${elections} e where e.group_id = ${advisoryGroups}.id)`,
        })
        .from(advisoryGroups)
        .where(listWhere(shape))
        .orderBy(typeOrder, asc(advisoryGroups.name))
        .limit(sql.placeholder('limit'))
        .offset(sql.placeholder('offset')),
    count: (executor, shape) =>
      executor.select({ n: count() }).from(advisoryGroups).where(listWhere(shape)),
  });

  type RegisterRow = Awaited<ReturnType<typeof groupList>>['items'][number];
  type RegisterExtras = {
    ownerName: string | null;
    chairs: string[];
  } & ReturnType<typeof electionFields>;

  /**
   * A group of the register as its pages show it: the row and what is worked out for it. Written
   * out field by field: spreading the row into a new object and adding these took V8 about 10 µs
   * a group, a tenth of the public list's server time (`npm run bench`); this takes a fraction
   * of one. The return type makes a column added to `groupColumns` a compile error here.
   */
  function registerEntry(g: RegisterRow, extras: RegisterExtras): RegisterRow & RegisterExtras {
    return {
      id: g.id,
      code: g.code,
      name: g.name,
      type: g.type,
      status: g.status,
      ownerId: g.ownerId,
      parentGroupId: g.parentGroupId,
      purpose: g.purpose,
      focus: g.focus,
      meetingIntervalMonths: g.meetingIntervalMonths,
      minAge: g.minAge,
      maxAge: g.maxAge,
      deploymentContactId: g.deploymentContactId,
      version: g.version,
      createdAt: g.createdAt,
      updatedAt: g.updatedAt,
      currentMembers: g.currentMembers,
      lastElection: g.lastElection,
      ownerName: extras.ownerName,
      chairs: extras.chairs,
      nextElectionDue: extras.nextElectionDue,
      electionOverdue: extras.electionOverdue,
    };
  }

  async function listGroups(query: GroupListQuery, publicOnly: boolean) {
    const ts = query.q ? prefixTsQuery(query.q) : null;
    const shape = { publicOnly, search: !!ts, type: !!query.type };
    const values = { ts, type: query.type, limit: query.limit, offset: query.offset };
    const { items, total } = await groupList(shape, values);
    const chairs = await currentChairs(
      db,
      items.map((g) => g.id),
    );
    const names = await Promise.all([
      personNames(
        db,
        [...chairs.values()].flat().map((c) => c.personId),
      ),
      directory.lookups.organisations(
        db,
        items.map((g) => g.ownerId).filter((id): id is string => !!id),
      ),
    ]);
    const [people, owners] = names;
    const day = today();
    return {
      total,
      items: items.map((g) =>
        registerEntry(g, {
          ownerName: g.ownerId ? (owners.get(g.ownerId)?.name ?? null) : null,
          chairs: (chairs.get(g.id) ?? []).map((c) => nameOf(t, people, c.personId)),
          ...electionFields(g.type, g.lastElection, day),
        }),
      ),
    };
  }

  return {
    /** The register, for staff and office-holders: with chairs, members and elections due. */
    async list(principal: Principal, query: GroupListQuery) {
      requireAction(principal, 'groups.view');
      return listGroups(query, false);
    },

    /** IAG-01: the public list never includes closed groups, and labels by type. */
    async publicList(query: GroupListQuery) {
      return listGroups(query, true);
    },

    /** Select-list options: live groups that may have sub-groups. */
    async parentOptions() {
      return db
        .select({ id: advisoryGroups.id, name: advisoryGroups.name })
        .from(advisoryGroups)
        .where(and(ne(advisoryGroups.type, 'sub_group'), ne(advisoryGroups.status, 'closed')))
        .orderBy(asc(advisoryGroups.name));
    },

    /** Groups a group-scoped role can be held for (chair, deployment contact). */
    scopeCatalogue: {
      async options(type) {
        if (type !== 'group') return [];
        return db
          .select({ id: advisoryGroups.id, name: advisoryGroups.name })
          .from(advisoryGroups)
          .where(ne(advisoryGroups.status, 'closed'))
          .orderBy(asc(advisoryGroups.name));
      },
      async name(type, id) {
        if (type !== 'group' || !isUuid(id)) return undefined;
        const [row] = await db
          .select({ name: advisoryGroups.name })
          .from(advisoryGroups)
          .where(eq(advisoryGroups.id, id));
        return row?.name;
      },
    } satisfies ScopeCatalogue,
  };
}
