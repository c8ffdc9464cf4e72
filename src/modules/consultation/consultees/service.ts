/**
 * The consultee database (CON-03): people and organisations consulted beyond the consultative
 * groups, an umbrella body's members, their boroughs, the channels that reach them and their
 * consent to be contacted. Personal data: authority officers (consultation.manage) alone. Each
 * action is one transaction with one audit event, which names ids and categories, never a
 * consultee's name or addresses.
 */
import { and, asc, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Actor, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { prefixTsQuery } from '../../../platform/db/search.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import type { FieldError } from '../../../platform/errors.js';
import { dateField, dateParts } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, type SaidRefusal } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import type { EngagementApi } from '../../engagement/index.js';
import type { GroupsApi } from '../../groups/index.js';
import {
  CHANNEL_KINDS,
  CONSULTEE_CATEGORIES,
  validateChannels,
  validateConsent,
  validateConsultee,
} from '../consultee-rules.js';
import { consulteeChannels, consultees } from './schema.js';

export type ConsulteesService = ReturnType<typeof createConsulteesService>;
export type Consultee = typeof consultees.$inferSelect;
export type ConsulteeChannel = typeof consulteeChannels.$inferSelect;
type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value : undefined);
const fields = (input: Input) =>
  Object.fromEntries(Object.entries(input).map(([k, v]) => [k, one(v)]));

/** What the list is asked for: a name's words, a category, a borough, a page. */
export interface ConsulteeQuery {
  q?: string | undefined;
  category?: string | undefined;
  borough?: string | undefined;
  limit: number;
  offset: number;
}

/** A consultee's facts an audit event may keep: ids and categories, no name or address. */
const auditable = (c: Pick<Consultee, 'kind' | 'category' | 'parentId' | 'boroughId'>) => ({
  kind: c.kind,
  category: c.category,
  parentId: c.parentId,
  boroughId: c.boroughId,
});

export function createConsulteesService(deps: {
  db: Db;
  directory: DirectoryApi;
  engagement: EngagementApi;
  groups: GroupsApi;
  now: () => Date;
  t: Translate;
}) {
  const { db, directory, engagement, groups, now, t } = deps;
  const manage = (principal: Principal) => requireUser(principal, 'consultation.manage');
  const today = () => todayInLondon(now());

  function refuse(refusals: readonly SaidRefusal[], errors: FieldError[] = []): void {
    const all = [...errors, ...fieldErrors(t, refusals)];
    if (all.length) throw new ValidationError(all);
  }

  const boroughs = () => directory.directory.scopeCatalogue.options('borough');

  /** The umbrella bodies, by name: what a member organisation may belong to. */
  const umbrellaBodies = (executor: Executor) =>
    executor
      .select({ id: consultees.id, name: consultees.name })
      .from(consultees)
      .where(eq(consultees.category, 'umbrella_body'))
      .orderBy(asc(consultees.name));

  async function find(executor: Executor, id: string, lock = false) {
    const query = executor.select().from(consultees).where(eq(consultees.id, id));
    const [row] = isUuid(id) ? await (lock ? query.for('update') : query) : [];
    if (!row) throw new NotFoundError();
    return row;
  }

  const channelsOf = (executor: Executor, ids: readonly string[]) =>
    ids.length
      ? executor
          .select()
          .from(consulteeChannels)
          .where(inArray(consulteeChannels.consulteeId, [...ids]))
      : Promise.resolve([] as ConsulteeChannel[]);

  /** Channels in the order of CHANNEL_KINDS. */
  const inOrder = (channels: readonly ConsulteeChannel[]) =>
    [...channels].sort((a, b) => CHANNEL_KINDS.indexOf(a.kind) - CHANNEL_KINDS.indexOf(b.kind));

  function stale(input: Input, version: number) {
    if (input.version !== undefined && Number(input.version) !== version)
      throw new ConflictError(t('consultation:consultees.errors.stale'), 'version');
  }

  /**
   * CON-07: another tier's records (`linkedId`) made consultees, organisations linked to them,
   * with one audit event naming both; none missing adds nothing and records nothing. A record
   * added meanwhile by another officer is passed over by its unique link. Returns how many.
   */
  async function addLinked(
    tx: Executor,
    actor: Actor,
    action: string,
    missing: readonly (Omit<typeof consultees.$inferInsert, 'kind'> & { linkedId: string })[],
  ) {
    if (!missing.length) return 0;
    const added = await tx
      .insert(consultees)
      .values(
        missing.map(({ linkedId: _, ...value }) => ({ ...value, kind: 'organisation' as const })),
      )
      .onConflictDoNothing()
      .returning({ id: consultees.id });
    await recordAudit(tx, actor, {
      action,
      recordType: 'consultee',
      recordId: added[0]?.id ?? missing[0]!.linkedId,
      after: { consulteeIds: added.map((a) => a.id), groupIds: missing.map((g) => g.linkedId) },
    });
    return added.length;
  }

  return {
    /** CON-03: the consultees a page at a time, by name, with their borough and members. */
    async list(principal: Principal, query: ConsulteeQuery) {
      manage(principal);
      const words = query.q ? prefixTsQuery(query.q) : null;
      const category = CONSULTEE_CATEGORIES.find((c) => c === query.category);
      const borough = query.borough && isUuid(query.borough) ? query.borough : undefined;
      const conditions = [
        words ? sql`${consultees.search} @@ to_tsquery('english', ${words})` : undefined,
        category ? eq(consultees.category, category) : undefined,
        borough ? eq(consultees.boroughId, borough) : undefined,
      ].filter((c): c is SQL => c !== undefined);
      const where = conditions.length ? and(...conditions) : undefined;
      // Qualified by hand: drizzle writes a one-table select's columns unqualified.
      const members = sql<number>`(select count(*)::int from ${consultees} m where m.parent_id = "consultees"."id")`;
      const [items, [total], boroughList] = await Promise.all([
        db
          .select({
            id: consultees.id,
            name: consultees.name,
            kind: consultees.kind,
            category: consultees.category,
            boroughName: directory.organisationNameSql(consultees.boroughId),
            members,
            consentGivenOn: consultees.consentGivenOn,
            consentWithdrawnAt: consultees.consentWithdrawnAt,
          })
          .from(consultees)
          .where(where)
          .orderBy(asc(consultees.name), asc(consultees.id))
          .limit(query.limit)
          .offset(query.offset),
        db.select({ n: count() }).from(consultees).where(where),
        boroughs(),
      ]);
      return {
        items,
        total: Number(total?.n ?? 0),
        category: category ?? null,
        borough: borough ?? null,
        boroughs: boroughList,
      };
    },

    /** What the add and change forms offer: the umbrella bodies and the boroughs. */
    async formOptions(principal: Principal) {
      manage(principal);
      const [umbrellas, boroughList] = await Promise.all([umbrellaBodies(db), boroughs()]);
      return { umbrellas, boroughs: boroughList };
    },

    /**
     * A consultee with its channels, its umbrella body, its members, and the advisory group or
     * engagement group it is.
     */
    async get(principal: Principal, id: string) {
      manage(principal);
      const consultee = await find(db, id);
      const [channels, members, parent, names, group, engagementGroup] = await Promise.all([
        channelsOf(db, [id]),
        db
          .select({ id: consultees.id, name: consultees.name, category: consultees.category })
          .from(consultees)
          .where(eq(consultees.parentId, id))
          .orderBy(asc(consultees.name)),
        consultee.parentId
          ? db
              .select({ id: consultees.id, name: consultees.name })
              .from(consultees)
              .where(eq(consultees.id, consultee.parentId))
          : [],
        directory.directory.lookups.organisations(
          db,
          consultee.boroughId ? [consultee.boroughId] : [],
        ),
        consultee.advisoryGroupId
          ? groups.groupsByIds(db, [consultee.advisoryGroupId])
          : Promise.resolve([]),
        consultee.engagementGroupId
          ? engagement.group(consultee.engagementGroupId)
          : Promise.resolve(undefined),
      ]);
      return {
        consultee,
        channels: inOrder(channels),
        members,
        parent: parent[0] ?? null,
        boroughName: consultee.boroughId ? (names.get(consultee.boroughId)?.name ?? null) : null,
        advisoryGroup: group[0] ?? null,
        engagementGroup: engagementGroup
          ? { name: engagementGroup.name, href: engagement.groupHref(engagementGroup.id) }
          : null,
      };
    },

    /** The change form's values: the record as it is. */
    async editValues(principal: Principal, id: string) {
      manage(principal);
      const c = await find(db, id);
      return {
        name: c.name,
        kind: c.kind,
        category: c.category,
        parentId: c.parentId ?? '',
        boroughId: c.boroughId ?? '',
        version: String(c.version),
      };
    },

    /** CON-03: an officer adds a person or organisation to the consultee database. */
    async create(principal: Principal, input: Input, requestId?: string) {
      const user = manage(principal);
      // The boroughs are the directory's, read on its own connection: before the transaction.
      const boroughList = await boroughs();
      return db.transaction(async (tx) => {
        const umbrellas = await umbrellaBodies(tx);
        const { refusals, value } = validateConsultee(fields(input), {
          umbrellaIds: umbrellas.map((u) => u.id),
          boroughIds: boroughList.map((b) => b.id),
        });
        refuse(refusals);
        const [row] = await tx.insert(consultees).values(value).returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultee.added',
          recordType: 'consultee',
          recordId: row!.id,
          after: auditable(row!),
        });
        return row!;
      });
    },

    /** CON-03: an officer changes a consultee's name, kind, category, umbrella body or borough. */
    async update(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = manage(principal);
      const boroughList = await boroughs();
      return db.transaction(async (tx) => {
        const before = await find(tx, id, true);
        stale(input, before.version);
        const umbrellas = await umbrellaBodies(tx);
        const [members] = await tx
          .select({ n: count() })
          .from(consultees)
          .where(eq(consultees.parentId, id));
        const { refusals, value } = validateConsultee(fields(input), {
          umbrellaIds: umbrellas.map((u) => u.id),
          boroughIds: boroughList.map((b) => b.id),
          selfId: id,
        });
        // An umbrella body with members stays one until its members are moved.
        if (before.category === 'umbrella_body' && value.category !== 'umbrella_body')
          if (Number(members?.n ?? 0) > 0)
            refusals.push({
              field: 'category',
              key: 'consultation:consultees.errors.umbrellaHasMembers',
            });
        refuse(refusals);
        const [after] = await tx
          .update(consultees)
          .set({ ...value, updatedAt: now(), version: sql`${consultees.version} + 1` })
          .where(and(eq(consultees.id, id), eq(consultees.version, before.version)))
          .returning();
        if (!after) throw new ConflictError(t('consultation:consultees.errors.stale'), 'version');
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultee.updated',
          recordType: 'consultee',
          recordId: id,
          before: auditable(before),
          after: auditable(after),
        });
        return after;
      });
    },

    /** The channels form's values: each kind's detail, and which is preferred. */
    async channelValues(principal: Principal, id: string) {
      manage(principal);
      const consultee = await find(db, id);
      const channels = await channelsOf(db, [id]);
      return {
        ...Object.fromEntries(channels.map((c) => [c.kind, c.detail])),
        preferred: channels.find((c) => c.preferred)?.kind ?? '',
        version: String(consultee.version),
      };
    },

    /** CON-03: the channels that reach a consultee, replaced as a whole, one preferred. */
    async saveChannels(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = manage(principal);
      return db.transaction(async (tx) => {
        const before = await find(tx, id, true);
        stale(input, before.version);
        const { refusals, channels } = validateChannels(fields(input));
        refuse(refusals);
        const old = await channelsOf(tx, [id]);
        await tx.delete(consulteeChannels).where(eq(consulteeChannels.consulteeId, id));
        if (channels.length)
          await tx
            .insert(consulteeChannels)
            .values(channels.map((c) => ({ consulteeId: id, ...c })));
        const [after] = await tx
          .update(consultees)
          .set({ updatedAt: now(), version: sql`${consultees.version} + 1` })
          .where(eq(consultees.id, id))
          .returning();
        const kinds = (list: readonly { kind: string; preferred: boolean }[]) =>
          list.map((c) => (c.preferred ? `${c.kind} (preferred)` : c.kind));
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'consultee.channels-changed',
          recordType: 'consultee',
          recordId: id,
          before: { channels: kinds(inOrder(old)) },
          after: { channels: kinds(channels) },
        });
        return after!;
      });
    },

    /** The consent form's values: the day given (today if none yet) and how recorded. */
    async consentValues(principal: Principal, id: string) {
      manage(principal);
      const c = await find(db, id);
      return {
        ...dateParts('givenOn', c.consentGivenOn ?? today()),
        method: c.consentMethod ?? '',
        withdrawn: c.consentWithdrawnAt ? 'yes' : '',
        version: String(c.version),
      };
    },

    /**
     * CON-03: consent to be contacted recorded (the day given and how), or withdrawn by the
     * officer on the consultee's word ("withdraw"): once withdrawn they are never e-mailed; a
     * new consent given later is recorded afresh.
     */
    async saveConsent(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = manage(principal);
      return db.transaction(async (tx) => {
        const before = await find(tx, id, true);
        stale(input, before.version);
        let set: Partial<Consultee>;
        if (one(input.action) === 'withdraw') {
          set = { consentWithdrawnAt: before.consentWithdrawnAt ?? now() };
        } else {
          const errors: FieldError[] = [];
          const givenOn = dateField(
            t,
            input,
            'givenOn',
            t('consultation:consultees.consent.givenOnLabel'),
            errors,
          );
          const { refusals, method } = validateConsent(fields(input), givenOn, today());
          refuse(refusals, errors);
          set = { consentGivenOn: givenOn!, consentMethod: method!, consentWithdrawnAt: null };
        }
        const [after] = await tx
          .update(consultees)
          .set({ ...set, updatedAt: now(), version: sql`${consultees.version} + 1` })
          .where(eq(consultees.id, id))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: set.consentWithdrawnAt
            ? 'consultee.consent-withdrawn'
            : 'consultee.consent-given',
          recordType: 'consultee',
          recordId: id,
          before: {
            consentGivenOn: before.consentGivenOn,
            consentMethod: before.consentMethod,
            consentWithdrawnAt: before.consentWithdrawnAt,
          },
          after: {
            consentGivenOn: after!.consentGivenOn,
            consentMethod: after!.consentMethod,
            consentWithdrawnAt: after!.consentWithdrawnAt,
          },
        });
        return after!;
      });
    },

    /**
     * CON-03, CON-07 ("tiers are linked, not duplicated"): each advisory group now working that
     * is not yet a consultee becomes one, of the advisory group category, in the borough that
     * owns it when a borough does. Returns how many were added.
     */
    async addAdvisoryGroups(principal: Principal, requestId?: string) {
      const user = manage(principal);
      const boroughIds = new Set((await boroughs()).map((b) => b.id));
      return db.transaction(async (tx) => {
        const working = groups.workingGroupsSql();
        const missing = await tx
          .select({
            id: working.id,
            name: working.name,
            ownerId: groups.groupOwnerIdSql(working.id),
          })
          .from(working)
          .leftJoin(consultees, eq(consultees.advisoryGroupId, working.id))
          .where(isNull(consultees.id))
          .orderBy(working.name);
        return addLinked(
          tx,
          actorOf(user, requestId),
          'consultee.advisory-groups-added',
          missing.map((g) => ({
            linkedId: g.id,
            name: g.name,
            category: 'advisory_group',
            advisoryGroupId: g.id,
            boroughId: g.ownerId && boroughIds.has(g.ownerId) ? g.ownerId : null,
          })),
        );
      });
    },

    /**
     * CON-03, CON-04, CON-07: the engagement groups are whom the authority consults in each
     * borough (seed 002 paras 19-21). Each one not closed that is not yet a consultee becomes
     * one, of the engagement group category, in its borough. Returns how many were added.
     */
    async addEngagementGroups(principal: Principal, requestId?: string) {
      const user = manage(principal);
      return db.transaction(async (tx) => {
        const open = engagement.openGroupsSql();
        const missing = await tx
          .select({ id: open.id, name: open.name, boroughId: open.boroughId })
          .from(open)
          .leftJoin(consultees, eq(consultees.engagementGroupId, open.id))
          .where(isNull(consultees.id))
          .orderBy(open.name);
        return addLinked(
          tx,
          actorOf(user, requestId),
          'consultee.engagement-groups-added',
          missing.map((g) => ({
            linkedId: g.id,
            name: g.name,
            category: 'engagement_group',
            engagementGroupId: g.id,
            boroughId: g.boroughId,
          })),
        );
      });
    },
  };
}
