/**
 * CON-04: the register of engagement groups, for staff: each borough's groups with their
 * officers, constitution, contact and standing against the minimum standards. The authority's
 * officers add, change and close groups (`engagement.manage`); a group's engagement officer reads
 * their own group. Each action is one transaction with one audit event.
 */
import { and, asc, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { prefixTsQuery, type PageRequest } from '../../../platform/db/search.js';
import {
  ConflictError,
  ForbiddenError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { dateField, dateParts } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, refusal } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import { mayViewGroup, ownGroupIds } from '../access.js';
import {
  findGroup,
  standardsInForce,
  standingCondition,
  standingCounts,
  type GroupRow,
} from '../read.js';
import {
  OFFICER_ROLES,
  STANDING_FILTERS,
  summaryFromCounts,
  validateGroup,
  type GroupValue,
  type OfficerRole,
} from '../rules.js';
import { engagementGroups } from '../schema.js';

export type RegisterService = ReturnType<typeof createRegisterService>;
type Input = Record<string, string | string[] | undefined>;

export function createRegisterService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
}) {
  const { db, directory, now, t } = deps;
  const { lookups } = directory.directory;
  const today = () => todayInLondon(now());
  const stale = () => new ConflictError(t('engagement:errors.staleEdit'), 'version');
  // Closed already: the page no longer offers its Close button, so said without a link to it.
  const closedAlready = () => new ConflictError(t('engagement:errors.groupClosed'));

  /** The group's fields checked: its borough one of the directory's, its adoption date real. */
  async function checkedGroup(executor: Executor, input: Input) {
    const errors: FieldError[] = [];
    const adoptedOn = dateField(
      t,
      input,
      'constitutionAdoptedOn',
      t('engagement:groups.adoptedLabel'),
      errors,
      { required: false },
    );
    const { refusals, value } = validateGroup(input);
    const all = [...errors, ...fieldErrors(t, refusals)];
    if (adoptedOn && adoptedOn > today())
      all.push({
        field: 'constitutionAdoptedOn-day',
        message: t('engagement:errors.adoptedInFuture'),
      });
    if (value.boroughId && !all.some((e) => e.field === 'boroughId')) {
      const found = isUuid(value.boroughId)
        ? (await lookups.organisations(executor, [value.boroughId])).get(value.boroughId)
        : undefined;
      if (!found || found.kind !== 'borough' || found.archived)
        all.push({ field: 'boroughId', message: t('engagement:errors.boroughIdMissing') });
    }
    if (all.length) throw new ValidationError(all);
    return { value, adoptedOn };
  }

  /**
   * The directory's people for the officers typed: found by e-mail where one is given; without
   * one, the person already in that place when the name is theirs; else added to the directory.
   */
  async function officerIds(tx: Executor, value: GroupValue, current?: GroupRow) {
    const currentIds: Record<OfficerRole, string | null> = {
      chair: current?.chairId ?? null,
      secretary: current?.secretaryId ?? null,
      treasurer: current?.treasurerId ?? null,
    };
    const held = await lookups.people(
      tx,
      Object.values(currentIds).filter((id): id is string => !!id),
    );
    const result: Record<OfficerRole, string | null> = {
      chair: null,
      secretary: null,
      treasurer: null,
    };
    const wanted: { role: OfficerRole; fullName: string; email: string | null }[] = [];
    for (const role of OFFICER_ROLES) {
      const typed = value.officers[role];
      if (!typed) continue;
      const id = currentIds[role];
      const holder = id ? held.get(id) : undefined;
      if (
        id &&
        holder &&
        holder.fullName.toLowerCase() === typed.fullName.toLowerCase() &&
        !typed.email
      )
        result[role] = id;
      else wanted.push({ role, ...typed });
    }
    if (wanted.length) {
      const { ids } = await lookups.findOrAddPeople(
        tx,
        wanted.map((w) => ({ fullName: w.fullName, email: w.email })),
      );
      const found = await lookups.people(tx, ids);
      wanted.forEach((w, i) => {
        const holder = found.get(ids[i]!)?.fullName;
        // An address found in the directory is that person's: a different name is refused.
        if (w.email && holder && holder.toLowerCase() !== w.fullName.toLowerCase())
          throw refusal(t, `${w.role}Email`, 'engagement:errors.emailIsSomeoneElses', {
            name: holder,
          });
        result[w.role] = ids[i]!;
      });
    }
    return {
      chairId: result.chair,
      secretaryId: result.secretary,
      treasurerId: result.treasurer,
    };
  }

  /** CON-04: a group with its borough, officers and standing, for one who may read it. */
  async function readGroup(principal: Principal, id: string) {
    const group = await findGroup(db, id);
    if (!mayViewGroup(principal, group.id)) throw new ForbiddenError();
    const [people, organisations, [counts]] = await Promise.all([
      lookups.people(
        db,
        [group.chairId, group.secretaryId, group.treasurerId].filter((p): p is string => !!p),
      ),
      lookups.organisations(db, [group.boroughId]),
      db
        .select({ ...standingCounts(sql`${group.id}::uuid`), inForce: standardsInForce })
        .from(sql`(select 1) as one`),
    ]);
    const officer = (personId: string | null) => (personId ? people.get(personId) : undefined);
    return {
      group,
      borough: organisations.get(group.boroughId)?.name ?? '',
      officers: {
        chair: officer(group.chairId),
        secretary: officer(group.secretaryId),
        treasurer: officer(group.treasurerId),
      },
      summary: summaryFromCounts(
        counts ?? { met: 0, partly: 0, notMet: 0 },
        Number(counts?.inForce ?? 0),
      ),
    };
  }

  return {
    /** Whether an instant is past, by the app's clock (a meeting held, not to come). */
    isPast: (at: Date) => at.getTime() < now().getTime(),

    /** CON-04: the groups by borough and name, filtered, a page at a time, each with its standing. */
    async list(
      principal: Principal,
      filter: {
        borough?: string | undefined;
        standing?: string | undefined;
        q?: string | undefined;
      },
      page: PageRequest,
    ) {
      requireUser(principal, 'engagement.view');
      const borough = filter.borough && isUuid(filter.borough) ? filter.borough : undefined;
      const standing = STANDING_FILTERS.find((s) => s === filter.standing);
      const q = filter.q?.trim().slice(0, 100) || undefined;
      const tsQuery = q ? prefixTsQuery(q) : null;
      const conditions: (SQL | undefined)[] = [
        borough ? eq(engagementGroups.boroughId, borough) : undefined,
        standingCondition(engagementGroups.id, standing),
        tsQuery ? sql`${engagementGroups.search} @@ to_tsquery('english', ${tsQuery})` : undefined,
      ];
      const where = and(...conditions);
      const boroughName = directory.organisationNameSql(engagementGroups.boroughId);
      const [rows, [total], [standards]] = await Promise.all([
        db
          .select({
            id: engagementGroups.id,
            name: engagementGroups.name,
            closedOn: engagementGroups.closedOn,
            borough: boroughName,
            ...standingCounts(engagementGroups.id),
          })
          .from(engagementGroups)
          .where(where)
          .orderBy(asc(boroughName), asc(engagementGroups.name), asc(engagementGroups.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(engagementGroups).where(where),
        db.select({ n: standardsInForce }).from(sql`(select 1) as one`),
      ]);
      const inForce = Number(standards?.n ?? 0);
      return {
        items: rows.map((r) => ({ ...r, summary: summaryFromCounts(r, inForce) })),
        total: Number(total?.n ?? 0),
        filter: { borough: borough ?? null, standing: standing ?? null, q: q ?? '' },
      };
    },

    /** The boroughs, for the register's filter and the group form. */
    boroughs: () => directory.directory.scopeCatalogue.options('borough'),

    /** CON-04: a group with its borough, officers and standing, for one who may read it. */
    group: readGroup,

    /** What the group form starts with. */
    async values(principal: Principal, id: string) {
      requireUser(principal, 'engagement.manage');
      const { group, officers } = await readGroup(principal, id);
      return {
        name: group.name,
        boroughId: group.boroughId,
        constitutionLink: group.constitutionLink ?? '',
        contactEmail: group.contactEmail ?? '',
        ...dateParts('constitutionAdoptedOn', group.constitutionAdoptedOn),
        ...Object.fromEntries(
          OFFICER_ROLES.flatMap((role) => [
            [`${role}Name`, officers[role]?.fullName ?? ''],
            [`${role}Email`, officers[role]?.email ?? ''],
          ]),
        ),
        version: String(group.version),
      };
    },

    /** CON-04: a group added to the register by an authority officer. */
    async create(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, 'engagement.manage');
      return db.transaction(async (tx) => {
        const { value, adoptedOn } = await checkedGroup(tx, input);
        const officers = await officerIds(tx, value);
        const [row] = await tx
          .insert(engagementGroups)
          .values({
            name: value.name,
            boroughId: value.boroughId,
            constitutionAdoptedOn: adoptedOn,
            constitutionLink: value.constitutionLink,
            contactEmail: value.contactEmail,
            ...officers,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'engagement-group.created',
          recordType: 'engagement-group',
          recordId: row!.id,
          after: row,
        });
        return row!;
      });
    },

    /** CON-04: a group's details or officers changed, while it is as the form saw it. */
    async update(principal: Principal, id: string, input: Input, requestId?: string) {
      const user = requireUser(principal, 'engagement.manage');
      return db.transaction(async (tx) => {
        const before = await findGroup(tx, id);
        if (Number(input.version ?? before.version) !== before.version) throw stale();
        const { value, adoptedOn } = await checkedGroup(tx, input);
        const officers = await officerIds(tx, value, before);
        const [after] = await tx
          .update(engagementGroups)
          .set({
            name: value.name,
            boroughId: value.boroughId,
            constitutionAdoptedOn: adoptedOn,
            constitutionLink: value.constitutionLink,
            contactEmail: value.contactEmail,
            ...officers,
            updatedAt: now(),
            version: sql`${engagementGroups.version} + 1`,
          })
          .where(and(eq(engagementGroups.id, id), eq(engagementGroups.version, before.version)))
          .returning();
        if (!after) throw stale();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'engagement-group.updated',
          recordType: 'engagement-group',
          recordId: id,
          before,
          after,
        });
        return after;
      });
    },

    /** CON-04: a group closed today (merged, wound up); kept for the record. */
    async close(principal: Principal, id: string, _input: Input, requestId?: string) {
      const user = requireUser(principal, 'engagement.manage');
      return db.transaction(async (tx) => {
        const before = await findGroup(tx, id);
        if (before.closedOn) throw closedAlready();
        const [after] = await tx
          .update(engagementGroups)
          .set({
            closedOn: today(),
            updatedAt: now(),
            version: sql`${engagementGroups.version} + 1`,
          })
          .where(and(eq(engagementGroups.id, id), isNull(engagementGroups.closedOn)))
          .returning();
        if (!after) throw closedAlready();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'engagement-group.closed',
          recordType: 'engagement-group',
          recordId: id,
          before,
          after,
        });
        return after;
      });
    },

    /** The open groups an engagement officer's roles are held for (their home task). */
    async ownGroups(principal: Principal) {
      const ids = ownGroupIds(principal);
      if (!ids.length) return [];
      return db
        .select({ id: engagementGroups.id, name: engagementGroups.name })
        .from(engagementGroups)
        .where(and(inArray(engagementGroups.id, ids), isNull(engagementGroups.closedOn)))
        .orderBy(asc(engagementGroups.name));
    },

    /** For other modules (grants): the named groups, without any page. */
    async groupsNamed(ids: readonly string[]) {
      const wanted = [...new Set(ids.filter(isUuid))];
      if (!wanted.length) return [];
      return db
        .select({
          id: engagementGroups.id,
          name: engagementGroups.name,
          boroughId: engagementGroups.boroughId,
          closedOn: engagementGroups.closedOn,
        })
        .from(engagementGroups)
        .where(inArray(engagementGroups.id, wanted))
        .orderBy(asc(engagementGroups.name));
    },
  };
}
