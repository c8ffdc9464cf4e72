/**
 * A panel's lay visitors (ICV-01, ICV-02), kept by the scheme manager and the panel's own
 * coordinator: each visitor's independence declaration, interview, vetting, appointment and its
 * renewals, probation, training and suspension. Nobody else sees them: a visitor's personal
 * details are not the police's. Each action is one transaction with one audit event.
 */
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service.js';
import { actorOf, type Principal } from '../../../platform/auth/principal.js';
import { todayInLondon, toLondonDate, type IsoDate } from '../../../platform/calendar/index.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import type { FieldError } from '../../../platform/errors.js';
import { dateField, isEmailAddress } from '../../../platform/http/form-fields.js';
import { isUuid } from '../../../platform/http/params.js';
import type { Translate } from '../../../platform/i18n/messages.js';
import { fieldErrors, type SaidRefusal } from '../../../platform/i18n/said.js';
import type { DirectoryApi } from '../../directory/index.js';
import { keptPanel, schemeReach } from '../access.js';
import { applicationReference, seesApplication } from '../application-rules.js';
import {
  appointmentRefusal,
  hasLeft,
  independenceRefusals,
  interviewRefusals,
  isSuspended,
  leavingRefusals,
  LEAVING_REASONS,
  notAfterToday,
  onProbation,
  probationDueOn,
  probationSignOffRefusal,
  renewal,
  requiredText,
  rotaEligibility,
  termEnd,
  vettingRefusals,
  type VisitorRecord,
} from '../visitor-rules.js';
import { seesPanel, tidy } from '../rules.js';
import { custodyPanels, custodyVisitorCourses, custodyVisitors } from '../schema.js';
import { custodyVisitorApplications } from '../applications/schema.js';

export type Visitor = typeof custodyVisitors.$inferSelect;
export type VisitorCourse = typeof custodyVisitorCourses.$inferSelect;
export type VisitorsService = ReturnType<typeof createVisitorsService>;
type Input = Record<string, string | undefined>;
type Change = Partial<typeof custodyVisitors.$inferInsert>;

export function createVisitorsService(deps: {
  db: Db;
  directory: DirectoryApi;
  now: () => Date;
  t: Translate;
  /** ICV-02: the years of a fixed term (a setting, default three). */
  termYears: number;
}) {
  const { db, now, t, termYears } = deps;
  const { lookups } = deps.directory.directory;
  const today = () => todayInLondon(now());

  /** The panel, if the person asking is its coordinator or the scheme manager. */
  const panelFor = (executor: Executor, principal: Principal, panelId: string) =>
    keptPanel(executor, principal, panelId, 'custody.panels.view');

  /** The visitor, if of a panel the person asking keeps; another panel's is not found. */
  async function find(executor: Executor, principal: Principal, id: string) {
    const { user, reach } = await schemeReach(executor, principal, 'custody.panels.view');
    const [visitor] = isUuid(id)
      ? await executor.select().from(custodyVisitors).where(eq(custodyVisitors.id, id))
      : [];
    if (!visitor || !seesPanel(reach, { id: visitor.panelId })) throw new NotFoundError();
    return { user, reach, visitor };
  }

  async function coursesOf(executor: Executor, visitorIds: readonly string[]) {
    const byVisitor = new Map<string, VisitorCourse[]>();
    if (!visitorIds.length) return byVisitor;
    const rows = await executor
      .select()
      .from(custodyVisitorCourses)
      .where(inArray(custodyVisitorCourses.visitorId, [...visitorIds]))
      .orderBy(asc(custodyVisitorCourses.completedOn), asc(custodyVisitorCourses.createdAt));
    for (const row of rows)
      byVisitor.set(row.visitorId, [...(byVisitor.get(row.visitorId) ?? []), row]);
    return byVisitor;
  }

  const recordOf = (v: Visitor, courses: readonly VisitorCourse[]): VisitorRecord => ({
    ...v,
    courses,
  });

  /** ICV-02: whether they may be put on the rota today, and whether on probation. */
  function standing(v: Visitor, courses: readonly VisitorCourse[], on: IsoDate) {
    const record = recordOf(v, courses);
    return {
      rota: rotaEligibility(record, on),
      onProbation: onProbation(record),
      suspended: isSuspended(v, on),
      left: hasLeft(v, on),
    };
  }

  function refuse(refusals: readonly SaidRefusal[], errors: FieldError[] = []): void {
    const all = [...errors, ...fieldErrors(t, refusals)];
    if (all.length) throw new ValidationError(all);
  }

  const stale = () => new ConflictError(t('custody-visiting:errors.staleEdit'), 'version');

  /**
   * One action on a visitor's record: `decide` checks the form against the record (throwing
   * its refusals) and gives the columns to write, written only while the record is as the form
   * saw it, with its audit event.
   */
  async function change(
    principal: Principal,
    id: string,
    input: Input,
    requestId: string | undefined,
    action: string,
    decide: (visitor: Visitor, tx: Executor) => Promise<Change>,
  ): Promise<Visitor> {
    return db.transaction(async (tx) => {
      const { user, visitor: before } = await find(tx, principal, id);
      if (input.version !== undefined && Number(input.version) !== before.version) throw stale();
      const set = await decide(before, tx);
      const [after] = await tx
        .update(custodyVisitors)
        .set({ ...set, updatedAt: now(), version: sql`${custodyVisitors.version} + 1` })
        .where(and(eq(custodyVisitors.id, id), eq(custodyVisitors.version, before.version)))
        .returning();
      if (!after) throw stale();
      await recordAudit(tx, actorOf(user, requestId), {
        action: `custody-visitor.${action}`,
        recordType: 'custody-visitor',
        recordId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** A date the form must give, that has happened (or is today). */
  function pastDate(input: Input, name: string, label: string, errors: FieldError[]) {
    const on = dateField(t, input, name, label, errors);
    errors.push(...fieldErrors(t, notAfterToday(name, on, today())));
    return on;
  }

  return {
    /** ICV-02: a panel's visitors by name, each with whether they can be put on the rota. */
    async list(principal: Principal, panelId: string, query: { limit: number; offset: number }) {
      const { panel } = await panelFor(db, principal, panelId);
      const fullName = deps.directory.personNameSql(custodyVisitors.personId);
      const where = eq(custodyVisitors.panelId, panel.id);
      const [rows, [total]] = await Promise.all([
        db
          .select({ visitor: custodyVisitors, fullName })
          .from(custodyVisitors)
          .where(where)
          .orderBy(asc(fullName), asc(custodyVisitors.id))
          .limit(query.limit)
          .offset(query.offset),
        db.select({ n: count() }).from(custodyVisitors).where(where),
      ]);
      const courses = await coursesOf(
        db,
        rows.map((r) => r.visitor.id),
      );
      const on = today();
      return {
        panel,
        items: rows.map((r) => ({
          ...r.visitor,
          fullName: r.fullName,
          ...standing(r.visitor, courses.get(r.visitor.id) ?? [], on),
        })),
        total: Number(total?.n ?? 0),
      };
    },

    /** The panel a visitor is being added to (the add form's page). */
    async panel(principal: Principal, panelId: string) {
      return (await panelFor(db, principal, panelId)).panel;
    },

    /** A visitor's page: each record, their courses, and whether they can be put on the rota. */
    async get(principal: Principal, id: string) {
      const { reach, visitor } = await find(db, principal, id);
      const [people, courses, [panel], [application]] = await Promise.all([
        lookups.people(db, [visitor.personId]),
        coursesOf(db, [visitor.id]),
        db.select().from(custodyPanels).where(eq(custodyPanels.id, visitor.panelId)),
        db
          .select({
            id: custodyVisitorApplications.id,
            area: custodyVisitorApplications.area,
            createdAt: custodyVisitorApplications.createdAt,
          })
          .from(custodyVisitorApplications)
          .where(eq(custodyVisitorApplications.visitorId, visitor.id)),
      ]);
      const person = people.get(visitor.personId);
      const mine = courses.get(visitor.id) ?? [];
      return {
        visitor,
        panel: panel!,
        person: { fullName: person?.fullName ?? '', email: person?.email ?? '' },
        courses: mine,
        // ICV-02: the public application they came from, if any; linked for whoever may read it.
        application: application && {
          id: application.id,
          reference: applicationReference(application.id),
          receivedOn: toLondonDate(application.createdAt),
          readable: seesApplication(reach, application),
        },
        probationDueOn: visitor.appointedOn ? probationDueOn(visitor.appointedOn) : null,
        ...standing(visitor, mine, today()),
      };
    },

    /**
     * ICV-01: a visitor added with their independence declaration: someone who cannot declare
     * it (police, or otherwise directly in the criminal justice system) is refused, saying why.
     * The person is found in the directory by e-mail address, or added to it.
     */
    async add(principal: Principal, panelId: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, panel } = await panelFor(tx, principal, panelId);
        const errors: FieldError[] = [];
        const fullName = tidy(input.fullName);
        const email = tidy(input.email).toLowerCase();
        const refusals = [
          ...requiredText('fullName', fullName, 200),
          ...requiredText('email', email, 320),
        ];
        if (email && !isEmailAddress(email))
          refusals.push({ field: 'email', key: 'custody-visiting:visitors.errors.emailInvalid' });
        refusals.push(...independenceRefusals(input));
        const label = t('custody-visiting:visitors.dates.declaredOn');
        const declaredOn = pastDate(input, 'declaredOn', label, errors);
        refuse(refusals, errors);
        const {
          ids: [personId],
        } = await lookups.findOrAddPeople(tx, [{ fullName, email }]);
        const [already] = await tx
          .select({ id: custodyVisitors.id })
          .from(custodyVisitors)
          .where(eq(custodyVisitors.personId, personId!));
        if (already)
          refuse([{ field: 'email', key: 'custody-visiting:visitors.errors.alreadyVisitor' }]);
        const [row] = await tx
          .insert(custodyVisitors)
          .values({ personId: personId!, panelId: panel.id, declaredOn: declaredOn! })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'custody-visitor.created',
          recordType: 'custody-visitor',
          recordId: row!.id,
          after: row,
        });
        return { ...row!, fullName };
      });
    },

    /** ICV-02: the compulsory interview: its date, who sat on its panel, and its outcome. */
    recordInterview(principal: Principal, id: string, input: Input, requestId?: string) {
      return change(principal, id, input, requestId, 'interviewed', async () => {
        const errors: FieldError[] = [];
        const on = pastDate(
          input,
          'interviewedOn',
          t('custody-visiting:visitors.dates.interviewedOn'),
          errors,
        );
        const interviewPanel = tidy(input.interviewPanel);
        refuse(interviewRefusals({ interviewPanel, outcome: input.outcome }), errors);
        return {
          interviewedOn: on!,
          interviewPanel,
          interviewOutcome: input.outcome as 'suitable' | 'unsuitable',
        };
      });
    },

    /** ICV-02: vetting's result, the day it was given and, when cleared, when it expires. */
    recordVetting(principal: Principal, id: string, input: Input, requestId?: string) {
      return change(principal, id, input, requestId, 'vetted', async () => {
        const errors: FieldError[] = [];
        const vettedOn = pastDate(
          input,
          'vettedOn',
          t('custody-visiting:visitors.dates.vettedOn'),
          errors,
        );
        const cleared = input.result === 'cleared';
        const expiresOn = cleared
          ? dateField(
              t,
              input,
              'expiresOn',
              t('custody-visiting:visitors.dates.expiresOn'),
              errors,
              {
                required: false,
              },
            )
          : null;
        refuse(vettingRefusals({ result: input.result, vettedOn, expiresOn }), errors);
        return {
          vettingResult: input.result as 'cleared' | 'refused',
          vettedOn: vettedOn!,
          vettingExpiresOn: expiresOn,
        };
      });
    },

    /** ICV-02: appointed for a fixed term, after a suitable interview and cleared vetting. */
    appoint(principal: Principal, id: string, input: Input, requestId?: string) {
      return change(principal, id, input, requestId, 'appointed', async (visitor) => {
        const errors: FieldError[] = [];
        const on = pastDate(
          input,
          'appointedOn',
          t('custody-visiting:visitors.dates.appointedOn'),
          errors,
        );
        refuse([], errors);
        const refusal = appointmentRefusal(recordOf(visitor, []), on!);
        refuse(refusal ? [refusal] : []);
        return { appointedOn: on!, termEndsOn: termEnd(on!, termYears) };
      });
    },

    /** ICV-02: the term renewed for another fixed term. */
    renew(principal: Principal, id: string, input: Input, requestId?: string) {
      return change(principal, id, input, requestId, 'renewed', async (visitor) => {
        const errors: FieldError[] = [];
        const on = pastDate(
          input,
          'renewedOn',
          t('custody-visiting:visitors.dates.renewedOn'),
          errors,
        );
        refuse([], errors);
        const renewed = renewal(recordOf(visitor, []), on!, termYears);
        if ('refusal' in renewed) refuse([renewed.refusal]);
        return { renewedOn: on!, termEndsOn: (renewed as { termEndsOn: IsoDate }).termEndsOn };
      });
    },

    /** ICV-02: probation signed off, on a day, by someone named. */
    signOffProbation(principal: Principal, id: string, input: Input, requestId?: string) {
      return change(principal, id, input, requestId, 'probation-signed-off', async (visitor) => {
        const errors: FieldError[] = [];
        const on = pastDate(
          input,
          'signedOffOn',
          t('custody-visiting:visitors.dates.signedOffOn'),
          errors,
        );
        const by = tidy(input.signedOffBy);
        refuse(requiredText('signedOffBy', by, 200), errors);
        const refusal = probationSignOffRefusal(recordOf(visitor, []), on!);
        refuse(refusal ? [refusal] : []);
        return { probationSignedOffOn: on!, probationSignedOffBy: by };
      });
    },

    /** ICV-02: a training course done, recorded with its date; the induction course marked. */
    async addCourse(principal: Principal, id: string, input: Input, requestId?: string) {
      return db.transaction(async (tx) => {
        const { user, visitor } = await find(tx, principal, id);
        const errors: FieldError[] = [];
        const completedOn = pastDate(
          input,
          'completedOn',
          t('custody-visiting:visitors.dates.completedOn'),
          errors,
        );
        const name = tidy(input.courseName);
        refuse(requiredText('courseName', name, 200), errors);
        const [course] = await tx
          .insert(custodyVisitorCourses)
          .values({
            visitorId: visitor.id,
            name,
            completedOn: completedOn!,
            induction: input.induction === 'yes',
          })
          .returning();
        await recordAudit(tx, actorOf(user, requestId), {
          action: 'custody-visitor.course-recorded',
          recordType: 'custody-visitor',
          recordId: visitor.id,
          after: course,
        });
        return course!;
      });
    },

    /** A visitor suspended from a day, for a reason: they are not put on the rota meanwhile. */
    suspend(principal: Principal, id: string, input: Input, requestId?: string) {
      return change(principal, id, input, requestId, 'suspended', async (visitor) => {
        const errors: FieldError[] = [];
        const from = dateField(
          t,
          input,
          'suspendedFrom',
          t('custody-visiting:visitors.dates.suspendedFrom'),
          errors,
        );
        const reason = (input.reason ?? '').trim();
        const refusals = requiredText('reason', reason, 1000);
        if (visitor.suspendedFrom)
          refusals.push({
            field: 'suspendedFrom-day',
            key: 'custody-visiting:visitors.errors.alreadySuspended',
          });
        refuse(refusals, errors);
        return { suspendedFrom: from!, suspensionReason: reason };
      });
    },

    /**
     * ICV-02, ICV-10: a visitor recorded as having left the scheme, on a day and for a reason
     * from the list; from that day they are never offered for the rota.
     */
    recordLeaving(principal: Principal, id: string, input: Input, requestId?: string) {
      return change(principal, id, input, requestId, 'left', async (visitor) => {
        const errors: FieldError[] = [];
        const on = pastDate(input, 'leftOn', t('custody-visiting:visitors.dates.leftOn'), errors);
        refuse(leavingRefusals(visitor, on, input.reason), errors);
        return {
          leftOn: on!,
          leavingReason: LEAVING_REASONS.find((r) => r === input.reason)!,
        };
      });
    },

    /** The suspension lifted: the audit trail keeps when it ran and why. */
    liftSuspension(principal: Principal, id: string, input: Input, requestId?: string) {
      return change(principal, id, input, requestId, 'suspension-lifted', async (visitor) => {
        if (!visitor.suspendedFrom)
          throw new ConflictError(t('custody-visiting:visitors.errors.notSuspended'), 'version');
        return { suspendedFrom: null, suspensionReason: null };
      });
    },
  };
}
