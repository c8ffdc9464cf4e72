/**
 * The custody visit report (ICV-03 to ICV-07), written at the station: one of the two visitors
 * begins it (suite, date, the other visitor, arrival and admission), they add each detainee
 * present and record the checks, then each confirms it; when both have, it is sent to the
 * custody inspector of the suite and the scheme manager, and is read by the panel's coordinator;
 * a report with a detainee held under terrorism legislation also goes to the authority, copied
 * to the Independent Reviewer of Terrorism Legislation (ICV-09). A report begun from a visit on
 * the rota marks the visit made when it is sent. Nobody but the two visitors reads a draft. Each action is one transaction with one audit event; a form sent twice (a phone that
 * lost its signal sends it again) carries the same idempotency key and is done once.
 */
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal, type UserPrincipal } from '../../../platform/auth/principal.js';
import { parseClockTime, todayInLondon } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../../platform/errors.js';
import { dateField } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import { formatDate } from '../../../platform/i18n/dates.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, say, type SaidRefusal } from '../../../platform/i18n/said.js';
import type { MailService } from '../../../platform/mail/service.js';
import type { DirectoryApi } from '../../directory/index.js';
import { schemeReach } from '../access.js';
import {
  confirmationRefusal,
  copySentRefusals,
  detaineesInOrder,
  reportCopies,
  missingParts,
  seesReport,
  validateAdmission,
  validateChecks,
  validateDetainee,
  visitorRole,
  visitPairRefusal,
  visitDayRefusal,
  visitReportable,
  type DetaineeInput,
} from '../report-rules.js';
import { rotaEligibility } from '../visitor-rules.js';
import { sameArea } from '../rules.js';
import {
  custodyPanels,
  custodySuites,
  custodyVisitorCourses,
  custodyVisitors,
  custodyVisits,
} from '../schema.js';
import { reportPaths } from './paths.js';
import {
  custodyVisitReportCopies,
  custodyVisitReportDetainees,
  custodyVisitReports,
} from './schema.js';

export type VisitReport = typeof custodyVisitReports.$inferSelect;
export type ReportDetainee = typeof custodyVisitReportDetainees.$inferSelect;
export type ReportCopy = typeof custodyVisitReportCopies.$inferSelect;
export type ReportsService = ReturnType<typeof createReportsService>;
type Input = Record<string, string | undefined>;
type Visitor = typeof custodyVisitors.$inferSelect;

const RECORD_TYPE = 'custody-visit-report';

export function createReportsService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
  mail: MailService;
  publicUrl: string;
  /** ICV-09: where a terrorism report's copies are e-mailed; unset, they await the manager. */
  authorityEmail: string | null;
}) {
  const { db, now, t, mail } = deps;
  const { lookups } = deps.directory.directory;
  const today = () => todayInLondon(now());

  function refuse(refusals: readonly SaidRefusal[], errors: FieldError[] = []): void {
    const all = [...errors, ...fieldErrors(t, refusals)];
    if (all.length) throw new ValidationError(all);
  }

  /** The visitor record of the person signed in, if they are a lay visitor of a panel. */
  async function visitorOf(executor: Executor, user: UserPrincipal): Promise<Visitor | null> {
    if (!user.roles.some((g) => g.role === 'lay_visitor')) return null;
    const personId = await lookups.personIdForUser(executor, user.userId);
    if (!personId) return null;
    const [visitor] = await executor
      .select()
      .from(custodyVisitors)
      .where(eq(custodyVisitors.personId, personId));
    return visitor ?? null;
  }

  /** ICV-02: whether each visitor may visit today (appointed, vetted, trained, not suspended). */
  async function eligible(executor: Executor, visitors: readonly Visitor[]) {
    const ids = visitors.map((v) => v.id);
    const courses = ids.length
      ? await executor
          .select()
          .from(custodyVisitorCourses)
          .where(inArray(custodyVisitorCourses.visitorId, ids))
      : [];
    const on = today();
    return new Map(
      visitors.map((v) => [
        v.id,
        rotaEligibility({ ...v, courses: courses.filter((c) => c.visitorId === v.id) }, on),
      ]),
    );
  }

  /** The lay visitor writing a report: an appointed visitor who may visit, with their panel. */
  async function writer(executor: Executor, principal: Principal) {
    const { user, reach } = await schemeReach(executor, principal, 'custody.reports.write');
    const me = await visitorOf(executor, user);
    if (!me) throw new ForbiddenError(t('custody-visiting:reports.errors.notAVisitor'));
    const why = (await eligible(executor, [me])).get(me.id);
    if (why) throw new ForbiddenError(t('custody-visiting:reports.errors.mayNotVisit'));
    const [panel] = await executor
      .select()
      .from(custodyPanels)
      .where(eq(custodyPanels.id, me.panelId));
    return { user, reach, me, panel: panel! };
  }

  /** The report, if the person asking may read it; otherwise not found (ICV-07). */
  async function find(executor: Executor, principal: Principal, id: string, lock = false) {
    const { user, reach } = await schemeReach(executor, principal, 'custody.reports.view');
    const query = executor
      .select()
      .from(custodyVisitReports)
      .where(eq(custodyVisitReports.id, isUuid(id) ? id : '00000000-0000-0000-0000-000000000000'));
    const [report] = lock ? await query.for('update') : await query;
    const me = await visitorOf(executor, user);
    if (!report || !seesReport(reach, me?.id ?? null, report)) throw new NotFoundError();
    return { user, reach, me, report };
  }

  /** The report as one of its visitors changes it: a draft, theirs. */
  async function draftFor(executor: Executor, principal: Principal, id: string) {
    requireWriter(principal);
    const found = await find(executor, principal, id, true);
    if (!visitorRole(found.report, found.me?.id ?? null)) throw new NotFoundError();
    if (found.report.status !== 'draft')
      throw new ConflictError(t('custody-visiting:reports.errors.sent'));
    return found as typeof found & { me: Visitor };
  }

  function requireWriter(principal: Principal) {
    if (
      !principal ||
      principal.kind !== 'user' ||
      !principal.roles.some((g) => g.role === 'lay_visitor')
    )
      throw new NotFoundError();
  }

  /** A changed report is confirmed again by both: they confirm what is sent. */
  async function touch(tx: Executor, report: VisitReport, set: Partial<VisitReport>) {
    const [after] = await tx
      .update(custodyVisitReports)
      .set({
        ...set,
        firstConfirmedAt: null,
        secondConfirmedAt: null,
        updatedAt: now(),
        version: report.version + 1,
      })
      .where(eq(custodyVisitReports.id, report.id))
      .returning();
    return after!;
  }

  function idempotencyKeyOf(input: Input): string {
    const key = input.idempotencyKey;
    // A form without its key (never one of Bridge's) is refused rather than done twice.
    if (!isUuid(key))
      throw new ValidationError([
        { field: 'idempotencyKey', message: t('custody-visiting:reports.errors.noKey') },
      ]);
    return key;
  }

  async function namesOf(executor: Executor, visitorIds: readonly string[]) {
    const visitors = visitorIds.length
      ? await executor
          .select({ id: custodyVisitors.id, personId: custodyVisitors.personId })
          .from(custodyVisitors)
          .where(inArray(custodyVisitors.id, [...visitorIds]))
      : [];
    const people = await lookups.people(
      executor,
      visitors.map((v) => v.personId),
    );
    return new Map(visitors.map((v) => [v.id, people.get(v.personId)?.fullName ?? '']));
  }

  /**
   * ICV-03: the signed-in visitor's visit on the rota that a report is begun from: theirs, not
   * missed, its day come, and not reported yet; otherwise not found, or refused as reported.
   */
  async function visitToReport(executor: Executor, me: Visitor, visitId: string, lock = false) {
    const query = executor.select().from(custodyVisits).where(eq(custodyVisits.id, visitId));
    // Locked while a report is begun from it: the other visitor's, at once, waits and is refused.
    const [visit] = isUuid(visitId) ? await (lock ? query.for('update') : query) : [];
    if (!visit || (visit.firstVisitorId !== me.id && visit.secondVisitorId !== me.id))
      throw new NotFoundError();
    const [reported] = await executor
      .select({ id: custodyVisitReports.id })
      .from(custodyVisitReports)
      .where(eq(custodyVisitReports.visitId, visit.id));
    if (!visitReportable(visit, !!reported, today()))
      throw new ConflictError(t('custody-visiting:reports.errors.visitNotReportable'), 'suiteId');
    const partnerId = visit.firstVisitorId === me.id ? visit.secondVisitorId : visit.firstVisitorId;
    return { visit, partnerId };
  }

  /** ICV-09: e-mails the authority's copy: a link to the report in Bridge, never a detainee. */
  async function mailCopies(
    tx: Executor,
    report: VisitReport,
    suite: string,
    copies: readonly { recipient: string; sentTo: string | null }[],
  ) {
    const values = {
      suite,
      date: formatDate(t, report.visitedOn),
      link: `${deps.publicUrl}${reportPaths.report(report.id)}`,
    };
    await mail.queueMany(
      tx,
      copies
        .filter((c) => c.sentTo)
        .map((c) => ({
          to: c.sentTo!,
          subject: t('custody-visiting:reports.terrorism.mail.subject', values),
          text: t('custody-visiting:reports.terrorism.mail.text', {
            ...values,
            recipient: t(`custody-visiting:reports.terrorism.recipient.${c.recipient}`),
          }),
        })),
    );
  }

  return {
    /** The form that begins a report: the suites of the visitor's panel and who may go with them. */
    async starting(principal: Principal, visitId?: string) {
      const { me, panel } = await writer(db, principal);
      const fromVisit = visitId ? await visitToReport(db, me, visitId) : null;
      const [suites, others] = await Promise.all([
        // The suites of the panel's area, as the register finds them (its lower(area) index).
        db
          .select({ id: custodySuites.id, name: custodySuites.name })
          .from(custodySuites)
          .where(sql`lower(${custodySuites.area}) = lower(${panel.area})`)
          .orderBy(asc(custodySuites.name)),
        db.select().from(custodyVisitors).where(eq(custodyVisitors.panelId, panel.id)),
      ]);
      const may = await eligible(db, others);
      const partners = others.filter((v) => v.id !== me.id && !may.get(v.id));
      const names = await namesOf(
        db,
        partners.map((v) => v.id),
      );
      return {
        panel,
        suites,
        today: today(),
        visit: fromVisit && {
          ...fromVisit.visit,
          partnerId: fromVisit.partnerId,
          suite: suites.find((s) => s.id === fromVisit.visit.suiteId)?.name ?? '',
          partner: (await namesOf(db, [fromVisit.partnerId])).get(fromVisit.partnerId) ?? '',
        },
        partners: partners
          .map((v) => ({ id: v.id, fullName: names.get(v.id)! }))
          .sort((a, b) => a.fullName.localeCompare(b.fullName, 'en')),
      };
    },

    /**
     * ICV-03, ICV-04: begins a report: the suite (one of the panel's), the day (not later than
     * today), the other visitor (of the panel, who may visit), arrival and admission, a delay's
     * reason and authorising inspector. The same form sent again is the report it began.
     */
    async start(principal: Principal, input: Input, requestId?: string): Promise<VisitReport> {
      const key = idempotencyKeyOf(input);
      return db.transaction(async (tx) => {
        const { user, me, panel } = await writer(tx, principal);
        const [already] = await tx
          .select()
          .from(custodyVisitReports)
          .where(eq(custodyVisitReports.idempotencyKey, key));
        if (already) {
          if (already.firstVisitorId !== me.id) throw new NotFoundError();
          return already;
        }
        const errors: FieldError[] = [];
        const refusals: SaidRefusal[] = [];
        // ICV-03: begun from a visit on the rota, the suite and the pair are the visit's.
        const fromVisit = input.visitId ? await visitToReport(tx, me, input.visitId, true) : null;
        const suiteId = fromVisit ? fromVisit.visit.suiteId : input.suiteId;
        const [suite] = isUuid(suiteId)
          ? await tx.select().from(custodySuites).where(eq(custodySuites.id, suiteId))
          : [];
        if (!suite || !sameArea(suite.area, panel.area))
          refusals.push({ field: 'suiteId', key: 'custody-visiting:reports.errors.suiteMissing' });
        const visitedOn = dateField(
          t,
          input,
          'visitedOn',
          t('custody-visiting:reports.fields.visitedOnLabel'),
          errors,
        );
        if (visitedOn && visitedOn > today())
          refusals.push({
            field: 'visitedOn-day',
            key: 'custody-visiting:reports.errors.inFuture',
          });
        else if (visitedOn && fromVisit) {
          const outside = visitDayRefusal(visitedOn, fromVisit.visit.weekStarting);
          if (outside) refusals.push(outside);
        }
        const secondId = fromVisit
          ? fromVisit.partnerId
          : isUuid(input.secondVisitorId)
            ? input.secondVisitorId
            : null;
        const pair = visitPairRefusal(me.id, secondId);
        if (pair) refusals.push(pair);
        else {
          const [second] = await tx
            .select()
            .from(custodyVisitors)
            .where(eq(custodyVisitors.id, secondId!));
          if (
            !second ||
            second.panelId !== panel.id ||
            (await eligible(tx, [second])).get(second.id)
          )
            refusals.push({
              field: 'secondVisitorId',
              key: 'custody-visiting:reports.errors.partnerMayNotVisit',
            });
        }
        const admission = validateAdmission(input);
        refuse([...refusals, ...admission.refusals], errors);
        const [report] = await tx
          .insert(custodyVisitReports)
          .values({
            visitId: fromVisit?.visit.id ?? null,
            suiteId: suite!.id,
            panelId: panel.id,
            visitedOn: visitedOn!,
            firstVisitorId: me.id,
            secondVisitorId: secondId!,
            ...admission.value,
            idempotencyKey: key,
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: `${RECORD_TYPE}.started`,
          recordType: RECORD_TYPE,
          recordId: report!.id,
          after: report,
        });
        return report!;
      });
    },

    /** A report with its detainees (children and vulnerable first) and what it still needs. */
    async get(principal: Principal, id: string) {
      const { me, reach, report } = await find(db, principal, id);
      const [detainees, [suite], names, copies] = await Promise.all([
        db
          .select()
          .from(custodyVisitReportDetainees)
          .where(eq(custodyVisitReportDetainees.reportId, report.id)),
        db
          .select({ id: custodySuites.id, name: custodySuites.name })
          .from(custodySuites)
          .where(eq(custodySuites.id, report.suiteId)),
        namesOf(db, [report.firstVisitorId, report.secondVisitorId]),
        report.terrorismReport
          ? db
              .select()
              .from(custodyVisitReportCopies)
              .where(eq(custodyVisitReportCopies.reportId, report.id))
              .orderBy(asc(custodyVisitReportCopies.recipient))
          : [],
      ]);
      const role = visitorRole(report, me?.id ?? null);
      return {
        report,
        copies,
        /** ICV-09: a copy not e-mailed is sent by the scheme manager, who records it. */
        recordsCopies: reach.manager,
        suite: suite!,
        detainees: detaineesInOrder(detainees),
        firstVisitor: names.get(report.firstVisitorId)!,
        secondVisitor: names.get(report.secondVisitorId)!,
        role,
        missing: missingParts(report, detainees.length),
        confirmedByMe:
          role === 'first'
            ? !!report.firstConfirmedAt
            : role === 'second'
              ? !!report.secondConfirmedAt
              : false,
      };
    },

    /**
     * The reports the person asking reads, latest visit first: a visitor's own (drafts too);
     * the sent reports of their suites for a custody inspector; every sent one for the manager.
     */
    async list(principal: Principal, query: { limit: number; offset: number }) {
      const { user, reach } = await schemeReach(db, principal, 'custody.reports.view');
      const me = await visitorOf(db, user);
      const submitted = eq(custodyVisitReports.status, 'submitted');
      const seen: SQL[] = [];
      if (me)
        seen.push(
          eq(custodyVisitReports.firstVisitorId, me.id),
          eq(custodyVisitReports.secondVisitorId, me.id),
        );
      if (reach.manager) seen.push(submitted);
      else {
        if (reach.suiteIds.length)
          seen.push(and(submitted, inArray(custodyVisitReports.suiteId, [...reach.suiteIds]))!);
        // The coordinator reads the sent reports of their panel's visits (of its area's suites).
        if (reach.panelIds.length)
          seen.push(and(submitted, inArray(custodyVisitReports.panelId, [...reach.panelIds]))!);
      }
      if (!seen.length) return { items: [], total: 0 };
      const where = or(...seen);
      const [rows, [total]] = await Promise.all([
        db
          .select({ report: custodyVisitReports, suite: custodySuites.name })
          .from(custodyVisitReports)
          .innerJoin(custodySuites, eq(custodySuites.id, custodyVisitReports.suiteId))
          .where(where)
          .orderBy(desc(custodyVisitReports.visitedOn), desc(custodyVisitReports.createdAt))
          .limit(query.limit)
          .offset(query.offset),
        db.select({ n: count() }).from(custodyVisitReports).where(where),
      ]);
      return {
        items: rows.map((r) => ({ ...r.report, suite: r.suite })),
        total: Number(total?.n ?? 0),
      };
    },

    /** A detainee of the report, for its form. */
    async detainee(principal: Principal, id: string, detaineeId: string) {
      const { report } = await draftFor(db, principal, id);
      const [row] = isUuid(detaineeId)
        ? await db
            .select()
            .from(custodyVisitReportDetainees)
            .where(
              and(
                eq(custodyVisitReportDetainees.id, detaineeId),
                eq(custodyVisitReportDetainees.reportId, report.id),
              ),
            )
        : [];
      if (!row) throw new NotFoundError();
      return row;
    },

    /** The report as its visitors change it (a draft of theirs), for a form's page. */
    async draft(principal: Principal, id: string) {
      return (await draftFor(db, principal, id)).report;
    },

    /** A draft's form: the draft (its two visitors' alone) and the suite it is of, for the page. */
    async draftForm(principal: Principal, id: string) {
      const { report } = await draftFor(db, principal, id);
      const [suite] = await db
        .select({ id: custodySuites.id, name: custodySuites.name })
        .from(custodySuites)
        .where(eq(custodySuites.id, report.suiteId));
      return { report, suite: suite! };
    },

    /**
     * ICV-05: adds a detainee present (by custody record number only) or changes one. The same
     * form sent again adds no second detainee; a record number already listed is refused.
     */
    async saveDetainee(
      principal: Principal,
      id: string,
      detaineeId: string | null,
      input: Input,
      requestId?: string,
    ): Promise<VisitReport> {
      const key = detaineeId ? null : idempotencyKeyOf(input);
      return db.transaction(async (tx) => {
        const { user, report } = await draftFor(tx, principal, id);
        if (key) {
          const [already] = await tx
            .select({ reportId: custodyVisitReportDetainees.reportId })
            .from(custodyVisitReportDetainees)
            .where(eq(custodyVisitReportDetainees.idempotencyKey, key));
          if (already) {
            if (already.reportId !== report.id) throw new NotFoundError();
            return report;
          }
        }
        const { refusals, value } = validateDetainee(input as DetaineeInput);
        refuse(refusals);
        const listed = await tx
          .select()
          .from(custodyVisitReportDetainees)
          .where(eq(custodyVisitReportDetainees.reportId, report.id));
        const before = detaineeId ? listed.find((d) => d.id === detaineeId) : undefined;
        if (detaineeId && !before) throw new NotFoundError();
        if (
          listed.some(
            (d) => d.id !== detaineeId && d.custodyRecordNumber === value.custodyRecordNumber,
          )
        )
          refuse([
            {
              field: 'custodyRecordNumber',
              key: 'custody-visiting:reports.errors.recordNumberListed',
            },
          ]);
        const [after] = before
          ? await tx
              .update(custodyVisitReportDetainees)
              .set(value)
              .where(eq(custodyVisitReportDetainees.id, before.id))
              .returning()
          : await tx
              .insert(custodyVisitReportDetainees)
              .values({ ...value, reportId: report.id, idempotencyKey: key! })
              .returning();
        const changed = await touch(tx, report, {});
        await recordAudit(tx, actorOf(user, requestId), {
          action: `${RECORD_TYPE}.detainee-${before ? 'changed' : 'added'}`,
          recordType: RECORD_TYPE,
          recordId: report.id,
          before,
          after,
        });
        return changed;
      });
    },

    /** ICV-04: the day, arrival and admission (and a delay's reason) put right on a draft. */
    async changeVisit(principal: Principal, id: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, report } = await draftFor(tx, principal, id);
        const errors: FieldError[] = [];
        const visitedOn = dateField(
          t,
          input,
          'visitedOn',
          t('custody-visiting:reports.fields.visitedOnLabel'),
          errors,
        );
        const refusals: SaidRefusal[] = [];
        if (visitedOn && visitedOn > today())
          refusals.push({
            field: 'visitedOn-day',
            key: 'custody-visiting:reports.errors.inFuture',
          });
        else if (visitedOn && report.visitId) {
          const [visit] = await tx
            .select({ weekStarting: custodyVisits.weekStarting })
            .from(custodyVisits)
            .where(eq(custodyVisits.id, report.visitId));
          const outside = visit && visitDayRefusal(visitedOn, visit.weekStarting);
          if (outside) refusals.push(outside);
        }
        const admission = validateAdmission(input);
        refuse([...refusals, ...admission.refusals], errors);
        const after = await touch(tx, report, { visitedOn: visitedOn!, ...admission.value });
        await recordAudit(tx, actorOf(user, requestId), {
          action: `${RECORD_TYPE}.visit-changed`,
          recordType: RECORD_TYPE,
          recordId: report.id,
          before: report,
          after,
        });
        return after;
      });
    },

    /** Takes a detainee listed by mistake off the report (a draft); both confirm it again. */
    async removeDetainee(principal: Principal, id: string, detaineeId: string, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, report } = await draftFor(tx, principal, id);
        const [before] = isUuid(detaineeId)
          ? await tx
              .delete(custodyVisitReportDetainees)
              .where(
                and(
                  eq(custodyVisitReportDetainees.id, detaineeId),
                  eq(custodyVisitReportDetainees.reportId, report.id),
                ),
              )
              .returning()
          : [];
        if (!before) throw new NotFoundError();
        const after = await touch(tx, report, {});
        await recordAudit(tx, actorOf(user, requestId), {
          action: `${RECORD_TYPE}.detainee-removed`,
          recordType: RECORD_TYPE,
          recordId: report.id,
          before,
        });
        return after;
      });
    },

    /** ICV-06, ICV-07: the checks, detainees present, conditions, issues and follow-up. */
    async recordChecks(principal: Principal, id: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, report } = await draftFor(tx, principal, id);
        const { refusals, value } = validateChecks(input);
        refuse(refusals);
        const after = await touch(tx, report, { ...value, checksRecordedAt: now() });
        await recordAudit(tx, actorOf(user, requestId), {
          action: `${RECORD_TYPE}.checks-recorded`,
          recordType: RECORD_TYPE,
          recordId: report.id,
          before: report,
          after,
        });
        return after;
      });
    },

    /**
     * ICV-07: one of the two visitors confirms the report (complete); when both have, it is
     * sent. Confirming again changes nothing (a form sent twice).
     */
    async confirm(principal: Principal, id: string, requestId?: string) {
      return db.transaction(async (tx) => {
        requireWriter(principal);
        const { user, me, report } = await find(tx, principal, id, true);
        const role = visitorRole(report, me?.id ?? null);
        if (!role) throw new NotFoundError();
        const mine = role === 'first' ? report.firstConfirmedAt : report.secondConfirmedAt;
        if (mine) return report;
        const detainees = await tx
          .select({ terrorism: custodyVisitReportDetainees.terrorism })
          .from(custodyVisitReportDetainees)
          .where(eq(custodyVisitReportDetainees.reportId, report.id));
        const refusal = confirmationRefusal(report, me!.id, detainees.length);
        if (refusal) throw new ConflictError(say(t, refusal), 'confirm');
        const at = now();
        const first = role === 'first' ? at : report.firstConfirmedAt;
        const second = role === 'second' ? at : report.secondConfirmedAt;
        const sent = !!first && !!second;
        // ICV-09: sent with a detainee held under terrorism legislation, it is copied.
        const copies = sent ? reportCopies(detainees, deps.authorityEmail) : [];
        const [after] = await tx
          .update(custodyVisitReports)
          .set({
            firstConfirmedAt: first,
            secondConfirmedAt: second,
            ...(sent && {
              status: 'submitted' as const,
              submittedAt: at,
              terrorismReport: copies.length > 0,
            }),
            updatedAt: at,
            version: report.version + 1,
          })
          .where(eq(custodyVisitReports.id, report.id))
          .returning();
        const recorded = copies.length
          ? await tx
              .insert(custodyVisitReportCopies)
              .values(
                copies.map((c) => ({
                  reportId: report.id,
                  recipient: c.recipient,
                  sentTo: c.sentTo,
                  sentAt: c.sentTo ? at : null,
                  method: c.sentTo ? ('email' as const) : null,
                })),
              )
              .returning()
          : [];
        if (copies.length) {
          const [suite] = await tx
            .select({ name: custodySuites.name })
            .from(custodySuites)
            .where(eq(custodySuites.id, report.suiteId));
          await mailCopies(tx, after!, suite!.name, copies);
        }
        // ICV-03: the visit on the rota it reports is made, on the day and at the time reported.
        const made =
          sent && report.visitId
            ? await tx
                .update(custodyVisits)
                .set({
                  status: 'made',
                  visitOn: report.visitedOn,
                  visitMinutes: parseClockTime(report.arrivedAt.slice(0, 5)),
                  updatedAt: at,
                  version: sql`${custodyVisits.version} + 1`,
                })
                .where(
                  and(eq(custodyVisits.id, report.visitId), eq(custodyVisits.status, 'planned')),
                )
                .returning({ id: custodyVisits.id })
            : [];
        await recordAudit(tx, actorOf(user, requestId), {
          action: `${RECORD_TYPE}.${sent ? 'submitted' : 'confirmed'}`,
          recordType: RECORD_TYPE,
          recordId: report.id,
          before: report,
          after: {
            ...after,
            ...(recorded.length && { copies: recorded }),
            ...(made.length && { visitMade: made[0]!.id }),
          },
        });
        return after!;
      });
    },

    /**
     * ICV-09: the scheme manager records a terrorism report's copy, not e-mailed, as sent
     * by hand: to whom and on what day (from the report's sending to today).
     */
    async recordCopySent(principal: Principal, id: string, input: Input, requestId?: string) {
      const copyId = input.copyId;
      return db.transaction(async (tx) => {
        await schemeReach(tx, principal, 'custody.reports.review');
        const { user, report } = await find(tx, principal, id, true);
        if (report.status !== 'submitted') throw new NotFoundError();
        const [copy] = isUuid(copyId)
          ? await tx
              .select()
              .from(custodyVisitReportCopies)
              .where(
                and(
                  eq(custodyVisitReportCopies.id, copyId),
                  eq(custodyVisitReportCopies.reportId, report.id),
                ),
              )
              .for('update')
          : [];
        if (!copy)
          throw new ValidationError([
            { field: 'copyId', message: t('custody-visiting:reports.errors.copyMissing') },
          ]);
        const errors: FieldError[] = [];
        const sentOn = dateField(
          t,
          input,
          'sentOn',
          t('custody-visiting:reports.terrorism.sentOnLabel'),
          errors,
        );
        const sentTo = (input.sentTo ?? '').trim();
        refuse(
          copySentRefusals({
            awaiting: copy.sentAt === null,
            sentTo,
            sentOn,
            reportSentOn: todayInLondon(report.submittedAt!),
            today: today(),
          }),
          errors,
        );
        const [after] = await tx
          .update(custodyVisitReportCopies)
          .set({
            sentTo,
            // The day sent, at noon London time near enough: the day is what is recorded.
            sentAt: new Date(`${sentOn!}T12:00:00Z`),
            method: 'by_hand',
            recordedBy: user.userId,
            updatedAt: now(),
            version: copy.version + 1,
          })
          .where(eq(custodyVisitReportCopies.id, copy.id))
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: `${RECORD_TYPE}.copy-sent`,
          recordType: RECORD_TYPE,
          recordId: report.id,
          before: copy,
          after,
        });
        return after!;
      });
    },
  };
}
