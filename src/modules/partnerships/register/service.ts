/**
 * The partnerships register (CDRP-01, CDRP-10, CDRP-15), for staff: one entry per borough for its
 * community safety partnership, with its nominated officer and deputy, when it was last
 * confirmed, its information-sharing protocol and what is kept for it by year. The authority's
 * officers add and keep any entry; a borough's partnership officer keeps their borough's. Each
 * action is one transaction with one audit event; a refused one changes nothing.
 */
import { and, asc, count, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordAudit } from '../../../platform/audit/service.js';
import { can, requireUser } from '../../../platform/auth/permissions.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { users } from '../../../platform/auth/schema.js';
import {
  reportingYearOf,
  startOfLondonDay,
  todayInLondon,
} from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { dateField, dateParts } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, type SaidRefusal } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import {
  isStale,
  reviewOverdue,
  staleCutoffDay,
  validateOfficers,
  validateProtocol,
  validateRecord,
  type OfficersValue,
} from '../rules.js';
import { recordsPage } from '../records.js';
import { partnershipRecords, partnerships } from '../schema.js';

export type RegisterService = ReturnType<typeof createRegisterService>;
export type Partnership = typeof partnerships.$inferSelect;
export type StaleFilter = 'stale' | 'current' | undefined;
type Input = Record<string, string | string[] | undefined>;
const one = (value: Input[string]) => (typeof value === 'string' ? value : undefined);
const fields = (input: Input) =>
  Object.fromEntries(Object.entries(input).map(([k, v]) => [k, one(v)]));

export function createRegisterService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
  staleMonths: number;
}) {
  const { db, directory, now, t, staleMonths } = deps;
  const { lookups } = directory.directory;
  const today = () => todayInLondon(now());

  function refuse(refusals: readonly SaidRefusal[], errors: FieldError[] = []): void {
    const all = [...errors, ...fieldErrors(t, refusals)];
    if (all.length) throw new ValidationError(all);
  }

  /** Whether the person may keep this borough's entry: an authority officer, or its own officer. */
  const mayKeep = (principal: Principal, boroughId: string) =>
    can(principal, 'partnerships.manage') ||
    can(principal, 'borough.partnership-record.edit', { type: 'borough', id: boroughId });

  async function find(executor: Executor, id: string): Promise<Partnership> {
    const [row] = isUuid(id)
      ? await executor.select().from(partnerships).where(eq(partnerships.id, id))
      : [];
    if (!row) throw new NotFoundError();
    return row;
  }

  /** The entry, for someone who may keep it, refused to anyone else; a stale copy is refused. */
  async function findToKeep(tx: Executor, principal: Principal, id: string, input: Input) {
    const user = requireUser(principal, 'partnerships.keep');
    const before = await find(tx, id);
    if (!mayKeep(user, before.boroughId)) throw new ForbiddenError();
    const version = one(input.version);
    if (version !== undefined && Number(version) !== before.version)
      throw new ConflictError(t('partnerships:register.errors.staleEdit'), 'version');
    return { user, before };
  }

  /** An update of the entry at the version read, else the stale edit is refused. */
  async function updateAt(tx: Executor, before: Partnership, set: Partial<Partnership>) {
    const [after] = await tx
      .update(partnerships)
      .set({ ...set, updatedAt: now(), version: sql`${partnerships.version} + 1` })
      .where(and(eq(partnerships.id, before.id), eq(partnerships.version, before.version)))
      .returning();
    if (!after) throw new ConflictError(t('partnerships:register.errors.staleEdit'), 'version');
    return after;
  }

  /**
   * The directory's people for the officer and deputy typed: found by e-mail where one is given;
   * without one, the person already recorded in that place when the name is theirs; else added.
   */
  async function officerIds(tx: Executor, value: OfficersValue, current?: Partnership) {
    const held = current
      ? await lookups.people(tx, [current.officerId, current.deputyId])
      : new Map<string, { fullName: string }>();
    const same = (id: string | undefined, fullName: string) =>
      id && held.get(id)?.fullName.toLowerCase() === fullName.toLowerCase() ? id : undefined;
    const kept = [
      !value.officer.email ? same(current?.officerId, value.officer.fullName) : undefined,
      !value.deputy.email ? same(current?.deputyId, value.deputy.fullName) : undefined,
    ];
    const wanted = [value.officer, value.deputy].filter((_, i) => !kept[i]);
    const { ids } = await lookups.findOrAddPeople(
      tx,
      wanted.map((p) => ({ fullName: p.fullName, email: p.email })),
    );
    // An address found in the directory is that person's: a new name typed beside an old
    // address (the form fills in the holder's) would otherwise keep the old person silently.
    const found = await lookups.people(tx, ids);
    const misnamed = wanted.flatMap((p, i) => {
      const holder = found.get(ids[i]!)?.fullName;
      if (!p.email || !holder || holder.toLowerCase() === p.fullName.toLowerCase()) return [];
      const who = p === value.officer ? 'officer' : 'deputy';
      return [
        {
          field: `${who}Email`,
          key: 'partnerships:register.errors.emailIsSomeoneElses',
          values: { name: holder },
        },
      ];
    });
    if (misnamed.length) refuse(misnamed);
    let next = 0;
    const [officerId, deputyId] = kept.map((k) => k ?? ids[next++]!);
    if (officerId === deputyId)
      refuse([{ field: 'deputyName', key: 'partnerships:register.errors.deputySameAsOfficer' }]);
    return { officerId: officerId!, deputyId: deputyId! };
  }

  /** CDRP-01: the register's filter by whether the last confirmation has gone stale. */
  function staleCondition(status: StaleFilter): SQL | undefined {
    if (!status) return undefined;
    const cutoff = startOfLondonDay(staleCutoffDay(today(), staleMonths));
    return status === 'stale'
      ? lt(partnerships.confirmedAt, cutoff)
      : gte(partnerships.confirmedAt, cutoff);
  }

  const boroughName = directory.organisationNameSql(partnerships.boroughId);

  return {
    staleMonths,

    /**
     * CDRP-01: the register, by borough, a page at a time: stale or current entries only when
     * asked. Names come in the same query (the directory's SQL), never one query a row.
     */
    async list(
      principal: Principal,
      query: { status: StaleFilter; limit: number; offset: number },
    ) {
      const user = requireUser(principal, 'partnerships.view');
      const where = staleCondition(query.status);
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: partnerships.id,
            boroughId: partnerships.boroughId,
            borough: boroughName,
            name: partnerships.name,
            officer: directory.personNameSql(partnerships.officerId),
            officerRank: partnerships.officerRank,
            deputy: directory.personNameSql(partnerships.deputyId),
            deputyRank: partnerships.deputyRank,
            confirmedAt: partnerships.confirmedAt,
            protocolReviewOn: partnerships.protocolReviewOn,
            protocolCompliance: partnerships.protocolCompliance,
          })
          .from(partnerships)
          .where(where)
          .orderBy(sql`lower(${boroughName})`, asc(partnerships.id))
          .limit(query.limit)
          .offset(query.offset),
        db.select({ n: count() }).from(partnerships).where(where),
      ]);
      const day = today();
      return {
        items: rows.map((r) => ({
          ...r,
          stale: isStale(r.confirmedAt, day, staleMonths),
          reviewOverdue: reviewOverdue(r.protocolReviewOn, day),
          mayKeep: mayKeep(user, r.boroughId),
        })),
        total: Number(total?.n ?? 0),
        mayAdd: can(user, 'partnerships.manage'),
      };
    },

    /**
     * An entry with its officers (name, rank, e-mail), who confirmed it and when, its protocol,
     * and a page of what is kept for it by year, the latest year first.
     */
    async get(principal: Principal, id: string, page: { limit: number; offset: number }) {
      const user = requireUser(principal, 'partnerships.view');
      const entry = await find(db, id);
      const confirmer = alias(users, 'confirmer');
      const [people, boroughs, [by], kept] = await Promise.all([
        lookups.people(db, [entry.officerId, entry.deputyId]),
        lookups.organisations(db, [entry.boroughId]),
        entry.confirmedBy
          ? db
              .select({ name: confirmer.displayName })
              .from(confirmer)
              .where(eq(confirmer.id, entry.confirmedBy))
          : Promise.resolve([]),
        recordsPage(db, id, page),
      ]);
      const day = today();
      return {
        entry,
        borough: boroughs.get(entry.boroughId)?.name ?? '',
        officer: people.get(entry.officerId),
        deputy: people.get(entry.deputyId),
        confirmedByName: by?.name ?? null,
        stale: isStale(entry.confirmedAt, day, staleMonths),
        reviewOverdue: reviewOverdue(entry.protocolReviewOn, day),
        ...kept,
        mayKeep: mayKeep(user, entry.boroughId),
      };
    },

    /** The boroughs an entry may be added for: those of the directory without one yet. */
    async boroughChoices(principal: Principal) {
      requireUser(principal, 'partnerships.manage');
      const [boroughs, taken] = await Promise.all([
        directory.directory.organisations.options(['borough']),
        db.select({ id: partnerships.boroughId }).from(partnerships),
      ]);
      const used = new Set(taken.map((r) => r.id));
      return boroughs.filter((b) => !used.has(b.id));
    },

    /**
     * CDRP-01: an authority officer adds a borough's entry: the partnership's name, its nominated
     * officer (inspector or above) and deputy (a superintendent); adding it confirms it.
     */
    async add(principal: Principal, input: Input, requestId?: string) {
      const user = requireUser(principal, 'partnerships.manage');
      // Read before the transaction (the directory reads on its own connection); a borough
      // taken meanwhile is caught by the unique index below.
      const choices = await this.boroughChoices(user);
      return db.transaction(async (tx) => {
        const text = fields(input);
        const { refusals, value } = validateOfficers(text);
        const boroughId = text.boroughId ?? '';
        const errors: FieldError[] = [];
        if (!choices.some((b) => b.id === boroughId))
          errors.push({
            field: 'boroughId',
            message: t('partnerships:register.errors.boroughMissing'),
          });
        refuse(refusals, errors);
        const ids = await officerIds(tx, value);
        const [entry] = await tx
          .insert(partnerships)
          .values({
            boroughId,
            name: value.name,
            officerId: ids.officerId,
            officerRank: value.officer.rank,
            deputyId: ids.deputyId,
            deputyRank: value.deputy.rank,
            confirmedAt: now(),
            confirmedBy: user.userId,
          })
          .onConflictDoNothing()
          .returning();
        // Another officer added this borough's entry at the same moment.
        if (!entry)
          refuse(
            [],
            [{ field: 'boroughId', message: t('partnerships:register.errors.boroughMissing') }],
          );
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'partnership.added',
          recordType: 'partnership',
          recordId: entry!.id,
          after: entry,
        });
        return entry!;
      });
    },

    /** The edit form's values: the entry's name, officers (with e-mail, if known) and ranks. */
    async editValues(principal: Principal, id: string): Promise<Record<string, string>> {
      const {
        entry,
        officer,
        deputy,
        mayKeep: allowed,
      } = await this.get(principal, id, {
        limit: 1,
        offset: 0,
      });
      if (!allowed) throw new ForbiddenError();
      return {
        name: entry.name,
        officerName: officer?.fullName ?? '',
        officerEmail: officer?.email ?? '',
        officerRank: entry.officerRank,
        deputyName: deputy?.fullName ?? '',
        deputyEmail: deputy?.email ?? '',
        deputyRank: entry.deputyRank,
        version: String(entry.version),
      };
    },

    /**
     * CDRP-01: the entry's partnership, officer or deputy changed by the borough's partnership
     * officer or an authority officer; saving it confirms it, as it was checked to be saved.
     */
    async update(principal: Principal, id: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, before } = await findToKeep(tx, principal, id, input);
        const { refusals, value } = validateOfficers(fields(input));
        refuse(refusals);
        const ids = await officerIds(tx, value, before);
        const after = await updateAt(tx, before, {
          name: value.name,
          officerId: ids.officerId,
          officerRank: value.officer.rank,
          deputyId: ids.deputyId,
          deputyRank: value.deputy.rank,
          confirmedAt: now(),
          confirmedBy: user.userId,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'partnership.updated',
          recordType: 'partnership',
          recordId: id,
          before,
          after,
        });
        return after;
      });
    },

    /** CDRP-01: the entry confirmed as still current, by whom and when. */
    async confirm(principal: Principal, id: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, before } = await findToKeep(tx, principal, id, input);
        const after = await updateAt(tx, before, {
          confirmedAt: now(),
          confirmedBy: user.userId,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'partnership.confirmed',
          recordType: 'partnership',
          recordId: id,
          before: { confirmedAt: before.confirmedAt, confirmedBy: before.confirmedBy },
          after: { confirmedAt: after.confirmedAt, confirmedBy: after.confirmedBy },
        });
        return after;
      });
    },

    /** The protocol form's values: what is recorded, or today as the day assessed. */
    async protocolValues(principal: Principal, id: string): Promise<Record<string, string>> {
      const { entry, mayKeep: allowed } = await this.get(principal, id, { limit: 1, offset: 0 });
      if (!allowed) throw new ForbiddenError();
      return {
        ...dateParts('agreedOn', entry.protocolAgreedOn),
        ...dateParts('reviewOn', entry.protocolReviewOn),
        ...dateParts('assessedOn', entry.protocolAssessedOn ?? today()),
        compliance: entry.protocolCompliance ?? '',
        complianceNote: entry.protocolComplianceNote ?? '',
        version: String(entry.version),
      };
    },

    /**
     * CDRP-15: the partnership's information-sharing protocol: agreed, to be reviewed, and its
     * compliance with the central guidance as assessed on a day.
     */
    async recordProtocol(principal: Principal, id: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, before } = await findToKeep(tx, principal, id, input);
        const text = fields(input);
        const errors: FieldError[] = [];
        const label = (name: string) => t(`partnerships:protocol.${name}Label`);
        const agreedOn = dateField(t, text, 'agreedOn', label('agreedOn'), errors);
        const reviewOn = dateField(t, text, 'reviewOn', label('reviewOn'), errors);
        const assessedOn = dateField(t, text, 'assessedOn', label('assessedOn'), errors);
        const { refusals, value } = validateProtocol(
          text,
          { agreedOn, reviewOn, assessedOn },
          today(),
        );
        refuse(refusals, errors);
        const after = await updateAt(tx, before, {
          protocolAgreedOn: value.agreedOn,
          protocolReviewOn: value.reviewOn,
          protocolCompliance: value.compliance,
          protocolComplianceNote: value.complianceNote,
          protocolAssessedOn: value.assessedOn,
        });
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'partnership.protocol-recorded',
          recordType: 'partnership',
          recordId: id,
          before: protocolOf(before),
          after: protocolOf(after),
        });
        return after;
      });
    },

    /** The record form's values: this reporting year. */
    async recordValues(principal: Principal, id: string): Promise<Record<string, string>> {
      const user = requireUser(principal, 'partnerships.keep');
      if (!mayKeep(user, (await find(db, id)).boroughId)) throw new ForbiddenError();
      return { year: String(reportingYearOf(today()).startYear) };
    },

    /** CDRP-10: an audit, strategy, target or performance figure kept for one of its years. */
    async addRecord(principal: Principal, id: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, before } = await findToKeep(tx, principal, id, {});
        const { refusals, value } = validateRecord(fields(input), today());
        refuse(refusals);
        const [record] = await tx
          .insert(partnershipRecords)
          .values({ partnershipId: before.id, ...value, createdBy: user.userId })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'partnership-record.added',
          recordType: 'partnership-record',
          recordId: record!.id,
          after: record,
        });
        return { entry: before, record: record! };
      });
    },

    /** The boroughs whose entry a person keeps (a partnership officer's), for their home task. */
    async keptBy(principal: UserPrincipal) {
      const boroughs = principal.roles
        .filter((g) => g.role === 'partnership_officer' && g.scopeType === 'borough' && g.scopeId)
        .map((g) => g.scopeId!);
      if (!boroughs.length) return [];
      return db
        .select({ id: partnerships.id, name: partnerships.name })
        .from(partnerships)
        .where(inArray(partnerships.boroughId, boroughs))
        .orderBy(asc(partnerships.name));
    },
  };
}

const protocolOf = (p: Partnership) => ({
  agreedOn: p.protocolAgreedOn,
  reviewOn: p.protocolReviewOn,
  compliance: p.protocolCompliance,
  complianceNote: p.protocolComplianceNote,
  assessedOn: p.protocolAssessedOn,
});
